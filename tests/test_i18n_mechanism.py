"""Languages: choosing one, the UI catalog, translated knowledge bases, and the
translator's tools (update, status, validate) — on small knowledge bases, so
that these tests do not depend on how far the shipped translation has got."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import click
import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gvc_advisor.cli.language import resolve_language
from gvc_advisor.cli.main import cli
from gvc_advisor.engine.i18n import _, current_language, ngettext, set_language
from gvc_advisor.engine.i18n.kb_translations import english_texts, source_hash
from gvc_advisor.engine.i18n.languages import match_locale, package_root
from gvc_advisor.engine.i18n.status import language_statuses, placeholders
from gvc_advisor.engine.kb.loader import load_knowledge_base
from gvc_advisor.services.translations import update_language

ZH_LANGUAGE = (package_root() / "translations" / "zh" / "language.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize(("environ", "expected"), [
    ({"LANG": "zh_CN.UTF-8"}, "zh"),
    ({"LANG": "zh_SG"}, "zh"),
    ({"LANG": "zh_TW.UTF-8"}, "en"),  # Traditional script: not Simplified Chinese
    ({"LANG": "C.UTF-8"}, "en"),
    ({"LANG": "en_GB.UTF-8"}, "en"),
    ({}, "en"),
    ({"LANG": "zh_CN.UTF-8", "LC_ALL": "C"}, "en"),  # LC_ALL wins, as in POSIX
    ({"LANG": "en_US.UTF-8", "LC_MESSAGES": "zh_CN.UTF-8"}, "zh"),
    ({"LANG": "en_US.UTF-8", "GVC_ADVISOR_LANG": "zh"}, "zh"),
])
def test_the_environment_chooses_the_language(environ, expected):
    assert resolve_language(None, environ) == expected


def test_an_unknown_language_is_a_clean_error_naming_the_known_ones():
    with pytest.raises(click.BadParameter, match="choose one of: en, zh"):
        resolve_language("xx", {})
    result = CliRunner().invoke(cli, ["--lang", "xx", "questions"])
    assert result.exit_code == 2 and "choose one of: en, zh" in result.output
    assert "Traceback" not in result.output


def test_match_locale_accepts_bare_and_hyphenated_names():
    assert match_locale("zh") == "zh"
    assert match_locale("zh-Hans") == "zh"
    assert match_locale("fr_FR.UTF-8") == "en"


def test_messages_fall_back_to_english_and_keep_their_placeholders(monkeypatch):
    import gvc_advisor.engine.i18n.translate as catalog  # where the current messages live

    assert _("{n} of {total}", n=1, total=2) == "1 of 2"
    monkeypatch.setattr(catalog, "_messages", {"{n} of {total}": "第 {n} 项，共 {total} 项",
                                               "{n} answers": "{n} 个回答"})
    assert _("{n} of {total}", n=1, total=2) == "第 1 项，共 2 项"
    assert _("Not translated") == "Not translated"
    assert ngettext("{n} answer", "{n} answers", 1) == "1 个回答"
    monkeypatch.setattr(catalog, "_messages", {})
    assert ngettext("{n} answer", "{n} answers", 1) == "1 answer"
    assert ngettext("{n} answer", "{n} answers", 3) == "3 answers"


def test_placeholders_are_compared_by_name():
    assert placeholders("{a} and {b:>3}") == {"a", "b"}
    assert placeholders("no fields") == set()
    assert placeholders("{broken") == {"<malformed>"}


# -- a small knowledge base with a Chinese translation ------------------------------------
@pytest.fixture
def small_zh(tmp_path, write_kb):
    root = write_kb(tmp_path / "kb", ["q1"], [{
        "id": "r1", "title": "Answer x recommends", "because": "x is good",
        "when": {"fact": "q1", "equals": "x"}, "then": [{"recommend": "rec", "cf": 0.8}],
        "sources": [{"key": "src", "section": "1"}]}])
    (root / "translations" / "zh").mkdir(parents=True)
    (root / "translations" / "zh" / "language.yaml").write_text(ZH_LANGUAGE, encoding="utf-8")
    kb = load_knowledge_base(root, language="en")
    update_language(kb, "zh", "Chinese", root)
    return root


def _fill(root: Path, file: str, texts: dict[str, str]) -> Path:
    path = root / "translations" / "zh" / file
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for key, text in texts.items():
        data["texts"][key]["text"] = text
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_a_translated_knowledge_base_shows_the_translations_and_english_elsewhere(small_zh):
    _fill(small_zh, "knowledge_base/kb.yaml", {"question.q1.text": "问题一？", "recommendation.rec.title": "建议"})
    kb = load_knowledge_base(small_zh, language="zh")
    assert kb.language == "zh"
    assert kb.questions["q1"].text == "问题一？"
    assert kb.recommendations["rec"].title == "建议"
    assert kb.recommendations["rec"].summary == "s"  # untranslated: English
    assert kb.questions["q1"].choices[0].value == "x"  # ids never change
    english = load_knowledge_base(small_zh, language="en")
    assert english.questions["q1"].text == "q1?" and english.language == "en"


def test_a_changed_english_text_makes_its_translation_stale_and_unused(small_zh):
    _fill(small_zh, "knowledge_base/kb.yaml", {"question.q1.text": "问题一？"})
    kb_file = small_zh / "knowledge_base" / "kb.yaml"
    kb_file.write_text(kb_file.read_text().replace("text: q1?", "text: Question one, reworded?"))
    kb = load_knowledge_base(small_zh, language="zh")
    assert kb.questions["q1"].text == "Question one, reworded?"  # stale: the English is shown
    (status,) = language_statuses(load_knowledge_base(small_zh, language="en"))
    stale = [p for p in status.problems if "stale translation of question.q1.text" in p.message]
    assert stale and stale[0].line > 0 and stale[0].file == "translations/zh/knowledge_base/kb.yaml"


def test_update_marks_changed_texts_for_review_and_keeps_orphans(small_zh):
    path = _fill(small_zh, "knowledge_base/kb.yaml", {"question.q1.text": "问题一？"})
    kb_file = small_zh / "knowledge_base" / "kb.yaml"
    kb_file.write_text(kb_file.read_text().replace("text: q1?", "text: Question one?"))
    _fill(small_zh, "rules/r.yaml", {"rule.r1.title": "规则"})
    rules = small_zh / "rules" / "r.yaml"
    rules.write_text(rules.read_text().replace("id: r1", "id: r2"))
    summary = update_language(load_knowledge_base(small_zh, language="en"), "zh", "Chinese", small_zh)
    assert summary.marked_for_review == 1 and summary.obsolete == 1
    entry = yaml.safe_load(path.read_text())["texts"]["question.q1.text"]
    assert entry == {"source": source_hash("Question one?"), "en": "Question one?", "text": "问题一？",
                     "review": True, "previous_en": "q1?"}
    assert yaml.safe_load((small_zh / "translations/zh/rules/r.yaml").read_text())["obsolete"] == {
        "rule.r1.title": {"en": "Answer x recommends", "text": "规则"}}
    # Marked for review: still not shown until a translator has looked.
    assert load_knowledge_base(small_zh, language="zh").questions["q1"].text == "Question one?"
    again = update_language(load_knowledge_base(small_zh, language="en"), "zh", "Chinese", small_zh)
    assert again.written == []  # idempotent


def test_hashes_that_look_like_numbers_survive_a_round_trip(small_zh, monkeypatch):
    import gvc_advisor.services.translations as translations

    monkeypatch.setattr(translations, "source_hash", lambda text: "5147517e7823")
    update_language(load_knowledge_base(small_zh, language="en"), "zh", "Chinese", small_zh)
    text = (small_zh / "translations/zh/knowledge_base/kb.yaml").read_text()
    assert "source: '5147517e7823'" in text


def test_validate_strict_fails_on_untranslated_texts_then_passes(small_zh):
    runner = CliRunner()
    result = runner.invoke(cli, ["validate", "--kb", str(small_zh), "--strict"])
    assert result.exit_code == 1
    assert "untranslated text(s)" in result.output and "translations update --lang zh" in result.output
    kb = load_knowledge_base(small_zh, language="en")
    for file, texts in english_texts(kb).items():
        _fill(small_zh, file, {key: f"译：{english}" for key, english in texts.items()})
    result = runner.invoke(cli, ["validate", "--kb", str(small_zh), "--strict"])
    assert result.exit_code == 0, result.output
    assert f"zh: {sum(map(len, english_texts(kb).values()))}/" in result.output


def test_malformed_translation_files_are_errors_with_lines(small_zh):
    path = small_zh / "translations/zh/knowledge_base/kb.yaml"
    path.write_text("texts:\n  question.q1.text:\n    source: abc\n    text: [1, 2]\n    colour: red\n")
    result = CliRunner().invoke(cli, ["validate", "--kb", str(small_zh)])
    assert "translations/zh/knowledge_base/kb.yaml:2:" in result.output
    assert "unknown field(s) colour" in result.output
    assert "Traceback" not in result.output


def test_a_custom_knowledge_base_without_translations_reports_no_language(tmp_path, write_kb):
    root = write_kb(tmp_path / "kb", ["q1"], [])
    assert language_statuses(load_knowledge_base(root, language="en")) == []


def test_the_language_is_per_process_and_resettable():
    set_language("zh")
    assert current_language() == "zh"
    set_language("en")
    assert _("Diagnosis") == "Diagnosis"


@pytest.mark.skipif(sys.platform == "win32", reason="copies the package tree with POSIX paths")
def test_a_third_language_needs_no_code_change(tmp_path):
    """A copy of the package gets French by data alone: update, fill, run."""
    package = tmp_path / "gvc_advisor"
    shutil.copytree(package_root(), package, ignore=shutil.ignore_patterns(
        ".venv", ".git", "tests", "benchmarks", "__pycache__", "*.egg-info", "build", "dist"))
    # -S: no site hooks, so an editable install cannot point back at the real tree;
    # the copy comes first on the path, the dependencies after it.
    path = os.pathsep.join([str(tmp_path), sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]])
    env = {**os.environ, "PYTHONPATH": path, "GVC_ADVISOR_NO_CACHE": "1"}
    run = [sys.executable, "-S", "-c", "import gvc_advisor; assert gvc_advisor.__file__.startswith("
           f"{str(tmp_path)!r}); from gvc_advisor.cli import main; main()"]
    out = subprocess.run([*run, "translations", "update", "--lang", "fr"], env=env, capture_output=True,
                         text=True, check=True)
    assert "created" in out.stdout and (package / "translations/fr/knowledge_base/questions.yaml").is_file()
    language = package / "translations/fr/language.yaml"
    language.write_text(language.read_text().replace("  name: fr ", "  name: French ").replace(
        "native_name: fr", "native_name: Français").replace("locales: [fr]", "locales: [fr, fr_FR]"))
    questions = package / "translations/fr/knowledge_base/questions.yaml"
    data = yaml.safe_load(questions.read_text())
    data["texts"]["question.industry.text"]["text"] = "Dans quelle industrie sont vos produits principaux ?"
    questions.write_text(yaml.safe_dump(data, allow_unicode=True))
    out = subprocess.run([*run, "questions"], env={**env, "LANG": "fr_FR.UTF-8"}, capture_output=True,
                         text=True, check=True)
    assert "Dans quelle industrie sont vos produits principaux ?" in out.stdout
    out = subprocess.run([*run, "translations", "status"], env=env, capture_output=True, text=True)
    assert out.returncode == 1 and "fr: knowledge base 1/" in out.stdout


def test_glossary_terms_keep_the_english_beside_them(tmp_path, write_kb):
    root = write_kb(tmp_path / "kb", ["q1"], [], extra={"glossary": [
        {"term": "Smile curve", "definition": "d", "see_also": ["Low-end lock-in"]},
        {"term": "Low-end lock-in", "definition": "e"}]})
    (root / "translations" / "zh").mkdir(parents=True)
    (root / "translations" / "zh" / "language.yaml").write_text(ZH_LANGUAGE, encoding="utf-8")
    update_language(load_knowledge_base(root, language="en"), "zh", "Chinese", root)
    _fill(root, "knowledge_base/kb.yaml", {"glossary.smile-curve.term": "微笑曲线",
                                           "glossary.low-end-lock-in.term": "低端锁定"})
    kb = load_knowledge_base(root, language="zh")
    assert [e.term for e in kb.glossary] == ["微笑曲线", "低端锁定"]
    assert kb.glossary[0].see_also == ["低端锁定"]  # references follow the translated terms
    assert kb.term_with_english("微笑曲线") == "微笑曲线 — Smile curve"
    assert load_knowledge_base(root, language="en").term_with_english("Smile curve") == "Smile curve"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(content=st.one_of(
    st.text(max_size=300),
    st.recursive(st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=20)),
                 lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner,
                                                                               max_size=4),
                 max_leaves=12).map(lambda data: yaml.safe_dump({"texts": data}, allow_unicode=True))))
def test_any_translation_file_gives_located_problems_never_a_traceback(small_zh, content):
    """Translators' files are hostile input too: whatever they hold, validate and the
    translated load report problems (or use what is valid) and never crash."""
    path = small_zh / "translations/zh/knowledge_base/kb.yaml"
    path.write_text(content, encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", "--kb", str(small_zh)])
    assert result.exit_code in (0, 1), result.output
    assert "Traceback" not in result.output and "internal error" not in result.output
    load_knowledge_base(small_zh, language="zh")  # untranslatable entries fall back to English
    (status,) = language_statuses(load_knowledge_base(small_zh, language="en"))
    assert all(p.file.startswith("translations/zh/") for p in status.problems)


@settings(max_examples=40, deadline=None)
@given(content=st.one_of(
    st.text(max_size=200),
    st.dictionaries(st.text(max_size=10), st.one_of(st.none(), st.integers(), st.text(max_size=15)), max_size=5)
    .map(lambda data: yaml.safe_dump({"messages": data}, allow_unicode=True))))
def test_any_ui_catalog_gives_located_problems_never_a_traceback(content):
    import tempfile

    from gvc_advisor.engine.i18n.catalog import ui_catalog

    folder = Path(tempfile.mkdtemp())  # a new folder per example: ui_catalog remembers by folder
    (folder / "zh" / "ui").mkdir(parents=True)
    (folder / "zh" / "ui" / "x.yaml").write_text(content, encoding="utf-8")
    messages, problems = ui_catalog("zh", folder)
    assert all(isinstance(k, str) and isinstance(v, str) for k, v in messages.items())
    assert all(p.file == "translations/zh/ui/x.yaml" for p in problems)
    shutil.rmtree(folder)
