"""Page one for the terminal, rendered with Rich: readable at 80 columns.

All text is passed as :class:`rich.text.Text` (never as markup), so square
brackets in a firm name are printed, not interpreted; control characters and
escape sequences are removed by :func:`.escape.clean` first.
"""

from __future__ import annotations

import io

from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from gvc_advisor.engine.i18n import _
from gvc_advisor.services.reporting.escape import clean
from gvc_advisor.services.reporting.labels import cf, comma, semicolon
from gvc_advisor.services.reporting.model import DiagnosisLine, Report


def _t(text: object, style: str = "") -> Text:
    return Text(clean(text), style=style)


def _heading(title: str) -> Rule:
    return Rule(Text(title, style="bold"), align="left", style="dim")


def _diagnosis_value(line: DiagnosisLine) -> Text:
    if line.value is None:
        return _t(_("undetermined from the answers given"), "italic")
    text = Text.assemble(_t(line.value, "bold"), ("  " + _("certainty {cf}", cf=cf(line.cf)), "dim"))
    if line.stated:
        text.append("  " + _("stated by the consultant"), "dim")
    if line.alternatives:
        others = comma().join(f"{clean(label)} ({cf(value)})" for label, value in line.alternatives)
        if line.contested:
            text.append("\n" + _("contested by "), "bold yellow")
            text.append(others, "yellow")
        else:
            text.append("\n" + _("also considered: {others}", others=others), "dim")
    return text


def _diagnosis(report: Report) -> list[RenderableType]:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="cyan", ratio=2)
    table.add_column(ratio=3)
    for line in report.dimensions:
        table.add_row(_t(line.label), _diagnosis_value(line))
    parts: list[RenderableType] = [_heading(_("Diagnosis")), table]
    if report.other_facts:
        also = semicolon().join(_("{label}: {value}", label=clean(line.label), value=clean(line.value))
                                + f" ({cf(line.cf)})" for line in report.other_facts)
        parts.append(Padding(Text(_("Also established: {facts}.", facts=also), style="dim"), (1, 0, 0, 0)))
    return parts


def _plan(report: Report) -> list[RenderableType]:
    parts: list[RenderableType] = [Text(), _heading(_("Priority plan"))]
    if not report.plan:
        parts.append(Text(_("No recommendation reached the certainty threshold ({threshold}); answer more "
                            "questions or check the answers.", threshold=cf(report.threshold))))
        return parts
    table = Table.grid(padding=(0, 1))
    table.add_column(justify="right", style="bold")
    table.add_column()
    for line in report.plan:
        title = Text.assemble((_("Continue and deepen: ") if line.continue_existing else "", "bold"),
                              _t(line.title, "bold"), ("  " + _("certainty {cf}", cf=cf(line.cf)), "dim"))
        if line.choice_group:
            title.append("  " + _("choose one: {group}", group=clean(line.choice_group)), "yellow")
        body = Text("\n").join([title, Text.assemble((_("Why: "), "dim"), _t(line.reason)),
                                Text.assemble((_("When: "), "dim"), _t(line.horizon_label), (_(" · Who: "), "dim"),
                                              _t(comma().join(line.actor_labels)))])
        table.add_row(f"{line.priority}.", body)
    parts.append(table)
    if report.later:
        later = semicolon().join(f"{line.priority}. {clean(line.title)}" for line in report.later)
        parts.append(Padding(Text(_("Later in the plan (see the full report): {items}.", items=later), style="dim"),
                             (1, 0, 0, 0)))
    return parts


def _warnings(report: Report) -> list[RenderableType]:
    if not report.warnings:
        return []
    table = Table.grid(padding=(0, 1))
    table.add_column(style="bold yellow")
    table.add_column()
    for w in report.warnings:
        table.add_row("!", Text("\n").join([Text.assemble(_t(w.title, "bold"),
                                                           ("  " + _("certainty {cf}", cf=cf(w.cf)), "dim")),
                                           _t(w.message)]))
    return [Text(), _heading(_("Key warnings")), table]


def page_one_renderable(report: Report, hint: str | None = None) -> Group:
    header = [_t(report.title, "bold"), Text(f"{report.date} · {clean(report.kb_name)} {clean(report.kb_version)}",
                                             style="dim"), Text()]
    footer = [Text(), _t(hint, "dim")] if hint else []
    return Group(*header, *_diagnosis(report), *_plan(report), *_warnings(report), *footer)


def render_text(report: Report, width: int = 80, color: bool = False, hint: str | None = None) -> str:
    """Page one as terminal text: plain when ``color`` is false (files, pipes, golden tests)."""
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, force_terminal=color, color_system="standard" if color else None,
                      no_color=not color, highlight=False, emoji=False, markup=False, legacy_windows=False,
                      soft_wrap=False)
    console.print(page_one_renderable(report, hint))
    return "\n".join(line.rstrip() for line in buffer.getvalue().splitlines()) + "\n"
