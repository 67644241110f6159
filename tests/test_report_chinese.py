"""Reports, comparisons and roll-ups in Chinese: the same structure as in English,
every heading and label in Chinese, ids unchanged, CJK-safe widths and HTML.

Each test sets the language itself (the autouse fixture of conftest resets it
to English afterwards) and loads the knowledge base in that language, as the
CLI does for ``--lang zh``.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from report_cases import DATE
from rich.cells import cell_len

from gvc_advisor.engine.engines import engine_for
from gvc_advisor.engine.errors import KnowledgeBaseError
from gvc_advisor.engine.i18n import current_language, set_language
from gvc_advisor.engine.kb.answers import answers_from_mapping
from gvc_advisor.engine.kb.loader import default_kb_root, load_knowledge_base
from gvc_advisor.services import report
from gvc_advisor.services.compare_firms import compare_firms, render
from gvc_advisor.services.firm_files import FirmInput
from gvc_advisor.services.reporting.build import build_report
from gvc_advisor.services.reporting.markdown import APPENDIX_ANCHOR, DETAILS_ANCHOR, render_markdown
from gvc_advisor.services.rollup.render import render_summary
from gvc_advisor.services.rollup.run import run_rollup
from gvc_advisor.services.rollup.svg import clip

CASE = "captive-garment-oem"
HAN = re.compile(r"[\u4e00-\u9fff]")


def consult(language: str, case_id: str = CASE):
    set_language(language)
    kb = load_knowledge_base(language=language)
    case = next(c for c in kb.cases if c.id == case_id)
    answers, problems = answers_from_mapping(kb, case.answers, case.id)
    assert not problems
    return kb, engine_for(kb).consult(answers), case.firm


@pytest.fixture(scope="module")
def english_json() -> dict:
    kb, consultation, firm = consult("en")
    data = json.loads(report.to_json(kb, consultation, firm, date=DATE))
    set_language("en")
    return data


def test_markdown_report_has_chinese_headings_and_language_free_anchors():
    kb, consultation, firm = consult("zh")
    text = report.to_markdown(kb, consultation, firm, date=DATE)
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert headings == ["## 诊断", "## 优先行动计划", "## 主要警示", "## 各项策略详解", "## 附录"]
    assert "### 参考文献" in text and "## Diagnosis" not in text and "Priority plan" not in text
    # the anchors are the same in every language and stand right before parts 2 and 3
    assert f"{DETAILS_ANCHOR}\n## 各项策略详解\n" in text and f"{APPENDIX_ANCHOR}\n## 附录\n" in text
    page_one = text.split(DETAILS_ANCHOR)[0]
    assert "## 优先行动计划" in page_one and "### 1." not in page_one and "附录" not in page_one
    assert "确定度" in page_one and "理由：" in page_one and "实施者：" in page_one
    assert "*工艺流程升级。*" in text  # the upgrading type of a strategy, in the fixed term


def test_anchors_cut_page_one_the_same_way_in_english():
    kb, consultation, firm = consult("en")
    text = report.to_markdown(kb, consultation, firm, date=DATE)
    assert f"{DETAILS_ANCHOR}\n## The strategies in detail\n" in text
    assert f"{APPENDIX_ANCHOR}\n## Appendix\n" in text
    assert text.index(DETAILS_ANCHOR) < text.index(APPENDIX_ANCHOR)


def test_html_report_is_marked_chinese_with_a_cjk_font_stack():
    kb, consultation, firm = consult("zh")
    page = report.to_html(kb, consultation, firm, date=DATE)
    assert '<html lang="zh-Hans">' in page
    fonts = re.search(r"body, svg text \{ font-family: ([^;]+); \}", page)
    assert fonts and fonts.group(1).startswith('"PingFang SC"') and '"Noto Sans CJK SC"' in fonts.group(1)
    assert "line-break: strict" in page and "overflow-wrap: anywhere" in page
    assert "<h2>诊断</h2>" in page and "<h2>各项策略详解</h2>" in page and "<h2>附录</h2>" in page
    assert ">研发</text>" in page and ">附加值</text>" in page  # the smile curve's labels
    assert "<h2>Diagnosis</h2>" not in page


def test_english_html_keeps_its_own_fonts_and_lang():
    kb, consultation, firm = consult("en")
    page = report.to_html(kb, consultation, firm, date=DATE)
    assert '<html lang="en">' in page and "line-break: strict" not in page and "PingFang" not in page


def test_json_keeps_ids_and_adds_chinese_labels(english_json):
    kb, consultation, firm = consult("zh")
    data = json.loads(report.to_json(kb, consultation, firm, date=DATE))
    assert data["language"] == "zh" and data["report"]["language"] == "zh"
    assert english_json["language"] == "en"
    ids = ("id", "upgrading_type", "urgency", "horizon", "actors", "priority", "group", "rules", "sources")
    assert ([{k: r[k] for k in ids} for r in data["recommendations"]]
            == [{k: r[k] for k in ids} for r in english_json["recommendations"]])
    assert data["answers"] == english_json["answers"] and data["trace"] == english_json["trace"]
    first = data["recommendations"][0]
    assert first["urgency_label"] in {"紧急", "高", "一般", "低"}
    assert first["horizon_label"] in {"立即", "中期（1–3 年）", "长期"}
    assert first["upgrading_type_label"].endswith("升级")
    assert all(HAN.search(label) for r in data["recommendations"] for label in r["actor_labels"])
    values = {f: v["value"] for f, v in data["facts"].items()}
    assert values == {f: v["value"] for f, v in english_json["facts"].items()}
    plan = data["report"]["page_one"]["plan"]
    assert [p["rec_id"] for p in plan] == [p["rec_id"] for p in english_json["report"]["page_one"]["plan"]]
    assert all(HAN.search(p["horizon_label"]) and HAN.search(p["upgrading_type_label"]) for p in plan)
    diagnosis = data["report"]["page_one"]["diagnosis"]
    english_diagnosis = english_json["report"]["page_one"]["diagnosis"]
    assert ([(d["fact"], d["value_id"], d["alternative_ids"]) for d in diagnosis]
            == [(d["fact"], d["value_id"], d["alternative_ids"]) for d in english_diagnosis])
    assert {d["value_id"] for d in diagnosis if d["fact"] == "governance"} == {"captive"}
    smile = data["report"]["page_one"]["smile"]
    assert smile["current"] == "manufacturing" and smile["labels"]["rd"] == "研发"
    assert data["report"]["title"].startswith("升级方案")
    assert set(data["answer_labels"]) == set(data["answers"])


def test_text_report_in_chinese_fits_80_cells():
    kb, consultation, firm = consult("zh")
    text = report.to_text(kb, consultation, firm, date=DATE, width=80)
    lines = text.splitlines()
    assert "诊断" in lines[3] and any(line.startswith("优先行动计划") for line in lines)
    assert any(line.startswith("主要警示") for line in lines)
    widest = max(cell_len(line) for line in lines)
    assert widest <= 80, [line for line in lines if cell_len(line) > 80]
    assert any(cell_len(line) > len(line) for line in lines)  # the check above measured wide characters


def _kb_with_titles(tmp_path: Path, titles: object) -> Path:
    root = tmp_path / "kb"
    shutil.copytree(default_kb_root() / "knowledge_base", root / "knowledge_base")
    shutil.copytree(default_kb_root() / "rules", root / "rules")
    path = root / "knowledge_base" / "kb.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["sources"][0]["titles"] = titles
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return root


def test_a_source_title_in_the_report_language_follows_the_citation(tmp_path):
    # a made-up title in a throw-away knowledge base: none of the four papers has one
    root = _kb_with_titles(tmp_path, {"zh": "测试用题名"})
    kb = load_knowledge_base(root, language="en")
    source = next(iter(kb.sources.values()))
    assert source.titles == {"zh": "测试用题名"}
    set_language("zh")
    case = next(c for c in kb.cases if c.id == CASE)
    answers, _problems = answers_from_mapping(kb, case.answers, case.id)
    consultation = engine_for(kb).consult(answers)
    built = build_report(kb, consultation, case.firm, DATE)
    cited = {r.key: r for r in built.references}
    assert cited[source.key].title == "测试用题名" and cited[source.key].citation == source.citation
    assert all(r.title is None for r in built.references if r.key != source.key)
    text = render_markdown(built)
    assert f"{source.citation} 中文题名：测试用题名" in text
    set_language("en")
    english = build_report(kb, consultation, case.firm, DATE)
    assert all(r.title is None for r in english.references)  # no English title given: the citation alone


def test_source_titles_are_checked(tmp_path):
    root = _kb_with_titles(tmp_path, {"Chinese": "题名", "zh": ""})
    with pytest.raises(KnowledgeBaseError) as caught:
        load_knowledge_base(root, language="en")
    text = "\n".join(p.format() for p in caught.value.problems)
    assert "a title's key must be a language code" in text and "'Chinese'" in text
    assert "kb.yaml:" in text and "at least 1 character" in text  # an empty title is refused too


def test_the_shipped_sources_give_no_invented_titles():
    kb = load_knowledge_base(language="en")
    assert all(source.titles == {} for source in kb.sources.values())


def _firm(kb, case_id: str) -> FirmInput:
    case = next(c for c in kb.cases if c.id == case_id)
    answers, _problems = answers_from_mapping(kb, case.answers, case.id)
    return FirmInput(f"{case_id}.yaml", case.firm, answers)


def test_comparison_in_chinese():
    kb, _consultation, _firm_name = consult("zh")
    comparison = compare_firms(kb, [_firm(kb, CASE), _firm(kb, "auto-parts-assembler")])
    markdown = render(kb, comparison, "markdown")
    assert markdown.startswith("# 比较 2 家企业\n") and "## 诊断" in markdown and "## 差异及其原因" in markdown
    assert "| 建议 | 类型 | 实施者 |" in markdown
    page = render(kb, comparison, "html")
    assert '<html lang="zh-Hans">' in page and '"Noto Sans CJK SC"' in page and "<h2>升级计划</h2>" in page
    data = json.loads(render(kb, comparison, "json"))
    assert data["language"] == "zh"
    assert {d["kind"] for d in data["differences"]} <= {"fact", "recommendation", "warning"}
    assert {d["kind_label"] for d in data["differences"]} <= {"诊断", "建议", "警示"}
    row = data["plan"][0]
    assert row["upgrading_type"] in {"process", "product", "functional", "chain"}
    assert row["upgrading_type_label"].endswith("升级") and all(HAN.search(a) for a in row["actor_labels"])
    text = render(kb, comparison, "text", width=80)
    assert all(cell_len(line) <= 80 for line in text.splitlines())
    assert "诊断" in text and "差异及其原因" in text


def test_rollup_in_chinese(tmp_path):
    kb, _consultation, _firm_name = consult("zh")
    paths = []
    for case_id in (CASE, "auto-parts-assembler", "zhejiang-locked-sme"):
        case = next(c for c in kb.cases if c.id == case_id)
        path = tmp_path / f"{case_id}.yaml"
        path.write_text(yaml.safe_dump({"firm": case.firm, "answers": dict(case.answers)}, allow_unicode=True))
        paths.append(path)
    summary = run_rollup(kb, paths, jobs=1)
    assert summary.language == "zh"
    text = render_summary(summary, "text", width=80)
    assert text.startswith("集群汇总 — 3 家企业")
    assert all(cell_len(line) <= 80 for line in text.splitlines()), text
    markdown = render_summary(summary, "markdown")
    assert "## 最常见的建议" in markdown and "| 驱动机制 | 集群地位 |" in markdown
    page = render_summary(summary, "html")
    assert '<html lang="zh-Hans">' in page and "<h2>最常见的建议</h2>" in page
    data = json.loads(render_summary(summary, "json"))
    assert data["language"] == "zh" and "captive" in data["grid"]["axes"]["governance"]
    assert data["grid"]["axis_labels"]["governance"]["captive"] == kb.value_label("governance", "captive")


def test_rollup_workers_start_in_the_parents_language():
    from gvc_advisor.services.rollup.measures import load_measures
    from gvc_advisor.services.rollup.worker import start_worker

    kb = load_knowledge_base(language="en")
    start_worker(str(kb.root), kb.content_hash, load_measures(kb), "zh")
    assert current_language() == "zh"


def test_bar_labels_are_cut_by_cell_width_not_by_characters():
    assert clip("短标题") == "短标题"
    cut = clip("很长的中文建议标题" * 10)
    assert cut.endswith("…") and cell_len(cut) <= 56 and cell_len(cut) >= 54
    assert clip("x" * 80) == "x" * 55 + "…"  # as before for Latin text
