"""The command line: outputs, determinism, and clean errors on bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from gvc_advisor.cli import cli
from gvc_advisor.engine.kb.loader import default_kb_root

SMALL_KB = str(Path(__file__).parent / "fixtures" / "small_kb")
CASE = default_kb_root() / "knowledge_base" / "cases" / "captive-garment-oem.yaml"


@pytest.fixture
def run():
    runner = CliRunner()

    def invoke(*args: str, stdin: str | None = None):
        return runner.invoke(cli, list(args), input=stdin, catch_exceptions=False)

    return invoke


@pytest.fixture
def answers(tmp_path):
    def write(text: str) -> str:
        path = tmp_path / "answers.yaml"
        path.write_text(text)
        return str(path)

    return write


GOOD = """\
firm: Test Garments
answers:
  transaction_complexity: high
  codifiability: high
  supplier_competence: low
  largest_buyer_share: 70
  industry: apparel
  employees: 150
"""


def test_advise_json_is_deterministic_and_complete(run, answers):
    path = answers(GOOD)
    first = run("advise", path, "--format", "json", "--kb", SMALL_KB)
    second = run("advise", path, "--format", "json", "--kb", SMALL_KB)
    assert first.exit_code == 0 and first.output == second.output
    data = json.loads(first.output)
    assert set(data) >= {"kb", "answers", "facts", "recommendations", "trace"}
    assert data["kb"]["version"] == "0.1" and len(data["kb"]["hash"]) == 16
    assert data["facts"]["governance"] == {
        "label": "Governance", "value": "captive", "value_label": "Captive", "cf": 0.92, "origin": "derived",
        "single": False,
        "rules": ["gov-captive", "gov-captive-dependence"], "alternatives": [],
        "tie_break": None, "contested": False}
    ids = [r["id"] for r in data["recommendations"]]
    assert ids == ["strengthen-industrial-design", "process-upgrading-with-buyer"]
    assert data["recommendations"][0] == {
        "id": "strengthen-industrial-design", "title": "Strengthen industrial design",
        "upgrading_type": "functional", "cf": 0.72, "rules": ["design-for-buyer-sme"], "sources": ["dai2009"],
        "group": "plan", "priority": 1, "urgency": "normal", "urgency_rule": None, "horizon": "medium_term",
        "horizon_label": "1–3 years", "actors": ["firm"], "continue_deepen": False, "continue_text": None,
        "choice_group": None, "disagreements": [], "actor_labels": ["the firm"],
        "upgrading_type_label": "Functional upgrading", "urgency_label": "normal",
        "reason": "Design for non-leading in buyer-driven chains "
                  "(Driver: Buyer)"}
    assert data["firm"] == "Test Garments"


def test_advise_reads_stdin(run):
    result = run("advise", "-", "--format", "json", "--kb", SMALL_KB, stdin=GOOD)
    assert result.exit_code == 0
    assert json.loads(result.output)["facts"]["driver"]["value"] == "buyer"


def test_advise_markdown_and_html_on_shipped_kb(run, answers):
    case = yaml.safe_load(CASE.read_text())["case"]
    path = answers(yaml.safe_dump({"firm": case["firm"], "answers": case["answers"]}))
    md = run("advise", path, "--format", "markdown")
    assert md.exit_code == 0
    assert "# Upgrading plan for Hangzhou" in md.output and "GVC governance model:** Captive" in md.output
    html = run("advise", path, "--format", "html")
    assert html.output.startswith("<!DOCTYPE html>") and "Captive" in html.output


def test_stated_fact_is_reported_as_stated(run, answers):
    path = answers(GOOD + "  governance: relational\n")
    data = json.loads(run("advise", path, "--format", "json", "--kb", SMALL_KB).output)
    assert data["facts"]["governance"]["origin"] == "stated"
    assert data["facts"]["governance"]["value"] == "relational"
    text = run("explain", path, "governance", "--kb", SMALL_KB).output
    assert "stated directly by the user" in text and "gov-captive" in text


@pytest.mark.parametrize(("text", "expected"), [
    ("answers:\n  industri: apparel\n",
     "answers.yaml:2:3: unknown question or fact 'industri'; did you mean 'industry'?"),
    ("answers:\n  employees: many\n", "answers.yaml:2:3: 'employees' must be a whole number from 1 to 1000000"),
    ("answers:\n  employees: 0\n", "answers.yaml:2:3: 'employees' is 0; allowed: 1 to 1000000"),
    ("answers:\n  largest_buyer_share: 140\n", "'largest_buyer_share' is 140 %; allowed: 0 to 100 %"),
    ("answers:\n  own_brand: maybe\n", "'own_brand' cannot be 'maybe'; allowed: yes, no"),
    ("answers:\n  industry: aparel\n", "did you mean 'apparel'?"),
    ("answers: [1\n", "answers.yaml:2:1: YAML syntax"),
    ("- a\n- b\n", "an answers file must be a mapping with the key 'answers:'"),
    ("answers: 5\n", "expected a mapping of question ids to answers"),
    ("answers: {}\nextra: 1\n", "unknown key 'extra'; allowed keys: answers, firm"),
    ("answers:\n  industry: {value: apparel, unsure: maybe}\n", "'unsure' must be true or false"),
    ("answers:\n  industry: {value: apparel, certainty: 2}\n", "'certainty' must be a number above 0"),
])
def test_bad_answers_are_clear_errors(run, answers, text, expected):
    result = run("advise", answers(text), "--kb", SMALL_KB)
    assert result.exit_code == 1
    assert expected in result.output
    assert "Traceback" not in result.output


def test_all_answer_problems_reported_at_once(run, answers):
    result = run("advise", answers("answers:\n  industri: x\n  employees: -1\n"), "--kb", SMALL_KB)
    assert "industri" in result.output and "employees" in result.output


def test_unsure_answers_lower_certainty(run, answers):
    path = answers("answers:\n  industry: {value: apparel, unsure: true}\n")
    data = json.loads(run("advise", path, "--format", "json", "--kb", SMALL_KB).output)
    assert data["facts"]["driver"]["cf"] == 0.45  # 0.9 × unsure 0.5
    assert data["answers"]["industry"] == {"value": "apparel", "certainty": 0.5}


def test_missing_answers_file(run):
    result = CliRunner().invoke(cli, ["advise", "/nonexistent.yaml"])
    assert result.exit_code == 1 and "cannot read" in result.output


def test_explain_and_why_not(run, answers):
    path = answers(GOOD)
    text = run("explain", path, "strengthen-industrial-design", "--kb", SMALL_KB).output
    assert "rule design-for-buyer-sme" in text and 'answer: "Which industry?" → Apparel' in text
    assert "[dai2009 §Table III]" in text
    why_not = run("explain", path, "strengthen-rd-modular-development", "--kb", SMALL_KB).output
    assert "not recommended" in why_not and "unmet: Driver is Producer" in why_not
    data = json.loads(run("explain", path, "governance=captive", "--format", "json", "--kb", SMALL_KB).output)
    assert data["kind"] == "conclusion" and data["children"][0]["kind"] == "rule"
    bad = run("explain", path, "governanse", "--kb", SMALL_KB)
    assert bad.exit_code == 1 and "did you mean 'governance'?" in bad.output


def test_validate_rules_schema_coverage_version(run, tmp_path):
    ok = run("validate")
    assert ok.exit_code == 0 and "OK: gvc-advisor knowledge base" in ok.output
    listing = json.loads(run("rules", "--format", "json").output)
    assert {"id", "title", "conclusions", "sources", "defined_at"} <= set(listing[0])
    schema = json.loads(run("schema").output)
    assert "rules" in schema["properties"] and schema["additionalProperties"] is False
    grid = run("coverage")
    assert grid.exit_code == 0 and "45 cells: 0 empty, 0 contradictory" in grid.output
    assert run("--version").output.startswith("gvc-advisor, version")


def test_validate_reports_broken_kb(run, tmp_path):
    (tmp_path / "knowledge_base").mkdir()
    (tmp_path / "rules").mkdir()
    (tmp_path / "knowledge_base" / "kb.yaml").write_text("kb: {name: x}\n")
    result = run("validate", "--kb", str(tmp_path))
    assert result.exit_code == 1
    assert "knowledge_base/kb.yaml:1:1: missing required key 'version'" in result.output


def test_strict_validate_fails_on_lint(run, tmp_path):
    import shutil

    shutil.copytree(SMALL_KB, tmp_path / "kb")
    questions = tmp_path / "kb" / "knowledge_base" / "questions.yaml"
    questions.write_text(questions.read_text() + """\
  - id: unused_question
    topic: firm
    text: Nobody reads this?
    help: {meaning: m, why: w}
    type: yesno
