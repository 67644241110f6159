"""``questions``: every id an answers file may use, with what it accepts.

The answers-file errors point here ("run 'gvc-advisor questions'"): the list
gives each question's id, text, type, allowed values (with their labels) or
range and unit, and topic, in interview order, then the derived facts a
consultant may state directly.
"""

from __future__ import annotations

import json
import shutil
import textwrap
from pathlib import Path
from typing import Any

import click

from gvc_advisor.cli.base import guarded, kb_option, load_kb


def question_rows(kb) -> list[dict[str, Any]]:
    """One row per answerable id: questions in interview order, then statable facts."""
    rows: list[dict[str, Any]] = []
    for q in kb.questions.values():
        bounds = q.bounds
        unit = "%" if q.type.value == "percent" else q.unit
        rows.append({
            "id": q.id, "kind": "question", "topic": q.topic, "text": q.text, "type": q.type.value,
            "values": None if bounds else [{"value": v, "label": q.label_of(v)} for v in q.allowed_values],
            "range": {"min": bounds[0], "max": bounds[1]} if bounds else None,
            "unit": unit,
        })
    for fact in kb.facts.values():
        if fact.statable and fact.id not in kb.questions:
            rows.append({
                "id": fact.id, "kind": "fact", "topic": "diagnosis",
                "text": f"{fact.label}, stated directly (overrides inference)", "type": "choice",
                "values": [{"value": v.value, "label": v.label} for v in fact.values], "range": None, "unit": None,
            })
    return rows


def _text(rows: list[dict[str, Any]], width: int) -> str:
    """Grouped by topic; each id with its type, the question, and what it accepts."""
    from gvc_advisor.services.reporting.labels import topic as topic_label

    lines: list[str] = []
    topic = None
    for row in rows:
        if row["topic"] != topic:
            topic = row["topic"]
            lines += [*([""] if lines else []), topic_label(topic)]
        if row["range"]:
            unit = f" {row['unit']}" if row["unit"] else ""
            accepted = f"{row['range']['min']} to {row['range']['max']}{unit}"
        else:
            accepted = "; ".join(f"{v['value']} = {v['label']}" for v in row["values"])
        lines += [f"  {row['id']} ({row['type']})",
                  *textwrap.wrap(row["text"], width, initial_indent=" " * 6, subsequent_indent=" " * 6),
                  *textwrap.wrap(accepted, width, initial_indent="      → ", subsequent_indent=" " * 8)]
    return "\n".join(lines)


@click.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@kb_option
@guarded
def questions(fmt: str, kb_dir: Path | None) -> None:
    """List the ids an answers file may use: text, type, allowed values or range, unit, topic."""
    kb = load_kb(kb_dir)
    rows = question_rows(kb)
    if fmt == "json":
        click.echo(json.dumps(rows, indent=2, sort_keys=True, ensure_ascii=False))
        return
    width = max(40, min(shutil.get_terminal_size((80, 24)).columns, 100))
    click.echo(_text(rows, width) + "\n")
    click.echo(textwrap.fill("In an answers file, 'answers:' maps these ids to a value, or to {value: V, unsure: "
                             "true} or {value: V, certainty: 0.7}. Its JSON Schema, for editors: "
                             "gvc-advisor schema --kind answers-file", width, break_on_hyphens=False))


COMMANDS = [questions]
