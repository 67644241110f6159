"""Training in Chinese: a whole exercise in the TUI (read, predict, reveal,
score, result file), the firm's profile as Chinese sentences, the reveal and
course texts filled by display width, ``train --help`` and messages, and a
class summary of result files done in different languages (counted by ids).

The knowledge base is loaded in Chinese too: its texts (labels, titles) may
still be English where nobody has translated them yet, so the tests look for
the program's own Chinese and never for a knowledge-base text in a language.
"""

from __future__ import annotations

import csv
import io
import json
import re
import textwrap
from datetime import UTC, datetime

import pytest
from click.testing import CliRunner
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from test_training_tui import text_of
from textual.widgets import OptionList, Select
from tui_helpers import screen_lines, screen_text

from gvc_advisor.cli import cli
from gvc_advisor.engine.i18n import _, set_language
from gvc_advisor.engine.kb.answers import Answer, answers_from_mapping
from gvc_advisor.engine.kb.loader import default_kb_root, load_knowledge_base
from gvc_advisor.services.training.exercises import bundled_exercises, select_exercises, solve
from gvc_advisor.services.training.prediction import make_prediction
from gvc_advisor.services.training.profile import firm_profile
from gvc_advisor.services.training.profile_phrases import PHRASES, TOPICS
from gvc_advisor.services.training.render_class import CSV_COLUMNS, to_csv, to_html, to_markdown
from gvc_advisor.services.training.render_text import course_lines, profile_lines, reveal_lines
from gvc_advisor.services.training.results import collect_results, read_result, result_from_reveal, save_result
from gvc_advisor.services.training.reveal import reveal
from gvc_advisor.services.training.summary import course, summarise
from gvc_advisor.services.training.text_wrap import wrap
from gvc_advisor.tui.screens.training import TrainingScreen
from gvc_advisor.tui.screens.training_predict import PredictScreen
from gvc_advisor.tui.screens.training_profile import ProfileScreen
from gvc_advisor.tui.screens.training_reveal import RevealScreen
from gvc_advisor.tui.training_app import TrainingApp, training_state

WHEN = datetime(2025, 6, 1, 9, 30, tzinfo=UTC)
PICKS = ["talent-and-incentives", "regional-brand", "acquire-foreign-brand"]
FACTS = {"governance": "modular", "driver": "buyer", "firm_status": "sme", "low_end_lock": "yes"}


@pytest.fixture
def zh():
    """Chinese for this test, and the knowledge base loaded in it."""
    set_language("zh")
    return load_knowledge_base(default_kb_root(), language="zh")


def _exercise(kb, case_id: str):
    return next(e for e in bundled_exercises(kb) if e.id == case_id)


def _result(kb, case_id: str, trainee: str, facts=FACTS, minute: int = 0):
    exercise = _exercise(kb, case_id)
    shown = reveal(kb, exercise, solve(kb, exercise), make_prediction(kb, facts, PICKS))
    return shown, result_from_reveal(kb, shown, trainee, WHEN.replace(minute=minute))


# -- the TUI ---------------------------------------------------------------------------------


async def _choose(pilot, kb, dimension: str, value: str) -> None:
    """Open the drop-down and pick the option of ``value`` with the keyboard (by its label in this KB)."""
    select = pilot.app.screen.query_one(f"#predict-{dimension}", Select)
    select.focus()
    await pilot.press("enter")
    await pilot.pause()
    values = [v for _prompt, v in select._options]
    current = 0 if select.is_blank() else values.index(select.value)
    await pilot.press(*(["down"] * (values.index(value) - current)), "enter")
    await pilot.pause()
    assert select.value == value, (dimension, select.value)


