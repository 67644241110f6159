"""Consultation → JSON-ready data and Markdown/HTML text.

The JSON form is deterministic (sorted keys, rounded certainties): the same
answers on the same knowledge base give the same bytes.  The TUI's export and
``gvc-advisor advise`` share it.
"""

from __future__ import annotations

import html
import json
from typing import Any

from gvc_advisor.engine.explain import explain_recommendation
from gvc_advisor.engine.kb.model import DIMENSIONS, KnowledgeBase
from gvc_advisor.engine.result import Conclusion, Consultation


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


def to_json(kb: KnowledgeBase, c: Consultation, firm: str | None = None) -> str:
    return json.dumps(consultation_data(kb, c, firm), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def to_markdown(kb: KnowledgeBase, c: Consultation, firm: str | None = None) -> str:
    lines = [f"# Upgrading advice{' for ' + firm if firm else ''}", ""]
    lines.append(f"Knowledge base: {kb.meta.name} {kb.meta.version} (hash {kb.content_hash})")
    lines += ["", "## Diagnosis", ""]
    for name in DIMENSIONS + tuple(f for f in kb.facts if f not in DIMENSIONS):
        best = c.value_of(name)
        shown = f"{kb.value_label(name, best[0])} (cf {best[1]:.2f})" if best else "undetermined"
        if name in kb.facts:
            lines.append(f"- **{kb.facts[name].label}**: {shown}")
    lines += ["", "## Recommendations", ""]
    if not c.recommended:
        lines.append("No recommendation reached the certainty threshold.")
    for i, conclusion in enumerate(c.recommended, 1):
        rec = kb.recommendations[conclusion.target]
        lines += [f"### {i}. {rec.title} (cf {conclusion.cf:.2f})", "",
                  f"*{rec.upgrading_type.value} upgrading* — {rec.summary}", ""]
        lines += [f"- {action}" for action in rec.actions]
        lines += ["", "Why:", "", "```", explain_recommendation(kb, c, rec.id).to_text(), "```", ""]
    if c.raised_warnings:
        lines += ["## Warnings", ""]
        for w in c.raised_warnings:
            spec = kb.warnings[w.target]
            lines.append(f"- **{spec.title}** (cf {w.cf:.2f}): {spec.message}")
        lines.append("")
    lines += ["## Answers", ""]
    for name in sorted(c.answers):
        answer = c.answers[name]
        unsure = " (unsure)" if answer.unsure else ""
        lines.append(f"- {kb.label(name)}: {kb.value_label(name, answer.value)}{unsure}")
    lines += ["", "## Sources", ""]
    lines += [f"- [{s.key}] {s.citation}" for s in kb.sources.values()]
    return "\n".join(lines) + "\n"


def to_html(kb: KnowledgeBase, c: Consultation, firm: str | None = None) -> str:
    """A self-contained HTML page (no external assets) of the same content."""
    body = [f"<h1>Upgrading advice{' for ' + html.escape(firm) if firm else ''}</h1>",
            f"<p>Knowledge base: {html.escape(kb.meta.name)} {html.escape(kb.meta.version)}</p>",
            "<h2>Diagnosis</h2><ul>"]
    for name in kb.facts:
        best = c.value_of(name)
        shown = f"{kb.value_label(name, best[0])} (cf {best[1]:.2f})" if best else "undetermined"
        body.append(f"<li><b>{html.escape(kb.facts[name].label)}</b>: {html.escape(shown)}</li>")
    body.append("</ul><h2>Recommendations</h2>")
    for conclusion in c.recommended:
        rec = kb.recommendations[conclusion.target]
        body.append(f"<h3>{html.escape(rec.title)} (cf {conclusion.cf:.2f})</h3>"
                    f"<p><i>{rec.upgrading_type.value} upgrading</i>: {html.escape(rec.summary)}</p><ul>")
        body += [f"<li>{html.escape(a)}</li>" for a in rec.actions]
        body.append("</ul><pre>" + html.escape(explain_recommendation(kb, c, rec.id).to_text()) + "</pre>")
    if c.raised_warnings:
        body.append("<h2>Warnings</h2><ul>")
        body += [f"<li><b>{html.escape(kb.warnings[w.target].title)}</b>: "
                 f"{html.escape(kb.warnings[w.target].message)}</li>" for w in c.raised_warnings]
        body.append("</ul>")
    title = "Upgrading advice"
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>{title}</title></head><body>\n" + "\n".join(body) + "\n</body></html>\n")
