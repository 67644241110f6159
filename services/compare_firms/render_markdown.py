"""The comparison as Markdown (GitHub tables), for reports and wikis."""

from __future__ import annotations

from gvc_advisor.engine.i18n import _, ngettext
from gvc_advisor.engine.kb.model import KnowledgeBase
from gvc_advisor.services.compare_firms.model import Difference, FirmComparison, path_text
from gvc_advisor.services.compare_firms.render_text import KINDS, letter
from gvc_advisor.services.reporting.labels import actors as actor_labels
from gvc_advisor.services.reporting.labels import upgrading_kind


def cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _row(*cells: str) -> str:
    return "| " + " | ".join(cells) + " |"


def _difference(kb: KnowledgeBase, d: Difference) -> list[str]:
    lines = [f"### ≠ {d.title} ({_(KINDS[d.kind])})", ""]
    lines += [f"- **{letter(i)}**: {outcome}" for i, outcome in enumerate(d.outcomes)]
    lines.append("")
    if d.causes:
        lines += [_("Because of:"), ""]
    for cause in d.causes:
        values = " · ".join(f"{letter(i)} {v if v is not None else '(' + _('not answered') + ')'}"
                            for i, v in enumerate(cause.values))
        lines.append(f"- `{cause.answer}` ({cause.label})" + _(": ") + values)
        lines += [f"  - {letter(i)}: `{path_text(kb, chain, d.target)}`" for i, chain in cause.paths]
    for index, shortfall in d.shortfalls:
        lacking = _("; ").join(shortfall.unmet) or _("its conditions hold, but with too little certainty")
        lines.append("- " + _("{firm} lacks, for rule {rule}: {lacking}", firm=letter(index),
                              rule=f"`{shortfall.rule}`", lacking=lacking))
    if not d.causes and not d.shortfalls:
        lines.append(_("No single differing answer explains it: the certainties of the same answers combine "
                       "differently."))
    return [*lines, ""]


def to_markdown(kb: KnowledgeBase, comparison: FirmComparison) -> str:
    info = comparison.kb
    lines = ["# " + ngettext("Comparing {n} firm", "Comparing {n} firms", len(comparison.firms)), "",
             _("Knowledge base: {name} {version} (hash {hash})", name=info["name"], version=info["version"],
               hash=info["hash"]), "",
             _row("", _("firm"), _("file")), _row("---", "---", "---")]
    lines += [_row(letter(i), cell(f.label), cell(f.source)) for i, f in enumerate(comparison.firms)]
    heads = [letter(i) for i in range(len(comparison.firms))]
    lines += ["", "## " + _("Diagnosis"), "", _("≠ marks what differs."), "",
              _row("", *heads), _row("---", *["---"] * len(heads))]
    for row in comparison.diagnosis:
        cells = [cell(f"{kb.value_label(row.fact, c.value)} ({c.cf:.2f})") if c.value else _("undetermined")
                 for c in row.cells]
        lines.append(_row(("≠ " if row.differs else "") + cell(row.label), *cells))
    horizon = comparison.has_horizon
    lines += ["", "## " + _("Plans"), "", _("Priority (certainty) of each recommendation; — where it is not given."),
              "", _row(_("recommendation"), _("type"), _("who acts"), *heads), _row(*["---"] * (3 + len(heads)))]
    for row in comparison.plan:
        cells = [f"{c.priority} ({c.cf:.2f})" + (f" {cell(c.horizon)}" if horizon and c.horizon else "") if c else "—"
                 for c in row.cells]
        lines.append(_row(("≠ " if row.differs else "") + cell(row.title), cell(upgrading_kind(row.upgrading_type)),
                          cell(actor_labels(row.actors)), *cells))
    lines += ["", "## " + _("What differs and why"), ""]
    if not comparison.differences:
        lines += [_("The firms get the same diagnosis and the same advice."), ""]
    for difference in comparison.differences:
        lines += _difference(kb, difference)
    if comparison.other_answers:
        lines += ["## " + _("Answers that differ without changing the diagnosis or the advice"), ""]
        for cause in comparison.other_answers:
            values = " · ".join(f"{letter(i)} {v if v is not None else '—'}" for i, v in enumerate(cause.values))
            lines.append(f"- `{cause.answer}` ({cause.label})" + _(": ") + values)
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"
