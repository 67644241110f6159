"""A deliberately simple second implementation of the consultation semantics.

No experta, no normal form, no strata: a naive fixpoint that re-evaluates
every rule's condition *tree* against the current facts until nothing
changes.  The differential test requires the experta engine to agree with it
on every derived fact, recommendation, warning and certainty.
"""

from __future__ import annotations

from typing import Any

from gvc_advisor.engine.certainty import combine, conclude
from gvc_advisor.engine.kb.answers import Answers
from gvc_advisor.engine.kb.model import KnowledgeBase
from gvc_advisor.engine.kb.schema import AllOf, AnyOf, FactTest, NotOf
from gvc_advisor.engine.kb.schema.rules import SetFact, conclusion_key
from gvc_advisor.engine.rete.normalize import matches


def _values(name: str, answers: Answers, derived: dict[tuple[str, Any], float], kb: KnowledgeBase,
            threshold: float) -> list[tuple[Any, float]]:
    if name in kb.facts:
        if name in answers:
            a = answers[name]
            return [(a.value, a.cf)] if a.cf >= threshold else []
        return [(v, cf) for (f, v), cf in derived.items() if f == name and cf >= threshold]
    a = answers.get(name)
    return [(a.value, a.cf)] if a is not None and a.cf >= threshold else []


def evaluate(cond: Any, values) -> float | None:
    if isinstance(cond, AllOf):
        found = [evaluate(c, values) for c in cond.all]
        return None if any(f is None for f in found) else min(found)
    if isinstance(cond, AnyOf):
        found = [f for f in (evaluate(c, values) for c in cond.any) if f is not None]
        return max(found) if found else None
    if isinstance(cond, NotOf):
        return 1.0 if evaluate(cond.not_, values) is None else None
    assert isinstance(cond, FactTest)
    candidates = values(cond.fact)
    if cond.operator == "unknown":
        return None if candidates else 1.0
    hits = [cf for v, cf in candidates if matches(cond.operator, cond.operand, v)]
    return max(hits) if hits else None


def reference_consult(kb: KnowledgeBase, answers: Answers) -> dict[str, dict[str, float]]:
    threshold = kb.meta.threshold
    stated = {n for n in answers if n in kb.facts}
    contributions: dict[tuple[str, str, Any], dict[str, tuple[float, bool]]] = {}
    for _ in range(10_000):
        derived = {
            (target, value): combine(cf for cf, overridden in by_rule.values() if not overridden)
            for (kind, target, value), by_rule in contributions.items() if kind == "fact"
        }

        def values(name: str, derived=derived) -> list[tuple[Any, float]]:
            return _values(name, answers, derived, kb, threshold)

        new: dict[tuple[str, str, Any], dict[str, tuple[float, bool]]] = {}
        for rule in kb.rules:
            premise = evaluate(rule.when, values)
            if premise is None:
                continue
            for action in rule.then:
                kind, target, value = conclusion_key(action)
                overridden = isinstance(action, SetFact) and target in stated
                new.setdefault((kind, target, value), {})[rule.id] = (conclude(action.cf, premise), overridden)
        if new == contributions:
            break
        contributions = new
    else:  # pragma: no cover
        raise AssertionError("reference evaluator did not converge")
    summary: dict[str, dict[str, float]] = {"facts": {}, "recommendations": {}, "warnings": {}}
    for name in stated:
        summary["facts"][f"{name}={answers[name].value}"] = round(answers[name].cf, 6)
    for (kind, target, value), by_rule in contributions.items():
        cf = combine(c for c, overridden in by_rule.values() if not overridden)
        if kind == "fact":
            key = f"{target}={value}"
            if target in stated:
                summary["facts"].setdefault(key, answers[target].cf if answers[target].value == value else 0.0)
            else:
                summary["facts"][key] = round(cf, 6)
        else:
            summary["recommendations" if kind == "recommendation" else "warnings"][target] = round(cf, 6)
    return summary
