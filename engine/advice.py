"""The consultant-facing result of a consultation: one diagnosis, a plan.

This module is the **contract** that every presentation builds on (the JSON
and Markdown/HTML reports, the TUI results screen, firm comparisons, cluster
roll-ups, training mode).  Build it with::

    advice = build_advice(kb, consultation)

import every type from here, and never re-derive any of it from the raw
:class:`Consultation`: the rules only produce evidence, and what that evidence
means for the firm (which value of a fact counts, which of two conflicting
moves is made, what comes first) is decided here and in
:mod:`gvc_advisor.engine.policy`, once.  The result is pure and deterministic:
the same consultation gives equal objects and the same ``to_data()`` bytes.

Everything is a frozen dataclass; ``advice.to_data()`` gives plain JSON-ready
data (dicts, lists, str, float, int, bool, None) in a defined, deterministic
order, and ``advice.outcome()`` the certainty-free part that a short interview
is guaranteed to share with a full one.

``diagnosis`` — one :class:`~gvc_advisor.engine.diagnosis.DiagnosisItem` per
derived fact, the three framework dimensions (governance, driver,
firm_status) first, then the catalogue order of ``facts.yaml``:

* ``declared``: the value(s) rules downstream used, best first.  A
  *single-valued* fact (``cardinality: single``) has at most one; its other
  established values are ``alternatives`` (value, label, cf, rules), best first.
* ``origin``: ``stated`` (the consultant gave it; inference overridden),
  ``derived``, or ``undetermined`` (no value reached the threshold).
* ``tie_break``: how an exact tie between the winner and the runner-up was
  broken (the value listed first in ``facts.yaml`` wins), else None.
* ``contested``: when the runner-up is within ``contested_margin`` (``kb.yaml``)
  of the winner: the runner-up, the unanswered questions (and unsure answers)
  that feed the rules for either value, whether the fact can be stated, and a
  message naming both values and their evidence.

``plan`` — the recommendations made at or above ``worth_considering``
(``kb.yaml``), as :class:`~gvc_advisor.engine.planning.PlanItem`, in priority
order.  ``priority`` is an integer from 1; the order is *urgency* (``urgent``,
``high``, ``normal``, ``low``: the most urgent applicable urgency rule of the
``urgency:`` section, else the recommendation's own ``urgency``), then
*horizon* (``now``, ``medium_term`` = 1–3 years, ``long_term`` = longer), then
certainty, then catalogue order.  A choice group (alternative routes, "choose
one") takes the place of its most pressing member; its options follow each
other, the strongest first, and share one priority number.
Each item also carries ``actors``, ``actions`` (for "continue / deepen" only
those that still apply), a one-line ``reason`` for this firm (the
strongest rule and what it matched), ``continue_deepen``/``continue_text``
when the firm's answers show it already does this, the ``choice_group``, the
``disagreements`` between papers on this advice, and the papers it rests on.

``worth_considering`` — made below ``worth_considering``: same items, numbered
after the plan.  ``already_followed`` — made but dropped because the firm
already does it (``already_followed: {then: drop}``).  ``not_chosen`` — made
but beaten by a recommendation it ``conflicts_with``: the winner and why.
``choices`` — the choice groups with two or more members made, options in plan
order.  ``warnings`` — the warnings the rules raised (``kind: rule``), then one
per contested diagnosis (``kind: contested``, id ``contested:<fact>``, cf = the
runner-up's certainty).  ``advice.item(rec_id)`` and ``advice.fact(name)`` look
one entry up.

``to_data()`` keys, in this order: ``levels`` (threshold, worth_considering,
contested_margin), ``diagnosis``, ``plan``, ``worth_considering``,
``already_followed``, ``not_chosen``, ``choices``, ``warnings``; certainties are
rounded to 4 digits, every list keeps the order described above.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from gvc_advisor.engine.diagnosis import Contested, DiagnosisItem, ValueOption, diagnosis
from gvc_advisor.engine.i18n import _
from gvc_advisor.engine.kb.model import KnowledgeBase
from gvc_advisor.engine.planning import AlreadyFollowed, Choice, Disagreement, NotChosen, PlanItem, build_plan
from gvc_advisor.engine.result import Consultation

#: Everything a presentation needs comes from here (the parts are defined in
#: :mod:`diagnosis` and :mod:`planning` only to keep modules small).
__all__ = [
    "Advice", "AdviceWarning", "AlreadyFollowed", "Choice", "Contested", "DiagnosisItem", "Disagreement",
    "NotChosen", "PlanItem", "ValueOption", "build_advice",
]


@dataclass(frozen=True)
class AdviceWarning:
    id: str  # the warning id, or "contested:<fact>"
    title: str
    message: str
    cf: float
    kind: str  # rule | contested
    rules: tuple[str, ...]
    fact: str | None = None


@dataclass(frozen=True)
class Advice:
    threshold: float
    worth_considering_level: float
    contested_margin: float
    diagnosis: tuple[DiagnosisItem, ...]
    plan: tuple[PlanItem, ...]
    worth_considering: tuple[PlanItem, ...]
    already_followed: tuple[AlreadyFollowed, ...]
    not_chosen: tuple[NotChosen, ...]
    choices: tuple[Choice, ...]
    warnings: tuple[AdviceWarning, ...]

    def item(self, rec_id: str) -> PlanItem | None:
        return next((i for i in self.plan + self.worth_considering if i.id == rec_id), None)

    def fact(self, name: str) -> DiagnosisItem | None:
        return next((d for d in self.diagnosis if d.fact == name), None)

    def to_data(self) -> dict[str, Any]:
        """Plain JSON-ready data; lists keep the orders documented above."""
        return {
            "levels": {"threshold": self.threshold, "worth_considering": self.worth_considering_level,
                       "contested_margin": self.contested_margin},
            "diagnosis": [_diagnosis_data(d) for d in self.diagnosis],
            "plan": [_item_data(i) for i in self.plan],
            "worth_considering": [_item_data(i) for i in self.worth_considering],
            "already_followed": [{"id": a.id, "title": a.title, "cf": _cf(a.cf), "because": a.because}
                                 for a in self.already_followed],
            "not_chosen": [{"id": n.id, "title": n.title, "cf": _cf(n.cf), "chosen": n.chosen,
                            "chosen_cf": _cf(n.chosen_cf), "why": n.why} for n in self.not_chosen],
            "choices": [{"id": g.id, "title": g.title, "because": g.because, "options": list(g.options),
                         "sources": list(g.sources)} for g in self.choices],
            "warnings": [{"id": w.id, "title": w.title, "message": w.message, "cf": _cf(w.cf),
                          "kind": w.kind, "rules": list(w.rules), "fact": w.fact} for w in self.warnings],
        }

    def outcome(self) -> dict[str, Any]:
        """What is advised, without certainties, priority numbers or the
        questions left open: a short interview reaches exactly this (see relevance)."""
        return {
            "diagnosis": sorted((d.fact, _held(d), d.contested.runner_up.value if d.contested else None)
                                for d in self.diagnosis),
            "plan": sorted((i.id, i.urgency, i.horizon or "", i.continue_deepen, i.choice_group or "")
                           for i in self.plan),
            "worth_considering": sorted(i.id for i in self.worth_considering),
            "already_followed": sorted(a.id for a in self.already_followed),
            "not_chosen": sorted((n.id, n.chosen) for n in self.not_chosen),
            "warnings": sorted(w.id for w in self.warnings),
        }


def _held(item: DiagnosisItem) -> str:
    """What a fact holds, as advice: a single-valued fact its one value; a multi-valued
    one the set of its values (which of them is the most certain is a certainty)."""
    if item.single:
        return str(item.value)
    return ",".join(sorted(str(option.value) for option in item.declared))


def _cf(value: float) -> float:
    return round(value, 4)


def _option_data(o: ValueOption) -> dict[str, Any]:
    return {"value": o.value, "label": o.label, "cf": _cf(o.cf), "rules": list(o.rules)}


def _contested_data(c: Contested | None) -> dict[str, Any] | None:
    if c is None:
        return None
    return {"runner_up": _option_data(c.runner_up), "margin": c.margin, "tie_break": c.tie_break,
            "settle_questions": list(c.settle_questions), "unsure_answers": list(c.unsure_answers),
            "can_state": c.can_state, "message": c.message}


def _diagnosis_data(d: DiagnosisItem) -> dict[str, Any]:
    return {"fact": d.fact, "label": d.label, "single": d.single, "origin": d.origin,
            "value": d.value, "cf": _cf(d.cf) if d.cf is not None else None,
            "declared": [_option_data(o) for o in d.declared],
            "alternatives": [_option_data(o) for o in d.alternatives],
            "tie_break": d.tie_break, "contested": _contested_data(d.contested)}


def _item_data(i: PlanItem) -> dict[str, Any]:
    return {"id": i.id, "title": i.title, "upgrading_type": i.upgrading_type, "cf": _cf(i.cf),
            "priority": i.priority, "urgency": i.urgency, "urgency_rule": i.urgency_rule,
            "urgency_because": i.urgency_because, "horizon": i.horizon, "horizon_label": i.horizon_label,
            "actors": list(i.actors), "actions": list(i.actions), "reason": i.reason, "rules": list(i.rules),
            "continue_deepen": i.continue_deepen, "continue_text": i.continue_text,
            "choice_group": i.choice_group,
            "disagreements": [{"text": d.text, "papers": list(d.papers), "hedges": list(d.hedges)}
                              for d in i.disagreements],
            "sources": list(i.sources)}


def build_advice(kb: KnowledgeBase, consultation: Consultation) -> Advice:
    """The diagnosis and the plan for one consultation (pure; deterministic)."""
    c = consultation
    facts = diagnosis(kb, c)
    plan, worth, followed, not_chosen, choices = build_plan(kb, c)
    warnings = [AdviceWarning(w.target, kb.warnings[w.target].title, kb.warnings[w.target].message, w.cf,
                              "rule", tuple(w.rule_ids)) for w in c.raised_warnings]
    for item in facts:
        if item.contested is not None:
            warnings.append(AdviceWarning(
                f"contested:{item.fact}", _("Contested diagnosis: {fact}", fact=item.label), item.contested.message,
                item.contested.runner_up.cf, "contested",
                tuple(sorted(set(item.declared[0].rules) | set(item.contested.runner_up.rules))), item.fact))
    return Advice(c.threshold, c.policy.worth_considering, c.policy.contested_margin, facts, tuple(plan),
                  tuple(worth), tuple(followed), tuple(not_chosen), tuple(choices), tuple(warnings))
