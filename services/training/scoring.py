"""Scoring a prediction against the system's diagnosis and plan.

Every point is *right* (1 point), *close* (½) or *wrong* (0):

**A fact dimension** (governance, driver, firm status, low-end lock-in)

* right — the value the system declares; or "cannot be told" when the
  answers establish no value (none reaches the threshold).
* close — a value the answers also support but that lost: one of the
  *alternatives* of the single-valued fact (its runner-up first); or "cannot be
  told" when the diagnosis is *contested* (the runner-up within the margin).
* wrong — anything else.
* given — the case states the fact directly: shown, not scored.

**The three strategies** (each pick on its own; the dimension scores the mean)

* right — among the system's first three priorities (choice-group options
  share a priority number, so any option of a "choose one" group placed there
  counts) — except a second pick from the same "choose one" group, which is
  *close*: the plan offers them as alternatives, not as two moves.
* close — advised, but later in the plan or only worth considering; or not
  advised but an option of the same choice group as one of the first three;
  or advised but set aside (it lost a conflict, or the firm already does it).
* wrong — not advised for this firm.

The dimension scores the mean of the best picks, as many as the plan has
priority numbers up to three (a plan of two moves cannot be matched three
times; a plan with none is not scored), so its mark is right when those picks
are all right, wrong when none scores, close otherwise.  The total is the mean
of the scored dimensions.
"""

from __future__ import annotations

from dataclasses import dataclass

from gvc_advisor.engine.advice import Advice, PlanItem
from gvc_advisor.engine.i18n import N_, _
from gvc_advisor.engine.kb.model import KnowledgeBase
from gvc_advisor.services.training.prediction import (
    FACT_DIMENSIONS,
    STRATEGIES,
    UNDETERMINED,
    Prediction,
    dimension_label,
    value_label,
)

RIGHT, CLOSE, WRONG, GIVEN = "right", "close", "wrong", "given"
POINTS = {RIGHT: 1.0, CLOSE: 0.5, WRONG: 0.0}
#: A mark as shown, in words and a sign (never by colour alone).
MARK_WORDS = {RIGHT: N_("✓ right"), CLOSE: N_("~ close"), WRONG: N_("✗ wrong"), GIVEN: N_("· given")}
#: Plan items with a priority number up to this are "the first three".
FIRST = 3


@dataclass(frozen=True)
class FactMark:
    dimension: str
    label: str
    predicted: str
    predicted_label: str
    system: str  # the declared value, or UNDETERMINED
    system_label: str
    system_cf: float | None
    mark: str
    points: float | None  # None when given
    why: str


@dataclass(frozen=True)
class PickMark:
    id: str
    title: str
    mark: str
    points: float
    why: str
    priority: int | None  # in the system's plan, if advised


@dataclass(frozen=True)
class StrategyMarks:
    picks: tuple[PickMark, ...]
    #: The system's first three priorities (choice-group options share a number).
    first: tuple[PlanItem, ...]
    mark: str
    points: float | None  # None when the system advises nothing


@dataclass(frozen=True)
class Score:
    facts: tuple[FactMark, ...]
    strategies: StrategyMarks

    def points(self) -> dict[str, float | None]:
        """Points per dimension (None: given, not scored), in the order asked."""
        return {**{m.dimension: m.points for m in self.facts}, STRATEGIES: self.strategies.points}

    def marks(self) -> dict[str, str]:
        return {**{m.dimension: m.mark for m in self.facts}, STRATEGIES: self.strategies.mark}

    @property
    def total(self) -> float:
        scored = [p for p in self.points().values() if p is not None]
        return sum(scored) / len(scored)


