"""Autosave: atomic files, full restore, warnings on a changed knowledge base."""

from __future__ import annotations

import json

from gvc_advisor.engine.interview import Interview
from gvc_advisor.services.sessions import SavedSession, SessionStore


def test_save_and_restore_every_answer(tmp_path, small_kb):
    store = SessionStore(tmp_path)
    interview = Interview(small_kb)
    interview.answer("industry", "apparel")
    interview.answer("employees", 120, 0.5)
    interview.skip("largest_buyer_share")
    session = SavedSession.new("Test Co", small_kb)
    session.capture(interview)
    store.save(session)
    assert not list(tmp_path.glob(".tmp-*"))
    loaded = store.load(session.id)
    answers, skipped, history, problems = loaded.restore(small_kb)
    assert problems == []
    assert answers == interview.answers and skipped == {"largest_buyer_share"}
    assert history == ["industry", "employees", "largest_buyer_share"]
    assert not loaded.kb_changed(small_kb)
    sessions, unreadable = store.list()
    assert [s.firm for s in sessions] == ["Test Co"] and unreadable == []


def test_changed_kb_is_detected_and_invalid_answers_reported(tmp_path, small_kb):
    store = SessionStore(tmp_path)
    session = SavedSession.new("Old", small_kb)
    session.answers = {"industry": "apparel", "gone_question": "x", "employees": -5}
    session.kb = {"name": "x", "version": "0", "hash": "different"}
    store.save(session)
    loaded = store.load(session.id)
    assert loaded.kb_changed(small_kb)
    answers, _, _, problems = loaded.restore(small_kb)
    assert set(answers) == {"industry"}
    assert len(problems) == 2 and all("kept in the file" in p for p in problems)
    assert json.loads(store.path(session.id).read_text())["answers"]["gone_question"] == "x"
    # answering on and autosaving keeps what the knowledge base could not restore
    interview = Interview(small_kb)
    interview.load(answers)
    interview.answer("employees", 40)
    loaded.capture(interview)
    store.save(loaded)
    saved = json.loads(store.path(session.id).read_text())["answers"]
    assert saved == {"gone_question": "x", "industry": "apparel", "employees": 40}


def test_unreadable_session_files_are_listed_not_fatal(tmp_path, small_kb):
    store = SessionStore(tmp_path)
    (tmp_path / "broken.json").write_text("{not json")
    sessions, unreadable = store.list()
    assert sessions == [] and unreadable[0].name == "broken.json" and "not a JSON session file" in unreadable[0].reason
