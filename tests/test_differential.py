"""The experta engine must agree with the reference evaluator on everything.

Hypothesis generates knowledge bases (every operator, negative evidence,
several strata) and answer profiles (with unsure answers and stated facts);
both engines must give the same facts, recommendations, warnings and
certainties.  A second property checks that an interview that only asks the
relevant questions ends with exactly the advice of answering everything.
"""

from __future__ import annotations

import random
from functools import lru_cache
from pathlib import Path
from tempfile import TemporaryDirectory

from conftest import answers_of, assert_one_diagnosis_no_contradiction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reference_evaluator import reference_consult

from gvc_advisor.engine.advice import build_advice
from gvc_advisor.engine.consult import InferenceEngine
from gvc_advisor.engine.interview import Interview
from gvc_advisor.engine.kb.loader import default_kb_root, load_knowledge_base
from gvc_advisor.services.synthetic import generate, random_answers


@lru_cache(maxsize=64)
def synthetic(seed: int, rules: int):
    with TemporaryDirectory(prefix="gvc-kb-") as folder:  # the loaded knowledge base needs no files
        kb = load_knowledge_base(generate(Path(folder), rules=rules, seed=seed))
    return kb, InferenceEngine(kb)


@lru_cache(maxsize=2)
def shipped():
    kb = load_knowledge_base(default_kb_root())
    return kb, InferenceEngine(kb)


def _profile(kb, seed: int, state_facts: bool):
    rng = random.Random(seed)
    raw = random_answers(kb, rng, density=rng.choice([0.3, 0.7, 1.0]))
    statable = sorted(f for f, spec in kb.facts.items() if spec.statable)
    if state_facts and statable and rng.random() < 0.5:
        fact = rng.choice(statable)
        raw[fact] = rng.choice(kb.facts[fact].allowed_values)
    return answers_of(kb, raw)


SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(kb_seed=st.integers(0, 40), answer_seed=st.integers(0, 10**6), state=st.booleans(),
       size=st.sampled_from([12, 30, 60]))
def test_engine_agrees_with_reference_on_synthetic_kbs(kb_seed, answer_seed, state, size):
    kb, engine = synthetic(kb_seed, size)
    answers = _profile(kb, answer_seed, state)
    result = engine.consult(answers)
    assert result.summary() == reference_consult(kb, answers)
    assert_one_diagnosis_no_contradiction(kb, result)


@SETTINGS
@given(answer_seed=st.integers(0, 10**6), state=st.booleans())
def test_engine_agrees_with_reference_on_shipped_kb(answer_seed, state):
    kb, engine = shipped()
    answers = _profile(kb, answer_seed, state)
    result = engine.consult(answers)
    assert result.summary() == reference_consult(kb, answers)
    assert_one_diagnosis_no_contradiction(kb, result)


def _interview_reaches_full_advice(kb, answers) -> int:
    interview = Interview(kb)
    for name, answer in answers.items():  # a consultant states facts up front
        if name in kb.facts:
            interview.answer(name, answer.value, answer.cf)
    asked = 0
    while not interview.finished:
        question = interview.next_question
        asked += 1
        if question.id in answers:
            answer = answers[question.id]
            interview.answer(question.id, answer.value, answer.cf)
        else:
            interview.skip(question.id)
    full = InferenceEngine(kb).consult(answers)
    assert interview.consultation.advice() == full.advice()
    assert build_advice(kb, interview.consultation).outcome() == build_advice(kb, full).outcome()
    return asked


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(kb_seed=st.integers(0, 40), answer_seed=st.integers(0, 10**6))
def test_relevant_questions_only_interview_reaches_same_advice_synthetic(kb_seed, answer_seed):
    kb, _ = synthetic(kb_seed, 30)
    answers = _profile(kb, answer_seed, state_facts=True)
    _interview_reaches_full_advice(kb, answers)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answer_seed=st.integers(0, 10**6))
def test_relevant_questions_only_interview_reaches_same_advice_shipped(answer_seed):
    kb, _ = shipped()
    answers = _profile(kb, answer_seed, state_facts=True)
    _interview_reaches_full_advice(kb, answers)
