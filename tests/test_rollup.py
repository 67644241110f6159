"""``gvc-advisor rollup``: inputs, bad rows, aggregation, formats, determinism, the pool."""

from __future__ import annotations

import csv
import io
import json
import os
import random
import subprocess
import sys
from itertools import count
from pathlib import Path

import pytest
from click.testing import CliRunner
from rollup_helpers import answers_file, case_answers, reuse_kb, survey_csv

from gvc_advisor.cli import cli
from gvc_advisor.engine.engines import engine_for
from gvc_advisor.engine.kb.answers import answers_from_mapping
from gvc_advisor.engine.kb.loader import default_kb_root, load_knowledge_base
from gvc_advisor.services.rollup.pool import AHEAD_PER_JOB, ordered_map
from gvc_advisor.services.sessions import SavedSession, SessionStore
from gvc_advisor.services.synthetic import random_answers

KB = load_knowledge_base(default_kb_root())
CASES = ("captive-garment-oem", "auto-parts-assembler", "sports-shoe-domestic-brand")
INDUSTRIES = "apparel, footwear, toys, textiles, auto_parts, machinery, steel, electronics, household_appliances, other"
EMPLOYEES = list(KB.questions).index("employees") + 2  # 1-based, after the firm column
SHARE = list(KB.questions).index("largest_buyer_share") + 2



@pytest.fixture(autouse=True)
def _loaded_kb(monkeypatch):
    reuse_kb(monkeypatch, KB)

def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def expected_cells(case_ids) -> dict[str, int]:
    """The grid cells of the cases, from the engine directly (the roll-up must agree)."""
    cells: dict[str, int] = {}
    for case_id in case_ids:
        answers, _ = answers_from_mapping(KB, case_answers(KB, case_id)[1])
        c = engine_for(KB).consult(answers)
        key = "/".join(str(c.value_of(d)[0]) for d in ("governance", "driver", "firm_status"))
        cells[key] = cells.get(key, 0) + 1
    return cells


def grid(data: dict) -> dict[str, int]:
    return {f"{c['governance']}/{c['driver']}/{c['firm_status']}": c["firms"] for c in data["grid"]["cells"]
            if c["firms"]}


def random_survey(path: Path, rows: int, seed: int = 5) -> Path:
    rng = random.Random(seed)
    plain = []
    for n in range(rows):
        answers = random_answers(KB, rng, density=0.6)
        plain.append({"firm": f"Firm {n}", **{k: v["value"] if isinstance(v, dict) else v for k, v in answers.items()}})
    return survey_csv(KB, path, plain)


