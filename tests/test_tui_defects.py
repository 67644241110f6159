"""One Pilot test per defect of issue 11, each written to fail on the code
before the fix (they drive the app with keys, as a user, and assert on state
or on the painted screen)."""

from __future__ import annotations

import pytest
from textual import events
from textual.widgets import Input, OptionList
from tui_helpers import CASE, KB, answer_current, flat, open_at, screen_lines, screen_text, start, widget_text

from gvc_advisor.services.sessions import SessionStore
from gvc_advisor.tui.app import AdvisorApp
from gvc_advisor.tui.widgets.answer_input import AnswerInput


@pytest.fixture
def store(tmp_path):
    return SessionStore(tmp_path / "sessions")


@pytest.fixture
def app(store):
    return AdvisorApp(KB, store=store)


async def test_f8_state_a_fact_shows_the_question_once(app):
    async with app.run_test(size=(100, 30)) as pilot:
        await start(pilot)
        for _ in range(3):
            await answer_current(pilot, app)
        await pilot.press("f8")
        await pilot.pause()
        await pilot.press("enter", "enter")  # governance, its first value
        await pilot.pause()
        assert "governance" in app.interview.answers
        assert len(app.screen.query(AnswerInput)) == 1
        assert len(app.screen.query("#unsure")) == 1
        assert screen_text(app).count("I'm not sure of this answer") == 1


async def test_f4_keeps_the_emerging_picture_in_view(app):
    async with app.run_test(size=(100, 30)) as pilot:
        await start(pilot)
        for _ in range(4):
            await answer_current(pilot, app)
        for _ in range(5):
            await pilot.press("f4")
            await pilot.pause()
        text = screen_text(app)
        assert "Emerging picture" in text and "GVC governance model" in text
        assert len(app.interview.skipped) >= 5


async def test_focus_comes_back_to_the_answers_list(app):
    async with app.run_test(size=(100, 30)) as pilot:
        await start(pilot)
        for _ in range(3):
            await answer_current(pilot, app)
        current, answered = app.interview.next_question.id, list(app.interview.history)
        # F7 → Enter (open an answer) → Esc (cancel): the focus is on the answers, not the question
        await pilot.press("f7")
        await pilot.pause()
        await pilot.press("down", "enter")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.focused.id in ("answered", "all-answers")
        await pilot.press("down", "enter")  # so Down+Enter opens the next answer
        await pilot.pause()
        assert app.interview.next_question.id == current
        assert app.interview.history == answered
        await pilot.press("escape")
        await pilot.pause()
        while app.screen.query("#all-answers"):
            await pilot.press("escape")
            await pilot.pause()
        # the same from the answers list beside the question, where the answer is changed
        side = app.screen.query_one("#answered", OptionList)
        side.focus()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("down", "enter")  # change it
        await pilot.pause()
        assert app.focused is side
        assert app.interview.next_question is not None and app.interview.history[:-1] == answered[:-1]


async def test_back_preselects_the_old_answer_and_can_be_undone(app):
    async with app.run_test(size=(100, 30)) as pilot:
        await start(pilot)
        question = app.interview.next_question  # industry: pick the third choice
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        old = app.interview.answers[question.id].value
        second = await answer_current(pilot, app)
        history = list(app.interview.history)
        await pilot.press("f5")  # back to the second question
        await pilot.press("f5")  # back to the first
        await pilot.pause()
        choices = app.screen.query_one("#choices", OptionList)
        assert app.interview.next_question.id == question.id
        assert choices.highlighted_option.id == old  # not the first choice
        await pilot.press("ctrl+z", "ctrl+z")  # undo both
        await pilot.pause()
        assert app.interview.history == history
        assert app.interview.answers[question.id].value == old and second in app.interview.history
        await pilot.press("f5")
        await pilot.pause()
        await pilot.press("enter")  # Enter out of habit keeps the old answer
        await pilot.pause()
        assert app.interview.history == history


async def test_number_input_accepts_a_pasted_thousands_separator(app):
    async with app.run_test(size=(100, 30)) as pilot:
        await open_at(pilot, app, "employees")
        app.screen.query_one("#number", Input).post_message(events.Paste("1,200"))
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.interview.answers["employees"].value == 1200


async def test_number_input_keeps_fast_keystrokes_in_order(app):
    async with app.run_test(size=(100, 30)) as pilot:
        await open_at(pilot, app, "employees")
        await pilot.press("9", "9")
        # a burst, as a terminal delivers fast typing: no waiting between keys
        for key, char in [("backspace", "\x7f"), ("backspace", "\x7f"), ("1", "1"), ("2", "2"), ("0", "0"),
                          ("0", "0"), ("enter", "\r")]:
            app.post_message(events.Key(key, char))
        await pilot.pause()
        await pilot.pause()
        assert app.interview.answers["employees"].value == 1200


async def test_number_error_line_goes_once_the_number_is_fixed(app):
    async with app.run_test(size=(100, 30)) as pilot:
        await open_at(pilot, app, "employees")
        await pilot.press(*"99999999", "enter")
        await pilot.pause()
        error = app.screen.query_one("#input-error")
        assert "1,000,000" in str(error.content) or "1000000" in str(error.content)
        await pilot.press(*["backspace"] * 8, "4", "2", "0")
        await pilot.pause()
        assert str(error.content) == ""  # the field holds a valid number: no stale error


