"""The reveal: the system's diagnosis and plan beside the trainee's prediction,
the marks, an explanation for each miss, and the case's teaching note.

A *miss* is a fact dimension marked close or wrong, one of the system's first
three priorities the trainee did not pick, or a pick marked wrong.
"""

from __future__ import annotations

from dataclasses import dataclass

from gvc_advisor.engine.advice import PlanItem
from gvc_advisor.engine.i18n import N_, _, current_language
from gvc_advisor.engine.i18n.languages import SOURCE_LANGUAGE
from gvc_advisor.engine.kb.model import KnowledgeBase
from gvc_advisor.engine.kb.schema.base import SourceRef
from gvc_advisor.services.training.exercises import Exercise, Solution
from gvc_advisor.services.training.explanation import (
    Reason,
    citation,
    closest_rules,
    open_questions,
    readings,
    reasons_for,
)
from gvc_advisor.services.training.prediction import UNDETERMINED, Prediction
from gvc_advisor.services.training.scoring import CLOSE, WRONG, FactMark, PickMark, Score, score

#: When a move pays off, by horizon id, as a whole phrase.
HORIZON_WORDS = {"now": N_("when: now"), "medium_term": N_("when: within 1–3 years"),
                 "long_term": N_("when: in the longer term")}
#: Urgency, by id, as a whole phrase.
URGENCY_WORDS = {"urgent": N_("urgency: urgent"), "high": N_("urgency: high"), "normal": N_("urgency: normal"),
                 "low": N_("urgency: low")}


@dataclass(frozen=True)
class Miss:
    dimension: str
    title: str
    summary: str
    #: What decides the system's answer.
    system_reasons: tuple[Reason, ...]
    #: The trainee's answer: its support, what speaks against it, or what it lacks.
    your_answer: str
    your_reasons: tuple[Reason, ...]
    #: Unanswered questions that would decide an undetermined fact.
    open_questions: tuple[str, ...]
    #: Papers and sections to read.
    read: tuple[SourceRef, ...]


@dataclass(frozen=True)
class Reveal:
    exercise: Exercise
    prediction: Prediction
    score: Score
    misses: tuple[Miss, ...]
    plan: tuple[PlanItem, ...]
    worth_considering: tuple[PlanItem, ...]
    teaching_note: str
    #: The passage the exercise is grounded in, and passages that disagree.
    passage: SourceRef | None
    disagreement: tuple[SourceRef, ...]
    #: Every paper the reveal sends the trainee to: key → full citation.
    papers: dict[str, str]


def _lower(label: str) -> str:
    """A dimension's label inside an English sentence ("Governance model" → "governance model")."""
    return label.lower() if current_language() == SOURCE_LANGUAGE else label


def _fact_miss(kb: KnowledgeBase, solution: Solution, mark: FactMark) -> Miss:
    c = solution.consultation
    fact = mark.dimension
    values = c.facts.get(fact, {})
    yours = values.get(mark.predicted) if mark.predicted != UNDETERMINED else None
    if mark.system == UNDETERMINED:
        title = _("{dimension}: the answers do not settle it; you said {predicted}", dimension=mark.label,
                  predicted=mark.predicted_label)
        summary = _("No value of {dimension} reaches the certainty of {threshold:.2f} the system needs to diagnose "
                    "it, so the advice does not rest on it.", dimension=_lower(mark.label), threshold=c.threshold)
        system_reasons: tuple[Reason, ...] = ()
    else:
        title = _("{dimension}: the system says {system}, you said {predicted}", dimension=mark.label,
                  system=mark.system_label, predicted=mark.predicted_label)
        summary = _("The system diagnoses {system} (certainty {cf:.2f}).", system=mark.system_label,
                    cf=mark.system_cf)
        system_reasons = reasons_for(kb, c, values.get(mark.system))
    your_reasons: tuple[Reason, ...] = ()
    if mark.predicted == UNDETERMINED:
        your_answer = (_("You said it cannot be told; the answers do establish {system}. It is a close call: "
                         "{why}.", system=mark.system_label, why=mark.why) if mark.mark == CLOSE else
                       _("You said it cannot be told; the answers do establish {system}.", system=mark.system_label))
    elif yours is not None and yours.cf >= c.threshold:
        your_answer = _("{predicted} is supported too (certainty {cf:.2f}), but a firm has one {dimension}, and "
                        "the stronger evidence wins.", predicted=mark.predicted_label, cf=yours.cf,
                        dimension=_lower(mark.label))
        your_reasons = reasons_for(kb, c, yours)
    elif yours is not None and yours.cf > 0:
        your_answer = _("{predicted} has some support (certainty {cf:.2f}), below the {threshold:.2f} needed.",
                        predicted=mark.predicted_label, cf=yours.cf, threshold=c.threshold)
        your_reasons = reasons_for(kb, c, yours) + reasons_for(kb, c, yours, against=True)
    elif yours is not None and yours.contributions:
        your_answer = _("The answers speak against {predicted}.", predicted=mark.predicted_label)
        your_reasons = reasons_for(kb, c, yours, against=True)
    else:
        your_answer = _("No rule concludes {predicted} from these answers; the closest would need what is listed "
                        "below.", predicted=mark.predicted_label)
        your_reasons = closest_rules(kb, c, "fact", fact, mark.predicted)
    questions = open_questions(kb, c, fact) if mark.system == UNDETERMINED else ()
    return Miss(fact, title, summary, system_reasons, your_answer, your_reasons, questions,
                readings([system_reasons, your_reasons]))


