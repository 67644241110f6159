"""Issue 11, "make it fit its users": the plan first, a readable smile curve,
explanations in a manager's words, all answers at once, worked cases by label,
80×24, presentation mode; and transitions that update rather than rebuild."""

from __future__ import annotations

import re

import pytest
from textual.widgets import OptionList
from tui_helpers import CASE, KB, answer_current, flat, open_at, screen_lines, screen_text, start, widget_text

from gvc_advisor.services.sessions import SessionStore
from gvc_advisor.tui.app import AdvisorApp
from gvc_advisor.tui.plan import priority_plan
from gvc_advisor.tui.widgets.answer_input import AnswerInput
from gvc_advisor.tui.widgets.smile_curve import LABELS, MIN_WIDTH, smile_lines


@pytest.fixture
def store(tmp_path):
    return SessionStore(tmp_path / "sessions")


def case_answers():
    from conftest import answers_of

    return answers_of(KB, CASE.answers)


async def open_results(app, pilot) -> None:
    app.start_session("Case Co", case_answers(), show_results=True)
    await pilot.pause()


async def test_results_lead_with_the_priority_plan(store):
    app = AdvisorApp(KB, store=store)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_results(app, pilot)
        plan = priority_plan(KB, app.interview.consultation)
        menu = app.screen.query_one("#plan", OptionList)
        assert [o.id for o in menu.options] == [item.rec_id for item in plan]
        assert app.focused is menu
        first = str(menu.options[0].prompt)
        assert first.startswith("1. ") and "upgrading" in first and "who:" in first
        # the diagnosis sits beside it, with the warnings
        diagnosis = [o.id for o in app.screen.query_one("#diagnosis", OptionList).options]
        assert diagnosis[:3] == ["governance", "driver", "firm_status"]
        assert any(w.target in diagnosis for w in app.interview.consultation.raised_warnings)


