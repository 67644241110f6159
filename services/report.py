"""Consultation → JSON-ready data and Markdown/HTML text.

The JSON form is deterministic (sorted keys, rounded certainties): the same
answers on the same knowledge base give the same bytes.  The TUI's export and
``gvc-advisor advise`` share it.
"""

from __future__ import annotations

import html
import json
from typing import Any

from gvc_advisor.engine.advice import DiagnosisItem, PlanItem, build_advice
from gvc_advisor.engine.explain import explain_recommendation
from gvc_advisor.engine.kb.model import KnowledgeBase
from gvc_advisor.engine.result import Conclusion, Consultation


def _cf(value: float) -> float:
    return round(value, 4)


def _paper_keys(kb: KnowledgeBase, conclusion: Conclusion, extra: list | None = None) -> list[str]:
    keys = {ref.key for rid in conclusion.rule_ids for ref in kb.rule(rid).sources}
    keys |= {ref.key for ref in extra or []}
    return sorted(keys)


def _recommendation_data(kb: KnowledgeBase, c: Consultation, item: PlanItem, group: str) -> dict[str, Any]:
    conclusion = c.recommendations[item.id]
    rec = kb.recommendations[item.id]
    return {
        "id": item.id, "title": item.title, "upgrading_type": item.upgrading_type, "cf": _cf(item.cf),
        "group": group, "priority": item.priority, "urgency": item.urgency, "urgency_rule": item.urgency_rule,
        "horizon": item.horizon, "horizon_label": item.horizon_label, "actors": list(item.actors),
        "reason": item.reason, "continue_deepen": item.continue_deepen, "continue_text": item.continue_text,
        "choice_group": item.choice_group,
        "disagreements": [{"text": d.text, "papers": list(d.papers)} for d in item.disagreements],
        "rules": conclusion.rule_ids, "sources": _paper_keys(kb, conclusion, rec.sources),
    }


def consultation_data(kb: KnowledgeBase, c: Consultation, firm: str | None = None) -> dict[str, Any]:
    """The JSON form: the diagnosis and the plan of :func:`build_advice`, plus
    the answers and the trace.  Recommendations come in priority order (the
    plan, then those only worth considering)."""
    advice = build_advice(kb, c)
    facts: dict[str, Any] = {}
    for item in advice.diagnosis:
        if not item.declared:
            continue
        facts[item.fact] = {
            "value": item.value,
            "cf": _cf(item.cf or 0.0),
            "origin": item.origin,
            "single": item.single,
            "rules": list(item.declared[0].rules),
            "alternatives": [{"value": o.value, "cf": _cf(o.cf), "rules": list(o.rules)} for o in item.alternatives],
            "tie_break": item.tie_break,
            "contested": item.contested is not None,
        }
        if len(item.declared) > 1:
            facts[item.fact]["also_declared"] = [{"value": o.value, "cf": _cf(o.cf)} for o in item.declared[1:]]
    recommendations = [_recommendation_data(kb, c, i, "plan") for i in advice.plan]
    recommendations += [_recommendation_data(kb, c, i, "worth_considering") for i in advice.worth_considering]
    data_advice = advice.to_data()
    data: dict[str, Any] = {
        "kb": kb.version_info,
        "answers": {k: c.answers[k].to_data() for k in sorted(c.answers)},
        "facts": facts,
        "recommendations": recommendations,
        "not_chosen": data_advice["not_chosen"],
        "already_followed": data_advice["already_followed"],
        "choices": data_advice["choices"],
        "warnings": data_advice["warnings"],
        "trace": [f"{f.rule_id}#{f.branch}" for f in c.trace],
        "threshold": c.threshold,
        "worth_considering": advice.worth_considering_level,
    }
    if firm:
        data["firm"] = firm
    return data