def _first_miss(kb: KnowledgeBase, solution: Solution, item: PlanItem) -> Miss:
    c = solution.consultation
    reasons = reasons_for(kb, c, c.recommendations.get(item.id))
    urgency = _(URGENCY_WORDS[item.urgency]) if item.urgency in URGENCY_WORDS else item.urgency
    if item.urgency_because:
        urgency = _("{urgency} ({because})", urgency=urgency, because=item.urgency_because)
    if item.horizon in HORIZON_WORDS:
        summary = _("{reason}. {when}; {urgency}.", reason=item.reason, when=_(HORIZON_WORDS[item.horizon]),
                    urgency=urgency)
    else:
        summary = _("{reason}. {urgency}.", reason=item.reason, urgency=urgency)
    if item.continue_deepen and item.continue_text:
        summary = _("{text} {more}", text=summary, more=item.continue_text)
    return Miss("strategies", _("Priority {priority}: {title} (you did not pick it)", priority=item.priority,
                                title=item.title), summary, reasons,
                "", (), (), readings([reasons], tuple(kb.recommendations[item.id].sources)))


def _pick_miss(kb: KnowledgeBase, solution: Solution, pick: PickMark) -> Miss:
    c = solution.consultation
    conclusion = c.recommendations.get(pick.id)
    if conclusion is not None and 0 < conclusion.cf < c.threshold:
        your_answer = _("Some rules support it (certainty {cf:.2f}), below the {threshold:.2f} needed to advise it.",
                        cf=conclusion.cf, threshold=c.threshold)
        reasons = reasons_for(kb, c, conclusion) + reasons_for(kb, c, conclusion, against=True)
    else:
        your_answer = _("No rule advises it for a firm like this one; the closest would need what is listed below.")
        reasons = closest_rules(kb, c, "recommendation", pick.id)
    return Miss("strategies", _("Your pick: {title} (not advised)", title=pick.title),
                _("{title}: not advised for this firm.", title=pick.title),
                (), your_answer, reasons, (), readings([reasons], tuple(kb.recommendations[pick.id].sources)))


def reveal(kb: KnowledgeBase, exercise: Exercise, solution: Solution, prediction: Prediction) -> Reveal:
    result = score(kb, solution.advice, prediction)
    misses = [_fact_miss(kb, solution, m) for m in result.facts if m.mark in (CLOSE, WRONG)]
    picked = set(prediction.strategies)
    misses += [_first_miss(kb, solution, item) for item in result.strategies.first if item.id not in picked]
    misses += [_pick_miss(kb, solution, p) for p in result.strategies.picks if p.mark == WRONG]
    training = exercise.case.training
    passage = training.passage if training is not None else None
    disagreement = tuple(training.disagreement) if training is not None else ()
    keys = [ref.key for miss in misses for ref in miss.read] + [ref.key for ref in (passage, *disagreement) if ref]
    papers = {key: citation(kb, key) for key in dict.fromkeys(keys)}
    return Reveal(exercise, prediction, result, tuple(misses), solution.advice.plan,
                  solution.advice.worth_considering, " ".join(exercise.case.teaching_note.split()),
                  passage, disagreement, papers)