async def test_smile_curve_at_80_columns(store):
    app = AdvisorApp(KB, store=store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_results(app, pilot)
        await pilot.press("c")
        await pilot.pause()
        text = screen_text(app)
        for label in LABELS.values():
            assert re.search(rf"(^|\s){re.escape(label)}(\s|$)", text, re.M), label  # whole, never cut
        assert "you" in text and "●" in text
        assert sum(ch >= "\u2800" and ch <= "\u28ff" for ch in text) > 40  # a drawn curve, not dots
        plan = priority_plan(KB, app.interview.consultation)
        elsewhere = [i for i in plan if i.smile_stage != "manufacturing"]
        assert elsewhere and ("↖" in text or "↗" in text)
        legend = app.screen.query_one("#smile").render().plain
        for item in plan[:5]:  # the first steps; the legend counts the others
            assert f"{item.priority} " in legend and item.title in legend


def test_smile_curve_says_where_it_needs_more_room():
    assert "needs 48 columns" in smile_lines(MIN_WIDTH - 8, "manufacturing", [])[0].plain
    lines = smile_lines(MIN_WIDTH, "manufacturing", [])
    assert all(line.cell_length <= MIN_WIDTH for line in lines)


async def test_explanations_speak_plainly_and_the_detail_wraps(store):
    app = AdvisorApp(KB, store=store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_results(app, pilot)
        await pilot.press("enter")
        await pilot.pause()
        narrative = app.screen.query_one("#narrative")
        text = narrative.text
        assert "Firms like yours" in text and "you answered" in text
        assert "[cf" not in text and "rule " not in text
        rule_ids = {r.id for r in KB.rules}
        assert not any(rid in text for rid in rule_ids)
        await pilot.press("d")
        await pilot.pause()
        tree = app.screen.query_one("#tree")
        box = app.screen.query_one("#explanation")
        assert "[cf" in tree.node.label
        painted = flat(re.sub("[│├└─]", " ", widget_text(app, box)))
        first_rule = next(n for n in tree.node.children if n.kind == "rule")
        assert flat(first_rule.label) in painted  # wrapped, not cut


async def test_all_answers_by_topic_editable_from_there(store):
    app = AdvisorApp(KB, store=store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_at(pilot, app, "employees")
        await pilot.press("f7")
        await pilot.pause()
        menu = app.screen.query_one("#all-answers", OptionList)
        topics = [o for o in menu.options if o.disabled]
        assert len(topics) >= len({q.topic for q in KB.questions.values()})
        first = next(name for name in app.interview.history if name in app.interview.answers)
        prompt = str(menu.get_option(first).prompt)
        assert KB.questions[first].text in prompt  # the full question text
        menu.highlighted = menu.get_option_index(first)
        await pilot.press("enter")
        await pilot.pause()
        question = KB.questions[first]
        await pilot.press(*(["down"] * (len(question.allowed_values) - 1)), "enter")
        await pilot.pause()
        assert app.interview.answers[first].value == question.allowed_values[-1]
        assert question.label_of(question.allowed_values[-1]) in str(menu.get_option(first).prompt)
        assert app.focused is menu


async def test_worked_cases_show_labels_and_open_without_saving(store):
    app = AdvisorApp(KB, store=store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("down", "down", "down", "enter")  # "Browse the worked cases"
        await pilot.pause()
        detail = str(app.screen.query_one("#case-detail").content)
        case = KB.cases[0]
        name, value = next(iter(case.expected.facts.items()))
        assert f"{KB.label(name)}: {KB.value_label(name, value)}" in detail
        assert f"{name} = {value}" not in detail
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.query("#plan")  # its results
        assert store.list()[0] == []  # nothing saved by just looking
        await pilot.press("escape", "f5")  # back to the interview, take an answer back: a change
        await pilot.pause()
        assert len(store.list()[0]) == 1


async def test_80x24_keys_help_and_certainties(store):
    app = AdvisorApp(KB, store=store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_at(pilot, app, "employees")
        footer = screen_lines(app)[-1]
        assert "F7" in footer and "F8" in footer
        for line in screen_lines(app):  # a certainty never sits alone on its line
            assert not re.fullmatch(r"[\s│▊▎▔▁]*\d\.\d\d[\s│▊▎▔▁]*", line), line
        await pilot.press("f1")
        await pilot.pause()
        body = app.screen.query_one("#help-body")
        assert body.max_scroll_y > 0 and app.focused is body
        await pilot.press("end")
        await pilot.pause()
        assert "The mouse works too." in flat(screen_text(app))


async def test_presentation_mode(store):
    app = AdvisorApp(KB, store=store)
    async with app.run_test(size=(100, 30)) as pilot:
        await start(pilot)
        normal = app.theme
        await pilot.press("f9")
        await pilot.pause()
        assert not app.screen.query_one("#side").display
        assert "projector" in app.theme
        assert app.interview.next_question.text in flat(screen_text(app))
        await pilot.press("f6")
        await pilot.pause()
        assert not app.screen.query_one("#results-right").display
        await pilot.press("f9")
        await pilot.pause()
        assert app.screen.query_one("#results-right").display and app.theme == normal


async def test_answering_updates_rather_than_rebuilds(store):
    app = AdvisorApp(KB, store=store)
    async with app.run_test(size=(100, 30)) as pilot:
        await start(pilot)
        await answer_current(pilot, app)
        side = app.screen.query_one("#answered", OptionList)
        first_row = side.options[0]
        widget = app.screen.query_one(AnswerInput)
        for _ in range(6):
            await answer_current(pilot, app)
            assert side.options[0] is first_row  # the list grew; its rows were not rebuilt
            if app.interview.next_question.type.value in ("integer", "percent"):
                break
            assert app.screen.query_one(AnswerInput) is widget  # the same widget, another question
        await pilot.press("f6")
        await pilot.pause()
        plan = app.screen.query_one("#plan", OptionList).options
        await pilot.press("enter")  # an explanation, and back: the results are not rebuilt
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.query_one("#plan", OptionList).options[0] is plan[0]


def _case(case_id: str):
    from conftest import answers_of

    case = next(c for c in KB.cases if c.id == case_id)
    return answers_of(KB, case.answers)


async def test_results_plan_is_the_advice_engines_plan(store):
    """Priority, horizon, choice groups and "continue / deepen" come from build_advice."""
    from gvc_advisor.engine.advice import build_advice

    app = AdvisorApp(KB, store=store)
    async with app.run_test(size=(120, 40)) as pilot:
        app.start_session("Jinjiang", _case("sports-shoe-domestic-brand"), show_results=True)
        await pilot.pause()
        advice = build_advice(KB, app.interview.consultation)
        menu = app.screen.query_one("#plan", OptionList)
        expected = [i.id for i in (*advice.plan, *advice.worth_considering)]
        assert [o.id for o in menu.options] == expected
        prompts = {o.id: flat(str(o.prompt)) for o in menu.options}
        for item in advice.plan:
            assert prompts[item.id].startswith(f"{item.priority}. ")
            assert item.horizon_label in prompts[item.id]
        deepen = next(i for i in advice.plan if i.continue_deepen)
        assert "Continue and deepen: " in prompts[deepen.id]
        grouped = [i for i in advice.plan if i.choice_group]
        assert len(grouped) >= 2 and all("choose one" in prompts[i.id] for i in grouped)
        # the highlighted step shows the reworded advice and only the actions that still apply
        menu.highlighted = [o.id for o in menu.options].index(deepen.id)
        await pilot.pause()
        detail = flat(str(app.screen.query_one("#step-detail").content))
        assert deepen.continue_text in detail and all(a in detail for a in deepen.actions)


async def test_a_contested_diagnosis_shows_its_runner_up_and_warning(store):
    app = AdvisorApp(KB, store=store)
    async with app.run_test(size=(120, 40)) as pilot:
        app.start_session("Contested", _case("contested-governance"), show_results=True)
        await pilot.pause()
        diagnosis = app.screen.query_one("#diagnosis", OptionList)
        governance = next(o for o in diagnosis.options if o.id == "governance")
        assert "contested by" in flat(str(governance.prompt))
        assert "contested:governance" in [o.id for o in diagnosis.options]
        diagnosis.focus()
        diagnosis.highlighted = [o.id for o in diagnosis.options].index("contested:governance")
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "ExplanationScreen" and app.screen.target == "governance"


async def test_a_launch_on_a_firm_goes_back_to_a_home_made_on_demand(store):
    """--firm opens the interview at once; Home is made when the user goes back to it."""
    from gvc_advisor.tui.screens.home import HomeScreen
    from gvc_advisor.tui.screens.interview import InterviewScreen

    app = AdvisorApp(KB, store=store, firm="Launch Co")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, InterviewScreen)
        assert not any(isinstance(s, HomeScreen) for s in app.screen_stack)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and len(app.screen_stack) == 2
        assert app.session is not None and app.session.firm == "Launch Co"  # nothing lost
        menu = app.screen.query_one("#home-menu", OptionList)
        assert menu.option_count >= 5
        await pilot.press("escape")  # Home is the bottom: Esc does not leave an empty screen
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
