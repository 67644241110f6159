"""``gvc-advisor train`` without the TUI (--list, --profile, --prediction,
--summary, --report), and trainers' case files (validate, schema, train)."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from gvc_advisor.cli import cli
from gvc_advisor.engine.kb.loader import default_kb_root

CASES = default_kb_root() / "knowledge_base" / "cases"
PREDICTION = """\
governance: captive
driver: buyer
firm_status: sme
low_end_lock: "yes"
strategies: [talent-and-incentives, regional-brand, develop-domestic-and-emerging-markets]
"""


@pytest.fixture
def run(tmp_path, monkeypatch):
    monkeypatch.setenv("GVC_ADVISOR_DATA_DIR", str(tmp_path / "data"))
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(cli, list(args), catch_exceptions=False)

    return invoke


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_list_names_every_case_and_its_passage(run):
    out = run("train", "--list").output
    assert "captive-odm-own-brand: A captive ODM" in out and "grounded in dai2009 §IV (papers disagree)" in out
    assert len(out.strip().splitlines()) == len(list(CASES.glob("*.yaml")))


def test_profile_prints_a_narrative_not_ids(run):
    out = run("train", "--case", "zhejiang-locked-sme", "--profile", "--details").output
    assert "Yiwu sock workshop" in out and "The buyers. Its main customers are buyers at a wholesale market" in out
    assert "Question by question:" in out and "_" not in out.split("Question by question:")[0]


def test_a_prediction_file_is_scored_printed_and_saved(run, tmp_path):
    prediction = write(tmp_path, "p.yaml", PREDICTION)
    result = run("train", "--case", "captive-garment-oem", "--prediction", prediction, "--trainee", "Li Wei")
    assert result.exit_code == 0, result.output
    assert "Score: 100%" in result.output and "Teaching note:" in result.output
    saved = list((tmp_path / "data" / "training").glob("*.training.json"))
    assert len(saved) == 1 and json.loads(saved[0].read_text())["score"] == 1.0
    as_json = run("train", "--case", "zhejiang-locked-sme", "--prediction", prediction, "--trainee", "Li Wei",
                  "--format", "json", "--results", str(tmp_path / "elsewhere"))
    data = json.loads(as_json.stdout)
    assert data["marks"]["governance"] == "wrong" and data["system"]["governance"] == "market"
    assert len(list((tmp_path / "elsewhere").glob("*.training.json"))) == 1
    summary = run("train", "--summary", "--trainee", "li wei").output
    assert "Course summary for Li Wei: 1 exercise done" in summary


def test_bad_predictions_and_options_are_reported_without_a_traceback(run, tmp_path):
    bad = write(tmp_path, "bad.yaml", "governance: captve\ndriver: buyer\nstrategy: [x]\n")
    result = run("train", "--case", "captive-garment-oem", "--prediction", bad, "--trainee", "A")
    assert result.exit_code == 1
    assert f"{bad}:1:1: 'governance' cannot be 'captve'; did you mean 'captive'?" in result.output
    assert f"{bad}:3:1: unknown key 'strategy'; did you mean 'strategies'?" in result.output
    good = write(tmp_path, "good.yaml", PREDICTION)
    result = run("train", "--case", "captive-garment-oem", "--prediction", good)
    assert result.exit_code == 1 and "give --trainee NAME" in result.output
    result = run("train", "--case", "captive-garment-oem", "--case", "mnc-subsidiary", "--prediction", good,
                 "--trainee", "A")
    assert result.exit_code == 1 and "works on one exercise" in result.output
    result = run("train", "--case", "captive-garmnt-oem", "--profile")
    assert result.exit_code == 1 and "did you mean 'captive-garment-oem'" in result.output
    result = run("train", "--summary", "--trainee", "Nobody")
    assert result.exit_code == 1 and "no results of 'Nobody'" in result.output


def test_report_writes_markdown_html_and_csv_and_reports_bad_files(run, tmp_path):
    prediction = write(tmp_path, "p.yaml", PREDICTION)
    folder = tmp_path / "class"
    for trainee, case in (("Ann", "captive-garment-oem"), ("Bo", "zhejiang-locked-sme")):
        run("train", "--case", case, "--prediction", prediction, "--trainee", trainee,
            "--results", str(folder / trainee))
    markdown = run("train", "--report", str(folder))
    assert markdown.exit_code == 0 and "# Training: class summary" in markdown.output
    assert "2 exercises done by 2 trainees" in markdown.output
    html = tmp_path / "class.html"
    assert run("train", "--report", str(folder), "--format", "html", "--output", str(html)).exit_code == 0
    assert html.read_text().startswith("<!DOCTYPE html>")
    csv_out = run("train", "--report", str(folder), "--format", "csv").output
    assert csv_out.splitlines()[0].startswith("trainee,completed,exercise") and len(csv_out.splitlines()) == 3
    (folder / "junk.json").write_text("[1, 2")
    result = run("train", "--report", str(folder))
    assert result.exit_code == 1
    assert f"{folder / 'junk.json'}:1:6: not a training result: JSON syntax" in result.output
    assert "those files were skipped" in result.output and "# Training: class summary" in result.output
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run("train", "--report", str(empty))
    assert result.exit_code == 1 and "no training results found" in result.output
    result = run("train", "--report", str(folder), "--format", "json")
    assert result.exit_code == 1 and "--report writes markdown, html, csv" in result.output


def trainer_case(text: str) -> str:
    data = yaml.safe_load((CASES / "captive-garment-oem.yaml").read_text())
    data["case"]["id"] = "my-shirt-maker"
    return text.replace("@CASE@", yaml.safe_dump(data, sort_keys=False))


def test_validate_and_train_take_a_trainers_case_file(run, tmp_path):
    path = write(tmp_path, "mine.yaml", trainer_case("@CASE@"))
    result = run("validate", path)
    assert result.exit_code == 0 and "15 worked cases and 1 case file (all produce what they expect)" in result.output
    prediction = write(tmp_path, "p.yaml", PREDICTION)
    result = run("train", path, "--prediction", prediction, "--trainee", "Ann")
    assert result.exit_code == 0 and "Exercise: A captive garment OEM supplier" in result.output
    saved = next((tmp_path / "data" / "training").glob("*.training.json"))
    assert json.loads(saved.read_text())["exercise"]["origin"] == path


def test_training_fields_of_a_case_file_are_checked_at_their_line(run, tmp_path):
    data = yaml.safe_load((CASES / "captive-garment-oem.yaml").read_text())
    data["case"]["id"] = "my-shirt-maker"
    data["case"]["training"] = {"passage": {"key": "dai2090", "section": "IV"},
                                "disagreement": [{"key": "shoes", "section": "6.4"},
                                                 {"key": "shoes", "section": "6.5"}]}
    path = write(tmp_path, "mine.yaml", yaml.safe_dump(data, sort_keys=False))
    lines = Path(path).read_text().splitlines()
    result = run("validate", path)
    assert result.exit_code == 1
    passage = next(n for n, line in enumerate(lines, 1) if "dai2090" in line)
    assert f"{path}:{passage}:" in result.output
    assert "unknown source 'dai2090'; did you mean 'dai2009'?" in result.output
    assert "the teaching note does not name 'shoes'" in result.output
    assert "at least two different papers (found only shoes)" in result.output
    data["case"]["training"] = {"passage": {"key": "liu2007"}, "extra": 1}
    path = write(tmp_path, "mine.yaml", yaml.safe_dump(data, sort_keys=False))
    result = run("validate", path)
    assert result.exit_code == 1 and "section" in result.output and "extra" in result.output


def test_the_case_file_schema_covers_the_training_fields(run):
    schema = json.loads(run("schema", "--kind", "case-file").output)
    training = schema["$defs"]["TrainingNotes"]
    assert set(training["properties"]) == {"passage", "disagreement"} and training["required"] == ["passage"]
    for path in sorted(CASES.glob("*.yaml")):
        jsonschema.validate(yaml.safe_load(path.read_text()), schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"case": {**yaml.safe_load((CASES / "captive-garment-oem.yaml").read_text())["case"],
                                      "training": {"passage": {"key": "x", "section": "1"}, "hint": 1}}}, schema)


def test_a_case_file_with_stale_expectations_still_trains_but_the_trainer_is_warned(run, tmp_path):
    text = (CASES / "captive-garment-oem.yaml").read_text().replace("id: captive-garment-oem", "id: my-shirts")
    path = write(tmp_path, "mine.yaml", text.replace("governance: captive, driver", "governance: modular, driver"))
    prediction = write(tmp_path, "p.yaml", PREDICTION)
    result = run("train", path, "--prediction", prediction, "--trainee", "Ann")
    assert result.exit_code == 0 and "Score: 100%" in result.stdout
    assert "warning: worked case 'my-shirts' expects governance = modular, but the consultation gives captive" \
        in result.stderr
    assert run("validate", path).exit_code == 1
