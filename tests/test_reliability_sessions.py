"""Issue 9, sessions: a session file is input and cannot be turned against the user.

Items 2 (temporary leftovers), 3 (path traversal through the id) and 6
(corrupted files crash the TUI); each test failed on the code before.
"""

from __future__ import annotations

import json
import os

import pytest

from gvc_advisor.engine.interview import Interview
from gvc_advisor.engine.kb.loader import default_kb_root, load_knowledge_base
from gvc_advisor.services.sessions import SavedSession, SessionStore, UnreadableSession
from gvc_advisor.tui.app import AdvisorApp
from gvc_advisor.tui.screens.interview import InterviewScreen
from gvc_advisor.tui.screens.sessions import SessionsScreen

KB = load_knowledge_base(default_kb_root())


def _valid_session(store: SessionStore, firm: str = "Valid Co") -> SavedSession:
    interview = Interview(KB)
    interview.answer("industry", "apparel")
    interview.answer("largest_buyer_share", 70, 0.5)
    session = SavedSession.new(firm, KB)
    session.capture(interview)
    store.save(session)
    return session


def _valid_data(store: SessionStore) -> dict:
    session = _valid_session(store, "Template")
    data = json.loads(store.path(session.id).read_text())
    store.path(session.id).unlink()
    return data


# -- item 2 ---------------------------------------------------------------------
def test_temporary_leftover_is_never_listed(tmp_path):
    store = SessionStore(tmp_path)
    session = _valid_session(store)
    (tmp_path / ".tmp-a.json").write_bytes(store.path(session.id).read_bytes())
    (tmp_path / ".tmp-half.json").write_text('{"firm": "Valid Co", "answ')
    sessions, unreadable = store.list()
    assert [s.id for s in sessions] == [session.id] and unreadable == []
    assert (tmp_path / ".tmp-a.json").exists()  # left alone, not deleted either


async def test_resume_with_a_temporary_leftover_does_not_crash(tmp_path):
    store = SessionStore(tmp_path)
    session = _valid_session(store)
    (tmp_path / ".tmp-a.json").write_bytes(store.path(session.id).read_bytes())
    app = AdvisorApp(KB, store=store)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("down", "enter")  # Home → Resume
        await pilot.pause()
        assert isinstance(app.screen, SessionsScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, InterviewScreen) and app.session.id == session.id


def test_a_session_written_by_the_previous_version_still_resumes(tmp_path):
    """The files already on users' disks (with 'id' and 'unrestored' keys) stay readable."""
    store = SessionStore(tmp_path)
    old = {"id": "0123456789ab", "firm": "Old Co", "created": "2025-01-02T03:04:05+00:00",
           "updated": "2025-01-02T03:05:00+00:00", "kb": {"name": "x", "version": "1", "hash": "abc"},
           "answers": {"industry": "apparel", "largest_buyer_share": {"value": 70, "certainty": 0.5},
                       "gone": "x"},
           "skipped": ["own_brand"], "history": ["industry", "own_brand", "largest_buyer_share"],
           "progress": [3, 20], "format": 1, "unrestored": {"gone": "x"}}
    (tmp_path / "0123456789ab.json").write_text(json.dumps(old, indent=2))
    [session], unreadable = store.list()
    assert unreadable == [] and session.firm == "Old Co" and session.progress == (3, 20)
    answers, skipped, history, problems = session.restore(KB)
    assert answers["largest_buyer_share"].cf == 0.5 and skipped == {"own_brand"}
    assert history == ["industry", "own_brand", "largest_buyer_share"]
    assert len(problems) == 1 and "'gone'" in problems[0]
    store.save(session)
    saved = json.loads((tmp_path / "0123456789ab.json").read_text())
    assert saved["answers"]["gone"] == "x" and "unrestored" not in saved