async def test_employee_counts_read_as_people_and_person(app):
    async with app.run_test(size=(100, 30)) as pilot:
        await open_at(pilot, app, "employees")
        await pilot.press("1", "enter")
        await pilot.pause()
        shown = str(app.screen.query_one("#answered", OptionList).get_option("employees").prompt)
        assert shown.endswith(": 1 person"), shown


async def test_export_to_an_existing_folder_writes_the_file_inside_it(app, tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    async with app.run_test(size=(100, 30)) as pilot:
        app.start_session("Folder Co", dict(_case_answers()), show_results=True)
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        app.screen.query_one("#path", Input).value = str(folder)
        await pilot.click("#export")
        await pilot.pause()
        written = list(folder.glob("*.md"))
        assert len(written) == 1 and "Folder Co" in written[0].read_text()


async def test_why_not_has_keys_and_says_what_it_shows(app):
    async with app.run_test(size=(100, 30)) as pilot:
        app.start_session("Case", dict(_case_answers()), show_results=True)
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert "Back" in screen_lines(app)[-1]  # a key bar
        await pilot.press("enter")
        await pilot.pause()
        text = screen_text(app)
        assert "How this was concluded" not in text
        assert "not recommended" in text.lower()
        assert "Back" in screen_lines(app)[-1]


async def test_what_if_shows_whole_questions_even_after_a_change(app):
    async with app.run_test(size=(80, 24)) as pilot:
        app.start_session("Case", dict(_case_answers()), show_results=True)
        await pilot.pause()
        await pilot.press("i")
        await pilot.pause()
        menu = app.screen.query_one("#whatif-questions", OptionList)
        painted = flat(widget_text(app, menu))
        for question in list(KB.questions.values())[:3]:  # the first ones are on screen
            assert flat(question.text) in painted  # whole, not cut mid-word
        await pilot.press("enter", "down", "enter")  # change the first answer on the copy
        await pilot.pause()
        width = menu.scrollable_content_region.width
        for index, option in enumerate(menu.options):  # no option lost a line
            assert menu._heights[index] == menu._get_visual(option).get_height(menu.styles, width)


def _case_answers():
    from conftest import answers_of

    return answers_of(KB, CASE.answers)


POISON = " [/bogus] [b]x \x1b]0;pwned\x07\x1b[2J\x9b1m\u202e"
TEXT_FIELDS = {"text", "meaning", "why", "examples", "label", "description", "title", "summary", "actions",
               "preconditions", "risks", "message", "term", "definition", "citation", "because", "firm",
               "situation", "teaching_note", "name"}


def poisoned(item):
    """A copy of a knowledge-base record with markup and escape sequences in every text field."""
    from gvc_advisor.engine.kb.schema.base import replace

    updates = {}
    for name in item._fields:
        value = getattr(item, name)
        if name in TEXT_FIELDS and isinstance(value, str):
            updates[name] = value + POISON
        elif name in TEXT_FIELDS and isinstance(value, list) and value and isinstance(value[0], str):
            updates[name] = [v + POISON for v in value]
        elif hasattr(value, "_fields"):
            updates[name] = poisoned(value)
        elif isinstance(value, list) and value and hasattr(value[0], "_fields"):
            updates[name] = [poisoned(v) for v in value]
    return replace(item, **updates)


def poisoned_kb():
    from dataclasses import replace

    return replace(
        KB, meta=poisoned(KB.meta),
        questions={k: poisoned(v) for k, v in KB.questions.items()},
        facts={k: poisoned(v) for k, v in KB.facts.items()},
        rules=[poisoned(r) for r in KB.rules],
        recommendations={k: poisoned(v) for k, v in KB.recommendations.items()},
        warnings={k: poisoned(v) for k, v in KB.warnings.items()},
        sources={k: poisoned(v) for k, v in KB.sources.items()},
        glossary=[poisoned(g) for g in KB.glossary], cases=[poisoned(c) for c in KB.cases])


def assert_clean(app) -> None:
    for line in screen_lines(app):
        assert not any(ch in line for ch in "\x1b\x07\x9b\u202e"), repr(line)


async def test_escape_sequences_and_markup_never_reach_the_terminal(store):
    kb = poisoned_kb()
    app = AdvisorApp(kb, store=store)
    async with app.run_test(size=(100, 30)) as pilot:
        assert_clean(app)  # home: the knowledge base's name and description
        app.start_session("Evil\x1b]0;pwned\x07 Co [/bogus]", dict(_case_answers()), show_results=True)
        await pilot.pause()
        assert_clean(app)
        assert "[/bogus]" in screen_text(app)  # shown literally, not parsed
        assert "Evil" in app.screen.title and "\x1b" not in app.screen.title
        for key in ("enter", "d", "escape", "n", "enter", "escape", "escape", "c", "escape", "i", "escape"):
            await pilot.press(key)
            await pilot.pause()
            assert_clean(app)
        await pilot.press("escape")  # the interview
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
        assert_clean(app)
        await pilot.press("f7")
        await pilot.pause()
        assert_clean(app)