async def test_a_whole_exercise_in_chinese(tmp_path, zh):
    state = training_state(zh, select_exercises(zh, ["captive-garment-oem"]), "", tmp_path / "training")
    app = TrainingApp(zh, state)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TrainingScreen) and app.screen.title == "练习"
        assert "先阅读企业概况" in text_of(app.screen) and "你的姓名：" in text_of(app.screen)
        keys = {b.description for found in app.screen._bindings.key_to_bindings.values() for b in found}
        assert keys >= {"返回", "我的成绩", "打开案例文件"}
        await pilot.press("enter")  # no name yet: refused, in Chinese
        await pilot.pause()
        assert any("请先输入姓名" in str(n.message) for n in app._notifications)
        await pilot.press(*"Li Wei", "enter", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ProfileScreen)
        page = text_of(app.screen)
        assert "采购商：" in page and "主要客户是" in page and "请阅读企业概况" in page
        assert "Its main customers" not in page and "The buyers." not in page
        await pilot.press("d")
        assert "逐题答案" in text_of(app.screen)
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, PredictScreen) and "作出你的诊断" in text_of(app.screen)
        await pilot.press("f10")  # nothing chosen yet: what is missing, in Chinese
        await pilot.pause()
        assert any("还需选择" in str(n.message) and "还差3项策略" in str(n.message) for n in app._notifications)
        for dimension, value in FACTS.items():
            await _choose(pilot, zh, dimension, value)
        app.screen.picks.extend(PICKS)
        app.screen._show_picks()
        await pilot.press("f10")
        await pilot.pause()
        assert isinstance(app.screen, RevealScreen)
        shown = app.screen.shown
        assert shown.score.marks()["governance"] == "wrong" and shown.score.marks()["driver"] == "right"
        page = text_of(app.screen)
        for chinese in ("你的得分：", "✗错", "✓对", "优先的三项策略", "你漏掉了什么，原因何在", "教学要点",
                        "系统的诊断是", "你的结果已保存在"):
            assert chinese in page, chinese
        governance = zh.label("governance")
        assert (f"{governance}：系统的诊断是{zh.value_label('governance', 'captive')}，你的判断是"
                f"{zh.value_label('governance', 'modular')}") in page
        for english in ("Your score", "Teaching note", "What you missed", "the system says", "Your result is saved"):
            assert english not in page, english
        assert {b.binding.description for b in app.screen.active_bindings.values()} >= {"下一个练习", "我的成绩"}
        saved = json.loads(next((tmp_path / "training").glob("*.training.json")).read_text(encoding="utf-8"))
        assert saved["language"] == "zh" and saved["format"] == 2 and saved["prediction"]["governance"] == "modular"
        await pilot.press("escape")
        await pilot.pause()
        prompt = str(app.screen.query_one("#training-exercises", OptionList).get_option_at_index(0).prompt)
        assert "已完成：" in prompt


async def test_the_chinese_screens_at_80_by_24_show_whole_words(tmp_path, zh):
    """The form's labels and the reveal's columns at 80×24: Chinese words painted whole, none cut in half."""
    state = training_state(zh, select_exercises(zh, ["captive-garment-oem"]), "Ann", tmp_path / "training")
    state.drafts["captive-garment-oem"] = {"facts": dict(FACTS), "strategies": list(PICKS)}
    app = TrainingApp(zh, state)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        painted = screen_text(app)
        assert "作出判断" in painted and "提交并揭晓" in painted
        for dimension in FACTS:
            assert zh.label(dimension)[:8] in painted
        await pilot.press("f10")
        await pilot.pause()
        assert isinstance(app.screen, RevealScreen)
        painted = screen_text(app)
        for word in ("你的得分：", "你的判断", "系统", "评分", "✗错", "✓对", "下一个练习"):
            assert word in painted, word
        assert all(cell_len(line) <= 80 for line in screen_lines(app))


# -- the profile, the reveal and the course as text -----------------------------------------


def test_every_profile_phrase_and_topic_is_translated(zh):
    clauses = [text for entry in PHRASES.values()
               for text in [entry.get("template"), *(entry.get("values") or {}).values()] if text]
    messages = list(TOPICS.values()) + clauses
    untranslated = [m for m in messages if _(m) == m]
    assert not untranslated


