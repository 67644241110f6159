"""Result files and the class summary: saved and read back strictly, bad and
foreign files reported as file:line and skipped, the summary's rankings, and
the Markdown, HTML and CSV forms (escaped: names come from anyone's files)."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from gvc_advisor.engine.errors import UserError
from gvc_advisor.engine.kb.loader import default_kb_root, load_knowledge_base
from gvc_advisor.services.training.exercises import bundled_exercises, solve
from gvc_advisor.services.training.prediction import make_prediction
from gvc_advisor.services.training.render_class import to_csv, to_html, to_markdown
from gvc_advisor.services.training.results import (
    SUFFIX,
    collect_results,
    read_result,
    result_from_reveal,
    result_json,
    save_result,
)
from gvc_advisor.services.training.reveal import reveal
from gvc_advisor.services.training.summary import course, summarise

KB = load_knowledge_base(default_kb_root())
EXERCISES = {e.id: e for e in bundled_exercises(KB)}
WHEN = datetime(2025, 6, 1, 9, 30, tzinfo=UTC)


def result(case_id: str, trainee: str, governance: str, strategies=None, minute: int = 0):
    exercise = EXERCISES[case_id]
    solution = solve(KB, exercise)
    first = [i.id for i in solution.advice.plan if i.priority <= 3][:3]
    picks = strategies or first
    prediction = make_prediction(KB, {"governance": governance, "driver": "buyer", "firm_status": "sme",
                                      "low_end_lock": "yes"}, picks)
    return result_from_reveal(KB, reveal(KB, exercise, solution, prediction), trainee,
                              WHEN.replace(minute=minute))


def test_a_result_file_round_trips_and_never_overwrites(tmp_path):
    first = result("captive-garment-oem", "Li  Wei", "captive")
    path = save_result(first, tmp_path)
    again = save_result(first, tmp_path)
    assert path != again and path.name.endswith(SUFFIX) and again.name.endswith(f"-2{SUFFIX}")
    assert path.name == f"20250601-090000-captive-garment-oem-li-wei{SUFFIX}"
    loaded = read_result(path)
    assert loaded == first and loaded.trainee == "Li Wei"
    assert result_json(loaded) == path.read_text(encoding="utf-8")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["marks"]["governance"] == "right" and data["system"]["governance"] == "captive"
    assert data["exercise"]["passage"] == "liu2007 §2.3.4"


def test_bad_and_foreign_files_are_located_and_skipped(tmp_path):
    good = save_result(result("captive-garment-oem", "Ann", "captive"), tmp_path)
    (tmp_path / "broken.json").write_text('{\n  "kind": "gvc-advisor training result",\n  "trainee": \n}\n')
    (tmp_path / "foreign.json").write_text('{"name": "something else"}\n')
    edited = json.loads(good.read_text(encoding="utf-8"))
    edited["marks"]["governance"] = "brilliant"
    (tmp_path / "edited.json").write_text(json.dumps(edited, indent=2))
    cheat = json.loads(good.read_text(encoding="utf-8"))
    cheat["score"] = 0.1 if cheat["score"] > 0.5 else 0.9
    (tmp_path / "cheat.json").write_text(json.dumps(cheat, indent=2))
    session = {"id": "x", "firm": "F", "created": "", "updated": "", "kb": {}, "answers": {}, "history": []}
    (tmp_path / "sessions").mkdir()
    (tmp_path / "sessions" / "abc.json").write_text(json.dumps(session))
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "x.json").write_text("not json")
    collected = collect_results([tmp_path])
    assert len(collected.results) == 1 and collected.sessions == 1
    text = "\n".join(p.format() for p in collected.problems)
    assert f"{tmp_path / 'broken.json'}:4:1:" in text and "JSON syntax" in text
    assert f"{tmp_path / 'foreign.json'}:1:1: not a training result" in text
    edited_line = next(n for n, line in enumerate((tmp_path / "edited.json").read_text().splitlines(), 1)
                       if "brilliant" in line)
    assert f"edited.json:{edited_line}:" in text
    assert "cheat.json" in text and "not the mean of the points" in text
    assert ".hidden" not in text


def test_read_result_refuses_with_every_problem(tmp_path):
    path = tmp_path / "r.json"
    path.write_text(json.dumps({"kind": "gvc-advisor training result", "format": 1}))
    with pytest.raises(UserError) as info:
        read_result(path)
    assert "trainee" in info.value.report() and "exercise" in info.value.report()


def test_the_class_summary_ranks_what_the_class_gets_wrong_most():
    results = [
        result("captive-garment-oem", "Ann", "modular", minute=1),
        result("captive-garment-oem", "ann ", "captive", minute=2),
        result("captive-garment-oem", "Bo", "modular", minute=3),
        result("zhejiang-locked-sme", "Bo", "market", minute=4),
    ]
    summary = summarise(KB, results)
    assert [t.name for t in summary.trainees] == ["Ann", "Bo"]
    assert len(summary.trainees[0].results) == 2  # names match ignoring case and spacing
    weakest = summary.weakest[0]
    assert weakest.dimension == "governance" and weakest.wrong == 2 and weakest.right == 2
    assert weakest.missed_in == ("A captive garment OEM supplier",)
    mistakes = summary.mistakes["captive-garment-oem"]
    governance = next(m for m in mistakes if m.dimension == "governance")
    assert (governance.predicted, governance.system, governance.count, governance.of) == ("Modular", "Captive", 2, 3)
    mine = course(KB, results, "BO")
    assert mine is not None and mine.name == "Bo" and mine.exercises == 2
    assert course(KB, results, "nobody") is None


def test_markdown_html_and_csv_escape_what_comes_from_result_files(tmp_path):
    hostile = "<script>alert(1)</script> | **x** =cmd"
    summary = summarise(KB, [result("captive-garment-oem", hostile, "modular"),
                             result("zhejiang-locked-sme", "Bo", "market")])
    markdown = to_markdown(summary)
    assert "<script>" not in markdown and "\\<script\\>" in markdown and "\\| \\*\\*x\\*\\*" in markdown
    assert "## What the class gets wrong most" in markdown
    html = to_html(summary)
    assert "<script>alert" not in html and "&lt;script&gt;" in html
    assert "http://" not in html and "https://" not in html and "<link" not in html and "src=" not in html
    rows = list(csv.reader(io.StringIO(to_csv(summary))))
    assert rows[0][:3] == ["trainee", "completed", "exercise"] and len(rows) == 3
    header = rows[0]
    hostile_row = next(r for r in rows[1:] if "script" in r[0])
    assert hostile_row[0].startswith("<script>")
    assert hostile_row[header.index("governance_mark")] == "wrong"
    equals = tmp_path / "x"
    assert not equals.exists()
    formula = summarise(KB, [result("captive-garment-oem", "=HYPERLINK(1)", "captive")])
    assert list(csv.reader(io.StringIO(to_csv(formula))))[1][0] == "'=HYPERLINK(1)"


def test_a_summary_says_which_files_were_skipped():
    from gvc_advisor.engine.errors import Problem

    summary = summarise(KB, [result("captive-garment-oem", "Ann", "captive")],
                        [Problem("x.json", 2, 3, "not a training result")], sessions=4)
    markdown = to_markdown(summary)
    assert "## Skipped files" in markdown and "x.json:2:3" in markdown
    assert "4 saved interview sessions passed over" in markdown
    assert "x.json:2:3" in to_html(summary)


def test_rollup_of_a_workshop_folder_passes_training_results_over(tmp_path):
    from gvc_advisor.services.rollup.sources import FirmFiles, plan_sources

    participant = tmp_path / "participants" / "p1"
    (participant / "sessions").mkdir(parents=True)
    (participant / "sessions" / "s.json").write_text("{}")
    save_result(result("captive-garment-oem", "Ann", "captive"), participant / "training")
    sources = plan_sources(KB, [tmp_path])
    files = [Path(p).name for s in sources if isinstance(s, FirmFiles) for p in s.paths]
    assert files == ["s.json"]
