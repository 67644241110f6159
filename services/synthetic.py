"""Generated knowledge bases, for the benchmark and the differential tests.

A synthetic knowledge base has categorical and numeric questions, derived
facts in layers (so the rule graph is acyclic but several strata deep), half
of them single-valued, and rules whose conditions use every operator of the
condition language (all/any/not, equals/in/not_in/not_equals, comparisons,
known/unknown) and whose conclusions mix positive and negative evidence and
recommendations, some of which conflict with each other.  The plan
declarations are generated too: a horizon for every recommendation, urgency
rules, "already followed" conditions and a choice group.
It is written to disk as YAML and loaded through the normal loader, so the
whole pipeline is exercised.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import yaml

VALUES = ("a", "b", "c")


class _NoAliasDumper(yaml.SafeDumper):
    """gvc-advisor refuses anchors/aliases, so never write them."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def dump_yaml(data: Any) -> str:
    return yaml.dump(data, Dumper=_NoAliasDumper, sort_keys=False, allow_unicode=True,
                     default_flow_style=False)


def _condition(rng: random.Random, readable: list[tuple[str, str]], depth: int = 0) -> dict[str, Any]:
    roll = rng.random()
    if depth < 2 and roll < 0.25:
        kind = rng.choice(["all", "all", "any"])
        return {kind: [_condition(rng, readable, depth + 1) for _ in range(rng.randint(2, 3))]}
    if depth < 2 and roll < 0.32:
        return {"not": _condition(rng, readable, depth + 1)}
    name, kind = rng.choice(readable)
    if kind == "number":
        op = rng.choice(["gt", "ge", "lt", "le", "equals", "known", "unknown"])
        if op in ("known", "unknown"):
            return {"fact": name, op: True}
        return {"fact": name, op: rng.randint(0, 100)}
    op = rng.choice(["equals", "equals", "in", "not_equals", "not_in", "known", "unknown"])
    if op in ("known", "unknown"):
        return {"fact": name, op: True}
    if op in ("in", "not_in"):
        return {"fact": name, op: rng.sample(VALUES, 2)}
    return {"fact": name, op: rng.choice(VALUES)}


