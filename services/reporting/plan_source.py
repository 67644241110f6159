"""Where the report gets its diagnosis and its plan: the one seam to the advice engine.

Everything the report says about the firm comes from
:func:`gvc_advisor.engine.advice.build_advice` (single-valued facts and their
alternatives, contested diagnoses, conflicts resolved, the prioritised plan,
worth considering, advice already followed).  This module only maps that
contract onto the few fields the report model needs, so that no renderer
re-derives any of it from the raw consultation:

* **diagnosis**: every derived fact (the three dimensions first): the value
  rules downstream used, its certainty, the values it beat (best first),
  whether it was contested and whether the consultant stated it;
* **plan** and **worth considering**: the engine's items in priority order,
  with horizon, actors, the one-line reason, the actions that still apply
  ("continue / deepen" items keep only those), and the choice group;
* **set aside**: advice made but not chosen (the winner of the conflict and
  why) and advice the firm already follows;
* **warnings**: the rule warnings and one per contested diagnosis.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from gvc_advisor.engine.advice import Advice, DiagnosisItem, build_advice
from gvc_advisor.engine.advice import PlanItem as AdvicePlanItem
from gvc_advisor.engine.i18n import _
from gvc_advisor.engine.kb.model import KnowledgeBase
from gvc_advisor.engine.result import Consultation

#: The engine's horizon ids → the report's (labels in ``labels.HORIZONS``).
HORIZONS = {"now": "now", "medium_term": "1-3-years", "long_term": "longer", None: "undeclared"}


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
    horizon: str  # "now" | "1-3-years" | "longer" | "undeclared"
    actors: tuple[str, ...]  # Actor values: firm, leading_firm, association, government
    reason: str  # one line, plain text
    actions: tuple[str, ...] = ()  # for "continue / deepen", only those that still apply
    continue_existing: bool = False  # the firm already does this: continue / deepen
    continue_text: str | None = None  # the summary reworded for "continue / deepen"
    choice_group: str | None = None  # items sharing a group are alternatives: choose one


@dataclass(frozen=True)
class SetAside:
    """A recommendation not chosen, with the one chosen instead (if any) and why."""

    rec_id: str
    winner: str | None
    why: str


@dataclass(frozen=True)
class WarningItem:
    warning_id: str  # a warning id, or "contested:<fact>"
    cf: float
    title: str
    message: str
    from_rules: bool  # raised by rules (it has a derivation), not a contested diagnosis


@dataclass(frozen=True)
class PlanSource:
    diagnosis: tuple[DiagnosisEntry, ...]
    plan: tuple[PlanItem, ...]
    worth_considering: tuple[PlanItem, ...]
    set_aside: tuple[SetAside, ...]
    warnings: tuple[WarningItem, ...]


def plan_from(kb: KnowledgeBase, consultation: Consultation) -> PlanSource:
    """The diagnosis and the plan of a consultation (see the module docstring)."""
    return from_advice(build_advice(kb, consultation))


def from_advice(advice: Advice) -> PlanSource:
    set_aside = [SetAside(n.id, n.chosen, n.why) for n in advice.not_chosen]
    set_aside += [SetAside(a.id, None, _("the firm already does this: {because}", because=a.because))
                  for a in advice.already_followed]
    warnings = tuple(WarningItem(w.id, w.cf, w.title, w.message, w.kind == "rule") for w in advice.warnings)
    return PlanSource(tuple(_entry(item) for item in advice.diagnosis), tuple(_item(i) for i in advice.plan),
                      tuple(_item(i) for i in advice.worth_considering), tuple(set_aside), warnings)


def _entry(item: DiagnosisItem) -> DiagnosisEntry:
    if not item.declared:
        return DiagnosisEntry(item.fact, None, 0.0)
    best, *also = item.declared  # a multi-valued fact may hold several values
    others = tuple((o.value, o.cf) for o in (*also, *item.alternatives))
    return DiagnosisEntry(item.fact, best.value, best.cf, others, item.contested is not None,
                          item.origin == "stated")


def _item(item: AdvicePlanItem) -> PlanItem:
    return PlanItem(item.id, item.cf, item.priority, HORIZONS.get(item.horizon, "undeclared"), item.actors,
                    item.reason, item.actions, item.continue_deepen, item.continue_text, item.choice_group)