def test_the_profile_is_chinese_sentences(zh):
    exercise = _exercise(zh, "zhejiang-locked-sme")
    answers, problems = answers_from_mapping(zh, exercise.case.answers)
    assert not problems
    first = next(iter(answers))
    answers = {**answers, first: Answer(answers[first].value, 0.6)}  # the manager was not sure of one
    profile = firm_profile(zh, exercise.case.firm, exercise.case.situation, answers)
    assert [p.title for p in profile.paragraphs][:2] == ["行业与产业链", "采购商"]
    for paragraph in profile.paragraphs:
        assert paragraph.text.endswith("。") and ". " not in paragraph.text and "; " not in paragraph.text
    text = " ".join(p.text for p in profile.paragraphs)
    assert "（经理对此不太确定）" in text and "its main" not in text and "the manager" not in text
    assert "；" in text  # clauses joined the Chinese way
    lines = profile_lines(profile, 60, details=True)
    assert "逐题答案：" in lines and all(cell_len(line) <= 60 for line in lines)
    assert any(line.startswith("采购商：") for line in lines)


def test_the_reveal_and_the_course_in_chinese_fit_the_width(zh, tmp_path):
    shown, first = _result(zh, "captive-garment-oem", "李伟")
    _shown, second = _result(zh, "zhejiang-locked-sme", "李伟", minute=5)
    lines = reveal_lines(zh, shown, 50)
    assert lines[0].startswith("练习：") and "教学要点：" in lines
    assert any(line.startswith("得分：") for line in lines) and any("你漏掉了什么" in line for line in lines)
    assert all(cell_len(line) <= 50 for line in lines if not line.strip().startswith(("http", "doi")))
    assert not any(line.lstrip().startswith(("，", "。", "；", "：", "）")) for line in lines)
    group = course(zh, [first, second], "李伟")
    text = course_lines(group, 50)
    assert text[0].startswith("李伟的课程总结：完成练习2次") and "练习：" in text
    assert all(cell_len(line) <= 50 for line in text)


# -- result files and the class summary across languages -------------------------------------


def _english_kb():
    set_language("en")
    return load_knowledge_base(default_kb_root(), language="en")


def test_a_class_summary_of_results_done_in_different_languages(tmp_path, zh):
    _shown, chinese = _result(zh, "captive-garment-oem", "李伟")
    en = _english_kb()
    _shown, english = _result(en, "captive-garment-oem", "Ann", facts={**FACTS, "governance": "captive"}, minute=3)
    _shown, other = _result(en, "zhejiang-locked-sme", "Ann", minute=6)
    for done in (chinese, english, other):
        save_result(done, tmp_path)
    old = tmp_path / "old.training.json"  # format 1, before languages: no "language", loads as English
    data = json.loads(result_json_of(other))
    data.pop("language")
    data["format"] = 1
    old.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert read_result(old).language == "en" and chinese.language == "zh" and english.language == "en"
    collected = collect_results([tmp_path])
    assert not collected.problems and len(collected.results) == 4

    english_summary = summarise(en, collected.results)
    by_id = {g.key: g for g in english_summary.exercises}
    assert set(by_id) == {"captive-garment-oem", "zhejiang-locked-sme"}  # one exercise, whatever its language
    garment = by_id["captive-garment-oem"]
    assert len(garment.results) == 2 and garment.name == _exercise(en, "captive-garment-oem").title
    governance = next(d for d in garment.dimensions if d.dimension == "governance")
    assert (governance.right, governance.wrong) == (1, 1)
    markdown = to_markdown(english_summary)
    assert "## What the class gets wrong most" in markdown and "| dimension | mean |" in markdown
    english_csv = to_csv(english_summary)
    assert '<html lang="en">' in to_html(english_summary)

    set_language("zh")
    chinese_summary = summarise(zh, collected.results)
    assert [g.key for g in chinese_summary.exercises] == [g.key for g in english_summary.exercises]
    assert [d.mean for d in chinese_summary.dimensions] == [d.mean for d in english_summary.dimensions]
    markdown = to_markdown(chinese_summary)
    assert markdown.startswith("# 培训：班级总结\n") and "## 全班最常出错的方面" in markdown
    assert "| 判断项 | 平均 | 对 | 接近 | 错 | 最常出错的练习 |" in markdown and "What the class" not in markdown
    assert "完成练习4次" in markdown
    html = to_html(chinese_summary)
    assert '<html lang="zh-Hans">' in html and '"PingFang SC"' in html and "<th>学员</th>" in html
    rows = list(csv.reader(io.StringIO(to_csv(chinese_summary))))
    english_rows = list(csv.reader(io.StringIO(english_csv)))
    title = CSV_COLUMNS.index("exercise_title")
    assert rows[0] == english_rows[0] == CSV_COLUMNS  # column names are ids
    assert {row[title] for row in rows[1:]} == {g.name for g in chinese_summary.exercises}  # the report's language
    without_titles = [[cell for i, cell in enumerate(row) if i != title] for row in rows]
    assert without_titles == [[cell for i, cell in enumerate(row) if i != title] for row in english_rows]


