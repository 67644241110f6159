"""``gvc-advisor questions`` and ``schema --kind answers-file``: every id an
answers file may use, what it accepts, and errors that point there."""

from __future__ import annotations

import json

import jsonschema
import pytest
from click.testing import CliRunner
from report_cases import shipped

from gvc_advisor.cli import cli


def run(*args: str, stdin: str | None = None):
    return CliRunner().invoke(cli, list(args), input=stdin, catch_exceptions=False)


def test_questions_json_covers_every_question_of_the_kb():
    kb = shipped()
    result = run("questions", "--format", "json")
    assert result.exit_code == 0
    rows = json.loads(result.output)
    questions = [row for row in rows if row["kind"] == "question"]
    assert [row["id"] for row in questions] == list(kb.questions)
    for row in questions:
        question = kb.questions[row["id"]]
        assert row["text"] == question.text and row["topic"] == question.topic
        assert row["type"] == question.type.value
        if question.bounds:
            assert row["range"] == {"min": question.bounds[0], "max": question.bounds[1]}
            assert row["values"] is None
        else:
            assert [v["value"] for v in row["values"]] == list(question.allowed_values)
            assert all(v["label"] == question.label_of(v["value"]) for v in row["values"])
    percent = next(row for row in questions if row["type"] == "percent")
    assert percent["unit"] == "%"
    statable = [f.id for f in kb.facts.values() if f.statable]
    assert [row["id"] for row in rows if row["kind"] == "fact"] == statable
    assert run("questions", "--format", "json").output == result.output


def test_questions_text_lists_every_id_and_fits_the_terminal():
    kb = shipped()
    output = run("questions").output
    for qid in [*kb.questions, *(f for f in kb.facts if kb.facts[f].statable)]:
        assert f"  {qid} (" in output
    assert "0 to 100 %" in output and "apparel = Apparel and garments" in output
    assert all(len(line) <= 100 for line in output.splitlines())


def test_unknown_answer_id_points_to_the_questions_command(tmp_path):
    path = tmp_path / "a.yaml"
    path.write_text("answers:\n  industri: apparel\n")
    result = run("advise", str(path))
    assert result.exit_code == 1
    assert "did you mean 'industry'?; run 'gvc-advisor questions' for the ids" in result.output


@pytest.fixture(scope="module")
def answers_schema():
    result = run("schema", "--kind", "answers-file")
    assert result.exit_code == 0
    schema = json.loads(result.output)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_answers_file_schema_accepts_every_worked_case(answers_schema):
    for case in shipped().cases:
        errors = [e.message for e in answers_schema.iter_errors({"firm": case.firm, "answers": case.answers})]
        assert not errors, (case.id, errors)
    stated = {"answers": {"governance": "captive", "industry": {"value": "toys", "unsure": True},
                          "employees": {"value": 50, "certainty": 0.7}, "vertically_integrated": False}}
    assert not list(answers_schema.iter_errors(stated))


@pytest.mark.parametrize("document", [
    {"answers": {"industri": "apparel"}},
    {"answers": {"industry": "aparel"}},
    {"answers": {"largest_buyer_share": 140}},
    {"answers": {"employees": 0}},
    {"answers": {"industry": {"value": "apparel", "certainty": 2}}},
    {"answers": {"industry": {"value": "apparel", "sure": True}}},
    {"answers": {"industry": None}},
    {"answers": {}, "extra": 1},
    {"firm": "no answers"},
])
def test_answers_file_schema_rejects_what_the_reader_rejects(answers_schema, document):
    assert list(answers_schema.iter_errors(document))


def test_schema_kinds_for_kb_files_are_unchanged():
    for kind in ("kb-file", "case-file"):
        data = json.loads(run("schema", "--kind", kind).output)
        assert data["title"] == f"gvc-advisor {kind}"
