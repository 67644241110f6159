"""Trace a conclusion back through the rules to the answers it rests on.

The explanation tree of :mod:`gvc_advisor.engine.explain` is made for reading;
comparing firms needs the same derivation as data: every *chain* from an
answer (or a fact stated directly) through the rules that fired up to the
conclusion.  The comparison then keeps the chains whose answer differs between
the firms: those answers are why the advice differs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from gvc_advisor.engine.evaluate import literal_value
from gvc_advisor.engine.explain import describe_literal
from gvc_advisor.engine.i18n import _
from gvc_advisor.engine.kb.model import KnowledgeBase
from gvc_advisor.engine.kb.schema import Rule
from gvc_advisor.engine.kb.schema.rules import conclusion_key
from gvc_advisor.engine.result import Conclusion, Consultation, Premise
from gvc_advisor.engine.rete.normalize import Branch, dnf

#: Deeper derivations than this are cut (the shipped KB needs four levels).
MAX_DEPTH = 12
#: Chains kept per conclusion, so that a pathological KB cannot explode the output.
MAX_CHAINS = 64


@dataclass(frozen=True)
class Step:
    rule: str  # the rule that fired
    kind: str  # what it concluded: fact | recommendation | warning …
    target: str
    value: Any  # … (the value, for a fact)
    concluded: str  # … in words


@dataclass(frozen=True)
class Chain:
    """An answer (question id, or a fact stated directly) and the rules from it up to the conclusion."""

    answer: str
    value: Any
    steps: tuple[Step, ...]


@dataclass
class Support:
    chains: list[Chain]
    absent: set[str]  # facts the derivation needs *not* to be known (negative premises)

    @property
    def answers(self) -> set[str]:
        return {chain.answer for chain in self.chains}


def conclusion_label(kb: KnowledgeBase, kind: str, target: str, value: Any = None) -> str:
    if kind == "fact":
        return f"{kb.label(target)} = {kb.value_label(target, value)}"
    if kind == "recommendation":
        return _("recommended: {title}", title=kb.recommendations[target].title)
    return _("warning: {title}", title=kb.warnings[target].title)


def find_conclusion(c: Consultation, kind: str, target: str, value: Any = None) -> Conclusion | None:
    if kind == "fact":
        return c.facts.get(target, {}).get(value)
    return (c.recommendations if kind == "recommendation" else c.warnings).get(target)


def support(kb: KnowledgeBase, c: Consultation, kind: str, target: str, value: Any = None) -> Support:
    """Every answer chain that supports a conclusion of consultation ``c``."""
    found = Support([], set())
    conclusion = find_conclusion(c, kind, target, value)
    if conclusion is not None:
        _collect(kb, c, conclusion, (kind, target, value), (), found, frozenset())
    unique = sorted(set(found.chains), key=lambda ch: (ch.answer, len(ch.steps), [s.rule for s in ch.steps]))
    found.chains = unique[:MAX_CHAINS]
    return found


def _collect(kb: KnowledgeBase, c: Consultation, conclusion: Conclusion, key: tuple[str, str, Any],
             above: tuple[Step, ...], found: Support, seen: frozenset) -> None:
    if conclusion.stated is not None:
        found.chains.append(Chain(conclusion.target, conclusion.value, above))
        return
    if len(above) >= MAX_DEPTH:
        return
    for contribution in conclusion.contributions:
        if contribution.overridden:
            continue
        path = (Step(contribution.rule_id, *key, conclusion_label(kb, *key)), *above)
        for premise in contribution.premises:
            _premise(kb, c, premise, path, found, seen)


def _premise(kb: KnowledgeBase, c: Consultation, premise: Premise, path: tuple[Step, ...],
             found: Support, seen: frozenset) -> None:
    if not premise.positive:
        found.absent.add(premise.fact)
        return
    if premise.fact not in c.facts:  # an answered question
        found.chains.append(Chain(premise.fact, premise.value, path))
        return
    key = ("fact", premise.fact, premise.value)
    deeper = c.facts[premise.fact].get(premise.value)
    if deeper is None or key in seen:
        return
    _collect(kb, c, deeper, key, path, found, seen | {key})


@dataclass(frozen=True)
class Shortfall:
    """The closest rule to a conclusion that was not reached, and what it lacks."""

    rule: str
    unmet: tuple[str, ...]
    facts: tuple[str, ...]  # the facts its unmet conditions test


def closest_rule(kb: KnowledgeBase, c: Consultation, kind: str, target: str, value: Any = None) -> Shortfall | None:
    """The rule that comes closest to concluding ``target`` for ``c`` (fewest unmet conditions)."""
    wanted = (kind, target, "" if kind != "fact" else value)
    best: tuple[int, str, tuple[str, ...], tuple[str, ...]] | None = None
    for rule in kb.rules:
        if wanted not in {conclusion_key(a) for a in rule.then}:
            continue
        for branch in dnf(rule.when):
            unmet = [lit for lit in branch if not literal_value(lit, c)[0]]
            facts = tuple(sorted({lit.fact for lit in unmet}))
            candidate = (len(unmet), rule.id, tuple(describe_literal(kb, lit) for lit in unmet), facts)
            if best is None or candidate[:2] < best[:2]:
                best = candidate
    if best is None:
        return None
    return Shortfall(best[1], best[2], best[3])


_BRANCHES: dict[tuple[str, str], list[Branch]] = {}


def _branches(kb: KnowledgeBase, rule: Rule) -> list[Branch]:
    key = (kb.content_hash, rule.id)
    if key not in _BRANCHES:
        _BRANCHES[key] = dnf(rule.when)
    return _BRANCHES[key]


def _contribution(c: Consultation, step: Step) -> float | None:
    conclusion = find_conclusion(c, step.kind, step.target, step.value)
    found = [x.cf for x in (conclusion.contributions if conclusion else ()) if x.rule_id == step.rule
             and not x.overridden]
    return found[0] if found else None


def breaks_in(kb: KnowledgeBase, chain: Chain, holder: Consultation, other: Consultation) -> bool:
    """Whether ``other``'s answer cuts or weakens ``chain`` (of ``holder``) at its first rule:
    either the rule fired for both, with a different certainty (an answer given as unsure), or
    it did not fire for ``other`` and ``other``'s answer fails the rule's test of it (where
    ``holder``'s answer passes)."""
    if not chain.steps:
        return False
    first = chain.steps[0]
    theirs = _contribution(other, first)
    if theirs is not None:
        mine = _contribution(holder, first)
        return mine is not None and abs(mine - theirs) >= 0.005
    rule = kb.rule(first.rule)
    for branch in _branches(kb, rule):
        tests = [lit for lit in branch if lit.fact == chain.answer]
        if tests and all(literal_value(t, holder)[0] and literal_value(t, other)[0] for t in tests):
            return False
    return True
