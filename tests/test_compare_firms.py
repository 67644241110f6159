"""``gvc-advisor compare``: firms side by side, and differences traced to the answers."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from rollup_helpers import answers_file, reuse_kb

from gvc_advisor.cli import cli
from gvc_advisor.engine.kb.loader import default_kb_root, load_knowledge_base
from gvc_advisor.services.compare_firms import compare_firms, render
from gvc_advisor.services.firm_files import FirmInput, read_firm_file
from gvc_advisor.services.sessions import SavedSession, SessionStore

KB = load_knowledge_base(default_kb_root())


@pytest.fixture
def firms(tmp_path: Path) -> dict[str, Path]:
    return {case: answers_file(KB, tmp_path, case) for case in
            ("captive-garment-oem", "auto-parts-assembler", "sports-shoe-domestic-brand", "electronics-module-maker")}



@pytest.fixture(autouse=True)
def _loaded_kb(monkeypatch):
    reuse_kb(monkeypatch, KB)

def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def comparison(*paths: Path):
    return compare_firms(KB, [read_firm_file(p, KB) for p in paths])


def test_difference_traced_back_to_the_answer_that_causes_it(firms):
    result = comparison(firms["captive-garment-oem"], firms["auto-parts-assembler"])
    by_target = {d.target: d for d in result.differences}
    driver = by_target["driver"]
    assert driver.outcomes == ["Buyer-driven (0.80)", "Producer-driven (0.80)"]
    assert [c.answer for c in driver.causes] == ["industry"]
    assert driver.causes[0].values == ["Apparel and garments", "Auto and motorcycle parts"]
    paths = {index: chain for index, chain in driver.causes[0].paths}
    assert [s.rule for s in paths[0].steps] == ["driver-industry-buyer"]
    assert [s.rule for s in paths[1].steps] == ["driver-industry-producer"]
    # modularisation is advised to the producer-driven firm only: the shirt maker lacks the driver
    modular = by_target["assembly-to-modularization"]
    assert modular.outcomes[0] == "not recommended" and modular.outcomes[1].startswith("priority")
    assert "industry" in [c.answer for c in modular.causes]
    [(index, shortfall)] = modular.shortfalls
    assert index == 0 and any("Producer-driven" in text for text in shortfall.unmet)


def test_an_answer_that_differs_without_effect_is_not_a_cause(firms):
    """70 % and 65 % of sales to one buyer both make the firm captive: not why the advice differs."""
    result = comparison(firms["captive-garment-oem"], firms["auto-parts-assembler"])
    causes = {c.answer for d in result.differences for c in d.causes}
    assert "largest_buyer_share" not in causes
    assert "largest_buyer_share" in {c.answer for c in result.other_answers}


def test_an_unsure_answer_explains_a_weaker_recommendation(tmp_path):
    case = next(c for c in KB.cases if c.id == "captive-garment-oem")
    sure = answers_file(KB, tmp_path, case.id)
    unsure_answers = {**case.answers, "industry": {"value": "apparel", "unsure": True}}
    unsure = tmp_path / "unsure.yaml"
    unsure.write_text(yaml.safe_dump({"firm": "Unsure Co", "answers": unsure_answers}))
    result = comparison(sure, unsure)
    design = next(d for d in result.differences if d.target == "strengthen-industrial-design")
    assert [c.answer for c in design.causes] == ["industry"]
    assert design.causes[0].values == ["Apparel and garments", "Apparel and garments (certainty 0.50)"]


def test_identical_firms_have_no_difference(firms):
    result = comparison(firms["captive-garment-oem"], firms["captive-garment-oem"])
    assert result.differences == [] and result.other_answers == []
    assert [f.label for f in result.firms] == [
        "Hangzhou shirt maker (420 employees) (captive-garment-oem.yaml)",
        "Hangzhou shirt maker (420 employees) (captive-garment-oem.yaml) #2"]
    assert "The firms get the same diagnosis and the same advice." in render(KB, result, "text")


def test_text_fits_80_columns_for_two_firms(firms):
    result = run("compare", str(firms["captive-garment-oem"]), str(firms["auto-parts-assembler"]))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert max(len(line) for line in lines) <= 80
    text = result.output
    for heading in ("Diagnosis", "Plan: priority", "What differs and why", "because of industry"):
        assert heading in text
    assert "Hangzhou shirt maker" in text and "Ruian brake-assembly maker" in text


def test_more_firms_are_headed_by_letters(firms):
    result = run("compare", *(str(p) for p in firms.values()))
    assert result.exit_code == 0, result.output
    header = next(line for line in result.output.splitlines() if line.startswith("Diagnosis"))
    assert header.split()[1:] == ["A", "B", "C", "D"]
    assert "  D  " in result.output  # the legend


def test_json_is_deterministic_across_processes(firms):
    paths = [str(firms["captive-garment-oem"]), str(firms["sports-shoe-domestic-brand"])]
    outputs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-c", "from gvc_advisor.cli import main; main()", "compare",
                               *paths, "--format", "json"], capture_output=True, env=env, check=True)
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1]
    data = json.loads(outputs[0])
    assert set(data) == {"language", "kb", "firms", "diagnosis", "plan", "differences",
                             "other_differing_answers"}
    governance = next(row for row in data["diagnosis"] if row["fact"] == "governance")
    assert [f["value"] for f in governance["firms"]] == ["captive", "relational"] and governance["differs"]
    assert all(set(step or {}) <= {"priority", "cf", "horizon", "horizon_id"}
               for row in data["plan"] for step in row["firms"])
    cause = next(c for d in data["differences"] for c in d["causes"])
    assert set(cause) == {"answer", "question", "values", "paths"} and cause["paths"][0]["rules"]


def test_markdown_and_html(firms, tmp_path):
    odd = tmp_path / "odd.yaml"
    odd.write_text(yaml.safe_dump({"firm": "<script>alert(1)</script> | Co", "answers": {"industry": "toys"}}))
    paths = [str(firms["captive-garment-oem"]), str(odd)]
    markdown = run("compare", *paths, "--format", "markdown").output
    assert "## Diagnosis" in markdown and "## Plans" in markdown and "## What differs and why" in markdown
    assert "\\| Co" in markdown  # a pipe in a name does not break the table
    out = tmp_path / "cmp.html"
    assert run("compare", *paths, "--format", "html", "--output", str(out)).exit_code == 0
    page = out.read_text()
    assert page.startswith("<!DOCTYPE html>") and "<script>" not in page and "&lt;script&gt;" in page
    assert "<details><summary>Full derivations</summary>" in page
    assert "http://" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")


def test_saved_sessions_compare_with_answers_files(firms, tmp_path):
    store = SessionStore(tmp_path / "sessions")
    session = SavedSession.new("Workshop firm", KB)
    session.answers = {"industry": "machinery", "largest_buyer_share": 20, "employees": 5000}
    path = store.save(session)
    result = run("compare", str(path), str(firms["captive-garment-oem"]), "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["firms"][0]["label"] == "Workshop firm"


def test_bad_inputs_are_reported_all_at_once(firms, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("answers:\n  industry: aparel\n")
    broken = tmp_path / "broken.json"
    broken.write_text("{not json")
    result = CliRunner().invoke(cli, ["compare", str(bad), str(broken), str(firms["captive-garment-oem"])])
    assert result.exit_code == 1
    assert f"{bad}:2:3: 'industry' cannot be 'aparel'" in result.output
    assert f"{broken}:1:2: not a saved session: not a JSON session file (JSON syntax:" in result.output
    one = CliRunner().invoke(cli, ["compare", str(firms["captive-garment-oem"])])
    assert one.exit_code == 1 and "at least two files" in one.output


def test_a_session_the_kb_no_longer_accepts_is_refused_with_reasons(tmp_path):
    store = SessionStore(tmp_path)
    session = SavedSession.new("Old firm", KB)
    session.answers = {"industry": "spaceships"}
    path = store.save(session)
    with pytest.raises(Exception) as raised:
        read_firm_file(path, KB)
    assert "spaceships" in str(raised.value) and str(path) in str(raised.value)


def test_firm_inputs_in_memory():
    """The service takes firms from anywhere (the TUI passes them in memory)."""
    from conftest import answers_of

    a = FirmInput("a", "A", answers_of(KB, {"industry": "apparel"}))
    b = FirmInput("b", "B", answers_of(KB, {"industry": "steel"}))
    result = compare_firms(KB, [a, b])
    assert any(d.target == "driver" for d in result.differences)
