"""Autosave: atomic files, full restore, warnings on a changed knowledge base."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
import textwrap

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


def test_the_session_record_and_the_file_model_have_the_same_fields():
    """A session in memory is a plain record; the pydantic model that validates
    a file must describe exactly the same fields, defaults and format."""
    from gvc_advisor.services import session_file, sessions

    record = {f.name: f for f in dataclasses.fields(SavedSession)}
    assert list(session_file.SessionFile.model_fields) == list(record)
    for name, model_field in session_file.SessionFile.model_fields.items():
        required = record[name].default is dataclasses.MISSING and record[name].default_factory is dataclasses.MISSING
        assert model_field.is_required() == required, name
    assert [f.name for f in dataclasses.fields(sessions.CertainAnswer)] == list(
        session_file.CertainAnswer.model_fields)
    assert session_file.FORMAT_VERSION == sessions.FORMAT_VERSION


def test_a_saved_file_is_exactly_what_the_file_model_reads_and_writes(tmp_path, small_kb):
    from gvc_advisor.services.session_file import SessionFile

    store = SessionStore(tmp_path)
    interview = Interview(small_kb)
    interview.answer("industry", "apparel")
    interview.answer("employees", 120, 0.5)
    interview.skip("largest_buyer_share")
    session = SavedSession.new("Test Co", small_kb)
    session.unrestored = {"gone_question": "x"}
    session.capture(interview)
    store.save(session)
    written = json.loads(store.path(session.id).read_text())
    assert written["answers"] == {"gone_question": "x", "industry": "apparel",
                                  "employees": {"value": 120, "certainty": 0.5}}
    assert SessionFile.model_validate_json(json.dumps(written)).model_dump(mode="json") == written
    loaded = store.load(session.id)
    assert loaded == dataclasses.replace(session, unrestored={})  # what a save wrote is what a load reads


def test_starting_and_saving_a_session_does_not_import_pydantic(tmp_path):
    """Starting an interview saves a new session: that must not cost a pydantic
    import (a quarter of the launch; see benchmarks/bench.py)."""
    code = textwrap.dedent(f"""
        import sys
        from pathlib import Path
        from gvc_advisor.services.sessions import SavedSession, SessionStore
        class KbVersion:  # all a new session reads of a knowledge base
            version_info = {{"name": "kb", "version": "1", "hash": "x"}}
        session = SavedSession.new("Co", KbVersion())
        SessionStore(Path({str(tmp_path)!r})).save(session)
        print("pydantic" in sys.modules)
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