# -- inputs ------------------------------------------------------------------------
def test_answers_files_are_placed_in_the_grid(tmp_path):
    paths = [str(answers_file(KB, tmp_path, case)) for case in CASES]
    result = run("rollup", *paths, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["firms"] == 3 and data["skipped"]["rows_or_files"] == 0
    assert grid(data) == expected_cells(CASES)
    assert len(data["grid"]["cells"]) == 45 and data["grid"]["undetermined"] == 0
    locked = data["shares"]["low_end_lock"]
    assert locked["value"] == "yes" and locked["firms"] == locked["by_value"]["yes"]
    assert sum(locked["by_value"].values()) + locked["undetermined"] == 3
    top = data["recommendations"][0]
    assert top["firms"] >= data["recommendations"][-1]["firms"] and 0 < top["share"] <= 1


def test_a_workshop_folder_of_sessions(tmp_path):
    workshop = tmp_path / "workshop"
    store = SessionStore(workshop)
    for case in CASES:
        firm, answers = case_answers(KB, case)
        session = SavedSession.new(firm, KB)
        session.answers = answers
        store.save(session)
    stale = SavedSession.new("Stale firm", KB)
    stale.answers = {"industry": "spaceships"}
    stale_path = store.save(stale)
    (workshop / ".tmp-half-written.json").write_text("{")  # an autosave in progress is not a session
    result = run("rollup", str(workshop), "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["firms"] == 3 and data["skipped"]["rows_or_files"] == 1
    assert grid(data) == expected_cells(CASES)
    assert f"{stale_path}: 'industry' cannot be 'spaceships'" in result.stderr


def test_the_folder_of_a_served_workshop(tmp_path):
    """'gvc-advisor serve' keeps each participant's sessions in participants/<id>/sessions/."""
    workshop = tmp_path / "workshop"
    for participant, case in (("p1", "captive-garment-oem"), ("p2", "auto-parts-assembler")):
        session = SavedSession.new(case, KB)
        session.answers = case_answers(KB, case)[1]
        SessionStore(workshop / "participants" / participant / "sessions").save(session)
    (workshop / ".gvc-serve-key").write_text("secret")
    hidden = workshop / "participants" / ".trash" / "sessions"
    hidden.mkdir(parents=True)
    (hidden / "old.json").write_text("{")
    result = run("rollup", str(workshop), "--format", "csv")
    assert result.exit_code == 0, result.stderr
    sources = [row["source"] for row in csv.DictReader(io.StringIO(result.stdout))]
    assert [Path(s).parts[-3] for s in sources] == ["p1", "p2"]
    empty = tmp_path / "empty"
    empty.mkdir()
    assert "holds no answers files" in run("rollup", str(empty)).stderr


def test_csv_survey_bad_rows_are_reported_exactly_and_skipped(tmp_path):
    good = {"firm": "Good Co", **case_answers(KB, "captive-garment-oem")[1]}
    normalised = {"firm": "Spelled Co", "industry": " Apparel and garments ", "vertically_integrated": "Yes",
                  "largest_buyer_share": "70 %", "employees": "420.0", "transaction_complexity": "HIGH"}
    bad = {"firm": "Bad Co", "industry": "aparel", "employees": "many"}
    path = survey_csv(KB, tmp_path / "survey.csv", [good, bad, normalised, {}])  # {}: an empty row, ignored
    result = run("rollup", str(path), "--format", "json")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{path}:3:2: 'industry' cannot be 'aparel'; did you mean 'apparel'?; allowed: {INDUSTRIES}",
        f"{path}:3:{EMPLOYEES}: 'employees' must be a whole number from 1 to 1000000 in decimal digits, not 'many'",
        "gvc-advisor: 1 row or file skipped (2 problems listed above); the results cover the other firms",
    ]
    data = json.loads(result.stdout)
    assert data["firms"] == 2 and data["skipped"] == {"rows_or_files": 1, "problems": 2,
                                                      "listed": result.stderr.splitlines()[:2]}


def test_xlsx_survey_bad_rows_name_the_cell(tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Survey"
    header = ["firm", *KB.questions]
    sheet.append(header)
    sheet.append(["# a comment row", "ignored"])
    firm, answers = case_answers(KB, "captive-garment-oem")
    sheet.append([firm, *[answers.get(q) for q in KB.questions]])
    sheet.append(["Bad Co", "aparel"] + [None] * (EMPLOYEES - 3) + [12.5])
    row = ["Percent Co"] + [None] * (len(header) - 1)
    row[SHARE - 1] = 0.7
    row[header.index("vertically_integrated")] = False  # a boolean cell: "no"
    sheet.append(row)
    sheet.cell(row=5, column=SHARE).number_format = "0%"  # shown as 70 %: means 70
    path = tmp_path / "survey.xlsx"
    workbook.save(path)
    result = run("rollup", str(path), "--format", "csv")
    assert result.exit_code == 1
    letter = chr(64 + EMPLOYEES)
    assert result.stderr.splitlines()[:2] == [
        f"{path}:4:2: cell B4: 'industry' cannot be 'aparel'; did you mean 'apparel'?; allowed: {INDUSTRIES}",
        f"{path}:4:{EMPLOYEES}: cell {letter}4: 'employees' must be a whole number from 1 to 1000000 "
        "in decimal digits, not 12.5",
    ]
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["source"] for r in rows] == [f"{path}:3", f"{path}:5"]
    assert rows[1]["governance"] == "captive"  # 70 % of sales to one buyer


def test_header_problems_stop_the_roll_up_before_any_row(tmp_path):
    path = tmp_path / "survey.csv"
    path.write_text("firm,industry,indstry,employees,employees,# notes\nA Co,apparel,,10,,\n")
    result = run("rollup", str(path))
    assert result.exit_code == 1 and result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"{path}:1:3: unknown column 'indstry'; did you mean 'industry'?; a column is a "
                               "question id")
    assert lines[1] == f"{path}:1:5: the column 'employees' appears twice (first in column 4); keep one"


