"""Where the report gets its diagnosis and its plan: the one seam to the advice engine.

The prioritised plan (priority, horizon, actors, a worth-considering group,
alternatives set aside, contested facts) belongs to the engine (issue 8,
``engine/advice.py: build_advice(kb, consultation) -> Advice``).  Until that
lands, :func:`plan_from` derives the same shape from what a consultation
already holds:

* **diagnosis**: every derived fact, the best established value with its
  certainty, the other established values as alternatives (best first), and
  *contested* when the runner-up is within :data:`CONTESTED_MARGIN` of the
  winner;
* **plan**: recommendations by certainty (ties by id); those at or above
  :data:`WORTH_CONSIDERING_BELOW` make the plan, at most :data:`PLAN_MAX`, and
  it is topped up to :data:`PLAN_MIN` in rank order; priority is the rank;
  the horizon follows the upgrading type (process now, product in 1–3 years,
  functional and chain longer: the order of difficulty in shoes §III); the
  actors are the recommendation's own; the one-line reason is the title of the
  rule that contributed most;
* **set aside**: of two made recommendations in ``conflicts_with`` the weaker
  (the winner is named), and a ``conflicts_with`` partner of a made
  recommendation that was not made (why: what its closest rule lacks);
* **warnings**: raised warnings by certainty.

When ``build_advice`` exists, only this function changes: it maps ``Advice``
onto these dataclasses (or they become aliases of the engine's own).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from gvc_advisor.engine.explain import why_not
from gvc_advisor.engine.kb.model import DIMENSIONS, KnowledgeBase
from gvc_advisor.engine.result import Conclusion, Consultation

#: A runner-up this close to the winner makes a diagnosis contested.
CONTESTED_MARGIN = 0.15
#: Recommendations below this certainty go to the worth-considering group…
WORTH_CONSIDERING_BELOW = 0.4
#: …unless the plan would otherwise have fewer than PLAN_MIN actions.
PLAN_MIN = 3
PLAN_MAX = 5
HORIZON_BY_TYPE = {"process": "now", "product": "1-3-years", "functional": "longer", "chain": "longer"}


@dataclass(frozen=True)
class DiagnosisEntry:
    """One derived fact: its value (None when undetermined) and the values it beat."""

    fact: str
    value: Any
    cf: float
    alternatives: tuple[tuple[Any, float], ...] = ()
    contested: bool = False
    stated: bool = False


@dataclass(frozen=True)
class PlanItem:
    """One recommendation of the plan or of the worth-considering group."""

    rec_id: str
    cf: float
    priority: int
    horizon: str  # "now" | "1-3-years" | "longer"
    actors: tuple[str, ...]  # Actor values: firm, leading_firm, association, government
    reason: str  # one line, plain text
    continue_existing: bool = False  # the firm already does this: continue / deepen
    choice_group: str | None = None  # items sharing a group are alternatives: choose one


@dataclass(frozen=True)
class SetAside:
    """A recommendation not chosen, with the one chosen instead (if any) and why."""

    rec_id: str
    winner: str | None
    why: str


@dataclass(frozen=True)
class WarningItem:
    warning_id: str
    cf: float


@dataclass(frozen=True)
class PlanSource:
    diagnosis: tuple[DiagnosisEntry, ...]
    plan: tuple[PlanItem, ...]
    worth_considering: tuple[PlanItem, ...]
    set_aside: tuple[SetAside, ...]
    warnings: tuple[WarningItem, ...]


def plan_from(kb: KnowledgeBase, consultation: Consultation) -> PlanSource:
    """The diagnosis and the plan of a consultation (see the module docstring)."""
    made, set_aside = _resolve_conflicts(kb, consultation)
    items = [_item(kb, conclusion, rank) for rank, conclusion in enumerate(made, 1)]
    plan = [item for item in items if item.cf >= WORTH_CONSIDERING_BELOW][:PLAN_MAX]
    for item in items:
        if len(plan) >= PLAN_MIN:
            break
        if item not in plan:
            plan.append(item)
    plan.sort(key=lambda item: item.priority)
    considered = [item for item in items if item not in plan]
    warnings = tuple(WarningItem(w.target, w.cf) for w in consultation.raised_warnings)
    return PlanSource(_diagnosis(kb, consultation), tuple(plan), tuple(considered), tuple(set_aside), warnings)


def _diagnosis(kb: KnowledgeBase, consultation: Consultation) -> tuple[DiagnosisEntry, ...]:
    entries = []
    for fact in [*DIMENSIONS, *(f for f in kb.facts if f not in DIMENSIONS)]:
        if fact not in kb.facts:
            continue
        values = consultation.established(fact)
        if not values:
            entries.append(DiagnosisEntry(fact, None, 0.0))
            continue
        (value, cf), others = values[0], tuple(values[1:])
        stated = consultation.facts[fact][value].stated is not None
        contested = bool(others) and not stated and cf - others[0][1] <= CONTESTED_MARGIN
        entries.append(DiagnosisEntry(fact, value, cf, others, contested, stated))
    return tuple(entries)


def _resolve_conflicts(kb: KnowledgeBase, consultation: Consultation) -> tuple[list[Conclusion], list[SetAside]]:
    """Recommendations kept (best first) and the alternatives set aside."""
    made = consultation.recommended
    made_ids = {c.target for c in made}
    kept: list[Conclusion] = []
    set_aside: list[SetAside] = []
    for conclusion in made:  # best first, so a kept rival is always the stronger one
        rivals = _rivals(kb, conclusion.target)
        winner = next((k for k in kept if k.target in rivals), None)
        if winner is None:
            kept.append(conclusion)
            continue
        set_aside.append(SetAside(conclusion.target, winner.target,
                                  f"an alternative to the chosen one, with less certainty "
                                  f"({conclusion.cf:.2f} against {winner.cf:.2f})"))
    listed = {s.rec_id for s in set_aside}
    for conclusion in kept:
        for rival in sorted(_rivals(kb, conclusion.target)):
            if rival in made_ids or rival in listed or rival not in kb.recommendations:
                continue
            listed.add(rival)
            set_aside.append(SetAside(rival, conclusion.target, _why_not_made(kb, consultation, rival)))
    return kept, set_aside


def _rivals(kb: KnowledgeBase, rec_id: str) -> set[str]:
    """``conflicts_with`` read both ways."""
    rivals = set(kb.recommendations[rec_id].conflicts_with)
    rivals |= {other.id for other in kb.recommendations.values() if rec_id in other.conflicts_with}
    return rivals


def _why_not_made(kb: KnowledgeBase, consultation: Consultation, rec_id: str) -> str:
    node = why_not(kb, consultation, rec_id, limit=1)
    notes = [child.label for child in node.children if child.kind == "note"]
    unmet = [grand.label.removeprefix("unmet: ") for child in node.children if child.kind == "rule"
             for grand in child.children if grand.kind == "unmet"]
    if unmet:
        return "not made, because this does not hold: " + "; ".join(unmet)
    return notes[0] if notes else "its conditions hold with too little certainty"


def _item(kb: KnowledgeBase, conclusion: Conclusion, rank: int) -> PlanItem:
    rec = kb.recommendations[conclusion.target]
    used = [c for c in conclusion.contributions if not c.overridden]
    strongest = min(used, key=lambda c: (-c.cf, c.rule_id)) if used else None
    reason = kb.rule(strongest.rule_id).title if strongest else rec.summary
    return PlanItem(rec.id, conclusion.cf, rank, HORIZON_BY_TYPE[rec.upgrading_type.value],
                    tuple(actor.value for actor in rec.actors), reason)
