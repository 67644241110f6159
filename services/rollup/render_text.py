"""The roll-up as Rich renderables (the CLI's text output and the TUI screen) and
as plain text that fits 80 columns."""

from __future__ import annotations

import io
import re

from rich import box
from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from gvc_advisor.engine.i18n import _, ngettext
from gvc_advisor.services.reporting.labels import actors as actor_labels
from gvc_advisor.services.rollup.summary import MeasureResult, RollupSummary, percent, short_axis

#: Recommendations listed in the text output (the other formats list all of them).
TOP = 12
#: Heat-map shades, from the emptiest to the fullest cell (foreground and background both
#: given, so that they read on light and dark themes alike).
SHADES = ("", "black on light_cyan1", "black on sky_blue2", "white on dodger_blue3", "bold white on blue3")


def _n(value: int) -> str:
    return f"{value:,}"


def heading(s: RollupSummary) -> Text:
    text = Text()
    text.append(_("Cluster roll-up"), style="bold")
    text.append(" — " + ngettext("{count} firm", "{count} firms", s.firms, count=_n(s.firms)))
    if s.skipped:
        text.append(ngettext(", {count} row or file skipped", ", {count} rows or files skipped", s.skipped,
                             count=_n(s.skipped)), style="bold red")
    text.append("\n" + _("{kb} {version} ({hash}) · inputs: {inputs}", kb=s.kb["name"], version=s.kb["version"],
                         hash=s.kb["hash"], inputs=", ".join(s.inputs)), style="dim")
    return text



def grid_table(s: RollupSummary) -> Table:
    """Driver and status down, governance across: 80 columns hold it even at 10,000 firms."""
    governance = s.axes["governance"]
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False, title_justify="left",
                  title=_("Firms in the grid: governance × driver × firm status"), title_style="bold")
    table.add_column(_("driver"), no_wrap=True)
    table.add_column(_("status"), no_wrap=True)
    for gov in governance:
        table.add_column(short_axis(s, "governance", gov), justify="right", no_wrap=True)
    top = max((c.firms for c in s.grid), default=0)
    for driver in s.axes["driver"]:
        for n, status in enumerate(s.axes["firm_status"]):
            cells = []
            for gov in governance:
                count = s.cell(gov, driver, status)
                level = 0 if not count else 1 + round(3 * count / top)
                cells.append(Text(_n(count) if count else "·", style=SHADES[min(level, 4)]))
            table.add_row(short_axis(s, "driver", driver) if n == 0 else "", short_axis(s, "firm_status", status),
                          *cells)
    return table



def shares(s: RollupSummary) -> Text:
    text = Text()
    for sh in s.shares:
        value = re.split("[:：]", sh.value_label)[0].lower()  # "Critical: past the point…" → "critical"
        text.append(_("{label}: {value}", label=sh.label, value=value), style="bold")
        text.append(f"  {percent(sh.firms, sh.total)} (" + _("{firms} of {total} firms", firms=_n(sh.firms),
                                                             total=_n(sh.total)) + ")\n")
        spread = " · ".join(f"{short_axis(s, sh.fact, v)} {_n(n)}" for v, n in sh.by_value.items())
        text.append(f"    {spread} · " + _("undetermined {n}", n=_n(sh.undetermined)) + "\n", style="dim")
    return text


def recommendations_table(s: RollupSummary, limit: int | None = TOP) -> Table:
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False, title_justify="left",
                  title=_("Most frequent recommendations"), title_style="bold", expand=True)
    table.add_column(_("firms"), justify="right", no_wrap=True)
    table.add_column(_("share"), justify="right", no_wrap=True)
    table.add_column(_("1st"), justify="right", no_wrap=True)
    table.add_column(_("recommendation"), ratio=1)
    shown = s.recommendations if limit is None else s.recommendations[:limit]
    for r in shown:
        table.add_row(_n(r.firms), percent(r.firms, r.total), _n(r.first), r.title)
    if len(shown) < len(s.recommendations):
        table.add_row("", "", "", Text(_("… and {n} more (see --format json or html)",
                                         n=len(s.recommendations) - len(shown)), style="dim"))
    if not s.recommendations:
        table.add_row("", "", "", _("no recommendation for any firm"))
    return table


def measures_block(s: RollupSummary) -> Table:
    table = Table.grid(padding=(0, 1))
    table.title = _("Collective measures for the cluster association and local government")
    table.title_style, table.title_justify = "bold", "left"
    table.add_column(no_wrap=True)
    table.add_column(ratio=1)
    if not s.measures:
        table.add_row(Text("·", style="dim"), Text(_("none declared in {file}", file=s.measures_source), style="dim"))
    for m in s.measures:
        mark = Text("✓ " + _("proposed"), style="bold green") if m.proposed else Text("· " + _("not yet"), style="dim")
        text = Text()
        text.append(m.title, style="bold" if m.proposed else "")
        text.append(" — " + ngettext("{count} firm", "{count} firms", m.firms, count=_n(m.firms))
                    + f" ({percent(m.firms, m.total)})" + _("; threshold: {threshold}", threshold=m.threshold) + "\n")
        text.append(_("for {actors}; needed when {needed}", actors=actor_labels(m.actors), needed=needed_text(m)),
                    style="dim")
        table.add_row(mark, text)
    return table


def skipped_block(s: RollupSummary) -> Group:
    if not s.skipped:
        return Group(Text(_("Every row and file was rolled up."), style="dim"))
    lines: list[RenderableType] = [Text(_("Skipped {rows} ({problems}), never guessed:", rows=ngettext(
        "{count} row or file", "{count} rows or files", s.skipped, count=_n(s.skipped)), problems=ngettext(
        "{count} problem", "{count} problems", s.problem_count, count=_n(s.problem_count))), style="bold red")]
    lines += [Padding(Text(line), (0, 0, 0, 2)) for line in s.problems[:10]]
    if s.problem_count > 10:
        lines.append(Text("  " + _("… {n} more (all on standard error)", n=_n(s.problem_count - 10)), style="dim"))
    return Group(*lines)


def needed_text(m: MeasureResult, code: bool = False) -> str:
    """When a measure is needed: the recommendations it follows and/or its condition
    (``code``: ids in Markdown code spans)."""
    ids = [f"`{r}`" if code else r for r in m.recommended]
    needed = [_("recommended {ids}", ids=", ".join(ids))] if m.recommended else []
    needed += [m.condition] if m.condition else []
    return _(" or ").join(needed)


def renderables(s: RollupSummary) -> list[RenderableType]:
    undetermined = Text(_("undetermined (a dimension not established): {firms}", firms=ngettext(
        "{count} firm", "{count} firms", s.undetermined, count=_n(s.undetermined))) + "\n", style="dim")
    return [heading(s), Text(""), grid_table(s), undetermined, shares(s), recommendations_table(s), Text(""),
            measures_block(s), Text(""), skipped_block(s)]


def to_text(s: RollupSummary, width: int = 80, color: bool = False) -> str:
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, color_system="standard" if color else None,
                      force_terminal=color, legacy_windows=False, highlight=False, emoji=False)
    console.print(Group(*renderables(s)))
    return "\n".join(line.rstrip() for line in buffer.getvalue().splitlines()) + "\n"