def test_unusable_inputs_are_all_reported(tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    other = tmp_path / "notes.txt"
    other.write_text("x")
    old_excel = tmp_path / "old.xlsx"
    old_excel.write_bytes(b"\xd0\xcf\x11\xe0 an .xls saved under another name")
    result = run("rollup", str(tmp_path / "missing.csv"), str(empty), str(other), str(old_excel))
    assert result.exit_code == 1
    assert f"{old_excel}: not an Excel workbook that can be read (File is not a zip file)" in result.stderr
    assert f"{tmp_path / 'missing.csv'}: no such file or folder" in result.stderr
    assert f"{empty}: the table is empty" in result.stderr
    assert f"{other}: cannot roll up this kind of file" in result.stderr
    latin = tmp_path / "latin.csv"
    latin.write_bytes(b"firm,industry\nA,apparel\nCaf\xe9 Co,toys\n")
    assert f"{latin}: not UTF-8 text (invalid continuation byte); save the table as 'CSV UTF-8'" in run(
        "rollup", str(latin)).stderr
    header_only = survey_csv(KB, tmp_path / "header.csv", [])
    assert "no firms to roll up" in run("rollup", str(header_only)).stderr
    assert "give --output FILE.xlsx" in run("rollup", str(header_only), "--format", "xlsx").stderr


# -- scale and determinism -------------------------------------------------------------
def test_jobs_1_and_2_give_identical_output(tmp_path):
    survey = random_survey(tmp_path / "survey.csv", 130)  # three tasks of 64 rows: the pool is used
    outputs = []
    for jobs in ("1", "2"):
        firms = tmp_path / f"firms-{jobs}.csv"
        result = run("rollup", str(survey), "--format", "json", "--jobs", jobs, "--per-firm", str(firms))
        assert result.exit_code == 0, result.stderr
        outputs.append((result.stdout, firms.read_bytes()))
    assert outputs[0] == outputs[1]
    assert json.loads(outputs[0][0])["firms"] == 130
    assert outputs[0][1].count(b"\n") == 131


def test_ordered_map_keeps_few_tasks_in_flight():
    """Memory stays flat: the pool never pulls the whole input ahead of the results."""
    pulled = count()

    def tasks():
        for n in range(300):
            next(pulled)
            yield n

    results = ordered_map(abs, tasks(), 2, local=abs, initializer=int, initargs=())
    first = next(results)
    in_flight = next(pulled)
    assert first == 0 and in_flight <= 2 * AHEAD_PER_JOB + 1
    assert [first, *results] == list(range(300))


RENDER_ALL = """
import sys
from pathlib import Path
from gvc_advisor.engine.kb.loader import default_kb_root, load_knowledge_base
from gvc_advisor.services.rollup.render import SUMMARY_FORMATS, render_summary
from gvc_advisor.services.rollup.run import run_rollup
summary = run_rollup(load_knowledge_base(default_kb_root()), [Path(p) for p in sys.argv[1:]], jobs=1)
sys.stdout.write("\\0".join(render_summary(summary, fmt) for fmt in SUMMARY_FORMATS))
"""


def test_reports_are_deterministic_across_processes(tmp_path):
    paths = [str(answers_file(KB, tmp_path, case)) for case in CASES]
    outputs = {subprocess.run([sys.executable, "-c", RENDER_ALL, *paths], capture_output=True, check=True,
                              env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "3")}
    assert len(outputs) == 1 and outputs.pop().count(b"\0") == 3
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    for target in (first, second):
        assert run("rollup", *paths, "--format", "xlsx", "--output", str(target)).exit_code == 0
    assert first.read_bytes() == second.read_bytes()


# -- outputs -----------------------------------------------------------------------------
def test_text_fits_80_columns_and_markdown_has_every_section(tmp_path):
    paths = [str(answers_file(KB, tmp_path, case)) for case in CASES]
    text = run("rollup", *paths).stdout
    assert max(len(line) for line in text.splitlines()) <= 80
    for part in ("Firms in the grid", "Locked in at the low end", "Most frequent recommendations",
                 "Collective measures"):
        assert part in text
    markdown = run("rollup", *paths, "--format", "markdown").stdout
    for heading in ("## The firms in the grid", "## Lock-in and factor-cost pressure",
                    "## Most frequent recommendations", "## Collective measures"):
        assert heading in markdown


def test_html_report_is_self_contained_with_svg_charts(tmp_path):
    paths = [str(answers_file(KB, tmp_path, case)) for case in CASES]
    out = tmp_path / "report.html"
    assert run("rollup", *paths, "--format", "html", "--output", str(out)).exit_code == 0
    page = out.read_text()
    assert page.count("<svg") == 5  # heat map, two shares, recommendations, measures
    assert "<script" not in page and "src=" not in page and "href=" not in page
    assert "Firms in the governance × driver × firm status grid" in page


def test_per_firm_tables(tmp_path):
    paths = [str(answers_file(KB, tmp_path, case)) for case in CASES]
    firms = tmp_path / "firms.csv"
    assert run("rollup", *paths, "--per-firm", str(firms)).exit_code == 0
    rows = list(csv.DictReader(io.StringIO(firms.read_text(encoding="utf-8-sig"))))
    assert [r["firm"] for r in rows] == [case_answers(KB, c)[0] for c in CASES]
    shirt = rows[0]
    assert shirt["grid_cell"] == "captive/buyer/sme" and shirt["low_end_lock"] == "yes"
    first = shirt["recommendations"].split("; ")[0]
    assert shirt[f"priority:{first}"] == "1"
    workbook_path = tmp_path / "rollup.xlsx"
    assert run("rollup", *paths, "--format", "xlsx", "--output", str(workbook_path)).exit_code == 0
    from openpyxl import load_workbook

    workbook = load_workbook(workbook_path, read_only=True)
    assert workbook.sheetnames == ["Summary", "Grid", "Recommendations", "Measures", "Firms", "Skipped rows"]
    firm_rows = list(workbook["Firms"].iter_rows(values_only=True))
    assert len(firm_rows) == 4 and firm_rows[1][2] == "captive/buyer/sme"
    summary = {r[0]: r[1] for r in workbook["Summary"].iter_rows(values_only=True)}
    assert summary["Firms rolled up"] == 3


def test_collective_measures_follow_their_declared_threshold(tmp_path):
    paths = [str(answers_file(KB, tmp_path, case)) for case in CASES]
    measures = tmp_path / "measures.yaml"
    measures.write_text("""measures:
  - id: brand-for-two
    title: Brand for two
    summary: Proposed when two firms need it.
    actions: [Do it.]
    actors: [association]
    needed_when: {recommended: [regional-brand]}
    threshold: {min_firms: 1, min_share: 0.3}
    sources: [{key: hu2013, section: x}]
  - id: everyone
    title: Everyone
    summary: Needs all firms.
    actions: [Do it.]
    actors: [government]
    needed_when: {condition: {fact: governance, known: true}}
    threshold: {min_firms: 4, min_share: 0.1}
    sources: [{key: hu2013, section: x}]
""")
    data = json.loads(run("rollup", *paths, "--format", "json", "--measures", str(measures)).stdout)
    by_id = {m["id"]: m for m in data["collective_measures"]["measures"]}
    brand = by_id["brand-for-two"]
    assert brand["proposed"] == (brand["firms"] >= 1 and brand["firms"] / 3 >= 0.3)
    assert by_id["everyone"]["firms"] == 3 and not by_id["everyone"]["proposed"]  # 3 < min_firms 4
    assert by_id["everyone"]["needed_when"]["condition"] == "GVC governance model is known"


def test_a_bad_measures_file_is_reported_with_positions(tmp_path):
    measures = tmp_path / "measures.yaml"
    measures.write_text("""measures:
  - id: m
    title: M
    summary: S
    actions: [A]
    actors: [association]
    needed_when: {recommended: [regional-brnd], condition: {fact: governance, equals: capitve}}
    threshold: {min_firms: 0, min_share: 2}
    sources: [{key: nobody, section: x}]
""")
    result = run("rollup", str(answers_file(KB, tmp_path, "captive-garment-oem")), "--measures", str(measures))
    assert result.exit_code == 1
    assert f"{measures}:8:" in result.stderr and "min_firms" in result.stderr
    fixed = measures.read_text().replace("min_firms: 0, min_share: 2", "min_firms: 1, min_share: 0.5")
    measures.write_text(fixed)
    lines = run("rollup", str(answers_file(KB, tmp_path, "captive-garment-oem")),
                "--measures", str(measures)).stderr.splitlines()
    assert any(line.startswith(f"{measures}:7:") and "unknown recommendation 'regional-brnd'; did you mean "
               "'regional-brand'?" in line for line in lines)
    assert any("'governance' cannot be 'capitve'" in line for line in lines)
    assert any(line.startswith(f"{measures}:9:") and "unknown source 'nobody'" in line for line in lines)


def test_progress_reporter_prints_problems_above_the_bar(monkeypatch, capsys):
    from gvc_advisor.cli import rollup_progress
    from gvc_advisor.engine.errors import Problem
    from gvc_advisor.services.rollup.worker import Skipped

    monkeypatch.setattr(rollup_progress, "DELAY", 0.0)
    with rollup_progress.ProgressReporter(enabled=True) as reporter:
        reporter.progress(1, 10)
        assert reporter.bar is not None
        reporter.skipped(Skipped("s.csv:2", (Problem("s.csv", 2, 3, "bad value"),)))
        reporter.progress(10, 10)
    assert reporter.bar is None
    assert "s.csv:2:3: bad value" in capsys.readouterr().err


@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "json"])
def test_every_summary_format_renders_an_empty_grid_cell_and_skips(tmp_path, fmt):
    bad = survey_csv(KB, tmp_path / "s.csv", [{"firm": "x", "industry": "nope"}, {"firm": "y", "industry": "toys"}])
    result = run("rollup", str(bad), "--format", fmt)
    assert result.exit_code == 1 and result.stdout
    assert "nope" in result.stdout  # the skipped row's problem is listed in the report itself


