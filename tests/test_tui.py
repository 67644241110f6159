"""Pilot tests of the TUI: assertions on application state, not pixels."""

from __future__ import annotations

import json

import pytest

from gvc_advisor.engine.kb.loader import default_kb_root, load_knowledge_base
from gvc_advisor.services.sessions import SessionStore
from gvc_advisor.tui.app import AdvisorApp
from gvc_advisor.tui.screens.explanation import ExplanationScreen
from gvc_advisor.tui.screens.export import ExportScreen
from gvc_advisor.tui.screens.interview import InterviewScreen
from gvc_advisor.tui.screens.results import ResultsScreen
from gvc_advisor.tui.screens.whatif import WhatIfScreen
from gvc_advisor.tui.screens.whynot import WhyNotScreen

KB = load_knowledge_base(default_kb_root())
CASE = next(c for c in KB.cases if c.id == "captive-garment-oem")


@pytest.fixture
def store(tmp_path):
    return SessionStore(tmp_path / "sessions")


async def start(pilot, firm: str = "Test Co") -> None:
    await pilot.press("enter")  # "Start a new interview"
    await pilot.pause()
    await pilot.press(*firm, "enter")
    await pilot.pause()


async def answer_current(pilot, app) -> str:
    """Answer the current question from the worked case, as a user would type it."""
    question = app.interview.next_question
    raw = CASE.answers.get(question.id)
    if raw is None:
        await pilot.press("f4")  # don't know
    elif question.type.value in ("integer", "percent"):
        await pilot.press(*str(raw), "enter")
    else:
        index = list(question.allowed_values).index(raw)
        await pilot.press(*(["down"] * index), "enter")
    await pilot.pause()
    return question.id


async def test_complete_interview_reaches_results(store):
    app = AdvisorApp(KB, store=store)
    async with app.run_test(size=(100, 32)) as pilot:
        await start(pilot)
        assert isinstance(app.screen, InterviewScreen)
        asked = 0
        while not app.interview.finished:
            await answer_current(pilot, app)
            asked += 1
        assert isinstance(app.screen, ResultsScreen)
        made = {c.target for c in app.interview.consultation.recommended}
        assert set(CASE.expected.recommended) <= made
        assert app.interview.consultation.value_of("governance")[0] == "captive"
        assert asked < len(KB.questions)


async def test_back_and_edit_an_earlier_answer(store):
    app = AdvisorApp(KB, store=store)
    async with app.run_test(size=(100, 32)) as pilot:
        await start(pilot)
        first = await answer_current(pilot, app)
        second = await answer_current(pilot, app)
        assert app.interview.history == [first, second]
        await pilot.press("f5")  # back
        await pilot.pause()
        assert app.interview.history == [first]
        assert app.interview.next_question.id == second
        # jump to the first answer and change it
        screen = app.screen
        screen.change_answer(first)
        await pilot.pause()
        question = KB.questions[first]
        target = question.allowed_values[-1]
        await pilot.press(*(["down"] * (len(question.allowed_values) - 1)), "enter")
        await pilot.pause()
        assert app.interview.answers[first].value == target


async def test_why_unsure_and_number_validation(store):
    app = AdvisorApp(KB, store=store)
    async with app.run_test(size=(100, 32)) as pilot:
        await start(pilot)
        await pilot.press("f2")
        await pilot.pause()
        why = app.screen.query_one("#why").text
        assert "Why are you asking this?" in why
        # Move on to a numeric question and type an out-of-range value: it is refused and kept.
        app.interview.answer("industry", "apparel")
        app.interview.answer("own_brand", "none")
        app.changed()
        await app.screen.sync()
        await pilot.pause()
        while app.interview.next_question.type.value not in ("integer", "percent"):
            app.interview.skip(app.interview.next_question.id)
        app.changed()
        await app.screen.sync()
        await pilot.pause()
        qid = app.interview.next_question.id
        await pilot.press("9", "9", "9", "9", "9", "9", "9", "9", "9", "9", "enter")
        await pilot.pause()
        assert qid not in app.interview.answers
        assert "out of range: please type a whole number" in str(app.screen.query_one("#input-error").content)
        await pilot.press("f3")  # unsure
        for _ in range(10):
            await pilot.press("backspace")
        await pilot.press("5", "0", "enter")
        await pilot.pause()
        assert app.interview.answers[qid].value == 50 and app.interview.answers[qid].unsure


