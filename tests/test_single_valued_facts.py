"""Single-valued facts: rules downstream see only the strongest value, the
others are alternatives considered, close runners-up make a contest, ties are
broken by the declared value order; and conflicting recommendations."""

from __future__ import annotations

import pytest
from conftest import answers_of
from reference_evaluator import reference_consult

from gvc_advisor.engine.advice import build_advice
from gvc_advisor.engine.consult import InferenceEngine
from gvc_advisor.engine.explain import explain
from gvc_advisor.engine.interview import Interview
from gvc_advisor.engine.kb.loader import load_knowledge_base

SRC = [{"key": "src", "section": "1"}]


def _fact(cardinality: str = "single") -> dict:
    return {"id": "f", "label": "F", "description": "d", "cardinality": cardinality,
            "values": [{"value": "a", "label": "A"}, {"value": "b", "label": "B"}]}


def _rules(cf_a: float, cf_b: float) -> list[dict]:
    return [
        {"id": "for-a", "title": "A", "because": "b", "when": {"fact": "q1", "equals": "x"},
         "then": [{"set": "f", "to": "a", "cf": cf_a}], "sources": SRC},
        {"id": "for-b", "title": "B", "because": "b", "when": {"fact": "q2", "equals": "x"},
         "then": [{"set": "f", "to": "b", "cf": cf_b}], "sources": SRC},
        {"id": "reads-b", "title": "R", "because": "b", "when": {"fact": "f", "equals": "b"},
         "then": [{"recommend": "rec", "cf": 0.9}], "sources": SRC},
    ]


def _kb(write_kb, tmp_path, cf_a, cf_b, cardinality="single", margin=0.1):
    extra = {"kb": {"name": "t", "version": "1", "description": "d", "contested_margin": margin}}
    return load_knowledge_base(write_kb(tmp_path, ["q1", "q2"], _rules(cf_a, cf_b), [_fact(cardinality)], extra))


def _consult(kb, **raw):
    return InferenceEngine(kb).consult(answers_of(kb, raw))


def test_rules_downstream_see_only_the_strongest_value(write_kb, tmp_path):
    kb = _kb(write_kb, tmp_path, 0.8, 0.6)
    c = _consult(kb, q1="x", q2="x")
    assert c.established("f") == [("a", 0.8)]
    assert c.alternatives("f") == [("b", 0.6)]
    assert c.recommended == []  # the rule on f=b never saw b
    assert c.summary() == reference_consult(kb, answers_of(kb, {"q1": "x", "q2": "x"}))


def test_multiple_valued_facts_keep_every_established_value(write_kb, tmp_path):
    kb = _kb(write_kb, tmp_path, 0.8, 0.6, cardinality="multiple")
    c = _consult(kb, q1="x", q2="x")
    assert [v for v, _ in c.established("f")] == ["a", "b"]
    assert [r.target for r in c.recommended] == ["rec"]


def test_runner_up_within_margin_is_contested_with_both_sides_and_how_to_settle(write_kb, tmp_path):
    kb = _kb(write_kb, tmp_path, 0.7, 0.6, margin=0.1)
    c = _consult(kb, q1="x")
    assert c.contest("f") is None  # b has no evidence yet
    c = _consult(kb, q1="x", q2="x")
    contest = c.contest("f")
    assert (contest.winner, contest.runner_up, contest.tie) == ("a", "b", False)
    advice = build_advice(kb, c)
    item = advice.fact("f")
    assert item.contested is not None and item.contested.runner_up.value == "b"
    assert item.contested.settle_questions == ()  # both questions answered
    assert item.contested.can_state
    message = item.contested.message
    assert "A (0.70; rules for-a)" in message and "B (0.60; rules for-b)" in message
    assert 'state "F" directly' in message
    warning = next(w for w in advice.warnings if w.kind == "contested")
    assert (warning.id, warning.fact, warning.cf) == ("contested:f", "f", 0.6)


