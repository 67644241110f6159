"""Consultation → report: JSON data, terminal text, Markdown and HTML.

``consultation_data`` is the consultation as JSON-ready data (other tools read
its keys); the report itself (page one, the strategies, the appendix) is built
once by :mod:`services.reporting` and rendered per format.  Every format is
deterministic: the same answers, firm and date on the same knowledge base give
the same bytes.  The TUI's export and ``gvc-advisor advise`` share it.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from typing import Any

from gvc_advisor.engine.kb.model import KnowledgeBase
from gvc_advisor.engine.result import Conclusion, Consultation
from gvc_advisor.services.reporting.build import build_report
from gvc_advisor.services.reporting.html import render_html
from gvc_advisor.services.reporting.json_form import report_data
from gvc_advisor.services.reporting.markdown import render_markdown
from gvc_advisor.services.reporting.text import render_text


def _cf(value: float) -> float:
    return round(value, 4)


def _paper_keys(kb: KnowledgeBase, conclusion: Conclusion, extra: list | None = None) -> list[str]:
    keys = {ref.key for rid in conclusion.rule_ids for ref in kb.rule(rid).sources}
    keys |= {ref.key for ref in extra or []}
    return sorted(keys)


def consultation_data(kb: KnowledgeBase, c: Consultation, firm: str | None = None) -> dict[str, Any]:
    facts: dict[str, Any] = {}
    for name in sorted(c.facts):
        best = c.value_of(name)
        if best is None:
            continue
        value, cf = best
        conclusion = c.facts[name][value]
        facts[name] = {
            "value": value,
            "cf": _cf(cf),
            "origin": "stated" if conclusion.stated is not None else "derived",
            "rules": conclusion.rule_ids,
            "alternatives": {str(v): _cf(x) for v, x in c.established(name)[1:]},
        }
    recommendations = []
    for conclusion in c.recommended:
        rec = kb.recommendations[conclusion.target]
        recommendations.append({
            "id": rec.id, "title": rec.title, "upgrading_type": rec.upgrading_type.value,
            "cf": _cf(conclusion.cf), "rules": conclusion.rule_ids,
            "sources": _paper_keys(kb, conclusion, rec.sources),
        })
    warnings = [
        {"id": w.target, "title": kb.warnings[w.target].title, "message": kb.warnings[w.target].message,
         "cf": _cf(w.cf), "rules": w.rule_ids}
        for w in c.raised_warnings
    ]
    data: dict[str, Any] = {
        "kb": kb.version_info,
        "answers": {k: c.answers[k].to_data() for k in sorted(c.answers)},
        "facts": facts,
        "recommendations": recommendations,
        "warnings": warnings,
        "trace": [f"{f.rule_id}#{f.branch}" for f in c.trace],
        "threshold": c.threshold,
    }
    if firm:
        data["firm"] = firm
    return data


def to_json(kb: KnowledgeBase, c: Consultation, firm: str | None = None, *, date: dt.date | None = None,
            skipped: Iterable[str] = ()) -> str:
    """Today's keys plus ``report``: the report's structure (see ``reporting.json_form``)."""
    data = consultation_data(kb, c, firm)
    data["report"] = report_data(build_report(kb, c, firm, date, skipped))
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def to_markdown(kb: KnowledgeBase, c: Consultation, firm: str | None = None, *, date: dt.date | None = None,
                skipped: Iterable[str] = ()) -> str:
    """The whole report; page one ends at the heading '## The strategies in detail'."""
    return render_markdown(build_report(kb, c, firm, date, skipped))


def to_html(kb: KnowledgeBase, c: Consultation, firm: str | None = None, *, date: dt.date | None = None,
            skipped: Iterable[str] = ()) -> str:
    """The whole report as one self-contained page (inline CSS and SVG) that prints on A4."""
    return render_html(build_report(kb, c, firm, date, skipped))


def to_text(kb: KnowledgeBase, c: Consultation, firm: str | None = None, *, date: dt.date | None = None,
            skipped: Iterable[str] = (), width: int = 80, color: bool = False, hint: str | None = None) -> str:
    """Page one for a terminal (Rich); plain text unless ``color``."""
    return render_text(build_report(kb, c, firm, date, skipped), width=width, color=color, hint=hint)


#: Format name → (file suffix, renderer); the renderers share one signature.
FORMATS = {"text": ("txt", to_text), "markdown": ("md", to_markdown), "html": ("html", to_html),
           "json": ("json", to_json)}