def test_the_pool_starts_when_stderr_has_no_file_descriptor(monkeypatch):
    """Regression: inside the TUI (Textual replaces sys.stderr) starting workers failed with
    'bad value(s) in fds_to_keep'."""
    from multiprocessing import resource_tracker

    class Captured(io.StringIO):
        def fileno(self) -> int:
            return -1

    monkeypatch.setattr(sys, "stderr", Captured())
    monkeypatch.setattr(resource_tracker._resource_tracker, "_fd", None)  # as in a fresh process
    monkeypatch.setattr(resource_tracker._resource_tracker, "_pid", None)
    assert list(ordered_map(abs, range(-5, 0), 2, local=abs, initializer=int, initargs=())) == [5, 4, 3, 2, 1]


def test_another_knowledge_base_in_the_workers(tmp_path, monkeypatch):
    """Workers load the knowledge base the command was given (--kb), not the bundled one."""
    from conftest import SMALL_KB

    monkeypatch.undo()  # this test loads its own knowledge base through --kb
    rows = [{"firm": f"F{n}", "industry": ("apparel", "steel")[n % 2], "employees": 20 + n} for n in range(70)]
    small = load_knowledge_base(SMALL_KB)
    survey = survey_csv(small, tmp_path / "small.csv", rows)
    builtin = run("rollup", str(survey), "--kb", str(SMALL_KB))
    assert builtin.exit_code == 1 and "written for the bundled knowledge base" in builtin.stderr
    none = tmp_path / "none.yaml"
    none.write_text("measures: []\n")
    result = run("rollup", str(survey), "--kb", str(SMALL_KB), "--measures", str(none), "--format", "json",
                 "--jobs", "2")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["firms"] == 70 and data["kb"]["hash"] == small.content_hash
    assert data["collective_measures"]["measures"] == [] and "low_end_lock" not in data["shares"]
