"""The advice as others see it: ``advise --format json``, ``validate`` running
the worked cases, and the coverage grid's warning contradictions."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from gvc_advisor.cli import cli
from gvc_advisor.engine.kb.loader import default_kb_root, load_knowledge_base
from gvc_advisor.services.coverage import coverage_grid

SMALL_KB = Path(__file__).parent / "fixtures" / "small_kb"
CASES = default_kb_root() / "knowledge_base" / "cases"


def _run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def _copy_shipped(tmp_path: Path) -> Path:
    for sub in ("knowledge_base", "rules"):
        shutil.copytree(default_kb_root() / sub, tmp_path / sub)
    return tmp_path


def _answers_file(tmp_path: Path, case: str) -> str:
    data = yaml.safe_load((CASES / f"{case}.yaml").read_text())["case"]
    path = tmp_path / "answers.yaml"
    path.write_text(yaml.safe_dump({"firm": data["firm"], "answers": data["answers"]}))
    return str(path)


@pytest.mark.parametrize("case", sorted(p.stem for p in CASES.glob("*.yaml")))
def test_advise_json_gives_every_recommendation_a_place_in_the_plan(tmp_path, case):
    result = _run("advise", _answers_file(tmp_path, case), "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    recs = data["recommendations"]
    assert recs
    priorities = [r["priority"] for r in recs]
    assert priorities == sorted(priorities) and priorities[0] == 1
    for rec in recs:
        assert isinstance(rec["priority"], int)
        assert rec["horizon"] in ("now", "medium_term", "long_term")
        assert rec["horizon_label"] in ("now", "1–3 years", "longer")
        assert rec["actors"] and rec["urgency"] in ("urgent", "high", "normal", "low")
        assert rec["group"] in ("plan", "worth_considering") and rec["reason"]
    groups = [r["group"] for r in recs]
    assert groups == sorted(groups, key=lambda g: g != "plan")  # the plan first, then the rest
    for name, fact in data["facts"].items():
        assert fact["single"] is True, name
        assert isinstance(fact["alternatives"], list)
        for alternative in fact["alternatives"]:
            assert set(alternative) == {"value", "label", "cf", "rules"} and alternative["cf"] <= fact["cf"]


def test_validate_fails_when_a_worked_case_no_longer_produces_its_advice(tmp_path):
    root = _copy_shipped(tmp_path)
    assert _run("validate", "--kb", str(root)).exit_code == 0
    path = root / "knowledge_base" / "cases" / "captive-garment-oem.yaml"
    text = path.read_text()
    text = text.replace("facts: {governance: captive,", "facts: {governance: modular,")
    text = text.replace("    not_recommended:\n", "    not_recommended:\n      - process-upgrading-with-buyer\n")
    path.write_text(text)
    result = _run("validate", "--kb", str(root))
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if "worked case" in line]
    assert len(lines) == 2, result.output
    assert lines[0].startswith("knowledge_base/cases/captive-garment-oem.yaml:")
    assert "worked case 'captive-garment-oem' expects governance = modular, but the consultation gives captive" \
        in lines[0]
    assert "expects 'process-upgrading-with-buyer' not to be recommended, but it is" in lines[1]
    line, column = (int(x) for x in lines[1].split(":")[1:3])
    assert path.read_text().splitlines()[line - 1][column - 3:].startswith("- process-upgrading-with-buyer")


def _small_kb_with_against(tmp_path: Path, hedge: bool) -> Path:
    root = tmp_path / "kb"
    shutil.copytree(SMALL_KB, root)
    catalog = root / "knowledge_base" / "catalog.yaml"
    data = yaml.safe_load(catalog.read_text())
    data["warnings"][0]["against"] = ["strengthen-industrial-design"]
    if hedge:
        rec = next(r for r in data["recommendations"] if r["id"] == "strengthen-industrial-design")
        rec["disagreements"] = [{"text": "dai2009 advises design; liu2007 doubts it.",
                                 "sources": [{"key": "dai2009", "section": "Table III"},
                                             {"key": "liu2007", "section": "4.3"}],
                                 "hedges": ["captive-resists-functional"]}]
    catalog.write_text(yaml.safe_dump(data, sort_keys=False))
    return root


def test_coverage_flags_advice_given_next_to_a_warning_against_it(tmp_path):
    grid = coverage_grid(load_knowledge_base(_small_kb_with_against(tmp_path, hedge=False)))
    cell = next(c for c in grid if (c.governance, c.driver, c.firm_status) == ("captive", "buyer", "sme"))
    assert cell.contradictions == [
        "strengthen-industrial-design is given next to warning captive-resists-functional, which argues against "
        "it (no disagreement between the papers hedges it)"]
    market = next(c for c in grid if (c.governance, c.driver, c.firm_status) == ("market", "buyer", "sme"))
    assert market.contradictions == []


def test_a_declared_disagreement_hedges_the_warning(tmp_path):
    grid = coverage_grid(load_knowledge_base(_small_kb_with_against(tmp_path / "h", hedge=True)))
    assert [c for c in grid if c.contradictions] == []
