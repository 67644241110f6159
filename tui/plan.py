"""The priority plan the results screen leads with, the diagnosis under it, and
the warnings: the advice engine's contract (:func:`engine.advice.build_advice`)
in the few fields the screens draw.

The plan holds the engine's plan items in priority order, then those only worth
considering (marked so); a choice group's options ("choose one") share a
priority and name each other.  Items the firm already follows keep their
"continue / deepen" wording and the actions that still apply.  The diagnosis
shows each derived fact's value, and the values it beat (the runner-up of a
single-valued fact, flagged when contested).
"""

from __future__ import annotations

from dataclasses import dataclass

from gvc_advisor.engine.advice import Advice, build_advice
from gvc_advisor.engine.advice import PlanItem as AdvicePlanItem
from gvc_advisor.engine.i18n import N_, _
from gvc_advisor.engine.kb.model import KnowledgeBase
from gvc_advisor.engine.result import Consultation

ACTOR_WORDS = {"firm": N_("your firm"), "leading_firm": N_("leading firms"),
               "association": N_("the cluster association"), "government": N_("local government"),
               "lead_buyer": N_("the lead buyer"), "research_institutes": N_("research institutes")}


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
    horizon: str | None = None  # "now", "1–3 years", "longer"
    alternatives: tuple[str, ...] = ()  # the other options of its choice group, as titles
    reason: str = ""  # one line: why for this firm
    summary: str = ""  # the advice, or its "continue / deepen" wording
    actions: tuple[str, ...] = ()  # what to do (for "continue / deepen": what still applies)
    worth_considering: bool = False  # below the plan's level: shown after it, marked


@dataclass(frozen=True)
class DiagnosisLine:
    """A derived fact: its value, and the values the evidence also supports."""

    fact: str
    label: str
    value: str | None
    cf: float
    stated: bool
    alternatives: tuple[tuple[str, float], ...] = ()
    contested: bool = False


@dataclass(frozen=True)
class WarningLine:
    id: str
    title: str
    message: str


def advice_of(kb: KnowledgeBase, consultation: Consultation) -> Advice:
    return build_advice(kb, consultation)


def priority_plan(kb: KnowledgeBase, consultation: Consultation, advice: Advice | None = None) -> list[PlanItem]:
    """The plan, first step first, then the steps only worth considering."""
    advice = advice or advice_of(kb, consultation)
    groups = {choice.id: choice.options for choice in advice.choices}
    titles = {item.id: item.title for item in (*advice.plan, *advice.worth_considering)}
    items = [(item, False) for item in advice.plan] + [(item, True) for item in advice.worth_considering]
    return [_item(kb, item, later, tuple(titles[o] for o in groups.get(item.choice_group or "", ())
                                         if o != item.id and o in titles))
            for item, later in items]


def _item(kb: KnowledgeBase, item: AdvicePlanItem, later: bool, siblings: tuple[str, ...]) -> PlanItem:
    rec = kb.recommendations[item.id]
    title = _("Continue and deepen: {title}", title=item.title) if item.continue_deepen else item.title
    return PlanItem(
        rec_id=item.id, priority=item.priority, title=title, upgrading_type=item.upgrading_type,
        actors=tuple(_(ACTOR_WORDS[a]) if a in ACTOR_WORDS else a.replace("_", " ") for a in item.actors), cf=item.cf,
        smile_stage=rec.smile_stage, horizon=item.horizon_label, alternatives=siblings, reason=item.reason,
        summary=item.continue_text or rec.summary, actions=item.actions or tuple(rec.actions),
        worth_considering=later)


def diagnosis(kb: KnowledgeBase, consultation: Consultation, advice: Advice | None = None) -> list[DiagnosisLine]:
    """Every derived fact, the framework's three dimensions first."""
    advice = advice or advice_of(kb, consultation)
    out = []
    for item in advice.diagnosis:
        if not item.declared:
            out.append(DiagnosisLine(item.fact, item.label, None, 0.0, False))
            continue
        best, *also = item.declared  # a multi-valued fact may hold several values
        out.append(DiagnosisLine(item.fact, item.label, best.label, best.cf, item.origin == "stated",
                                 tuple((o.label, o.cf) for o in (*also, *item.alternatives)),
                                 item.contested is not None))
    return out


def warnings(advice: Advice) -> list[WarningLine]:
    """The rules' warnings, then one per contested diagnosis (most certain first)."""
    return [WarningLine(w.id, w.title, w.message) for w in advice.warnings]
