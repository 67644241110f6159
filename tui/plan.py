"""The priority plan the results screen leads with, and the diagnosis under it.

:func:`priority_plan` is the **one function** to change when the advice engine
of issue 8 lands (``engine/advice.py``: ``build_advice(kb, consultation)``
with a diagnosis, contested alternatives and a prioritised plan with horizon
and actors).  Until then it orders the recommendations by certainty and takes
each one's upgrading type, actors and place on the smile curve from the
knowledge base; ``horizon`` and ``alternatives`` stay empty, and the screen
shows them as soon as they are filled.  Nothing else in the TUI needs to
change.
"""

from __future__ import annotations

from dataclasses import dataclass

from gvc_advisor.engine.kb.model import KnowledgeBase
from gvc_advisor.engine.result import Consultation

ACTOR_WORDS = {"firm": "your firm", "leading_firm": "leading firms", "association": "the cluster association",
               "government": "local government"}


@dataclass(frozen=True)
class PlanItem:
    """One step of the plan, in the order to take it."""

    rec_id: str
    priority: int  # 1 = first
    title: str
    upgrading_type: str
    actors: tuple[str, ...]
    cf: float
    smile_stage: str
    horizon: str | None = None  # e.g. "now", "1–2 years" (from the advice engine)
    alternatives: tuple[str, ...] = ()  # contested alternatives, as titles


@dataclass(frozen=True)
class DiagnosisLine:
    """A derived fact: its best value, and any competing value still established."""

    fact: str
    label: str
    value: str | None
    cf: float
    stated: bool
    alternatives: tuple[tuple[str, float], ...] = ()


def priority_plan(kb: KnowledgeBase, consultation: Consultation) -> list[PlanItem]:
    """The plan, first step first.  Today: recommendations in certainty order."""
    plan = []
    for rank, conclusion in enumerate(consultation.recommended, start=1):
        rec = kb.recommendations[conclusion.target]
        plan.append(PlanItem(
            rec_id=rec.id, priority=rank, title=rec.title, upgrading_type=rec.upgrading_type.value,
            actors=tuple(ACTOR_WORDS.get(a.value, a.value.replace("_", " ")) for a in rec.actors),
            cf=conclusion.cf, smile_stage=rec.smile_stage,
        ))
    return plan


def diagnosis(kb: KnowledgeBase, consultation: Consultation) -> list[DiagnosisLine]:
    """Every derived fact, with the competing values the evidence also supports."""
    out = []
    for name, spec in kb.facts.items():
        values = consultation.established(name)
        if not values:
            out.append(DiagnosisLine(name, spec.label, None, 0.0, False))
            continue
        (value, cf), rest = values[0], values[1:]
        stated = consultation.facts[name][value].stated is not None
        out.append(DiagnosisLine(name, spec.label, kb.value_label(name, value), cf, stated,
                                 tuple((kb.value_label(name, v), x) for v, x in rest)))
    return out
