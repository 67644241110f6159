"""The TUI in Chinese: switching language from the command palette and from Home
without losing anything, sessions that remember their language, a whole
interview in Chinese, and Chinese text laid out by terminal cells."""

from __future__ import annotations

import json
import re
import shutil

import pytest
import yaml
from rich.cells import cell_len
from tui_helpers import CASE, KB, answer_current, screen_text, start

from gvc_advisor.engine.i18n import _, current_language, set_language
from gvc_advisor.engine.kb.loader import default_kb_root, load_knowledge_base
from gvc_advisor.services.sessions import SessionStore, UnreadableSession, parse_session
from gvc_advisor.tui.app import AdvisorApp
from gvc_advisor.tui.screens.home import HomeScreen, NewInterviewScreen
from gvc_advisor.tui.screens.interview import InterviewScreen
from gvc_advisor.tui.screens.results import ResultsScreen
from gvc_advisor.tui.screens.sessions import SessionsScreen
from gvc_advisor.tui.widgets.keybar import Key, layout
from gvc_advisor.tui.widgets.picture import wrap_words
from gvc_advisor.tui.widgets.smile_curve import smile_lines


@pytest.fixture
def store(tmp_path):
    return SessionStore(tmp_path / "sessions")


def zh(text: str) -> str:
    """``text`` as the Chinese catalog has it (the test fails if it has none)."""
    previous = current_language()
    set_language("zh")
    try:
        translated = _(text)
    finally:
        set_language(previous)
    assert translated != text, f"no Chinese for {text!r}"
    return translated


def saved(store: SessionStore, session_id: str) -> dict:
    return json.loads(store.path(session_id).read_text(encoding="utf-8"))


async def settle(pilot, app) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


async def palette(pilot, app, typed: str) -> None:
    """Ctrl+P, type, Enter on the best match, as a user does."""
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*typed)
    await pilot.pause(0.3)
    await pilot.press("enter")
    await settle(pilot, app)


async def test_the_palette_switches_to_chinese_and_back_keeping_every_answer(store):
    app = AdvisorApp(KB, store=store)
    async with app.run_test(size=(100, 32)) as pilot:
        await start(pilot)
        for _round in range(3):
            await answer_current(pilot, app)
        answers, history = dict(app.interview.answers), list(app.interview.history)
        question = app.interview.next_question.id
        titles = {c.title for c in app.get_system_commands(app.screen)}
        assert {"Language: 简体中文", "Language: English"} <= titles

        await palette(pilot, app, "Language: 简体")
        assert current_language() == "zh" and app.kb.language == "zh"
        assert isinstance(app.screen, InterviewScreen)
        assert app.interview.answers == answers and app.interview.history == history
        assert app.interview.next_question.id == question
        text = screen_text(app)
        assert zh("Emerging picture") in text and zh("Answers so far") in text
        assert "F3 " + zh("Unsure") in text and "F1 " + zh("Help") in text  # the key bar
        assert app.screen.title == zh("Interview — {firm}").format(firm="Test Co")
        assert saved(store, app.session.id)["language"] == "zh"
        titles = {c.title for c in app.get_system_commands(app.screen)}
        assert zh("New interview") in titles and "Language: English" in titles

        await palette(pilot, app, "Language: Engl")
        assert current_language() == "en" and app.kb.language == "en"
        assert app.interview.answers == answers
        assert "Emerging picture" in screen_text(app)
        assert saved(store, app.session.id)["language"] == "en"


async def test_home_has_a_visible_language_control(store):
    app = AdvisorApp(KB, store=store)
    async with app.run_test(size=(80, 24)) as pilot:
        assert "Language: 简体中文" in screen_text(app)
        menu = app.screen.query_one("#home-menu")
        ids = [option.id for option in menu.options]
        await pilot.press(*["down"] * ids.index("language:zh"), "enter")
        await settle(pilot, app)
        assert current_language() == "zh"
        assert isinstance(app.screen, HomeScreen)
        text = screen_text(app)
        assert zh("Start a new interview") in text and "Language: English" in text
        assert menu is not app.screen.query_one("#home-menu")  # composed again, in Chinese
        # the highlight stays on the language line: Enter goes straight back
        await pilot.press("enter")
        await settle(pilot, app)
        assert current_language() == "en"
        assert "Start a new interview" in screen_text(app)


