"""The report's structure as JSON-ready data, grouped as the report is read.

``services.report.to_json`` puts it under the key ``report`` next to the
consultation's own keys (``kb``, ``answers``, ``facts``, …), which other
tools read and which stay as they were.  Numbers are rounded to 4 decimals
and texts are raw (JSON escaping is the serializer's), so the bytes are the
same for the same input.

Ids stay ids in every language (``rec_id``, ``upgrading_type``, ``horizon``,
``actors``, ``fact``, smile stages); each comes with its label in the
report's language beside it (``title``, ``upgrading_type_label``,
``horizon_label``, ``actor_labels``, ``label``/``value``, ``smile.labels``),
and ``language`` names that language.
"""

from __future__ import annotations

from dataclasses import asdict, is_dataclass
from typing import Any

from gvc_advisor.services.reporting import labels
from gvc_advisor.services.reporting.model import Report


def _plain(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        return _plain(asdict(value))
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, float):
        return round(value, 4)
    return value


def report_data(report: Report) -> dict[str, Any]:
    smile = {**_plain(report.smile), "labels": {stage: labels.stage(stage) for stage in labels.STAGES}}
    return _plain({
        "language": report.language,
        "title": report.title,
        "firm": report.firm,
        "date": report.date,
        "page_one": {
            "diagnosis": report.diagnosis,
            "plan": report.plan,
            "later": report.later,
            "warnings": report.warnings,
            "smile": smile,
        },
        "details": {
            "strategies": report.strategies,
            "worth_considering": report.worth_considering,
            "set_aside": report.set_aside,
        },
        "appendix": {
            "answers": report.answers,
            "dont_know": report.dont_know,
            "derivations": {
                "facts": report.fact_derivations,
                "recommendations": report.advice_derivations,
                "warnings": report.warning_derivations,
            },
            "references": report.references,
        },
    })
