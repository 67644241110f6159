"""The comparison as Rich renderables (shared by the CLI's text output and the
TUI screen) and as plain text readable at 80 columns for two firms.

Two firms are headed by their names in the tables; more, by
the letters of the legend, so that the tables stay as narrow as they can.
"""

from __future__ import annotations

import io
import string

from rich import box
from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from gvc_advisor.engine.i18n import N_, _, ngettext
from gvc_advisor.engine.kb.model import KnowledgeBase
from gvc_advisor.services.compare_firms.model import Difference, FirmComparison, path_text
from gvc_advisor.services.reporting.labels import actors as actor_labels

#: With more firms than this, the tables are headed by the letters of the legend.
NAMED_COLUMNS = 2
#: What a difference is about, by its kind.
KINDS = {"fact": N_("diagnosis"), "recommendation": N_("advice"), "warning": N_("warning")}


def letter(index: int) -> str:
    letters = string.ascii_uppercase
    return letters[index] if index < 26 else f"{letters[index // 26 - 1]}{letters[index % 26]}"


def _headers(comparison: FirmComparison) -> list[str]:
    if len(comparison.firms) <= NAMED_COLUMNS:
        return [f.label for f in comparison.firms]
    return [letter(i) for i in range(len(comparison.firms))]


def _table(first: str, *columns: str, first_width: int = 22) -> Table:
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, expand=True, show_edge=False)
    table.add_column(first, min_width=first_width, ratio=3, overflow="fold")
    for name in columns:
        table.add_column(name, ratio=2, overflow="fold")
    return table


def legend(comparison: FirmComparison) -> Text:
    text = Text()
    count = len(comparison.firms)
    text.append(ngettext("Comparing {n} firm", "Comparing {n} firms", count), style="bold")
    kb = comparison.kb
    text.append(f" — {kb['name']} {kb['version']} ({kb['hash']})\n")
    for index, firm in enumerate(comparison.firms):
        text.append(f"  {letter(index)}  ", style="bold")
        text.append(f"{firm.label}  ")
        text.append(f"{firm.source}\n", style="dim")
    return text


def diagnosis_table(kb: KnowledgeBase, comparison: FirmComparison) -> Table:
    table = _table(_("Diagnosis"), *_headers(comparison))
    for row in comparison.diagnosis:
        cells = [f"{kb.value_label(row.fact, c.value)} {c.cf:.2f}" if c.value else _("undetermined") for c in row.cells]
        style = "bold" if row.differs else ""
        table.add_row(Text(("≠ " if row.differs else "  ") + row.label, style=style), *cells)
    return table


def plan_table(comparison: FirmComparison) -> Table:
    horizon = comparison.has_horizon
    table = _table(_("Plan: priority (certainty)"), _("who acts"), *_headers(comparison))
    for row in comparison.plan:
        cells = []
        for cell in row.cells:
            if cell is None:
                cells.append("—")
            else:
                when = f" {cell.horizon}" if horizon and cell.horizon else ""
                cells.append(f"{cell.priority} ({cell.cf:.2f}){when}")
        title = Text(("≠ " if row.differs else "  ") + row.title, style="bold" if row.differs else "")
        table.add_row(title, actor_labels(row.actors), *cells)
    if not comparison.plan:
        table.add_row("  " + _("no recommendation for any of the firms"), "", *["" for _unused in comparison.firms])
    return table


def _line(indent: int, *parts: tuple[str, str] | str) -> Padding:
    """One line of text that wraps under itself (hanging indent)."""
    text = Text()
    for part in parts:
        text.append(*(part if isinstance(part, tuple) else (part,)))
    return Padding(text, (0, 0, 0, indent))


def difference_lines(kb: KnowledgeBase, comparison: FirmComparison, difference: Difference) -> Group:
    kind = _(KINDS[difference.kind])
    lines = [_line(0, (f"≠ {difference.title}", "bold"), (f"  ({kind})", "dim"))]
    lines += [_line(4, f"{letter(i)}: {outcome}") for i, outcome in enumerate(difference.outcomes)]
    for cause in difference.causes:
        values = " · ".join(f"{letter(i)} {v if v is not None else '(' + _('not answered') + ')'}"
                            for i, v in enumerate(cause.values))
        lines.append(_line(4, (_("because of "), "italic"), (cause.answer, "bold"), _(": ") + values))
        lines += [_line(8, (f"{letter(i)}: {path_text(kb, chain, difference.target)}", "dim"))
                  for i, chain in cause.paths]
    for index, shortfall in difference.shortfalls:
        lacking = _("; ").join(shortfall.unmet) or _("its conditions hold, but with too little certainty")
        lines.append(_line(4, _("{firm} lacks, for rule {rule}: {lacking}", firm=letter(index), rule=shortfall.rule,
                                lacking=lacking)))
    if not difference.causes and not difference.shortfalls:
        lines.append(_line(4, (_("no single differing answer explains it: the certainties of the same "
                                 "answers combine differently"), "italic")))
    lines.append(Text(""))
    return Group(*lines)


def renderables(kb: KnowledgeBase, comparison: FirmComparison) -> list[RenderableType]:
    parts: list[RenderableType] = [legend(comparison), diagnosis_table(kb, comparison), Text(""),
                                   plan_table(comparison), Text(""),
                                   Text(_("What differs and why"), style="bold underline")]
    if not comparison.differences:
        parts.append(Text(_("The firms get the same diagnosis and the same advice.") + "\n"))
    parts += [difference_lines(kb, comparison, d) for d in comparison.differences]
    if comparison.other_answers:
        parts.append(Text(_("Answers that differ without changing the diagnosis or the advice:"), style="bold"))
        for cause in comparison.other_answers:
            values = " · ".join(f"{letter(i)} {v if v is not None else '—'}" for i, v in enumerate(cause.values))
            parts.append(_line(2, (cause.answer, "bold"), _(": ") + values))
    return parts


def to_text(kb: KnowledgeBase, comparison: FirmComparison, width: int = 80, color: bool = False) -> str:
    """Plain (or ANSI-coloured) text; the same input and width give the same bytes."""
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, color_system="standard" if color else None,
                      force_terminal=color, legacy_windows=False, highlight=False, emoji=False)
    console.print(Group(*renderables(kb, comparison)))
    return "\n".join(line.rstrip() for line in buffer.getvalue().splitlines()) + "\n"
