"""``gvc-advisor template``: a blank survey that, once filled, rolls up."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner
from rollup_helpers import case_answers, reuse_kb

from gvc_advisor.cli import cli
from gvc_advisor.engine.kb.loader import default_kb_root, load_knowledge_base

KB = load_knowledge_base(default_kb_root())
FILLED = ("captive-garment-oem", "sports-shoe-domestic-brand")



@pytest.fixture(autouse=True)
def _loaded_kb(monkeypatch):
    reuse_kb(monkeypatch, KB)

def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_csv_template_lists_questions_allowed_values_and_help():
    result = run("template")
    assert result.exit_code == 0
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == ["firm", *KB.questions]
    assert [r[0] for r in rows[1:]] == ["# question", "# allowed", "# help"]
    allowed = dict(zip(rows[0], rows[2], strict=True))
    assert allowed["vertically_integrated"] == "yes | no"
    assert allowed["largest_buyer_share"] == "whole number 0–100 (%)"
    assert allowed["industry"].startswith("apparel | footwear | toys")
    assert dict(zip(rows[0], rows[3], strict=True))["industry"] == KB.questions["industry"].help.meaning


def test_a_filled_csv_template_rolls_up(tmp_path):
    path = tmp_path / "survey.csv"
    assert run("template", "--output", str(path)).exit_code == 0
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # Excel needs the BOM to read UTF-8
    with path.open("a", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        for case in FILLED:
            firm, answers = case_answers(KB, case)
            writer.writerow([firm, *[answers.get(q, "") for q in KB.questions]])
    result = run("rollup", str(path), "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["firms"] == 2 and data["skipped"]["rows_or_files"] == 0


def test_xlsx_template_has_drop_downs_and_rolls_up_once_filled(tmp_path):
    from openpyxl import load_workbook

    path = tmp_path / "survey.xlsx"
    assert run("template", "--format", "xlsx", "--output", str(path)).exit_code == 0
    workbook = load_workbook(path)
    assert workbook.sheetnames == ["Survey", "Lists", "Questions"]
    assert workbook["Lists"].sheet_state == "hidden"
    survey = workbook["Survey"]
    header = [c.value for c in survey[1]]
    assert header == ["firm", *KB.questions] and survey.freeze_panes == "B5"
    validations = {str(v.sqref).split(":")[0]: v for v in survey.data_validations.dataValidation}
    assert len(validations) == len(KB.questions)
    industry = validations["B5"]
    assert industry.type == "list" and industry.formula1 == "Lists!$A$1:$A$10"
    assert [workbook["Lists"].cell(row=r, column=1).value for r in range(1, 11)] == list(
        KB.questions["industry"].allowed_values)
    employees = validations[f"{chr(64 + header.index('employees') + 1)}5"]
    assert (employees.type, employees.formula1, employees.formula2) == ("whole", "1", "1000000")
    questions = list(workbook["Questions"].iter_rows(values_only=True))
    assert questions[0][:3] == ("id", "question", "type") and len(questions) == len(KB.questions) + 1
    for row, case in enumerate(FILLED, start=5):
        firm, answers = case_answers(KB, case)
        survey.cell(row=row, column=1, value=firm)
        for column, question in enumerate(KB.questions, start=2):
            if question in answers:
                survey.cell(row=row, column=column, value=answers[question])
    workbook.save(path)
    result = run("rollup", str(path), "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["firms"] == 2


def test_xlsx_template_bytes_are_deterministic(tmp_path):
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    for path in (first, second):
        run("template", "--format", "xlsx", "--output", str(path))
    assert first.read_bytes() == second.read_bytes()
    assert "give --output FILE.xlsx" in run("template", "--format", "xlsx").stderr
