"""The engine's words and the command line in the user's language (issue 14).

Explanations, narratives, contested diagnoses, plan reasons, tie-breaks and
answers-file errors are whole messages of the catalog; in Chinese none of the
English templates' words may be left over.  The command line takes --lang
before or after the command, follows LANG, and refuses an unknown language
cleanly.  English output stays as it was (tests/golden, tests/test_narrative).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import click
import pytest
import yaml
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from test_single_valued_facts import _conflict_kb, _consult, _kb

from gvc_advisor.cli.main import cli
from gvc_advisor.cli.translated_help import TranslatedCommand
from gvc_advisor.engine.advice import build_advice
from gvc_advisor.engine.engines import engine_for
from gvc_advisor.engine.explain import explain, why_question
from gvc_advisor.engine.i18n import _, current_language, set_language
from gvc_advisor.engine.i18n.catalog import ui_catalog
from gvc_advisor.engine.i18n.ui_messages import ui_messages
from gvc_advisor.engine.kb.answers import answers_from_mapping
from gvc_advisor.engine.kb.loader import load_knowledge_base
from gvc_advisor.engine.kb.model import DIMENSIONS
from gvc_advisor.engine.narrative import lower_first, narrate, sentence, to_text
from gvc_advisor.engine.text_wrap import NO_BREAK_BEFORE, fill, wrap_cells

CASE = "contested-governance"  # contested governance, why-not rules, unmet conditions
#: The engine modules whose templates a manager reads.
TEMPLATE_MODULES = ("engine/narrative.py", "engine/explain.py", "engine/diagnosis.py", "engine/planning.py",
                    "engine/wording.py", "engine/advice.py")
CJK = re.compile(r"[\u4e00-\u9fff]")


def _engine_templates() -> list[str]:
    return sorted(message for message, places in ui_messages().items()
                  if any(place.split(":")[0] in TEMPLATE_MODULES for place in places))


def _fragments(template: str) -> list[str]:
    """The English words a template puts around its placeholders (two words or more)."""
    pieces = re.split(r"\{[^}]*\}", template)
    return [p.strip(" :;,.()[]\"“”→") for p in pieces
            if len(re.findall(r"[A-Za-z]{2,}", p)) >= 2]


def _kb_texts(kb) -> list[str]:
    """Every text of the knowledge base a narrative may quote (and the forms it quotes them in)."""
    texts: set[str] = set()
    for rule in kb.rules:
        texts |= {rule.title, rule.because}
    for rec in kb.recommendations.values():
        texts.add(rec.title)
    for warning in kb.warnings.values():
        texts |= {warning.title, warning.message}
    for question in kb.questions.values():
        texts.add(question.text)
        texts |= {question.label_of(v) for v in question.allowed_values}
        texts |= {c.label for c in question.choices}
    for fact in kb.facts.values():
        texts.add(fact.label)
        texts |= {v.label for v in fact.values}
    texts |= {cite for source in kb.sources.values() for cite in (source.citation,)}
    forms = {form for text in texts if text for form in (text, lower_first(text), sentence(text),
                                                           sentence(lower_first(text)))}
    return sorted(forms, key=len, reverse=True)


def _without_kb_texts(text: str, kb_texts: list[str]) -> str:
    for quoted in kb_texts:
        text = text.replace(quoted, "\x00")
    return text


@pytest.fixture
def chinese_case():
    set_language("zh")
    kb = load_knowledge_base(language="zh")
    case = next(c for c in kb.cases if c.id == CASE)
    answers, problems = answers_from_mapping(kb, case.answers)
    assert not problems
    return kb, engine_for(kb).consult(answers)


def _everything_said(kb, c) -> str:
    """Explanations and narratives of everything a manager may open for the case."""
    advice = build_advice(kb, c)
    made = {item.id for item in advice.plan + advice.worth_considering}
    targets = [*sorted(made), *sorted(set(kb.recommendations) - made)[:4], *sorted(w.target for w in c.raised_warnings),
               *DIMENSIONS]
    parts = []
    for target in targets:
        node = explain(kb, c, target)
        parts += [node.to_text(), to_text(narrate(kb, c, node), 70)]
    waiting = sorted({rule.id for rule in kb.rules})[:6]
    parts.append(to_text(narrate(kb, c, why_question(kb, waiting)), 70))
    parts += [item.reason for item in advice.plan]
    parts += [w.title + " " + w.message for w in advice.warnings if w.kind == "contested"]
    return "\n".join(parts)


def test_chinese_explanations_and_narratives_leave_no_english_template_words(chinese_case):
    kb, c = chinese_case
    said = _everything_said(kb, c)
    catalog = ui_catalog("zh")[0]
    templates = _engine_templates()
    assert len(templates) > 60 and all(t in catalog for t in templates), "engine templates untranslated"
    for chinese in ("之所以适用于贵企业，是因为", "为什么没有建议", "贵企业还缺少以下条件", "存在争议",
                    "要消除争议，可以", "依据：", "规则 ", "未建议："):
        assert chinese in said, chinese
    left = _without_kb_texts(said, _kb_texts(kb))
    leftovers = sorted({f for t in templates for f in _fragments(t) if f and f in left})
    assert not leftovers, f"English template words in the Chinese output: {leftovers}"


def test_the_narrative_reads_the_tree_not_its_translated_labels(chinese_case):
    """Why-not, stated facts, absent conditions: found by the nodes' tag and value (the
    English code parsed "not recommended…" out of the labels, which broke in Chinese)."""
    kb, c = chinese_case
    made = {item.id for item in build_advice(kb, c).plan}
    missing = next(r for r in kb.recommendations if r not in made and r not in c.recommendations)
    lines = narrate(kb, c, explain(kb, c, missing))
    assert lines[0].text == _("Why not: {title}", title=kb.recommendations[missing].title)
    assert any(line.kind == "unmet" and not line.text.startswith(("unmet", "未满足")) for line in lines)
    fact = narrate(kb, c, explain(kb, c, "governance"))
    assert fact[0].kind == "headline" and fact[0].text.startswith(kb.label("governance") + "：")


def test_conflict_tie_and_contest_wording_in_chinese(write_kb, tmp_path):
    set_language("zh")
    tie = build_advice(*(lambda kb: (kb, _consult(kb, q1="x", q2="x")))(_kb(write_kb, tmp_path / "t", 0.6, 0.6,
                                                                               margin=0.0))).fact("f")
    assert tie.tie_break.startswith("A与B的确定度相同") and "故取A" in tie.tie_break
    assert "存在争议" in tie.contested.message and "to settle" not in tie.contested.message.lower()
    kb = _conflict_kb(write_kb, tmp_path / "c", 0.6, 0.6)
    (lost,) = build_advice(kb, _consult(kb, q1="x", q2="x")).not_chosen
    assert lost.why == ("与“ONE”（0.60）冲突，后者更强（两者确定度相同：采用在建议目录中排在前面的一项）；"
                        "两项相互冲突的建议只提出较强的一项")


def _answers_file(tmp_path: Path, answers: dict) -> Path:
    path = tmp_path / "answers.yaml"
    path.write_text(yaml.safe_dump({"answers": answers}, allow_unicode=True), encoding="utf-8")
    return path


def _case_answers() -> dict:
    kb = load_knowledge_base()
    return dict(next(c for c in kb.cases if c.id == CASE).answers)


BAD = {"largest_buyer_share": 160, "industri": "apparel", "buyer_type": "bogus"}


@pytest.mark.parametrize("where", ["before", "after"])
def test_an_answers_file_error_in_chinese_keeps_its_location_and_exits_1(tmp_path, where):
    path = _answers_file(tmp_path, BAD)
    args = ["--lang", "zh", "advise", str(path)] if where == "before" else ["advise", str(path), "--lang", "zh"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1, result.output
    lines = result.output.splitlines()
    assert len(lines) == 3 and "Traceback" not in result.output
    assert all(re.match(re.escape(str(path)) + r":\d+:\d+: \S", line) for line in lines), lines
    assert "'largest_buyer_share' 为 160 %；允许的范围：0 到 100 %" in result.output
    assert "您是不是想写 'industry'？" in result.output
    assert not any(word in result.output for word in ("allowed:", "did you mean", "unknown question"))


@pytest.mark.parametrize("where", ["before", "after"])
def test_lang_before_or_after_the_command_explains_in_chinese(tmp_path, where):
    path = _answers_file(tmp_path, _case_answers())
    args = ["explain", str(path), "governance"]
    result = CliRunner().invoke(cli, ["--lang", "zh", *args] if where == "before" else [*args, "--lang", "zh"])
    assert result.exit_code == 0, result.output
    assert "规则 gov-" in result.output and "依据：" in result.output and "because:" not in result.output


@pytest.mark.parametrize(("locale", "chinese"), [("zh_CN.UTF-8", True), ("zh_TW.UTF-8", False), ("C", False)])
def test_lang_follows_the_locale(tmp_path, locale, chinese):
    path = _answers_file(tmp_path, BAD)
    env = {"LANG": locale, "LC_ALL": None, "LC_MESSAGES": None, "GVC_ADVISOR_LANG": None}
    result = CliRunner(env=env).invoke(cli, ["advise", str(path)])
    assert result.exit_code == 1
    assert ("允许的范围" in result.output) is chinese
    assert ("allowed: 0 to 100 %" in result.output) is not chinese


@pytest.mark.parametrize("args", [["--lang", "xx", "advise", "a.yaml"], ["advise", "a.yaml", "--lang", "xx"],
                                  ["advise", "a.yaml", "--lang=xx"]])
def test_an_unknown_language_is_a_usage_error_listing_the_languages(args):
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2
    assert "xx is not a language of gvc-advisor; choose one of: en, zh" in result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


@pytest.mark.parametrize("args", [["--lang", "zh", "advise", "--help"], ["advise", "--help", "--lang", "zh"]])
def test_help_is_translated_when_shown_and_fits_the_terminal(args):
    CliRunner().invoke(cli, ["advise", "--help"])  # click caches its --help option: made in English first
    set_language("en")
    result = CliRunner().invoke(cli, args, terminal_width=80)
    assert result.exit_code == 0
    assert "根据 ANSWERS.yaml 中的回答给出建议" in result.output and "显示本帮助并退出。" in result.output
    assert "用法:" in result.output and "Usage:" not in result.output and "Show this message" not in result.output
    assert max(cell_len(line) for line in result.output.splitlines()) <= 80
    english = CliRunner().invoke(cli, ["advise", "--help"], terminal_width=80)
    assert "Advise on the answers in ANSWERS.yaml" in english.output and "Usage:" in english.output


def test_group_help_lists_commands_in_chinese():
    result = CliRunner().invoke(cli, ["--lang", "zh", "--help"], terminal_width=80)
    assert "不带命令运行时，打开交互式访谈。" in result.output
    assert "打开访谈界面（TUI）" in result.output  # a command's short help
    assert max(cell_len(line) for line in result.output.splitlines()) <= 80


def test_a_commands_own_lang_option_is_not_taken_for_the_language():
    """``translations update --lang fr`` names the language to update, not the one to speak."""

    @click.command(cls=TranslatedCommand)
    @click.option("--lang", "code")
    def update(code):
        click.echo(f"{code} {current_language()}")

    assert CliRunner().invoke(update, ["--lang", "zh"]).output == "zh en\n"


def _run(args: list[str], seed: str) -> bytes:
    env = {**os.environ, "PYTHONHASHSEED": seed, "GVC_ADVISOR_NO_CACHE": "1"}
    return subprocess.run([sys.executable, "-m", "gvc_advisor", *args], env=env, capture_output=True,
                          check=True).stdout


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_same_input_same_bytes_in_each_language(tmp_path, lang):
    path = _answers_file(tmp_path, _case_answers())
    for args in (["explain", str(path), "governance"], ["advise", str(path), "--format", "markdown",
                                                        "--date", "2026-01-01"]):
        outputs = {_run(["--lang", lang, *args], seed) for seed in ("0", "1", "12345")}
        assert len(outputs) == 1 and outputs.pop()


def test_web_pages_and_interviews_speak_the_servers_language():
    from gvc_advisor.web import pages
    from gvc_advisor.web.interviews import interview_command

    set_language("zh")
    page = pages.login_page(_("Wrong passcode. Please check it and try again."))
    assert '<html lang="zh-Hans">' in page and "口令错误。请核对后再试。" in page and "Passcode" not in page
    assert "名额" in pages.full_page(3) and "(3)" not in pages.full_text(3)
    assert interview_command(None)[-2:] == ["--lang", "zh"]
    set_language("en")
    assert '<html lang="en">' in pages.login_page()


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["升级", "企业", "产业集群", "升级，", "企业。", "（企业）", "、升级", "GVC", "0.85",
                                 " "]), max_size=40), st.integers(min_value=8, max_value=40))
def test_chinese_wraps_by_cells_and_keeps_every_character(pieces, width):
    text = "".join(pieces)
    lines = wrap_cells(text, width)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert all(cell_len(line) <= width for line in lines)  # no unbreakable piece here is wider than 8 cells
    assert not any(line[0] in NO_BREAK_BEFORE for line in lines[1:] if line)


def test_english_wraps_exactly_as_textwrap():
    import textwrap

    text = "Captive chains favour process and product upgrading - buyers pass on technology."
    assert fill(text, 30, "  • ", "    ") == textwrap.fill(text, 30, initial_indent="  • ", subsequent_indent="    ")


def test_a_cut_word_never_leaves_closing_punctuation_at_a_line_start():
    """Found by the property test above: a Latin run glued to a closing sign, wider than the line."""
    lines = wrap_cells("GVC0.85、升级", 8)
    assert "".join(lines) == "GVC0.85、升级"
    assert not any(line[0] in NO_BREAK_BEFORE for line in lines[1:])
    assert all(cell_len(line) <= 8 for line in lines)


def test_closing_punctuation_after_several_spaces_still_keeps_to_its_word():
    lines = wrap_cells("升级升级  、升级", 8)
    assert not any(line[0] in NO_BREAK_BEFORE for line in lines[1:])
