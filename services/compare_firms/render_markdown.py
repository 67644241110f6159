"""The comparison as Markdown (GitHub tables), for reports and wikis."""

from __future__ import annotations

from gvc_advisor.engine.kb.model import KnowledgeBase
from gvc_advisor.services.compare_firms.model import Difference, FirmComparison, path_text
from gvc_advisor.services.compare_firms.render_text import letter

KINDS = {"fact": "diagnosis", "recommendation": "advice", "warning": "warning"}


def cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _row(*cells: str) -> str:
    return "| " + " | ".join(cells) + " |"


def _difference(kb: KnowledgeBase, d: Difference) -> list[str]:
    lines = [f"### ≠ {d.title} ({KINDS[d.kind]})", ""]
    lines += [f"- **{letter(i)}**: {outcome}" for i, outcome in enumerate(d.outcomes)]
    lines.append("")
    if d.causes:
        lines += ["Because of:", ""]
    for cause in d.causes:
        values = " · ".join(f"{letter(i)} {v if v is not None else '(not answered)'}"
                            for i, v in enumerate(cause.values))
        lines.append(f"- `{cause.answer}` ({cause.label}): {values}")
        lines += [f"  - {letter(i)}: `{path_text(kb, chain, d.target)}`" for i, chain in cause.paths]
    for index, shortfall in d.shortfalls:
        lacking = "; ".join(shortfall.unmet) or "its conditions hold, but with too little certainty"
        lines.append(f"- {letter(index)} lacks, for rule `{shortfall.rule}`: {lacking}")
    if not d.causes and not d.shortfalls:
        lines.append("No single differing answer explains it: the certainties of the same answers combine "
                     "differently.")
    return [*lines, ""]


def to_markdown(kb: KnowledgeBase, comparison: FirmComparison) -> str:
    info = comparison.kb
    lines = [f"# Comparing {len(comparison.firms)} firms", "",
             f"Knowledge base: {info['name']} {info['version']} (hash {info['hash']})", "",
             _row("", "firm", "file"), _row("---", "---", "---")]
    lines += [_row(letter(i), cell(f.label), cell(f.source)) for i, f in enumerate(comparison.firms)]
    heads = [letter(i) for i in range(len(comparison.firms))]
    lines += ["", "## Diagnosis", "", "≠ marks what differs.", "",
              _row("", *heads), _row("---", *["---"] * len(heads))]
    for row in comparison.diagnosis:
        cells = [cell(f"{kb.value_label(row.fact, c.value)} ({c.cf:.2f})") if c.value else "undetermined"
                 for c in row.cells]
        lines.append(_row(("≠ " if row.differs else "") + cell(row.label), *cells))
    horizon = comparison.has_horizon
    lines += ["", "## Plans", "", "Priority (certainty) of each recommendation; — where it is not given.", "",
              _row("recommendation", "type", "who acts", *heads), _row(*["---"] * (3 + len(heads)))]
    for row in comparison.plan:
        cells = [f"{c.priority} ({c.cf:.2f})" + (f" {cell(c.horizon)}" if horizon and c.horizon else "") if c else "—"
                 for c in row.cells]
        lines.append(_row(("≠ " if row.differs else "") + cell(row.title), row.upgrading_type,
                          ", ".join(a.replace("_", " ") for a in row.actors), *cells))
    lines += ["", "## What differs and why", ""]
    if not comparison.differences:
        lines += ["The firms get the same diagnosis and the same advice.", ""]
    for difference in comparison.differences:
        lines += _difference(kb, difference)
    if comparison.other_answers:
        lines += ["## Answers that differ without changing the diagnosis or the advice", ""]
        for cause in comparison.other_answers:
            values = " · ".join(f"{letter(i)} {v if v is not None else '—'}" for i, v in enumerate(cause.values))
            lines.append(f"- `{cause.answer}` ({cause.label}): {values}")
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"