def _fact_mark(kb: KnowledgeBase, advice: Advice, dimension: str, predicted: str) -> FactMark:
    item = advice.fact(dimension)
    system = item.value if item is not None and item.value is not None else UNDETERMINED
    cf = item.cf if item is not None else None
    alternatives = [o.value for o in item.alternatives] if item is not None else []
    contested = item is not None and item.contested is not None
    shown = value_label(kb, dimension, system)
    if item is not None and item.origin == "stated":
        mark, why = GIVEN, _("stated in the case (a consultant's judgement): given, not scored")
    elif predicted == system:
        mark = RIGHT
        why = (_("the answers establish no value of it") if system == UNDETERMINED else
               _("the system's diagnosis (contested: a close call)") if contested else _("the system's diagnosis"))
    elif predicted in alternatives:
        option = item.alternatives[alternatives.index(predicted)]
        if predicted == alternatives[0]:
            why = _("the runner-up: the answers support it too (certainty {cf:.2f}), but {system} is stronger "
                    "({system_cf:.2f})", cf=option.cf, system=shown, system_cf=cf)
        else:
            why = _("an alternative: the answers support it too (certainty {cf:.2f}), but {system} is stronger "
                    "({system_cf:.2f})", cf=option.cf, system=shown, system_cf=cf)
        mark = CLOSE
    elif predicted == UNDETERMINED and contested:
        mark, why = CLOSE, _("the diagnosis is contested: {system} only just beats {runner_up}", system=shown,
                             runner_up=item.contested.runner_up.label)
    elif system == UNDETERMINED:
        mark, why = WRONG, _("the answers establish no value of it")
    else:
        mark, why = WRONG, _("the system diagnoses {system}", system=shown)
    return FactMark(dimension, dimension_label(kb, dimension), predicted, value_label(kb, dimension, predicted),
                    system, shown, cf, mark, POINTS.get(mark), why)


def _group_of(kb: KnowledgeBase, rec_id: str) -> set[str]:
    return {g.id for g in kb.choice_groups.values() if rec_id in g.members}


def _pick_mark(kb: KnowledgeBase, advice: Advice, first: tuple[PlanItem, ...], rec_id: str,
               right_groups: dict[str, str]) -> PickMark:
    title = kb.recommendations[rec_id].title
    first_ids = {i.id: i for i in first}
    made = advice.item(rec_id)
    priority = made.priority if made is not None else None
    if rec_id in first_ids:
        group = first_ids[rec_id].choice_group
        if group is not None and group in right_groups:
            other = kb.recommendations[right_groups[group]].title
            return PickMark(rec_id, title, CLOSE, POINTS[CLOSE], _(
                'priority {priority}, but an alternative to your pick "{other}": the plan offers them as '
                '"{group}", choose one', priority=priority, other=other, group=kb.choice_groups[group].title),
                priority)
        if group is not None:
            right_groups[group] = rec_id
        return PickMark(rec_id, title, RIGHT, POINTS[RIGHT], _("priority {priority} in the system's plan",
                                                               priority=priority), priority)
    if made is not None:
        where = (_("in the plan at priority {priority}, after the first three", priority=priority)
                 if made in advice.plan else
                 _("only worth considering (certainty {cf:.2f}, below {level:.2f})", cf=made.cf,
                   level=advice.worth_considering_level))
        return PickMark(rec_id, title, CLOSE, POINTS[CLOSE], where, priority)
    shared = [i for i in first if _group_of(kb, rec_id) & _group_of(kb, i.id)]
    if shared:
        return PickMark(rec_id, title, CLOSE, POINTS[CLOSE], _(
            'not advised here, but an alternative route to "{title}", which the plan puts at priority {priority}',
            title=shared[0].title, priority=shared[0].priority), None)
    lost = next((n for n in advice.not_chosen if n.id == rec_id), None)
    if lost is not None:
        return PickMark(rec_id, title, CLOSE, POINTS[CLOSE], _("supported, but set aside: {why}", why=lost.why), None)
    followed = next((a for a in advice.already_followed if a.id == rec_id), None)
    if followed is not None:
        return PickMark(rec_id, title, CLOSE, POINTS[CLOSE], _("supported, but the firm already does it: {because}",
                                                               because=followed.because), None)
    return PickMark(rec_id, title, WRONG, POINTS[WRONG], _("not advised for this firm"), None)


def first_priorities(advice: Advice) -> tuple[PlanItem, ...]:
    return tuple(i for i in advice.plan if i.priority <= FIRST)


def score(kb: KnowledgeBase, advice: Advice, prediction: Prediction) -> Score:
    facts = tuple(_fact_mark(kb, advice, d, prediction.facts[d]) for d in FACT_DIMENSIONS)
    first = first_priorities(advice)
    right_groups: dict[str, str] = {}
    picks = tuple(_pick_mark(kb, advice, first, rec, right_groups) for rec in prediction.strategies)
    slots = min(len(picks), len({i.priority for i in advice.plan}))
    if slots == 0:  # nothing advised: nothing to pick, nothing to score
        return Score(facts, StrategyMarks(picks, first, GIVEN, None))
    points = sum(sorted((p.points for p in picks), reverse=True)[:slots]) / slots
    mark = RIGHT if points == 1.0 else WRONG if points == 0 else CLOSE
    return Score(facts, StrategyMarks(picks, first, mark, points))
