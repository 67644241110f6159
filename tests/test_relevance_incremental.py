"""The relevance analysis of an interview step starts from the previous step's
bounds and evaluates again only what the changed answers reach
(engine/relevance_bounds.py).  Along random interviews (answers, unsure
answers, skips, changes, back, retract, stated facts, whole answer sets
loaded) it must give exactly what a full evaluation of the same state gives:
the same questions, the same waiting rules, the same open conclusions, and the
same bounds of every rule and conclusion.
"""

from __future__ import annotations

import random
from functools import lru_cache
from pathlib import Path
from tempfile import TemporaryDirectory

from conftest import answers_of
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gvc_advisor.engine.interview import Interview
from gvc_advisor.engine.kb.loader import default_kb_root, load_knowledge_base
from gvc_advisor.engine.relevance import analyse_with
from gvc_advisor.services.synthetic import generate, random_answers


@lru_cache(maxsize=8)
def knowledge_base(seed: int):
    if seed < 0:
        return load_knowledge_base(default_kb_root())
    with TemporaryDirectory(prefix="gvc-kb-") as folder:
        return load_knowledge_base(generate(Path(folder), rules=[30, 60][seed % 2], seed=seed))


def _assert_same_as_full_evaluation(interview: Interview) -> None:
    incremental = interview.relevance
    full = analyse_with(interview.engine.relevance_plan, interview.consultation, frozenset(interview.skipped))
    assert (incremental.questions, incremental.waiting, incremental.open_conclusions) == (
        full.questions, full.waiting, full.open_conclusions)
    a, b = incremental.bounds, full.bounds
    assert a.premise == b.premise and a.intervals == b.intervals and a.fact_values == b.fact_values
    keys = range(len(a.plan.keys))
    assert [a.bounds(n) for n in keys] == [b.bounds(n) for n in keys]
    assert [a.decided(n) for n in keys] == [b.decided(n) for n in keys]
    assert {f: a.declared(f) for f in a.fact_values} == {f: b.declared(f) for f in b.fact_values}


def _value(kb, rng: random.Random, question: str):
    """A random allowed value of a question (random_answers may give it a certainty too)."""
    return answers_of(kb, {question: random_answers(kb, rng, density=1.0)[question]})[question].value


def _step(interview: Interview, kb, rng: random.Random) -> None:
    questions = list(kb.questions)
    statable = [f for f, spec in kb.facts.items() if spec.statable]
    move = rng.random()
    if move < 0.45 and interview.next_question is not None:
        question = interview.next_question.id
        interview.answer(question, _value(kb, rng, question), rng.choice([1.0, 1.0, kb.meta.unsure_cf, 0.5]))
    elif move < 0.55 and interview.next_question is not None:
        interview.skip(interview.next_question.id)
    elif move < 0.65:
        question = rng.choice(questions)  # change any answer, relevant or not
        interview.answer(question, _value(kb, rng, question))
    elif move < 0.72:
        interview.back()
    elif move < 0.78 and interview.history:
        interview.retract(rng.choice(interview.history))
    elif move < 0.86 and statable:
        fact = rng.choice(statable)
        interview.answer(fact, rng.choice(kb.facts[fact].allowed_values))
    elif move < 0.92:
        interview.load(answers_of(kb, random_answers(kb, rng, density=rng.choice([0.2, 0.6]))),
                       {q for q in questions if rng.random() < 0.1})
    elif interview.next_question is not None:
        interview.answer(interview.next_question.id, _value(kb, rng, interview.next_question.id))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(kb_seed=st.sampled_from([-1, 0, 1, 2, 3, 4, 5]), seed=st.integers(0, 10**6))
def test_each_step_is_evaluated_as_a_full_evaluation_would(kb_seed, seed):
    kb = knowledge_base(kb_seed)
    rng = random.Random(seed)
    interview = Interview(kb)
    _assert_same_as_full_evaluation(interview)
    for _ in range(25):
        _step(interview, kb, rng)
        _assert_same_as_full_evaluation(interview)


def test_the_worked_cases_are_evaluated_as_a_full_evaluation_would():
    kb = knowledge_base(-1)
    for case in kb.cases:
        interview = Interview(kb)
        while not interview.finished:
            question = interview.next_question.id
            if question in case.answers:
                interview.answer(question, case.answers[question])
            else:
                interview.skip(question)
            _assert_same_as_full_evaluation(interview)


def test_a_step_evaluates_only_what_the_change_reaches():
    """The point of it: answering one question re-evaluates the rules that read it
    (and what their conclusions feed), not the whole knowledge base."""
    kb = knowledge_base(-1)
    interview = Interview(kb)
    plan = interview.engine.relevance_plan
    question = interview.next_question.id
    evaluated = []
    original = type(interview.relevance.bounds).premise_of

    def counting(self, branches):
        evaluated.append(branches)
        return original(self, branches)

    type(interview.relevance.bounds).premise_of = counting
    try:
        interview.answer(question, _value(kb, random.Random(1), question))
    finally:
        type(interview.relevance.bounds).premise_of = original
    rules = [b for b in evaluated if any(b is r.branches for r in plan.rules)]
    assert 0 < len(rules) < len(plan.rules) / 2
    _assert_same_as_full_evaluation(interview)