""")
    relaxed = run("validate", "--kb", str(tmp_path / "kb"))
    assert relaxed.exit_code == 0 and "no rule reads question 'unused_question'" in relaxed.output
    strict = run("validate", "--kb", str(tmp_path / "kb"), "--strict")
    assert strict.exit_code == 1 and "1 warning(s) in strict mode" in strict.output


def test_console_script_runs_without_traceback(tmp_path):
    bad = tmp_path / "a.yaml"
    bad.write_text("answers:\n  industri: x\n")
    proc = subprocess.run([sys.executable, "-m", "gvc_advisor", "advise", str(bad)],
                          capture_output=True, text=True, stdin=subprocess.DEVNULL)
    assert proc.returncode == 1
    assert "unknown question or fact 'industri'" in proc.stderr and "Traceback" not in proc.stderr


def test_interview_reports_bad_input_before_the_tui_starts(run, tmp_path, answers):
    broken = run("--kb", str(tmp_path))
    assert broken.exit_code == 1 and "no 'knowledge_base/' folder here" in broken.output
    bad_answers = run("interview", "--answers", answers("answers:\n  industri: x\n"))
    assert bad_answers.exit_code == 1 and "did you mean 'industry'?" in bad_answers.output


def test_the_lazy_command_table_lists_every_command_of_every_module():
    """The group imports a command's module only when it runs; its table must
    name every command each module defines, in the module that defines it."""
    import importlib
    import pkgutil

    from gvc_advisor import cli as cli_package
    from gvc_advisor.cli.main import COMMAND_MODULES, load_command

    defined = {}
    for info in pkgutil.iter_modules(cli_package.__path__):
        module = importlib.import_module(f"gvc_advisor.cli.{info.name}")
        defined.update({command.name: info.name for command in getattr(module, "COMMANDS", [])})
    assert defined == COMMAND_MODULES
    assert all(load_command(name).name == name for name in COMMAND_MODULES)


def test_a_command_imports_no_other_command_module():
    code = ("import sys; from gvc_advisor.cli import main; sys.argv = ['gvc-advisor', 'questions']\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in sys.modules if m.startswith('gvc_advisor.cli.')), file=sys.stderr)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    # (translated_help: what every command shares to show its help in the user's language)
    assert out.stderr.strip() == str(["gvc_advisor.cli.base", "gvc_advisor.cli.language", "gvc_advisor.cli.main",
                                      "gvc_advisor.cli.questions", "gvc_advisor.cli.translated_help"])


def test_advise_and_explain_take_a_worked_case_file(run):
    """A consultant or trainer points advise at a worked case: its firm and answers are used."""
    path = "knowledge_base/cases/captive-garment-oem.yaml"
    case_file = str(Path(__file__).parent.parent / path)
    result = run("advise", case_file, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["answers"]["largest_buyer_share"] == 70 and "Hangzhou shirt maker" in data["report"]["firm"]
    assert run("explain", case_file, "governance").exit_code == 0
