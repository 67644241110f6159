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

from gvc_advisor.engine.advice import PlanItem, build_advice
from gvc_advisor.engine.i18n import current_language
from gvc_advisor.engine.kb.model import KnowledgeBase
from gvc_advisor.engine.result import Conclusion, Consultation
from gvc_advisor.services.reporting import labels
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


def _recommendation_data(kb: KnowledgeBase, c: Consultation, item: PlanItem, group: str) -> dict[str, Any]:
    conclusion = c.recommendations[item.id]
    rec = kb.recommendations[item.id]
    return {
        "id": item.id, "title": item.title, "upgrading_type": item.upgrading_type,
        "upgrading_type_label": labels.upgrading_type(item.upgrading_type), "cf": _cf(item.cf),
        "group": group, "priority": item.priority, "urgency": item.urgency,
        "urgency_label": labels.urgency(item.urgency), "urgency_rule": item.urgency_rule,
        "horizon": item.horizon, "horizon_label": labels.engine_horizon(item.horizon), "actors": list(item.actors),
        "actor_labels": [labels.actor(a) for a in item.actors],
        "reason": item.reason, "continue_deepen": item.continue_deepen, "continue_text": item.continue_text,
        "choice_group": item.choice_group,
        "disagreements": [{"text": d.text, "papers": list(d.papers)} for d in item.disagreements],
        "rules": conclusion.rule_ids, "sources": _paper_keys(kb, conclusion, rec.sources),
    }


def _answer_label(kb: KnowledgeBase, name: str, value: Any) -> dict[str, str]:
    """What the report prints for an answer: the question (or the fact stated) and the value."""
    question = kb.questions[name].text if name in kb.questions else kb.label(name)
    return {"question": question, "value": kb.value_label(name, value)}


def consultation_data(kb: KnowledgeBase, c: Consultation, firm: str | None = None) -> dict[str, Any]:
    """The JSON form: the diagnosis and the plan of :func:`build_advice`, plus
    the answers and the trace.  Recommendations come in priority order (the
    plan, then those only worth considering).

    Ids and values are the same in every language; their labels in the current
    language stand beside them (``label``, ``value_label``, ``*_label``,
    ``actor_labels``, ``answer_labels``), and ``language`` names it."""
    advice = build_advice(kb, c)
    facts: dict[str, Any] = {}
    for item in advice.diagnosis:
        if not item.declared:
            continue
        facts[item.fact] = {
            "label": kb.label(item.fact),
            "value": item.value,
            "value_label": kb.value_label(item.fact, item.value),
            "cf": _cf(item.cf or 0.0),
            "origin": item.origin,
            "single": item.single,
            "rules": list(item.declared[0].rules),
            "alternatives": [{"value": o.value, "label": kb.value_label(item.fact, o.value), "cf": _cf(o.cf),
                              "rules": list(o.rules)} for o in item.alternatives],
            "tie_break": item.tie_break,
            "contested": item.contested is not None,
        }
        if len(item.declared) > 1:
            facts[item.fact]["also_declared"] = [{"value": o.value, "label": kb.value_label(item.fact, o.value),
                                                  "cf": _cf(o.cf)} for o in item.declared[1:]]
    recommendations = [_recommendation_data(kb, c, i, "plan") for i in advice.plan]
    recommendations += [_recommendation_data(kb, c, i, "worth_considering") for i in advice.worth_considering]
    data_advice = advice.to_data()
    data: dict[str, Any] = {
        "language": current_language(),
        "kb": kb.version_info,
        "answers": {k: c.answers[k].to_data() for k in sorted(c.answers)},
        "answer_labels": {k: _answer_label(kb, k, c.answers[k].value) for k in sorted(c.answers)},
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


def to_json(kb: KnowledgeBase, c: Consultation, firm: str | None = None, *, date: dt.date | None = None,
            skipped: Iterable[str] = ()) -> str:
    """Today's keys plus ``report``: the report's structure (see ``reporting.json_form``)."""
    data = consultation_data(kb, c, firm)
    data["report"] = report_data(build_report(kb, c, firm, date, skipped))
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def to_markdown(kb: KnowledgeBase, c: Consultation, firm: str | None = None, *, date: dt.date | None = None,
                skipped: Iterable[str] = ()) -> str:
    """The whole report; page one ends at the line ``<!-- gvc:details -->`` (in every language),
    before the heading of part 2, "The strategies in detail"."""
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
