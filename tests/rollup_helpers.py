"""Helpers for the comparison and roll-up tests: answers files and surveys from the worked cases."""

from __future__ import annotations

import csv
from pathlib import Path

import yaml


def case_answers(kb, case_id: str) -> tuple[str, dict]:
    case = next(c for c in kb.cases if c.id == case_id)
    return case.firm, dict(case.answers)


def answers_file(kb, folder: Path, case_id: str) -> Path:
    firm, answers = case_answers(kb, case_id)
    path = folder / f"{case_id}.yaml"
    path.write_text(yaml.safe_dump({"firm": firm, "answers": answers}, sort_keys=False, allow_unicode=True))
    return path


def survey_csv(kb, path: Path, rows: list[dict], extra_header: list[str] | None = None) -> Path:
    """A survey with a firm column and one column per question, rows given as dicts."""
    header = ["firm", *kb.questions, *(extra_header or [])]
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for row in rows:
            writer.writerow([row.get(column, "") for column in header])
    return path


def reuse_kb(monkeypatch, kb) -> None:
    """Let the CLI commands use an already loaded (and compiled) knowledge base: loading is
    tested elsewhere, and reloading it for every invocation would slow these tests down."""
    for module in ("gvc_advisor.cli.compare", "gvc_advisor.cli.rollup"):
        monkeypatch.setattr(f"{module}.load_kb", lambda kb_dir: kb)
