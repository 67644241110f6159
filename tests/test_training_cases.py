"""The exercises: enough of them, covering the framework, each grounded in a
passage of the papers; and the profile a trainee reads (a narrative from the
questions' labels, never ids)."""

from __future__ import annotations

import re

import pytest

from gvc_advisor.engine.kb.answers import Answer, answers_from_mapping
from gvc_advisor.engine.kb.loader import default_kb_root, load_knowledge_base
from gvc_advisor.engine.kb.schema.base import replace
from gvc_advisor.services.training.exercises import bundled_exercises, solve
from gvc_advisor.services.training.profile import _phrasebook, clause, firm_profile, inline_label

KB = load_knowledge_base(default_kb_root())
EXERCISES = bundled_exercises(KB)


def test_at_least_twelve_exercises_cover_every_governance_driver_and_status():
    assert len(EXERCISES) >= 12
    seen: dict[str, set] = {"governance": set(), "driver": set(), "firm_status": set()}
    for exercise in EXERCISES:
        advice = solve(KB, exercise).advice
        for fact in seen:
            item = advice.fact(fact)
            if item is not None and item.value is not None:
                seen[fact].add(item.value)
    assert seen == {fact: set(KB.allowed_values(fact)) for fact in seen}


def test_every_exercise_is_grounded_in_a_passage_named_in_its_note():
    for exercise in EXERCISES:
        training = exercise.case.training
        assert training is not None, f"{exercise.id} has no training passage"
        assert training.passage.key in KB.sources
        assert training.passage.key in exercise.case.teaching_note


def test_at_least_two_exercises_discuss_where_the_papers_disagree():
    disagreeing = [e for e in EXERCISES if e.case.training and e.case.training.disagreement]
    assert len(disagreeing) >= 2
    for exercise in disagreeing:
        papers = {ref.key for ref in exercise.case.training.disagreement}
        assert len(papers) >= 2
        assert all(key in exercise.case.teaching_note for key in papers)
        assert "disagree" in exercise.case.teaching_note


def test_every_answer_of_the_bundled_knowledge_base_has_a_phrase():
    """No bundled question falls back to the generic "asked ..., the manager answered" form."""
    phrases = _phrasebook()["phrases"]
    for question in KB.questions.values():
        entry = phrases.get(question.id)
        assert entry, f"no phrase for {question.id}"
        if question.allowed_values:
            missing = [v for v in question.allowed_values
                       if v not in (entry.get("values") or {}) and not entry.get("template")]
            assert not missing, f"{question.id}: no phrase for {missing}"
        else:
            assert "{value}" in entry.get("template", ""), question.id
    assert set(_phrasebook()["topics"]) >= {q.topic for q in KB.questions.values()}


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.id)
def test_the_profile_is_a_narrative_of_every_answer_without_ids(exercise):
    answers, _ = answers_from_mapping(KB, exercise.case.answers)
    profile = firm_profile(KB, exercise.case.firm, exercise.case.situation, answers)
    text = " ".join(p.text for p in profile.paragraphs)
    assert not re.search(r"\b[a-z]+_[a-z_]+\b", text), "an id leaked into the narrative"
    assert "asked \"" not in text
    assert all(p.text[0].isupper() and p.text.endswith(".") for p in profile.paragraphs)
    assert len(profile.details) == len([q for q in answers if q in KB.questions])
    assert [p.topic for p in profile.paragraphs] == list(dict.fromkeys(
        q.topic for q in KB.questions.values() if q.id in answers))


def test_unsure_answers_stated_facts_and_unknown_questions_are_said_plainly():
    answers = {"industry": Answer("apparel", 0.5), "largest_buyer_share": Answer(70), "governance": Answer("captive")}
    profile = firm_profile(KB, "F", "S", answers)
    assert "apparel and garments (the manager was not sure)" in profile.paragraphs[0].text
    assert profile.given == ("GVC governance model: Captive",)
    question = replace(KB.questions["industry"], id="brand_new_question")
    assert clause(KB, question, Answer("toys")) == (
        'asked "Which industry are your main products in?", the manager answered "Toys"')


def test_labels_keep_names_and_abbreviations_inside_a_sentence():
    assert inline_label("Foreign retailers or brand companies") == "foreign retailers or brand companies"
    assert inline_label("Chinese firms") == "Chinese firms"
    assert inline_label("OEM: full production") == "OEM: full production"
    assert inline_label("R&D centre") == "R&D centre"
