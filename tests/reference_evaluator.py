"""A deliberately simple second implementation of the consultation semantics.

No experta, no normal form, no strata, no shared policy code: a naive
fixpoint that re-evaluates every rule's condition *tree* against the current
facts until nothing changes.  A single-valued fact shows rules only its
strongest established value (ties: the value listed first); of two
conflicting recommendations only the stronger is made (ties: catalogue
order).  The differential test requires the experta engine to agree with it
on every derived fact, recommendation, warning, certainty, declared value,
conflict and contest.
"""

from __future__ import annotations

from typing import Any

from gvc_advisor.engine.certainty import combine, conclude
from gvc_advisor.engine.kb.answers import Answers
from gvc_advisor.engine.kb.model import KnowledgeBase
from gvc_advisor.engine.kb.schema import AllOf, AnyOf, FactTest, NotOf
from gvc_advisor.engine.kb.schema.rules import SetFact, conclusion_key
from gvc_advisor.engine.rete.normalize import matches


def _ranked(kb: KnowledgeBase, name: str, found: list[tuple[Any, float]]) -> list[tuple[Any, float]]:
    order = list(kb.facts[name].allowed_values)
    return sorted(found, key=lambda item: (-round(item[1], 6), order.index(item[0]), str(item[0])))


def _values(name: str, answers: Answers, derived: dict[tuple[str, Any], float], kb: KnowledgeBase,
            threshold: float) -> list[tuple[Any, float]]:
    if name in kb.facts:
        if name in answers:
            a = answers[name]
            return [(a.value, a.cf)] if a.cf >= threshold else []
        found = _ranked(kb, name, [(v, cf) for (f, v), cf in derived.items() if f == name and cf >= threshold])
        return found[:1] if kb.facts[name].single else found
    a = answers.get(name)
    return [(a.value, a.cf)] if a is not None and a.cf >= threshold else []


def _made(kb: KnowledgeBase, recommendations: dict[str, float], threshold: float) -> list[str]:
    order = list(kb.recommendations)
    made: list[str] = []
    for rec in sorted((r for r, cf in recommendations.items() if cf >= threshold),
                      key=lambda r: (-recommendations[r], order.index(r))):
        rivals = set(kb.recommendations[rec].conflicts_with)
        rivals |= {o for o in made if rec in kb.recommendations[o].conflicts_with}
        if not rivals & set(made):
            made.append(rec)
    return sorted(made)


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
    final = {(f, v): cf for key, cf in summary["facts"].items() for f, v in [key.split("=", 1)]}
    summary["declared"] = sorted(
        f"{name}={value}" for name in {f for f, _ in final}
        for value, _ in _values(name, answers, {k: c for k, c in final.items() if k[0] not in stated}, kb, threshold))
    summary["made"] = _made(kb, summary["recommendations"], threshold)
    summary["contested"] = []
    for name in sorted({f for f, _ in final} - stated):
        if kb.facts[name].single:
            found = _ranked(kb, name, [(v, cf) for (f, v), cf in final.items() if f == name and cf >= threshold])
            if len(found) > 1 and found[0][1] - found[1][1] <= kb.meta.contested_margin + 1e-9:
                summary["contested"].append(f"{name}={found[0][0]}~{found[1][0]}")
    return summary