def result_json_of(result) -> str:
    from gvc_advisor.services.training.results import result_json

    return result_json(result)


# -- the command line ---------------------------------------------------------------------------


@pytest.fixture
def run(tmp_path, monkeypatch):
    monkeypatch.setenv("GVC_ADVISOR_DATA_DIR", str(tmp_path / "data"))
    runner = CliRunner()
    return lambda *args: runner.invoke(cli, list(args), catch_exceptions=False)


def test_train_speaks_chinese_on_the_command_line(run, tmp_path):
    help_text = run("--lang", "zh", "train", "--help").output
    assert "培训练习：阅读一家企业的概况" in help_text and "学员姓名，写入结果文件。" in help_text
    set_language("en")
    assert "Training exercises: read a firm's profile" in run("train", "--help").output
    listed = run("--lang", "zh", "train", "--list").output
    assert "——依据 dai2009 §IV（论文观点不一）" in listed
    prediction = tmp_path / "p.yaml"
    prediction.write_text("governance: captive\ndriver: buyer\nfirm_status: sme\nlow_end_lock: 'yes'\n"
                          "strategies: [talent-and-incentives, regional-brand]\n", encoding="utf-8")
    refused = run("--lang", "zh", "train", "--case", "captive-garment-oem", "--prediction", str(prediction),
                  "--trainee", "李伟")
    assert refused.exit_code == 1 and "请选出恰好3项不同的策略" in refused.output
    prediction.write_text(prediction.read_text(encoding="utf-8").replace("]", ", acquire-foreign-brand]"),
                          encoding="utf-8")
    done = run("--lang", "zh", "train", "--case", "captive-garment-oem", "--prediction", str(prediction),
               "--trainee", "李伟", "--results", str(tmp_path / "r"))
    assert done.exit_code == 0 and "你的判断与系统的诊断对照：" in done.output and "结果已保存到" in done.output
    assert all(cell_len(line) <= 80 for line in done.output.splitlines() if "/" not in line)
    saved = json.loads(next((tmp_path / "r").glob("*.training.json")).read_text(encoding="utf-8"))
    assert saved["language"] == "zh"


# -- filling lines by display width -------------------------------------------------------------


def test_text_with_no_wide_character_wraps_as_textwrap_does():
    text = "Strengthen R&D and modular development — in the plan at priority 5, after the first three"
    assert wrap(text, 30, "  - ", "    ") == textwrap.wrap(text, 30, initial_indent="  - ", subsequent_indent="    ",
                                                          break_on_hyphens=False)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["企业", "的", "升级", "，", "。", "（代工）", "OEM", " ", "Nike", "“品牌”", "；"]),
                max_size=40), st.integers(min_value=12, max_value=40))
def test_wrapped_lines_fit_and_never_start_with_closing_punctuation(parts, width):
    text = "".join(parts)
    assume(not re.search("[，。；）”] *[，。；）”]", text))  # a run of signs wider than a line is cut somewhere
    lines = wrap(text, width, "  ", "  ")
    assert all(cell_len(line) <= width for line in lines)
    assert not any(line[2:3] in "，。；）”" and line[2:3] for line in lines[1:])
    assert "".join(line[2:] for line in lines).replace(" ", "") == text.replace(" ", "")
