"""A firm's diagnosis and plan, in the shape the firm comparison and the cluster
roll-up read them.

:func:`firm_advice` maps the advice engine's contract
(:func:`gvc_advisor.engine.advice.build_advice`: single-valued facts with their
alternatives, conflicts resolved, the prioritised plan with horizon and actors)
onto the few fields comparisons and roll-ups need, in one place.  The plan
holds the items of the plan and then those only worth considering, numbered
as the engine numbers them (a choice group's options share one priority).
"""

from __future__ import annotations

from dataclasses import dataclass

from gvc_advisor.engine.advice import build_advice
from gvc_advisor.engine.kb.model import DIMENSIONS, KnowledgeBase
from gvc_advisor.engine.result import Consultation
from gvc_advisor.services.reporting.labels import engine_horizon


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
    horizon: str | None = None  # its label, in the current language ("1–3 years")
    horizon_id: str | None = None  # the engine's id (now | medium_term | long_term)


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
    """Diagnosis and plan of one consultation, from :func:`build_advice`."""
    advice = build_advice(kb, consultation)
    by_fact = {item.fact: item for item in advice.diagnosis}
    diagnosis = []
    for fact in diagnosed_facts(kb):
        item = by_fact.get(fact)
        if item is None or not item.declared:
            diagnosis.append(Diagnosis(fact, None))
            continue
        best, *also = item.declared  # a multi-valued fact may hold several values
        diagnosis.append(Diagnosis(fact, str(best.value), round(best.cf, 4),
                                   tuple((str(o.value), round(o.cf, 4)) for o in (*also, *item.alternatives))))
    plan = tuple(
        PlanStep(item.id, item.priority, round(item.cf, 4), item.upgrading_type, item.actors,
                 engine_horizon(item.horizon), item.horizon)
        for item in (*advice.plan, *advice.worth_considering)
    )
    warnings = tuple((w.id, round(w.cf, 4)) for w in advice.warnings if w.kind == "rule")
    return FirmAdvice(tuple(diagnosis), plan, warnings)
