"""The comparison as JSON-ready data; ``to_json`` gives deterministic bytes
(sorted keys, rounded certainties, firms in the order given).

Ids stay ids in every language; labels in the current language stand beside
them (``label``, ``title``, ``upgrading_type_label``, ``actor_labels``,
``kind_label``; a plan cell's ``horizon`` is its label, ``horizon_id`` the id),
and ``language`` names that language."""

from __future__ import annotations

import json
from typing import Any

from gvc_advisor.engine.i18n import _, current_language
from gvc_advisor.engine.kb.model import KnowledgeBase
from gvc_advisor.services.compare_firms.model import Cause, FirmComparison, path_text
from gvc_advisor.services.compare_firms.render_text import KINDS
from gvc_advisor.services.firm_advice import Diagnosis, PlanStep
from gvc_advisor.services.reporting import labels


def _diagnosis(kb: KnowledgeBase, fact: str, cell: Diagnosis) -> dict[str, Any] | None:
    if cell.value is None:
        return None
    return {"value": cell.value, "label": kb.value_label(fact, cell.value), "cf": cell.cf,
            "alternatives": {v: cf for v, cf in cell.alternatives}}


def _step(step: PlanStep | None) -> dict[str, Any] | None:
    if step is None:
        return None
    return {"priority": step.priority, "cf": step.cf, "horizon": step.horizon, "horizon_id": step.horizon_id}


def _cause(kb: KnowledgeBase, cause: Cause, target: str | None = None) -> dict[str, Any]:
    return {"answer": cause.answer, "question": cause.label, "values": cause.values,
            "paths": [{"firm": index, "rules": [step.rule for step in chain.steps],
                       "text": path_text(kb, chain, target)} for index, chain in cause.paths]}


def comparison_data(kb: KnowledgeBase, comparison: FirmComparison) -> dict[str, Any]:
    return {
        "language": current_language(),
        "kb": comparison.kb,
        "firms": [{"label": f.label, "source": f.source,
                   "answers": {k: f.consultation.answers[k].to_data() for k in sorted(f.consultation.answers)}}
                  for f in comparison.firms],
        "diagnosis": [{"fact": row.fact, "label": row.label, "differs": row.differs,
                       "firms": [_diagnosis(kb, row.fact, cell) for cell in row.cells]}
                      for row in comparison.diagnosis],
        "plan": [{"recommendation": row.recommendation, "title": row.title, "upgrading_type": row.upgrading_type,
                  "upgrading_type_label": labels.upgrading_type(row.upgrading_type),
                  "actors": list(row.actors), "actor_labels": [labels.actor(a) for a in row.actors],
                  "differs": row.differs, "firms": [_step(c) for c in row.cells]}
                 for row in comparison.plan],
        "differences": [{
            "kind": d.kind, "kind_label": _(KINDS[d.kind]), "target": d.target, "title": d.title,
            "outcomes": d.outcomes,
            "causes": [_cause(kb, c, d.target) for c in d.causes],
            "shortfalls": [{"firm": index, "rule": s.rule, "unmet": list(s.unmet)} for index, s in d.shortfalls],
        } for d in comparison.differences],
        "other_differing_answers": [_cause(kb, c) for c in comparison.other_answers],
    }


def to_json(kb: KnowledgeBase, comparison: FirmComparison) -> str:
    return json.dumps(comparison_data(kb, comparison), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