def test_contest_names_the_unanswered_question_that_would_settle_it(write_kb, tmp_path):
    rules = _rules(0.7, 0.6)
    rules[1]["when"] = {"all": [{"fact": "q2", "equals": "x"}, {"not": {"fact": "q3", "equals": "y"}}]}
    extra = {"kb": {"name": "t", "version": "1", "description": "d", "contested_margin": 0.2}}
    kb = load_knowledge_base(write_kb(tmp_path, ["q1", "q2", "q3"], rules, [_fact()], extra))
    c = _consult(kb, q1="x", q2="x")
    item = build_advice(kb, c).fact("f")
    assert item.contested.settle_questions == ("q3",)
    assert 'answer "q3?"' in item.contested.message


def test_a_clear_winner_is_not_contested(write_kb, tmp_path):
    kb = _kb(write_kb, tmp_path, 0.9, 0.6, margin=0.1)
    assert _consult(kb, q1="x", q2="x").contest("f") is None


def test_a_tie_goes_to_the_value_listed_first_and_says_so(write_kb, tmp_path):
    kb = _kb(write_kb, tmp_path, 0.6, 0.6, margin=0.0)
    c = _consult(kb, q1="x", q2="x")
    assert c.established("f") == [("a", 0.6)]
    assert c.contest("f").tie
    item = build_advice(kb, c).fact("f")
    assert "the tie went to A, listed first" in item.tie_break
    assert item.contested is not None  # a tie is always contested, even with margin 0


def test_a_stated_single_valued_fact_is_never_contested(write_kb, tmp_path):
    kb = _kb(write_kb, tmp_path, 0.7, 0.6)
    c = _consult(kb, q1="x", q2="x", f="b")
    assert c.established("f") == [("b", 1.0)] and c.contest("f") is None
    assert [r.target for r in c.recommended] == ["rec"]


def test_explanation_shows_the_alternatives_considered(write_kb, tmp_path):
    kb = _kb(write_kb, tmp_path, 0.8, 0.6)
    c = _consult(kb, q1="x", q2="x")
    text = explain(kb, c, "f").to_text()
    assert "alternatives considered" in text and "B [cf 0.60]" in text
    lost = explain(kb, c, "f=b").to_text()
    assert "not used" in lost and "A" in lost


def test_relevance_keeps_asking_while_the_winner_can_change(write_kb, tmp_path):
    kb = _kb(write_kb, tmp_path, 0.5, 0.7)
    interview = Interview(kb)
    interview.answer("q1", "x")
    # a is established at 0.5, but q2 could make b the winner (and so the advice)
    assert "q2" in interview.relevance.questions


def _conflict_kb(write_kb, tmp_path, cf_1: float, cf_2: float):
    recs = [{"id": rid, "title": rid.upper(), "summary": "s", "upgrading_type": "process", "actions": ["a", "b", "c"],
             "preconditions": ["p"], "risks": ["r"], "actors": ["firm"], "sources": SRC, "horizon": "now"}
            for rid in ("one", "two")]
    recs[0]["conflicts_with"] = ["two"]
    rules = [{"id": f"r-{rid}", "title": rid, "because": "b", "when": {"fact": q, "equals": "x"},
              "then": [{"recommend": rid, "cf": cf}], "sources": SRC}
             for rid, q, cf in (("one", "q1", cf_1), ("two", "q2", cf_2))]
    return load_knowledge_base(write_kb(tmp_path, ["q1", "q2"], rules, extra={"recommendations": recs}))


@pytest.mark.parametrize(("cf_1", "cf_2", "made", "lost"), [(0.8, 0.6, "one", "two"), (0.5, 0.7, "two", "one"),
                                                             (0.6, 0.6, "one", "two")])
def test_of_two_conflicting_recommendations_only_the_stronger_is_made(write_kb, tmp_path, cf_1, cf_2, made, lost):
    kb = _conflict_kb(write_kb, tmp_path, cf_1, cf_2)
    c = _consult(kb, q1="x", q2="x")
    assert [r.target for r in c.recommended] == [made]
    assert c.beaten == {lost: made}
    advice = build_advice(kb, c)
    (not_chosen,) = advice.not_chosen
    assert (not_chosen.id, not_chosen.chosen) == (lost, made)
    assert "only the stronger is made" in not_chosen.why
    assert ("listed first in the catalogue" in not_chosen.why) == (cf_1 == cf_2)
    assert "conflicts with" in explain(kb, c, lost).to_text()
    assert c.summary() == reference_consult(kb, answers_of(kb, {"q1": "x", "q2": "x"}))
