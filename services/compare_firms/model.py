"""Firms compared side by side: the diagnoses, the plans, and what differs and why.

For every conclusion that differs between the firms (a diagnosed fact, a
recommendation, a warning, or a recommendation weighted very differently) the
comparison traces the derivation back to the answers (:mod:`.trace`) and keeps
those answers that differ between the firms: the *causes*.  For a firm that
did not get the conclusion it also names the closest rule and what that rule
lacks, and traces the facts it lacks back to that firm's own answers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from gvc_advisor.engine.engines import engine_for
from gvc_advisor.engine.errors import UserError
from gvc_advisor.engine.i18n import _
from gvc_advisor.engine.kb.model import KnowledgeBase
from gvc_advisor.engine.result import Consultation
from gvc_advisor.services.compare_firms.trace import Chain, Shortfall, breaks_in, closest_rule, support
from gvc_advisor.services.firm_advice import Diagnosis, FirmAdvice, PlanStep, diagnosed_facts, firm_advice
from gvc_advisor.services.firm_files import FirmInput

#: Certainties of one recommendation further apart than this are reported as a difference.
CF_SPREAD = 0.1
#: Paths shown per firm and cause (the first, shortest ones).
PATHS_PER_FIRM = 3


@dataclass
class ComparedFirm:
    label: str
    source: str
    consultation: Consultation
    advice: FirmAdvice


@dataclass
class DiagnosisRow:
    fact: str
    label: str
    cells: list[Diagnosis]

    @property
    def differs(self) -> bool:
        """A different value, or the same value with certainties at least CF_SPREAD apart."""
        if len({cell.value for cell in self.cells}) > 1:
            return True
        cfs = [cell.cf for cell in self.cells]
        return max(cfs) - min(cfs) >= CF_SPREAD


@dataclass
class PlanRow:
    recommendation: str
    title: str
    upgrading_type: str
    actors: tuple[str, ...]
    cells: list[PlanStep | None]

    @property
    def differs(self) -> bool:
        return len({cell.priority if cell else None for cell in self.cells}) > 1


@dataclass
class Cause:
    """An answer that differs between the firms, and how it leads to the difference."""

    answer: str
    label: str
    values: list[str | None]  # per firm; None: not answered
    paths: list[tuple[int, Chain]] = field(default_factory=list)  # (firm index, chain up to the conclusion)


@dataclass
class Difference:
    kind: str  # fact | recommendation | warning
    target: str
    title: str
    outcomes: list[str]  # per firm, in words
    causes: list[Cause] = field(default_factory=list)
    shortfalls: list[tuple[int, Shortfall]] = field(default_factory=list)


@dataclass
class FirmComparison:
    kb: dict[str, str]
    firms: list[ComparedFirm]
    diagnosis: list[DiagnosisRow]
    plan: list[PlanRow]
    differences: list[Difference]
    other_answers: list[Cause]  # answers that differ without changing any conclusion

    @property
    def has_horizon(self) -> bool:
        return any(cell and cell.horizon for row in self.plan for cell in row.cells)


def firm_labels(inputs: list[FirmInput]) -> list[str]:
    """Firm names, made unique with the file name (then a number) where two firms share one."""
    names = [i.firm for i in inputs]
    labels = [f"{i.firm} ({Path(i.source).name})" if names.count(i.firm) > 1 else i.firm for i in inputs]
    seen: dict[str, int] = {}
    for index, label in enumerate(labels):
        seen[label] = seen.get(label, 0) + 1
        if seen[label] > 1:
            labels[index] = f"{label} #{seen[label]}"
    return labels


def compare_firms(kb: KnowledgeBase, inputs: list[FirmInput]) -> FirmComparison:
    if len(inputs) < 2:
        raise UserError(_("comparing needs at least two firms (answers files or saved sessions)"),
                        file="<command line>")
    engine = engine_for(kb)
    firms = []
    for label, item in zip(firm_labels(inputs), inputs, strict=True):
        consultation = engine.consult(item.answers)
        firms.append(ComparedFirm(label, item.source, consultation, firm_advice(kb, consultation)))
    diagnosis = [DiagnosisRow(fact, kb.facts[fact].label,
                              [next(d for d in f.advice.diagnosis if d.fact == fact) for f in firms])
                 for fact in diagnosed_facts(kb)]
    plan = _plan_rows(kb, firms)
    differences = _fact_differences(kb, firms, diagnosis) + _advice_differences(kb, firms, plan)
    explained = {cause.answer for d in differences for cause in d.causes}
    other = [cause for cause in _differing_answers(kb, firms, _all_answers(kb, firms)) if cause.answer not in explained]
    return FirmComparison(kb.version_info, firms, diagnosis, plan, differences, other)


def _plan_rows(kb: KnowledgeBase, firms: list[ComparedFirm]) -> list[PlanRow]:
    ids = {step.recommendation for f in firms for step in f.advice.plan}

    def order(rec_id: str) -> tuple:
        steps = [f.advice.step(rec_id) for f in firms]
        priorities = [s.priority for s in steps if s]
        return (min(priorities), -len(priorities), rec_id)

    rows = []
    for rec_id in sorted(ids, key=order):
        rec = kb.recommendations[rec_id]
        cells = [f.advice.step(rec_id) for f in firms]
        actors = next(c.actors for c in cells if c)
        rows.append(PlanRow(rec_id, rec.title, rec.upgrading_type.value, actors, cells))
    return rows


# -- answers -------------------------------------------------------------------
def _all_answers(kb: KnowledgeBase, firms: list[ComparedFirm]) -> list[str]:
    return _in_kb_order(kb, {name for f in firms for name in f.consultation.answers})


def _shown_answer(kb: KnowledgeBase, firm: ComparedFirm, name: str) -> str | None:
    answer = firm.consultation.answers.get(name)
    if answer is None:
        return None
    shown = kb.value_label(name, answer.value)
    return shown if answer.cf == 1.0 else f"{shown} (" + _("certainty {cf}", cf=f"{answer.cf:.2f}") + ")"


def _differing_answers(kb: KnowledgeBase, firms: list[ComparedFirm], names: list[str]) -> list[Cause]:
    causes = []
    for name in names:
        values = [_shown_answer(kb, f, name) for f in firms]
        if len(set(values)) > 1:
            label = kb.questions[name].text if name in kb.questions else _("{fact} (stated)", fact=kb.label(name))
            causes.append(Cause(name, label, values))
    return causes


def _in_kb_order(kb: KnowledgeBase, names: set[str]) -> list[str]:
    return [q for q in kb.questions if q in names] + [f for f in kb.facts if f in names]


def path_text(kb: KnowledgeBase, chain: Chain, target: str | None = None) -> str:
    """``answer = value → [rule] conclusion → …``; the last conclusion is left out when it is
    ``target`` (the difference being explained, already named in the heading)."""
    text = f"{chain.answer} = {kb.value_label(chain.answer, chain.value)}"
    for step in chain.steps:
        text += f" → [{step.rule}]"
        if not (step is chain.steps[-1] and step.target == target):
            text += f" {step.concluded}"
    return text


def _causes(kb: KnowledgeBase, firms: list[ComparedFirm], chains: list[tuple[int, Chain]],
            extra: set[str]) -> list[Cause]:
    """The differing answers among the chains' answers (and ``extra`` ones), with their paths.

    A chain counts only where some other firm answered differently *and* that answer is
    what stops the chain's first rule for it (see :func:`breaks_in`): two firms that both
    end up captive, one with 65 % and one with 70 % of sales to one buyer, do not get
    different advice because of that answer.
    """
    def answer(firm: ComparedFirm, name: str) -> tuple | None:
        given = firm.consultation.answers.get(name)
        return (given.value, given.cf) if given else None

    chains = [(i, chain) for i, chain in chains
              if any(j != i and answer(other, chain.answer) != answer(firms[i], chain.answer)
                     and breaks_in(kb, chain, firms[i].consultation, other.consultation)
                     for j, other in enumerate(firms))]
    names = {chain.answer for _unused, chain in chains} | extra
    causes = _differing_answers(kb, firms, _in_kb_order(kb, names))
    for cause in causes:
        for index in range(len(firms)):
            mine = [c for i, c in chains if i == index and c.answer == cause.answer]
            cause.paths += [(index, c) for c in mine[:PATHS_PER_FIRM]]
    return causes


# -- differences -----------------------------------------------------------------
def _fact_differences(kb: KnowledgeBase, firms: list[ComparedFirm], rows: list[DiagnosisRow]) -> list[Difference]:
    differences = []
    for row in rows:
        if not row.differs:
            continue
        chains: list[tuple[int, Chain]] = []
        extra: set[str] = set()
        for index, (firm, cell) in enumerate(zip(firms, row.cells, strict=True)):
            if cell.value is None:
                continue
            found = support(kb, firm.consultation, "fact", row.fact, cell.value)
            chains += [(index, chain) for chain in found.chains]
            extra |= found.absent
        outcomes = [f"{kb.value_label(row.fact, c.value)} ({c.cf:.2f})" if c.value else _("undetermined")
                    for c in row.cells]
        differences.append(Difference("fact", row.fact, row.label, outcomes, _causes(kb, firms, chains, extra)))
    return differences


def _advice_differences(kb: KnowledgeBase, firms: list[ComparedFirm], plan: list[PlanRow]) -> list[Difference]:
    differences = []
    for row in plan:
        made = [cell is not None for cell in row.cells]
        cfs = [cell.cf for cell in row.cells if cell]
        if all(made) and max(cfs) - min(cfs) < CF_SPREAD:
            continue
        outcomes = [_("priority {priority} (cf {cf})", priority=c.priority, cf=f"{c.cf:.2f}") if c
                    else _("not recommended") for c in row.cells]
        differences.append(_traced(kb, firms, "recommendation", row.recommendation, row.title, outcomes, made))
    warning_ids = sorted({w for f in firms for w, _unused in f.advice.warnings})
    for warn_id in warning_ids:
        raised = [dict(f.advice.warnings).get(warn_id) for f in firms]
        if all(cf is not None for cf in raised):
            continue
        outcomes = [_("raised ({cf})", cf=f"{cf:.2f}") if cf is not None else _("not raised") for cf in raised]
        differences.append(_traced(kb, firms, "warning", warn_id, kb.warnings[warn_id].title, outcomes,
                                   [cf is not None for cf in raised]))
    return differences


def _traced(kb: KnowledgeBase, firms: list[ComparedFirm], kind: str, target: str, title: str,
            outcomes: list[str], reached: list[bool]) -> Difference:
    chains: list[tuple[int, Chain]] = []
    extra: set[str] = set()
    shortfalls = []
    for index, firm in enumerate(firms):
        c = firm.consultation
        if reached[index]:
            found = support(kb, c, kind, target)
            chains += [(index, chain) for chain in found.chains]
            extra |= found.absent
            continue
        shortfall = closest_rule(kb, c, kind, target)
        if shortfall is None:
            continue
        shortfalls.append((index, shortfall))
        for fact in shortfall.facts:
            extra.add(fact)
            for value, _unused in c.established(fact) if fact in kb.facts else ():
                chains += [(index, chain) for chain in support(kb, c, "fact", fact, value).chains]
    return Difference(kind, target, title, outcomes, _causes(kb, firms, chains, extra), shortfalls)