def generate(directory: Path, rules: int, seed: int = 0, questions: int | None = None) -> Path:
    """Write a knowledge base with ``rules`` rules into ``directory``; return it."""
    rng = random.Random(seed)
    questions = questions or max(6, rules // 5)
    layers = 3
    facts_per_layer = max(2, rules // 25)
    recommendations = max(3, rules // 10)
    qs = []
    readable: list[list[tuple[str, str]]] = [[]]
    for i in range(questions):
        if i % 4 == 3:
            qs.append({"id": f"q{i}", "topic": "t", "text": f"Question {i}?", "type": "percent",
                       "help": {"meaning": "m", "why": "w"}})
            readable[0].append((f"q{i}", "number"))
        else:
            qs.append({"id": f"q{i}", "topic": "t", "text": f"Question {i}?", "type": "choice",
                       "help": {"meaning": "m", "why": "w"},
                       "choices": [{"value": v, "label": v.upper()} for v in VALUES]})
            readable[0].append((f"q{i}", "choice"))
    facts = []
    for layer in range(1, layers + 1):
        names = [f"d{layer}_{j}" for j in range(facts_per_layer)]
        facts += [{"id": n, "label": n, "description": "generated",
                   "cardinality": "single" if j % 2 == 0 else "multiple",
                   "values": [{"value": v, "label": v} for v in VALUES]} for j, n in enumerate(names)]
        readable.append(readable[-1] + [(n, "choice") for n in names])
    recs = [{"id": f"rec{i}", "title": f"Advice {i}", "summary": "s", "upgrading_type": "process",
             "actions": ["x", "y", "z"], "preconditions": ["p"], "risks": ["r"], "actors": ["firm"],
             "sources": [{"key": "src", "section": "1"}]} for i in range(recommendations)]
    for i in range(0, recommendations - 1, 3):  # rec0 ↔ rec1, rec3 ↔ rec4, …
        recs[i]["conflicts_with"] = [f"rec{i + 1}"]
    rule_list = []
    for i in range(rules):
        layer = rng.randint(1, layers + 1)  # layer+1 = a recommending rule over everything
        when = _condition(rng, readable[layer - 1])
        then: list[dict[str, Any]] = []
        if layer <= layers:
            target = f"d{layer}_{rng.randrange(facts_per_layer)}"
            then.append({"set": target, "to": rng.choice(VALUES),
                         "cf": round(rng.choice([1, 1, 1, -1]) * rng.uniform(0.2, 1.0), 2)})
        if layer > layers or rng.random() < 0.3:
            then.append({"recommend": f"rec{rng.randrange(recommendations)}",
                         "cf": round(rng.uniform(0.2, 1.0), 2)})
        rule_list.append({"id": f"r{i}", "title": f"Rule {i}", "because": "generated",
                          "when": when, "then": then, "priority": rng.randint(-3, 3),
                          "sources": [{"key": "src", "section": "1"}]})
    (directory / "knowledge_base").mkdir(parents=True, exist_ok=True)
    (directory / "rules").mkdir(parents=True, exist_ok=True)
    meta = {"kb": {"name": f"synthetic-{rules}", "version": "1", "description": "generated",
                   "contested_margin": 0.15, "worth_considering": 0.35},
            "sources": [{"key": "src", "citation": "Synthetic source."}]}
    meta.update(_plan(random.Random(seed + 1), recs, readable[-1]))
    (directory / "knowledge_base" / "kb.yaml").write_text(dump_yaml(meta))
    (directory / "knowledge_base" / "questions.yaml").write_text(dump_yaml({"questions": qs}))
    (directory / "knowledge_base" / "facts.yaml").write_text(dump_yaml({"facts": facts}))
    (directory / "knowledge_base" / "recommendations.yaml").write_text(
        dump_yaml({"recommendations": recs}))
    for start in range(0, len(rule_list), 500):  # several files: each stays under the size cap
        chunk = rule_list[start:start + 500]
        (directory / "rules" / f"generated_{start // 500:03d}.yaml").write_text(dump_yaml({"rules": chunk}))
    return directory


def _plan(rng: random.Random, recs: list[dict[str, Any]], readable: list[tuple[str, str]]) -> dict[str, Any]:
    """Plan declarations (a separate generator, so the rules stay as they were)."""
    horizons = ("now", "medium_term", "long_term")
    for i, rec in enumerate(recs):
        rec["horizon"] = horizons[i % 3]
        if i % 4 == 2:
            drop = rng.random() < 0.5
            rec["already_followed"] = {"when": _condition(rng, readable), "then": "drop" if drop else "deepen",
                                       "because": "generated"} | ({} if drop else {"text": "Keep at it."})
    urgency = [{"id": f"u{i}", "title": f"Urgency {i}", "because": "generated", "when": _condition(rng, readable),
                "urgency": rng.choice(["urgent", "high", "low"]),
                "recommendations": sorted({f"rec{rng.randrange(len(recs))}" for _ in range(rng.randint(1, 3))}),
                "sources": [{"key": "src", "section": "1"}]} for i in range(max(2, len(recs) // 3))]
    members = [r["id"] for i, r in enumerate(recs) if i % 3 == 2][:3]
    groups = [{"id": "g0", "title": "Choose one", "because": "generated", "members": members,
               "sources": [{"key": "src", "section": "1"}]}] if len(members) >= 2 else []
    return {"urgency": urgency, "choice_groups": groups}


def random_answers(kb: Any, rng: random.Random, density: float = 0.7) -> dict[str, Any]:
    """Random valid raw answers (with some unsure ones) for any knowledge base."""
    answers: dict[str, Any] = {}
    for question in kb.questions.values():
        if rng.random() > density:
            continue
        bounds = question.bounds
        value: Any = rng.randint(*bounds) if bounds and bounds[1] < 10**6 else (
            rng.randint(bounds[0], bounds[0] + 5000) if bounds else rng.choice(question.allowed_values))
        roll = rng.random()
        answers[question.id] = value if roll < 0.7 else {"value": value, "certainty": rng.choice([0.5, 0.15, 0.9])}
    return answers