async def test_explanation_why_not_whatif_and_export(store, tmp_path):
    app = AdvisorApp(KB, store=store)
    async with app.run_test(size=(110, 34)) as pilot:
        app.start_session("Case", {k: v for k, v in app.interview.answers.items()} if app.interview else None)
        await pilot.pause()
        from conftest import answers_of

        app.interview.load(answers_of(KB, CASE.answers))
        app.push_screen(ResultsScreen())
        await pilot.pause()
        await pilot.press("enter")  # explain the top recommendation
        await pilot.pause()
        assert isinstance(app.screen, ExplanationScreen)
        assert "Firms like yours" in app.screen.query_one("#narrative").text
        await pilot.press("d")  # the consultant's detail: the rule tree with the cf arithmetic
        tree = app.screen.query_one("#tree").node
        assert "recommended:" in tree.label and "[cf " in tree.label
        assert len(tree.children) >= 1
        await pilot.press("escape")
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, WhyNotScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ExplanationScreen)
        assert app.screen.query_one("#narrative").text.startswith("Why not")
        await pilot.press("escape", "escape")
        await pilot.pause()
        # what-if: state a different governance on a copy
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, WhatIfScreen)
        original = dict(app.interview.answers)
        app.screen.answers.pop("largest_buyer_share")
        app.screen.answers.pop("buyer_supplies_technology")
        app.screen._update(["largest_buyer_share", "buyer_supplies_technology"])
        await pilot.pause()
        diff_text = str(app.screen.query_one("#whatif-diff").content)
        assert "Advice in this scenario" in diff_text
        assert app.interview.answers == original
        await pilot.press("escape")
        await pilot.pause()
        # export twice to the same path: the second time asks before overwriting
        target = tmp_path / "advice.json"
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        app.screen.query_one("#json").value = True
        await pilot.pause()
        app.screen.query_one("#path").value = str(target)
        await pilot.click("#export")
        await pilot.pause()
        data = json.loads(target.read_text())
        assert data["facts"]["governance"]["value"] == "captive"
        target.write_text("precious")
        await pilot.press("x")
        await pilot.pause()
        app.screen.query_one("#path").value = str(target)
        await pilot.click("#export")
        await pilot.pause()
        assert target.read_text() == "precious"
        assert "exists" in str(app.screen.query_one("#export-message").content)
        await pilot.pause(0.5)  # a button ignores a second press within its short "active" effect
        await pilot.click("#export")
        await pilot.pause()
        assert target.read_text() != "precious"


async def test_resume_after_restart_restores_every_answer(store):
    app = AdvisorApp(KB, store=store)
    async with app.run_test(size=(100, 32)) as pilot:
        await start(pilot, "Resumed Co")
        for _ in range(4):
            await answer_current(pilot, app)
        answers = dict(app.interview.answers)
        skipped = set(app.interview.skipped)
    # a new process: a new app on the same store
    second = AdvisorApp(KB, store=store)
    async with second.run_test(size=(100, 32)) as pilot:
        await pilot.press("down", "enter")  # "Resume a saved session"
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert second.session.firm == "Resumed Co"
        assert second.interview.answers == answers and second.interview.skipped == skipped
        assert isinstance(second.screen, InterviewScreen)


@pytest.mark.parametrize("size", [(80, 24), (60, 20)])
async def test_small_terminals(store, size):
    app = AdvisorApp(KB, store=store)
    async with app.run_test(size=size) as pilot:
        await start(pilot)
        await answer_current(pilot, app)
        await pilot.press("f6")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        await pilot.press("f1")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert app.theme == "gvc-light"


async def test_no_color_is_respected(store, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = AdvisorApp(KB, store=store)
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        assert app.no_color
        assert isinstance(app.screen, InterviewScreen)


async def test_consultant_states_governance_directly(store):
    app = AdvisorApp(KB, store=store)
    async with app.run_test(size=(100, 32)) as pilot:
        await start(pilot)
        await pilot.press("f8")
        await pilot.pause()
        await pilot.press("enter")  # the first statable fact: governance
        await pilot.pause()
        values = list(KB.facts["governance"].allowed_values)
        await pilot.press(*(["down"] * values.index("captive")), "enter")
        await pilot.pause()
        assert app.interview.answers["governance"].value == "captive"
        conclusion = app.interview.consultation.facts["governance"]["captive"]
        assert conclusion.stated is not None
        # questions that only served to infer governance are no longer asked
        assert "transaction_complexity" not in app.interview.relevance.questions
