"""Which facts each rule reads and writes, and the strata that follow.

Rules are *stratified*: a rule that reads a derived fact runs only after every
rule that can conclude that fact.  This is what makes certainty combination
and negation (``unknown``, ``not``) well defined, and it is why the rule graph
must be acyclic.  The compiler turns strata into experta salience.
"""

from __future__ import annotations

from collections.abc import Iterator

from gvc_advisor.engine.kb.schema import AllOf, AnyOf, Condition, FactTest, NotOf, Rule
from gvc_advisor.engine.kb.schema.rules import SetFact

#: The most alternatives (branches of the disjunctive normal form) one rule's
#: condition may expand to.  Each becomes a rule of the compiled network, so a
#: condition like many nested ``any`` inside ``all`` would multiply the network.
#: The validator checks it (:func:`branch_count`) and the compiler relies on it.
MAX_BRANCHES = 256


def fact_tests(condition: Condition, path: tuple = ()) -> Iterator[tuple[FactTest, tuple]]:
    """Every fact test in a condition, with its YAML sub-path below ``when``."""
    if isinstance(condition, FactTest):
        yield condition, path
    elif isinstance(condition, AllOf):
        for i, child in enumerate(condition.all):
            yield from fact_tests(child, (*path, "all", i))
    elif isinstance(condition, AnyOf):
        for i, child in enumerate(condition.any):
            yield from fact_tests(child, (*path, "any", i))
    elif isinstance(condition, NotOf):
        yield from fact_tests(condition.not_, (*path, "not"))


def branch_count(condition: Condition, positive: bool = True, cap: int = MAX_BRANCHES + 1) -> int:
    """How many alternatives the condition's disjunctive normal form has, counted
    without building it (and saturating at ``cap``, so that a huge product costs nothing).

    It mirrors ``engine.rete.normalize.dnf``: a fact test is one alternative;
    ``all`` multiplies the counts of its parts and ``any`` adds them, except
    under a ``not``, which flips polarity (so there ``all`` adds and ``any``
    multiplies).
    """
    if isinstance(condition, FactTest):
        return 1
    if isinstance(condition, NotOf):
        return branch_count(condition.not_, not positive, cap)
    children = condition.all if isinstance(condition, AllOf) else condition.any
    conjunctive = isinstance(condition, AllOf) == positive
    total = 1 if conjunctive else 0
    for child in children:
        count = branch_count(child, positive, cap)
        total = total * count if conjunctive else total + count
        total = min(total, cap)
    return total


def reads(rule: Rule) -> set[str]:
    return {test.fact for test, _ in fact_tests(rule.when)}


def writes(rule: Rule) -> set[str]:
    return {action.set for action in rule.then if isinstance(action, SetFact)}


def find_cycle(rules: list[Rule]) -> list[str] | None:
    """A list of fact names forming a dependency cycle, or None."""
    graph: dict[str, set[str]] = {}
    for rule in rules:
        for target in writes(rule):
            graph.setdefault(target, set()).update(reads(rule))
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt):], nxt]
            if nxt not in state:
                found = visit(nxt)
                if found:
                    return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return None


def strata(rules: list[Rule]) -> tuple[dict[str, int], dict[str, int]]:
    """(stratum of each derived fact, stratum of each rule); answers are stratum 0.

    A rule's stratum is one more than the highest stratum it reads; a fact's
    stratum is the highest stratum of the rules that conclude it.  Requires an
    acyclic rule graph (checked by :func:`find_cycle`).
    """
    fact_stratum: dict[str, int] = {}
    rule_stratum: dict[str, int] = {}
    writers: dict[str, list[Rule]] = {}
    for rule in rules:
        for target in writes(rule):
            writers.setdefault(target, []).append(rule)

    def of_fact(name: str, seen: frozenset[str] = frozenset()) -> int:
        if name in fact_stratum:
            return fact_stratum[name]
        if name not in writers or name in seen:
            return 0
        level = max(of_rule(r, seen | {name}) for r in writers[name])
        fact_stratum[name] = level
        return level

    def of_rule(rule: Rule, seen: frozenset[str] = frozenset()) -> int:
        if rule.id not in rule_stratum:
            rule_stratum[rule.id] = 1 + max((of_fact(f, seen) for f in reads(rule)), default=0)
        return rule_stratum[rule.id]

    for rule in rules:
        of_rule(rule)
    return fact_stratum, rule_stratum
