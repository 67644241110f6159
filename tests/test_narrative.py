"""Explanations in a manager's words (engine.narrative): no textual, no rule ids."""

from __future__ import annotations

import pytest
from conftest import answers_of

from gvc_advisor.engine.explain import Node, explain, why_not, why_question
from gvc_advisor.engine.interview import Interview
from gvc_advisor.engine.narrative import confidence, narrate, quantity, to_text


@pytest.fixture(scope="module")
def captive(shipped_kb):
    case = next(c for c in shipped_kb.cases if c.id == "captive-garment-oem")
    interview = Interview(shipped_kb)
    interview.load(answers_of(shipped_kb, case.answers))
    return shipped_kb, interview


def no_consultant_detail(kb, lines) -> None:
    text = "\n".join(line.text for line in lines)
    assert "[cf" not in text and "rule cf" not in text and "holds (no such value" not in text
    assert not any(f"rule {r.id}" in text or f" {r.id}:" in text for r in kb.rules)


def test_a_recommendation_because_you_said_and_firms_like_yours(captive):
    kb, interview = captive
    c = interview.consultation
    top = c.recommended[0].target
    lines = narrate(kb, c, explain(kb, c, top))
    assert lines[0].kind == "headline" and kb.recommendations[top].title in lines[0].text
    assert lines[1].kind == "certainty" and "confidence" in lines[1].text
    kinds = {line.kind for line in lines}
    assert {"general", "because", "said", "sources"} <= kinds
    assert any(line.text.startswith("Firms like yours: ") for line in lines)
    said = [line.text for line in lines if line.kind == "said"]
    assert said and all(text.startswith("you answered “") for text in said)
    no_consultant_detail(kb, lines)


def test_inferred_facts_are_followed_down_to_the_answers(captive):
    kb, interview = captive
    c = interview.consultation
    lines = narrate(kb, c, explain(kb, c, "strengthen-industrial-design"))
    found = [line for line in lines if line.kind == "found"]
    assert any("driving mechanism of the chain is “Buyer-driven”" in line.text for line in found)
    assert any("“420 people”" in line.text for line in lines)  # numbers with their unit
    depths = [line.depth for line in lines if line.kind == "said"]
    assert max(depths) > min(d for d in (line.depth for line in found))


def test_a_fact_a_warning_why_not_and_why_asked(captive):
    kb, interview = captive
    c = interview.consultation
    fact = narrate(kb, c, explain(kb, c, "governance"))
    assert fact[0].text == "GVC governance model: Captive"
    assert any(line.text.startswith("Evidence: ") for line in fact)
    warning = narrate(kb, c, explain(kb, c, c.raised_warnings[0].target))
    assert warning[0].text.startswith("Warning: ")
    missing = narrate(kb, c, why_not(kb, c, "acquire-foreign-brand", interview.engine.compiled.branches))
    assert missing[0].text.startswith("Why not: ") and any(line.kind == "unmet" for line in missing)
    asked = narrate(kb, c, why_question(kb, [kb.rules[0].id]))
    assert asked[0].text == "Why are you asking this?" and len(asked) > 2
    for lines in (fact, warning, missing, asked):
        no_consultant_detail(kb, lines)


def test_negative_conditions_in_the_users_words(shipped_kb):
    """'not (governance is hierarchy)' becomes a sentence with the fact's and value's labels."""
    kb = shipped_kb
    for case in kb.cases:
        interview = Interview(kb)
        interview.load(answers_of(kb, case.answers))
        c = interview.consultation
        for rec in c.recommended:
            for line in narrate(kb, c, explain(kb, c, rec.target)):
                if line.kind == "absent":
                    assert "not (" not in line.text and "_" not in line.text.split(":", 1)[1]


def test_unknown_node_kinds_are_kept_as_notes(captive):
    kb, interview = captive
    node = Node("a root", "future-kind", [Node("a new kind of evidence", "alternative")])
    lines = narrate(kb, interview.consultation, node)
    assert [line.text for line in lines] == ["a root", "a new kind of evidence"]


def test_plain_text_wraps_to_the_width(captive):
    kb, interview = captive
    c = interview.consultation
    text = to_text(narrate(kb, c, explain(kb, c, "strengthen-industrial-design")), width=50)
    assert all(len(line) <= 50 for line in text.splitlines())
    assert "Firms like yours" in text


def test_numbers_and_certainty_in_words():
    assert quantity(1, "people") == "1 person"
    assert quantity(1200, "people") == "1,200 people"
    assert quantity(40, "%") == "40 %"
    assert confidence(0.85).startswith("high confidence") and confidence(0.3).startswith("low confidence")


def test_evidence_against_a_value_says_so(shipped_kb):
    kb = shipped_kb
    case = next(c for c in kb.cases if c.id == "captive-garment-oem")
    interview = Interview(kb)
    # a customer base this spread argues against captivity, which the other evidence still carries
    interview.load(answers_of(kb, {**case.answers, "largest_buyer_share": 15}))
    c = interview.consultation
    against = [r.rule_id for r in c.facts["governance"]["captive"].contributions if r.cf < 0]
    assert against, "the case no longer has a rule against captive governance"
    lines = narrate(kb, c, explain(kb, c, "governance=captive"))
    assert any(line.text.startswith("Evidence against: ") for line in lines)
    nested = narrate(kb, c, explain(kb, c, "process-upgrading-with-buyer"))
    assert any("counting against it" in line.text for line in nested)
