"""Pilot tests of the compare and roll-up screens: assertions on screen state."""

from __future__ import annotations

import json

import pytest
from rollup_helpers import answers_file, case_answers

from gvc_advisor.engine.kb.loader import default_kb_root, load_knowledge_base
from gvc_advisor.services.sessions import SavedSession, SessionStore
from gvc_advisor.tui.app import AdvisorApp
from gvc_advisor.tui.screens.compare import CompareScreen
from gvc_advisor.tui.screens.rollup import RollupScreen
from gvc_advisor.tui.screens.save_report import SaveReportModal

KB = load_knowledge_base(default_kb_root())


@pytest.fixture
def store(tmp_path):
    store = SessionStore(tmp_path / "sessions")
    for case in ("captive-garment-oem", "auto-parts-assembler"):
        firm, answers = case_answers(KB, case)
        session = SavedSession.new(firm, KB)
        session.answers = answers
        store.save(session)
    return store


async def test_compare_screen_ticks_sessions_adds_a_file_and_saves(store, tmp_path):
    shoes = answers_file(KB, tmp_path, "sports-shoe-domestic-brand")
    app = AdvisorApp(KB, store=store)
    async with app.run_test(size=(100, 32)) as pilot:
        app._push("compare")  # as the command palette does
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        await pilot.press("space", "down", "space")  # tick both saved sessions
        await pilot.press("f5")
        await pilot.pause()
        assert screen.comparison is not None and len(screen.comparison.firms) == 2
        assert "driver" in {d.target for d in screen.comparison.differences}
        field = screen.query_one("#compare-path")
        field.focus()
        field.value = str(shoes)  # typed in one go: Pilot's key presses are slow for long paths
        await pilot.press("enter")
        await pilot.press("f5")
        await pilot.pause()
        assert len(screen.comparison.firms) == 3
        await pilot.press("f6")
        await pilot.pause()
        assert isinstance(app.screen, SaveReportModal)
        target = tmp_path / "cmp.json"
        field = app.screen.query_one("#save-path")
        field.value = str(target)
        await pilot.press("enter")
        await pilot.pause()
        assert json.loads(target.read_text())["firms"][2]["source"] == str(shoes)


async def test_compare_screen_refuses_a_bad_file_and_too_few_firms(store, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("answers:\n  industry: nope\n")
    app = AdvisorApp(KB, store=store)
    async with app.run_test(size=(80, 24)) as pilot:
        app._push("compare")
        await pilot.pause()
        screen = app.screen
        field = screen.query_one("#compare-path")
        field.focus()
        field.value = str(bad)
        await pilot.press("enter")
        await pilot.pause()
        assert screen.files == [] and "nope" in str(screen.query_one("#compare-error").render())
        await pilot.press("f5")
        await pilot.pause()
        assert screen.comparison is None
        assert "at least two firms" in str(screen.query_one("#compare-error").render())


async def test_rollup_screen_runs_in_the_background_and_saves(store, tmp_path):
    paths = [answers_file(KB, tmp_path, c) for c in ("captive-garment-oem", "sports-shoe-domestic-brand")]
    app = AdvisorApp(KB, store=store)
    async with app.run_test(size=(100, 32)) as pilot:
        app._push("rollup")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, RollupScreen)
        screen.query_one("#rollup-inputs").value = " ".join(str(p) for p in paths)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.summary is not None and screen.summary.firms == 2
        assert "2 firms rolled up" in str(screen.query_one("#rollup-status").render())
        await pilot.press("f7")  # every saved session
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.summary.firms == 2 and screen.summary.inputs == [str(store.directory)]
        for name in ("rollup.html", "firms.xlsx"):
            await pilot.press("f6")
            await pilot.pause()
            app.screen.query_one("#save-path").value = str(tmp_path / name)
            await pilot.press("enter")
            await app.workers.wait_for_complete()
            await pilot.pause()
        assert "<svg" in (tmp_path / "rollup.html").read_text()
        assert (tmp_path / "firms.xlsx").read_bytes().startswith(b"PK")


async def test_rollup_screen_shows_input_errors(store, tmp_path):
    app = AdvisorApp(KB, store=store)
    async with app.run_test(size=(80, 24)) as pilot:
        app._push("rollup")
        await pilot.pause()
        screen = app.screen
        await pilot.press(*"nowhere.csv", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.summary is None
        assert "nowhere.csv: no such file or folder" in str(screen.query_one("#rollup-status").render())


async def test_leaving_the_rollup_screen_while_it_runs(store, tmp_path):
    """A roll-up still running when the screen is left reports to a screen that is gone: its
    progress and result are dropped, and the app goes on."""
    paths = [answers_file(KB, tmp_path, c) for c in ("captive-garment-oem", "sports-shoe-domestic-brand")]
    app = AdvisorApp(KB, store=store)
    async with app.run_test(size=(80, 24)) as pilot:
        app._push("rollup")
        await pilot.pause()
        screen = app.screen
        screen.query_one("#rollup-inputs").value = " ".join(str(p) for p in paths)
        await pilot.press("enter", "escape")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not isinstance(app.screen, RollupScreen)
        screen._progress(1, 2)  # what a late callback of the worker thread does
        screen._status("late")
        screen._show(None, None)
        await pilot.pause()
        assert app.is_running
