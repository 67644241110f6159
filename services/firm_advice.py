"""A firm's diagnosis and plan, in the shape the firm comparison and the cluster
roll-up read them.

:func:`firm_advice` is the **one place** where a consultation becomes a
diagnosis (each derived fact with its best value and the alternatives) and a
prioritised plan (priority, certainty, upgrading type, who acts, horizon).
Today it reads what the engine gives: ``Consultation.value_of`` and
``established`` for the facts, ``Consultation.recommended`` (certainty order)
for the plan, and each recommendation's ``actors`` from the knowledge base;
no horizon is known yet, so it is ``None``.  When ``engine.advice.build_advice``
(issue 8) lands, only the body of :func:`firm_advice` changes: every renderer of
the comparison and the roll-up reads :class:`FirmAdvice` and shows a horizon
column as soon as any plan step has one.
"""

from __future__ import annotations

from dataclasses import dataclass

from gvc_advisor.engine.kb.model import DIMENSIONS, KnowledgeBase
from gvc_advisor.engine.result import Consultation


@dataclass(frozen=True)
class Diagnosis:
    """One derived fact: its best established value (None: undetermined)."""

    fact: str
    value: str | None
    cf: float = 0.0
    alternatives: tuple[tuple[str, float], ...] = ()


@dataclass(frozen=True)
class PlanStep:
    """One recommendation of the plan, most urgent first (priority 1)."""

    recommendation: str
    priority: int
    cf: float
    upgrading_type: str
    actors: tuple[str, ...]
    horizon: str | None = None


@dataclass(frozen=True)
class FirmAdvice:
    diagnosis: tuple[Diagnosis, ...]  # the three dimensions first, then the other facts in KB order
    plan: tuple[PlanStep, ...]
    warnings: tuple[tuple[str, float], ...]  # (warning id, cf), most certain first

    def value(self, fact: str) -> str | None:
        return next((d.value for d in self.diagnosis if d.fact == fact), None)

    def step(self, recommendation: str) -> PlanStep | None:
        return next((s for s in self.plan if s.recommendation == recommendation), None)


def diagnosed_facts(kb: KnowledgeBase) -> list[str]:
    """The facts a diagnosis shows, in order: the framework's three dimensions first."""
    return [f for f in DIMENSIONS if f in kb.facts] + [f for f in kb.facts if f not in DIMENSIONS]


def firm_advice(kb: KnowledgeBase, consultation: Consultation) -> FirmAdvice:
    """Diagnosis and plan of one consultation (swap in ``build_advice`` here; see the module doc)."""
    diagnosis = []
    for fact in diagnosed_facts(kb):
        values = consultation.established(fact)
        if not values:
            diagnosis.append(Diagnosis(fact, None))
            continue
        (best, cf), rest = values[0], values[1:]
        diagnosis.append(Diagnosis(fact, str(best), round(cf, 4),
                                   tuple((str(v), round(x, 4)) for v, x in rest)))
    plan = tuple(
        PlanStep(c.target, priority, round(c.cf, 4), kb.recommendations[c.target].upgrading_type.value,
                 tuple(a.value for a in kb.recommendations[c.target].actors))
        for priority, c in enumerate(consultation.recommended, 1)
    )
    warnings = tuple((w.target, round(w.cf, 4)) for w in consultation.raised_warnings)
    return FirmAdvice(tuple(diagnosis), plan, warnings)