async def test_what_the_user_typed_survives_a_switch(store):
    app = AdvisorApp(KB, store=store)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press(*"Acme Shoes")
        await app.switch_language("zh")
        await pilot.pause()
        assert isinstance(app.screen, NewInterviewScreen)
        assert app.screen.query_one("#firm").value == "Acme Shoes"
        assert zh("Name of the firm (used to list and export the session):") in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert app.session.firm == "Acme Shoes" and app.session.language == "zh"
        # a number typed but not yet submitted is kept too
        while not app.kb.is_numeric(app.interview.next_question.id):
            await answer_current(pilot, app)
        await pilot.press(*"1,2")
        await app.switch_language("en")
        await pilot.pause()
        assert app.screen.query_one("#number").value == "1,2"
        assert "I'm not sure of this answer" in screen_text(app)


async def test_a_session_saved_in_chinese_resumes_in_chinese(store):
    set_language("zh")
    kb_zh = load_knowledge_base(KB.root, language="zh")
    app = AdvisorApp(kb_zh, store=store)
    async with app.run_test(size=(100, 32)) as pilot:
        await start(pilot, "Jinjiang Shoes")
        for _round in range(2):
            await answer_current(pilot, app)
        answers = dict(app.interview.answers)
        session_id = app.session.id
    assert saved(store, session_id)["language"] == "zh"

    set_language("en")
    app = AdvisorApp(KB, store=store)
    async with app.run_test(size=(100, 32)) as pilot:
        assert "Start a new interview" in screen_text(app)
        await pilot.press("down", "enter")  # Resume a saved session
        await pilot.pause()
        assert isinstance(app.screen, SessionsScreen)
        await pilot.press("enter")
        await settle(pilot, app)
        assert current_language() == "zh" and app.kb.language == "zh"
        assert isinstance(app.screen, InterviewScreen)
        assert app.interview.answers == answers
        assert zh("Emerging picture") in screen_text(app)
        assert app.interview.kb is app.kb


@pytest.fixture
def zh_root(tmp_path):
    """A copy of the knowledge base whose questions have Chinese texts (the shipped
    translation is filled in by the translators in parallel; this one does not wait)."""
    root = tmp_path / "package"
    for folder in ("knowledge_base", "rules"):
        shutil.copytree(default_kb_root() / folder, root / folder)
    target = root / "translations" / "zh"
    (target / "knowledge_base").mkdir(parents=True)
    shutil.copy(default_kb_root() / "translations" / "zh" / "language.yaml", target)
    questions = default_kb_root() / "translations" / "zh" / "knowledge_base" / "questions.yaml"
    data = yaml.safe_load(questions.read_text(encoding="utf-8"))
    for key, entry in data["texts"].items():
        if key.endswith(".text"):
            entry["text"] = "贵企业的问题：" + key.split(".")[1]
    (target / "knowledge_base" / "questions.yaml").write_text(yaml.safe_dump(data, allow_unicode=True),
                                                              encoding="utf-8")
    return root


async def test_a_whole_interview_in_chinese(store):
    """The shipped knowledge base in Chinese, every question answered through the screen."""
    set_language("zh")
    kb_zh = load_knowledge_base(language="zh")
    assert kb_zh.questions["industry"].text == "贵企业的主要产品属于哪个行业？"
    app = AdvisorApp(kb_zh, store=store)
    async with app.run_test(size=(100, 32)) as pilot:
        text = screen_text(app)
        assert zh("Start a new interview") in text and zh("Resume a saved session") in text
        await start(pilot, "晋江鞋业")
        assert app.session.language == "zh"
        asked = 0
        while not app.interview.finished:
            question = app.interview.next_question
            # The question as the screen shows it: Chinese from the translation (its first
            # characters: a long question wraps in the left column).
            assert re.search("[\u4e00-\u9fff]", question.text)
            assert question.text[:8] in screen_text(app).replace("\n", "")
            assert zh("Emerging picture") in screen_text(app)
            await answer_current(pilot, app)
            asked += 1
        assert asked > 5
        assert isinstance(app.screen, ResultsScreen)
        text = screen_text(app)
        assert zh("Priority plan") in text and zh("Diagnosis") in text
        assert app.screen.title == zh("Results — {firm}").format(firm="晋江鞋业")
        made = {c.target for c in app.interview.consultation.recommended}
        assert set(CASE.expected.recommended) <= made  # the advice does not depend on the language
        first = app.screen.plan[0]
        assert kb_zh.recommendations[first.rec_id].title in first.title
        await pilot.press("c")
        await pilot.pause()
        assert zh("manufacturing") in screen_text(app) and zh("value added") in screen_text(app)


def test_the_session_file_keeps_its_language_and_old_files_still_load():
    old = {"firm": "Old Co", "created": "2025-01-01T00:00:00+00:00", "updated": "2025-01-01T00:00:00+00:00",
           "kb": {"name": "x"}, "answers": {}, "format": 1}
    assert parse_session(json.dumps(old).encode(), "abc").language == "en"
    assert parse_session(json.dumps({**old, "language": "zh"}).encode(), "abc").language == "zh"
    with pytest.raises(UnreadableSession, match="unknown language"):
        parse_session(json.dumps({**old, "language": "xx"}).encode(), "abc")