def to_json(kb: KnowledgeBase, c: Consultation, firm: str | None = None) -> str:
    return json.dumps(consultation_data(kb, c, firm), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _diagnosis_text(item: DiagnosisItem) -> str:
    if not item.declared:
        return "undetermined"
    text = ", ".join(f"{o.label} (cf {o.cf:.2f})" for o in item.declared)
    if item.origin == "stated":
        text += ", stated"
    if item.alternatives:
        text += "; alternatives considered: " + ", ".join(f"{o.label} ({o.cf:.2f})" for o in item.alternatives)
    if item.contested is not None:
        text += " — CONTESTED (see warnings)"
    return text


def _item_heading(kb: KnowledgeBase, item: PlanItem) -> str:
    title = f"Continue and deepen: {item.title}" if item.continue_deepen else item.title
    group = f", choose one of \"{kb.choice_groups[item.choice_group].title}\"" if item.choice_group else ""
    horizon = item.horizon_label or "horizon not declared"
    return f"Priority {item.priority}: {title} (cf {item.cf:.2f}; {item.urgency}, {horizon}{group})"


def _item_facts(kb: KnowledgeBase, item: PlanItem) -> list[str]:
    rec = kb.recommendations[item.id]
    lines = [f"{item.upgrading_type} upgrading — {item.continue_text or rec.summary}",
             f"Who acts: {', '.join(a.replace('_', ' ') for a in item.actors)}. Why for this firm: {item.reason}."]
    lines += [f"The papers disagree: {d.text}" for d in item.disagreements]
    return lines


def to_markdown(kb: KnowledgeBase, c: Consultation, firm: str | None = None) -> str:
    advice = build_advice(kb, c)
    lines = [f"# Upgrading advice{' for ' + firm if firm else ''}", ""]
    lines.append(f"Knowledge base: {kb.meta.name} {kb.meta.version} (hash {kb.content_hash})")
    lines += ["", "## Diagnosis", ""]
    lines += [f"- **{item.label}**: {_diagnosis_text(item)}" for item in advice.diagnosis]
    lines += ["", "## Plan", ""]
    if not advice.plan:
        lines.append("No recommendation reached the level for the plan.")
    for item in advice.plan:
        lines += [f"### {_item_heading(kb, item)}", "", *_item_facts(kb, item), ""]
        lines += [f"- {action}" for action in item.actions]
        lines += ["", "Why:", "", "```", explain_recommendation(kb, c, item.id).to_text(), "```", ""]
    if advice.worth_considering:
        lines += ["## Worth considering", ""]
        lines += [f"- {_item_heading(kb, item)}: {item.reason}" for item in advice.worth_considering]
        lines.append("")
    if advice.not_chosen or advice.already_followed:
        lines += ["## Not in the plan", ""]
        lines += [f"- {n.title} (cf {n.cf:.2f}): {n.why}" for n in advice.not_chosen]
        lines += [f"- {a.title} (cf {a.cf:.2f}): already followed — {a.because}" for a in advice.already_followed]
        lines.append("")
    if advice.warnings:
        lines += ["## Warnings", ""]
        lines += [f"- **{w.title}** (cf {w.cf:.2f}): {w.message}" for w in advice.warnings]
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
    advice, esc = build_advice(kb, c), html.escape
    body = [f"<h1>Upgrading advice{' for ' + esc(firm) if firm else ''}</h1>",
            f"<p>Knowledge base: {esc(kb.meta.name)} {esc(kb.meta.version)}</p>",
            "<h2>Diagnosis</h2><ul>"]
    body += [f"<li><b>{esc(item.label)}</b>: {esc(_diagnosis_text(item))}</li>" for item in advice.diagnosis]
    body.append("</ul><h2>Plan</h2>")
    for item in advice.plan:
        body.append(f"<h3>{esc(_item_heading(kb, item))}</h3>")
        body += [f"<p>{esc(line)}</p>" for line in _item_facts(kb, item)]
        if item.actions:
            body.append("<ul>" + "".join(f"<li>{esc(a)}</li>" for a in item.actions) + "</ul>")
        body.append("<pre>" + esc(explain_recommendation(kb, c, item.id).to_text()) + "</pre>")
    if advice.worth_considering:
        body.append("<h2>Worth considering</h2><ul>")
        body += [f"<li>{esc(_item_heading(kb, item))}: {esc(item.reason)}</li>" for item in advice.worth_considering]
        body.append("</ul>")
    if advice.not_chosen or advice.already_followed:
        body.append("<h2>Not in the plan</h2><ul>")
        body += [f"<li>{esc(n.title)}: {esc(n.why)}</li>" for n in advice.not_chosen]
        body += [f"<li>{esc(a.title)}: already followed — {esc(a.because)}</li>" for a in advice.already_followed]
        body.append("</ul>")
    if advice.warnings:
        body.append("<h2>Warnings</h2><ul>")
        body += [f"<li><b>{esc(w.title)}</b>: {esc(w.message)}</li>" for w in advice.warnings]
        body.append("</ul>")
    title = "Upgrading advice"
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>{title}</title></head><body>\n" + "\n".join(body) + "\n</body></html>\n")
