"""The reveal: the system's diagnosis and plan beside the trainee's prediction,
the marks, an explanation for each miss, and the case's teaching note.

A *miss* is a fact dimension marked close or wrong, one of the system's first
three priorities the trainee did not pick, or a pick marked wrong.
"""

from __future__ import annotations

from dataclasses import dataclass

from gvc_advisor.engine.advice import PlanItem
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

#: Horizon labels as they read after "when:".
HORIZON_WORDS = {"longer": "in the longer term", "1–3 years": "within 1–3 years"}


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


def _fact_miss(kb: KnowledgeBase, solution: Solution, mark: FactMark) -> Miss:
    c = solution.consultation
    fact = mark.dimension
    values = c.facts.get(fact, {})
    yours = values.get(mark.predicted) if mark.predicted != UNDETERMINED else None
    if mark.system == UNDETERMINED:
        title = f"{mark.label}: the answers do not settle it; you said {mark.predicted_label}"
        summary = (f"No value of {mark.label.lower()} reaches the certainty of {c.threshold:.2f} the system needs "
                   "to diagnose it, so the advice does not rest on it.")
        system_reasons: tuple[Reason, ...] = ()
    else:
        title = f"{mark.label}: the system says {mark.system_label}, you said {mark.predicted_label}"
        summary = f"The system diagnoses {mark.system_label} (certainty {mark.system_cf:.2f})."
        system_reasons = reasons_for(kb, c, values.get(mark.system))
    your_reasons: tuple[Reason, ...] = ()
    if mark.predicted == UNDETERMINED:
        your_answer = f"You said it cannot be told; the answers do establish {mark.system_label}."
        if mark.mark == CLOSE:
            your_answer += f" It is a close call: {mark.why}."
    elif yours is not None and yours.cf >= c.threshold:
        your_answer = (f"{mark.predicted_label} is supported too (certainty {yours.cf:.2f}), but a firm has one "
                       f"{mark.label.lower()}, and the stronger evidence wins.")
        your_reasons = reasons_for(kb, c, yours)
    elif yours is not None and yours.cf > 0:
        your_answer = (f"{mark.predicted_label} has some support (certainty {yours.cf:.2f}), below the "
                       f"{c.threshold:.2f} needed.")
        your_reasons = reasons_for(kb, c, yours) + reasons_for(kb, c, yours, against=True)
    elif yours is not None and yours.contributions:
        your_answer = f"The answers speak against {mark.predicted_label}."
        your_reasons = reasons_for(kb, c, yours, against=True)
    else:
        your_answer = (f"No rule concludes {mark.predicted_label} from these answers; the closest would need "
                       "what is listed below.")
        your_reasons = closest_rules(kb, c, "fact", fact, mark.predicted)
    questions = open_questions(kb, c, fact) if mark.system == UNDETERMINED else ()
    return Miss(fact, title, summary, system_reasons, your_answer, your_reasons, questions,
                readings([system_reasons, your_reasons]))


def _first_miss(kb: KnowledgeBase, solution: Solution, item: PlanItem) -> Miss:
    c = solution.consultation
    reasons = reasons_for(kb, c, c.recommendations.get(item.id))
    when = f"when: {HORIZON_WORDS.get(item.horizon_label, item.horizon_label)}" if item.horizon_label else ""
    urgency = f"urgency: {item.urgency}" + (f" ({item.urgency_because})" if item.urgency_because else "")
    summary = f"{item.reason}. " + "; ".join(x for x in (when, urgency) if x) + "."
    if item.continue_deepen and item.continue_text:
        summary += f" {item.continue_text}"
    return Miss("strategies", f"Priority {item.priority}: {item.title} (you did not pick it)", summary, reasons,
                "", (), (), readings([reasons], tuple(kb.recommendations[item.id].sources)))


def _pick_miss(kb: KnowledgeBase, solution: Solution, pick: PickMark) -> Miss:
    c = solution.consultation
    conclusion = c.recommendations.get(pick.id)
    if conclusion is not None and 0 < conclusion.cf < c.threshold:
        your_answer = (f"Some rules support it (certainty {conclusion.cf:.2f}), below the {c.threshold:.2f} "
                       "needed to advise it.")
        reasons = reasons_for(kb, c, conclusion) + reasons_for(kb, c, conclusion, against=True)
    else:
        your_answer = "No rule advises it for a firm like this one; the closest would need what is listed below."
        reasons = closest_rules(kb, c, "recommendation", pick.id)
    return Miss("strategies", f"Your pick: {pick.title} (not advised)", f"{pick.title}: not advised for this firm.",
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
