"""Knowledge-base declarations for the plan and the policy: finite numbers,
levels in order, horizons, urgency rules, choice groups, disagreements."""

from __future__ import annotations

import math

import pytest

from gvc_advisor.engine.errors import KnowledgeBaseError
from gvc_advisor.engine.kb.loader import load_knowledge_base

SRC = [{"key": "src", "section": "1"}]


def test_kb_numbers_must_be_finite(write_kb, tmp_path):
    rules = [{"id": "r", "title": "R", "because": "b", "when": {"fact": "q1", "equals": math.nan},
              "then": [{"recommend": "rec", "cf": math.inf}], "sources": SRC}]
    extra = {"kb": {"name": "t", "version": "1", "description": "d", "threshold": math.nan}}
    with pytest.raises(KnowledgeBaseError) as raised:
        load_knowledge_base(write_kb(tmp_path, ["q1"], rules, extra=extra))
    text = str(raised.value)
    # refused where they are read, each at its line and column ...
    assert text.count("infinity and NaN are not numbers") == 3, text
    assert "knowledge_base/kb.yaml:5:14: '.nan'" in text and "rules/r.yaml:10:9: '.inf'" in text
    # ... and by the schema too, for data that does not come from YAML
    from pydantic import ValidationError

    from gvc_advisor.engine.kb.schema.validation.rules import Rule
    with pytest.raises(ValidationError, match="finite number"):
        Rule.model_validate(rules[0])


def test_worth_considering_below_the_threshold_is_refused(write_kb, tmp_path):
    extra = {"kb": {"name": "t", "version": "1", "description": "d", "threshold": 0.3, "worth_considering": 0.25}}
    with pytest.raises(KnowledgeBaseError, match="must be at least the 'threshold'"):
        load_knowledge_base(write_kb(tmp_path, ["q1"], [], extra=extra))


def _rec(**extra) -> dict:
    return {"id": "rec", "title": "R", "summary": "s", "upgrading_type": "process", "actions": ["a", "b", "c"],
            "preconditions": ["p"], "risks": ["r"], "actors": ["firm"], "sources": SRC, "horizon": "now", **extra}


def _errors(write_kb, tmp_path, **extra) -> str:
    rules = [{"id": "r", "title": "R", "because": "b", "when": {"fact": "q1", "equals": "x"},
              "then": [{"recommend": "rec", "cf": 0.5}], "sources": SRC}]
    with pytest.raises(KnowledgeBaseError) as raised:
        load_knowledge_base(write_kb(tmp_path, ["q1"], rules, extra=extra))
    return raised.value.report()


def test_plan_declarations_are_checked_where_they_stand(write_kb, tmp_path):
    text = _errors(
        write_kb, tmp_path,
        recommendations=[_rec(
            already_followed={"when": {"fact": "q9", "equals": "x"}, "then": "deepen", "text": "t", "because": "b"},
            disagreements=[{"text": "t", "sources": [{"key": "src", "section": "1"}, {"key": "nope", "section": "2"}],
                            "hedges": ["no-such-warning"]}])],
        choice_groups=[{"id": "g", "title": "G", "because": "b", "members": ["rec", "recc"], "sources": SRC}],
        urgency=[{"id": "u", "title": "U", "because": "b", "when": {"fact": "q1", "equals": "z"},
                  "urgency": "urgent", "recommendations": ["rec", "other"], "sources": SRC}],
        warnings=[{"id": "w", "title": "W", "message": "m", "sources": SRC, "against": ["missing"]}],
    )
    assert "unknown question or fact 'q9'" in text
    assert "unknown source 'nope'" in text and "unknown warning 'no-such-warning'" in text
    assert "unknown recommendation 'recc'; did you mean 'rec'?" in text
    assert "unknown recommendation 'other'" in text and "'q1' has no value 'z'" in text
    assert "unknown recommendation 'missing'" in text
    for line in text.splitlines():
        assert line.startswith("knowledge_base/kb.yaml:"), line  # each problem is located


@pytest.mark.parametrize(("followed", "message"), [
    ({"when": {"fact": "q1", "equals": "x"}, "then": "deepen", "because": "b"}, "needs a 'text'"),
    ({"when": {"fact": "q1", "equals": "x"}, "then": "drop", "actions": ["a"], "because": "b"},
     "'actions' belong to 'then: deepen'"),
])
def test_already_followed_must_say_how_the_advice_changes(write_kb, tmp_path, followed, message):
    assert message in _errors(write_kb, tmp_path, recommendations=[_rec(already_followed=followed)])


def test_a_disagreement_names_two_papers(write_kb, tmp_path):
    disagreement = {"text": "t", "sources": [{"key": "src", "section": "1"}, {"key": "src", "section": "2"}]}
    assert "at least two different papers" in _errors(write_kb, tmp_path,
                                                       recommendations=[_rec(disagreements=[disagreement])])


def test_a_recommendation_without_horizon_is_linted(write_kb, tmp_path):
    recs = [_rec()]
    del recs[0]["horizon"]
    rules = [{"id": "r", "title": "R", "because": "b", "when": {"fact": "q1", "equals": "x"},
              "then": [{"recommend": "rec", "cf": 0.5}], "sources": SRC}]
    kb = load_knowledge_base(write_kb(tmp_path, ["q1"], rules, extra={"recommendations": recs}))
    assert [p.message for p in kb.lint] == [
        "recommendation 'rec' declares no 'horizon' (now, medium_term or long_term); the plan cannot place it in time"]
