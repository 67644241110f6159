"""The roll-up as Rich renderables (the CLI's text output and the TUI screen) and
as plain text that fits 80 columns."""

from __future__ import annotations

import io

from rich import box
from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from gvc_advisor.services.rollup.summary import RollupSummary, percent

#: Recommendations listed in the text output (the other formats list all of them).
TOP = 12
#: Heat-map shades, from the emptiest to the fullest cell (foreground and background both
#: given, so that they read on light and dark themes alike).
SHADES = ("", "black on light_cyan1", "black on sky_blue2", "white on dodger_blue3", "bold white on blue3")


def _n(value: int) -> str:
    return f"{value:,}"


def plural(count: int, one: str, many: str) -> str:
    return f"{_n(count)} {one if count == 1 else many}"


def heading(s: RollupSummary) -> Text:
    text = Text()
    text.append("Cluster roll-up", style="bold")
    text.append(f" — {_n(s.firms)} firms")
    if s.skipped:
        text.append(f", {plural(s.skipped, 'row or file', 'rows or files')} skipped", style="bold red")
    text.append(f"\n{s.kb['name']} {s.kb['version']} ({s.kb['hash']}) · inputs: {', '.join(s.inputs)}", style="dim")
    return text


def grid_table(s: RollupSummary) -> Table:
    """Driver and status down, governance across: 80 columns hold it even at 10,000 firms."""
    governance = s.axes["governance"]
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False, title_justify="left",
                  title="Firms in the grid: governance × driver × firm status", title_style="bold")
    table.add_column("driver", no_wrap=True)
    table.add_column("status", no_wrap=True)
    for gov in governance:
        table.add_column(gov, justify="right", no_wrap=True)
    top = max((c.firms for c in s.grid), default=0)
    for driver in s.axes["driver"]:
        for n, status in enumerate(s.axes["firm_status"]):
            cells = []
            for gov in governance:
                count = s.cell(gov, driver, status)
                level = 0 if not count else 1 + round(3 * count / top)
                cells.append(Text(_n(count) if count else "·", style=SHADES[min(level, 4)]))
            table.add_row(driver if n == 0 else "", status, *cells)
    return table


def shares(s: RollupSummary) -> Text:
    text = Text()
    for sh in s.shares:
        text.append(f"{sh.label}: {sh.value_label.split(':')[0].lower()}", style="bold")
        text.append(f"  {percent(sh.firms, sh.total)} ({_n(sh.firms)} of {_n(sh.total)} firms)\n")
        spread = " · ".join(f"{v} {_n(n)}" for v, n in sh.by_value.items())
        text.append(f"    {spread} · undetermined {_n(sh.undetermined)}\n", style="dim")
    return text


def recommendations_table(s: RollupSummary, limit: int | None = TOP) -> Table:
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False, title_justify="left",
                  title="Most frequent recommendations", title_style="bold", expand=True)
    table.add_column("firms", justify="right", no_wrap=True)
    table.add_column("share", justify="right", no_wrap=True)
    table.add_column("1st", justify="right", no_wrap=True)
    table.add_column("recommendation", ratio=1)
    shown = s.recommendations if limit is None else s.recommendations[:limit]
    for r in shown:
        table.add_row(_n(r.firms), percent(r.firms, r.total), _n(r.first), r.title)
    if len(shown) < len(s.recommendations):
        table.add_row("", "", "", Text(f"… and {len(s.recommendations) - len(shown)} more (see --format json "
                                       "or html)", style="dim"))
    if not s.recommendations:
        table.add_row("", "", "", "no recommendation for any firm")
    return table


def measures_block(s: RollupSummary) -> Table:
    table = Table.grid(padding=(0, 1))
    table.title = "Collective measures for the cluster association and local government"
    table.title_style, table.title_justify = "bold", "left"
    table.add_column(no_wrap=True)
    table.add_column(ratio=1)
    if not s.measures:
        table.add_row(Text("·", style="dim"), Text(f"none declared in {s.measures_source}", style="dim"))
    for m in s.measures:
        mark = Text("✓ proposed", style="bold green") if m.proposed else Text("· not yet", style="dim")
        text = Text()
        text.append(m.title, style="bold" if m.proposed else "")
        text.append(f" — {plural(m.firms, 'firm', 'firms')} ({percent(m.firms, m.total)}); threshold: {m.threshold}\n")
        needed = [f"recommended {', '.join(m.recommended)}"] if m.recommended else []
        needed += [m.condition] if m.condition else []
        text.append(f"for {', '.join(a.replace('_', ' ') for a in m.actors)}; needed when " + " or ".join(needed),
                    style="dim")
        table.add_row(mark, text)
    return table


def skipped_block(s: RollupSummary) -> Group:
    if not s.skipped:
        return Group(Text("Every row and file was rolled up.", style="dim"))
    lines: list[RenderableType] = [Text(
        f"Skipped {plural(s.skipped, 'row or file', 'rows or files')} "
        f"({plural(s.problem_count, 'problem', 'problems')}), never guessed:", style="bold red")]
    lines += [Padding(Text(line), (0, 0, 0, 2)) for line in s.problems[:10]]
    if s.problem_count > 10:
        lines.append(Text(f"  … {_n(s.problem_count - 10)} more (all on standard error)", style="dim"))
    return Group(*lines)


def renderables(s: RollupSummary) -> list[RenderableType]:
    undetermined = Text(f"undetermined (a dimension not established): {plural(s.undetermined, 'firm', 'firms')}\n",
                        style="dim")
    return [heading(s), Text(""), grid_table(s), undetermined, shares(s), recommendations_table(s), Text(""),
            measures_block(s), Text(""), skipped_block(s)]


def to_text(s: RollupSummary, width: int = 80, color: bool = False) -> str:
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, color_system="standard" if color else None,
                      force_terminal=color, legacy_windows=False, highlight=False, emoji=False)
    console.print(Group(*renderables(s)))
    return "\n".join(line.rstrip() for line in buffer.getvalue().splitlines()) + "\n"