def test_the_key_bar_measures_chinese_labels_in_cells():
    set_language("zh")
    keys = [Key("f2,w", "why", "Why ask?", "Why"), Key("f3,u", "unsure", "Unsure"), Key("f4,d", "skip", "Don't know"),
            Key("f5,b", "back", "Back"), Key("f6,r", "results", "Results"), Key("f1", "app.help", "Help")]
    for width in (40, 60, 80):
        items = layout(keys, width)
        drawn = sum(cell_len(f"{k.shown_key} {label}") for k, label in items) + 2 * (len(items) - 1) + 1
        assert drawn <= width
        assert {label for _key, label in items} <= {_(k.label) for k in keys} | {_(k.short) for k in keys if k.short}
        assert all(any("\u4e00" <= ch <= "\u9fff" for ch in label) for _key, label in items)


def test_chinese_wraps_by_cells_and_the_smile_curve_labels_are_chinese():
    sentence = "贵企业目前主要为全球采购商代工（OEM），附加值较低，下一步应考虑功能升级。"
    for width in (10, 17, 30):
        lines = wrap_words(sentence, width)
        assert "".join(lines) == sentence
        assert all(cell_len(line) <= width for line in lines)
        assert not any(line.startswith(("，", "。", "）")) for line in lines)
    set_language("zh")
    for width in (48, 60, 97):
        drawn = [line.plain for line in smile_lines(width, "manufacturing", [])]
        assert all(cell_len(line) <= width for line in drawn)
        labels = "\n".join(drawn)
        for stage in ("研发", "设计", "零部件", "生产制造", "物流", "营销", "品牌", "附加值"):
            assert stage in labels


async def test_what_if_changes_and_an_open_question_dialog_follow_a_switch(store, zh_root):
    from gvc_advisor.tui.screens.question_modal import QuestionModal
    from gvc_advisor.tui.screens.whatif import WhatIfScreen

    kb = load_knowledge_base(zh_root, language="en")
    app = AdvisorApp(kb, store=store)
    async with app.run_test(size=(100, 32)) as pilot:
        await start(pilot)
        for _round in range(3):
            await answer_current(pilot, app)
        answers = dict(app.interview.answers)
        await pilot.press("ctrl+p", *"What-if", "enter")
        await pilot.pause()
        assert isinstance(app.screen, WhatIfScreen)
        await pilot.press("enter")  # change the first question on the copy
        await pilot.pause()
        assert isinstance(app.screen, QuestionModal)
        await app.switch_language("zh")
        await pilot.pause()
        assert app.screen.question.text == "贵企业的问题：industry"
        assert zh("Forget this answer") in screen_text(app) and "贵企业的问题：industry" in screen_text(app)
        await pilot.press("down", "enter")  # another industry than the worked case's
        await pilot.pause()
        whatif = app.screen
        assert isinstance(whatif, WhatIfScreen)
        assert whatif.answers["industry"] != answers["industry"]
        assert zh(" (changed)") in screen_text(app) and zh("What-if") in screen_text(app)
        await app.switch_language("en")
        await pilot.pause()
        assert app.screen is whatif and whatif.answers["industry"] != answers["industry"]
        assert "(changed)" in screen_text(app) and "贵企业的问题" not in screen_text(app)
        assert app.interview.answers == answers  # the what-if copy never touched the interview


async def test_a_knowledge_base_that_fails_to_load_is_reported_and_the_language_stays(store, monkeypatch):
    from gvc_advisor.engine.errors import KnowledgeBaseError, Problem
    from gvc_advisor.engine.kb import loader

    def failing(root=None, *, language=None):
        raise KnowledgeBaseError([Problem("translations/zh/knowledge_base/questions.yaml", 3, 1, "broken")])

    app = AdvisorApp(KB, store=store)
    async with app.run_test(size=(100, 32)) as pilot:
        await start(pilot)
        await answer_current(pilot, app)
        answers = dict(app.interview.answers)
        monkeypatch.setattr(loader, "load_knowledge_base", failing)
        await app.switch_language("zh")
        await pilot.pause()
        assert current_language() == "en" and app.kb is KB
        assert app.interview.answers == answers and isinstance(app.screen, InterviewScreen)
        shown = [n.message for n in app._notifications]
        assert any("questions.yaml" in message and "Cannot switch to 简体中文" in message for message in shown)
        assert "Emerging picture" in screen_text(app)