# -- item 3 ---------------------------------------------------------------------
async def test_id_inside_the_file_never_forms_a_path(tmp_path):
    store = SessionStore(tmp_path / "data" / "sessions")
    session = _valid_session(store)
    victim = tmp_path / "victim.json"
    victim.write_text("precious")
    path = store.path(session.id)
    data = json.loads(path.read_text())
    data["id"] = "../../victim"
    path.write_text(json.dumps(data))
    loaded = store.load(session.id)
    assert loaded.id == session.id
    app = AdvisorApp(KB, store=store)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("down", "enter")
        await pilot.pause()
        await pilot.press("enter")  # resume: autosaves
        await pilot.pause()
        assert app.session.id == session.id
    assert victim.read_text() == "precious"
    assert sorted(p.name for p in store.directory.iterdir()) == [f"{session.id}.json"]
    store.delete(session.id)
    assert victim.read_text() == "precious" and not path.exists()


@pytest.mark.parametrize("bad_id", ["../x", "a/b", "", ".tmp-a", "x" * 65, "a b", "..", "é"])
def test_session_ids_are_checked_before_any_path_is_formed(tmp_path, bad_id):
    store = SessionStore(tmp_path)
    with pytest.raises(UnreadableSession):
        store.path(bad_id)
    with pytest.raises(UnreadableSession):
        store.delete(bad_id)


# -- item 6 ---------------------------------------------------------------------
CORRUPTIONS = {
    "array": lambda d: [d],
    "null": lambda d: None,
    "number": lambda d: 3,
    "updated-int": lambda d: {**d, "updated": 5},
    "updated-not-a-date": lambda d: {**d, "updated": "yesterday"},
    "created-list": lambda d: {**d, "created": []},
    "progress-string": lambda d: {**d, "progress": "3/4"},
    "progress-short": lambda d: {**d, "progress": [1]},
    "progress-negative": lambda d: {**d, "progress": [-1, 2]},
    "firm-int": lambda d: {**d, "firm": 7},
    "firm-null": lambda d: {**d, "firm": None},
    "firm-empty": lambda d: {**d, "firm": ""},
    "kb-list": lambda d: {**d, "kb": ["x"]},
    "kb-values-int": lambda d: {**d, "kb": {"hash": 1}},
    "answers-list": lambda d: {**d, "answers": ["industry"]},
    "answer-list": lambda d: {**d, "answers": {"industry": ["apparel"]}},
    "answer-certainty-string": lambda d: {**d, "answers": {"industry": {"value": "apparel", "certainty": "x"}}},
    "answer-certainty-big": lambda d: {**d, "answers": {"industry": {"value": "apparel", "certainty": 5}}},
    "answer-bool": lambda d: {**d, "answers": {"industry": True}},
    "certainty-string": lambda d: {**d, "certainty": "high"},
    "skipped-string": lambda d: {**d, "skipped": "industry"},
    "skipped-ints": lambda d: {**d, "skipped": [1, 2]},
    "history-dict": lambda d: {**d, "history": {"a": 1}},
    "missing-firm": lambda d: {k: v for k, v in d.items() if k != "firm"},
    "format-string": lambda d: {**d, "format": "1"},
    "format-zero": lambda d: {**d, "format": 0},
    "unknown-key": lambda d: {**d, "extra": 1},
}


def _write_corrupted(store: SessionStore) -> dict[str, bytes]:
    template = _valid_data(store)
    files = {}
    for name, corrupt in CORRUPTIONS.items():
        files[f"{name}.json"] = json.dumps(corrupt(dict(template))).encode()
    files["future.json"] = json.dumps({**template, "format": 99}).encode()
    files["not-json.json"] = b'{"firm": "Half'
    files["binary.json"] = b"\xff\xfe\x00garbage"
    files["deep.json"] = b"[" * 100_000 + b"]" * 100_000
    files["huge-int.json"] = b'{"format": 1' + b"0" * 5000 + b"}"
    files["bad name!.json"] = json.dumps(template).encode()
    for name, raw in files.items():
        (store.directory / name).write_bytes(raw)
    return files


