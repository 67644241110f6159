"""Interview state (answer, skip, back, change) and the explanation API."""

from __future__ import annotations

import pytest
from conftest import answers_of

from gvc_advisor.engine.engines import engine_for
from gvc_advisor.engine.errors import AnswersError
from gvc_advisor.engine.explain import explain, why_not, why_question
from gvc_advisor.engine.interview import Interview


def test_interview_asks_only_relevant_questions(small_kb):
    interview = Interview(small_kb)
    first = interview.next_question.id
    assert first in small_kb.questions
    interview.answer("employees", 150)
    # own_brand only matters for the leading-firm rule, which 150 employees rules out,
    # and for the SME alternative, already settled with certainty 1 by employees < 300.
    assert "own_brand" not in interview.relevance.questions
    assert "employees" not in interview.relevance.questions


def test_back_skip_and_change(small_kb):
    interview = Interview(small_kb)
    interview.answer("industry", "apparel")
    interview.skip("largest_buyer_share")
    assert interview.history == ["industry", "largest_buyer_share"]
    assert "largest_buyer_share" not in interview.relevance.questions
    assert interview.back() == "largest_buyer_share"
    assert "largest_buyer_share" in interview.relevance.questions
    interview.answer("industry", "steel")  # change an earlier answer
    assert interview.consultation.value_of("driver") == ("producer", 0.9)
    assert interview.history == ["industry"]


def test_invalid_answer_is_refused_and_state_kept(small_kb):
    interview = Interview(small_kb)
    interview.answer("employees", 150)
    with pytest.raises(AnswersError, match="allowed: 1 to 1000000"):
        interview.answer("employees", 0)
    assert interview.answers["employees"].value == 150
    with pytest.raises(AnswersError, match="allowed: yes, no"):
        interview.answer("own_brand", "maybe")
    with pytest.raises(AnswersError, match="unknown question or statable fact"):
        interview.answer("no_such_question", "x")


def test_progress_counts(small_kb):
    interview = Interview(small_kb)
    done, remaining = interview.progress
    assert done == 0 and remaining == len(interview.relevance.questions) > 0
    interview.answer("industry", "apparel")
    assert interview.progress[0] == 1


def test_why_question_names_waiting_rules(small_kb):
    interview = Interview(small_kb)
    node = why_question(small_kb, interview.relevance.waiting["industry"])
    text = node.to_text()
    assert "driver-buyer" in text and "Driver = Buyer" in text and "because:" in text


def test_derivation_tree_goes_down_to_answers(small_kb):
    result = engine_for(small_kb).consult(answers_of(small_kb, {
        "industry": "apparel", "largest_buyer_share": 80, "employees": 120}))
    tree = explain(small_kb, result, "process-upgrading-with-buyer")
    kinds = set()

    def walk(node):
        kinds.add(node.kind)
        for child in node.children:
            walk(child)

    walk(tree)
    assert {"conclusion", "rule", "because", "source", "answer"} <= kinds
    assert "What share of your sales goes to your largest customer?" in tree.to_text()


def test_why_not_lists_closest_rule_and_unmet_conditions(small_kb):
    result = engine_for(small_kb).consult(answers_of(small_kb, {"industry": "apparel"}))
    node = why_not(small_kb, result, "strengthen-rd-modular-development")
    text = node.to_text()
    assert "rule rd-for-producer" in text and "unmet: Driver is Producer" in text


def test_why_not_reports_low_certainty(small_kb):
    answers = answers_of(small_kb, {"industry": {"value": "apparel", "certainty": 0.25}})
    result = engine_for(small_kb).consult(answers)
    # driver = buyer at 0.9 × 0.25 = 0.225 ≥ 0.2; the design advice gets 0.8 × 0.225 = 0.18 < 0.2
    node = why_not(small_kb, result, "strengthen-industrial-design")
    assert "below the threshold 0.20" in node.to_text()
