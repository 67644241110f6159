"""``questions``: every id an answers file may use, with what it accepts.

The answers-file errors point here ("run 'gvc-advisor questions'"): the list
gives each question's id, text, type, allowed values (with their labels) or
range and unit, and topic, in interview order, then the derived facts a
consultant may state directly.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import click

from gvc_advisor.cli.base import guarded, kb_option, load_kb
from gvc_advisor.cli.translated_help import TranslatedCommand
from gvc_advisor.engine.i18n import N_, _


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
                "text": _("{fact}, stated directly (overrides inference)", fact=fact.label), "type": "choice",
                "values": [{"value": v.value, "label": v.label} for v in fact.values], "range": None, "unit": None,
            })
    return rows


def _text(rows: list[dict[str, Any]], width: int) -> str:
    """Grouped by topic; each id with its type, the question, and what it accepts."""
    from gvc_advisor.engine.text_wrap import fill
    from gvc_advisor.services.reporting.labels import topic as topic_label

    lines: list[str] = []
    topic = None
    for row in rows:
        if row["topic"] != topic:
            topic = row["topic"]
            lines += [*([""] if lines else []), topic_label(topic)]
        if row["range"]:
            unit = f" {row['unit']}" if row["unit"] else ""
            accepted = _("{low} to {high}{unit}", low=row["range"]["min"], high=row["range"]["max"], unit=unit)
        else:
            accepted = _("; ").join(f"{v['value']} = {v['label']}" for v in row["values"])
        lines += [f"  {row['id']} ({row['type']})",
                  *fill(row["text"], width, " " * 6, " " * 6, break_on_hyphens=True).splitlines(),
                  *fill(accepted, width, "      → ", " " * 8, break_on_hyphens=True).splitlines()]
    return "\n".join(lines)


@click.command(cls=TranslatedCommand, help=N_(
    "List the ids an answers file may use: text, type, allowed values or range, unit, topic."))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help=N_("text: grouped by topic, for reading; json: the same list as data."))
@kb_option
@guarded
def questions(fmt: str, kb_dir: Path | None) -> None:
    kb = load_kb(kb_dir)
    rows = question_rows(kb)
    if fmt == "json":
        click.echo(json.dumps(rows, indent=2, sort_keys=True, ensure_ascii=False))
        return
    from gvc_advisor.engine.text_wrap import fill

    width = max(40, min(shutil.get_terminal_size((80, 24)).columns, 100))
    click.echo(_text(rows, width) + "\n")
    click.echo(fill(_("In an answers file, 'answers:' maps these ids to a value, or to {value: V, unsure: "
                      "true} or {value: V, certainty: 0.7}. Its JSON Schema, for editors: "
                      "gvc-advisor schema --kind answers-file"), width, "", ""))


COMMANDS = [questions]