def test_every_corrupted_file_is_listed_as_unreadable_and_left_untouched(tmp_path):
    store = SessionStore(tmp_path)
    valid = _valid_session(store)
    files = _write_corrupted(store)
    sessions, unreadable = store.list()
    assert [s.id for s in sessions] == [valid.id]
    assert sorted(u.name for u in unreadable) == sorted(files)
    reasons = {u.name: u.reason for u in unreadable}
    assert reasons["future.json"].startswith("saved by a newer gvc-advisor (session format 99")
    assert "update gvc-advisor" in reasons["future.json"]
    assert reasons["bad name!.json"].startswith("'bad name!' is not a session id")
    assert all("\n" not in reason for reason in reasons.values())
    for name, raw in files.items():
        assert (tmp_path / name).read_bytes() == raw
        if name != "bad name!.json":
            with pytest.raises(UnreadableSession):
                store.delete(name.removesuffix(".json"))
            assert (tmp_path / name).read_bytes() == raw


def test_symlinks_and_fifos_in_the_folder_are_not_followed(tmp_path):
    store = SessionStore(tmp_path / "sessions")
    valid = _valid_session(store)
    outside = tmp_path / "outside.json"
    outside.write_bytes(store.path(valid.id).read_bytes())
    os.symlink(outside, store.directory / "linked.json")
    os.mkfifo(store.directory / "pipe.json")
    sessions, unreadable = store.list()  # must not block on the FIFO
    assert [s.id for s in sessions] == [valid.id]
    assert {u.name: u.reason for u in unreadable} == {
        "linked.json": "a symbolic link, not a session file", "pipe.json": "not a regular file"}
    with pytest.raises(UnreadableSession):
        store.delete("linked")
    assert outside.exists() and (store.directory / "linked.json").is_symlink()


async def test_tui_lists_corrupted_sessions_and_resumes_the_valid_one(tmp_path):
    store = SessionStore(tmp_path)
    valid = _valid_session(store)
    files = _write_corrupted(store)
    app = AdvisorApp(KB, store=store)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("down", "enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionsScreen)
        menu = screen.query_one("#sessions")
        options = [menu.get_option_at_index(i) for i in range(menu.option_count)]
        assert [o.id for o in options if not o.disabled] == [valid.id]
        assert sum(o.disabled for o in options) == len(files)
        await pilot.press("end", "down")  # unreadable entries cannot even be highlighted
        await pilot.pause()
        assert menu.highlighted == 0
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, InterviewScreen) and app.session.id == valid.id
        assert app.interview.answers["industry"].value == "apparel"
        assert app.interview.answers["largest_buyer_share"].cf == 0.5
    assert app.return_code in (0, None)
    for name, raw in files.items():
        assert (tmp_path / name).read_bytes() == raw


async def test_tui_delete_removes_only_the_chosen_valid_session(tmp_path):
    store = SessionStore(tmp_path)
    valid = _valid_session(store)
    (tmp_path / "broken.json").write_text("[]")
    app = AdvisorApp(KB, store=store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("down", "enter")
        await pilot.pause()
        await pilot.press("delete")
        await pilot.pause()
        assert not store.path(valid.id).exists()
        menu = app.screen.query_one("#sessions")
        assert menu.option_count == 1 and menu.get_option_at_index(0).disabled
    assert (tmp_path / "broken.json").read_text() == "[]"


def test_a_crashed_tui_does_not_exit_0(monkeypatch, tmp_path):
    """run_app reports a crash of the application as an internal error (exit 70), not success."""
    from gvc_advisor.engine.errors import InternalError
    from gvc_advisor.tui import app as app_module

    def crash(self, *args, **kwargs):
        self._return_code = 1

    monkeypatch.setattr(app_module.AdvisorApp, "run", crash)
    monkeypatch.setenv("GVC_ADVISOR_DATA_DIR", str(tmp_path))
    with pytest.raises(InternalError):
        app_module.run_app()
