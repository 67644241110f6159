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
#: The longest chain of derivations (a rule reading a fact that a rule concludes,
#: that reads a fact ...).  Explanations walk these chains; the shipped knowledge
#: base needs 3.
MAX_CHAIN = 64


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
    """A list of fact names forming a dependency cycle, or None.

    A depth-first search with an explicit stack (the graph of a long chain of
    derived facts must not overflow Python's recursion limit), visiting facts
    and their dependencies in name order so that the cycle reported is always
    the same.
    """
    graph: dict[str, set[str]] = {}
    for rule in rules:
        for target in writes(rule):
            graph.setdefault(target, set()).update(reads(rule))
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    for start in sorted(graph):
        if start in state:
            continue
        path = [start]
        state[start] = 1
        pending = [iter(sorted(graph.get(start, ())))]
        while pending:
            nxt = next(pending[-1], None)
            if nxt is None:
                state[path.pop()] = 2
                pending.pop()
            elif state.get(nxt) == 1:
                return [*path[path.index(nxt):], nxt]
            elif nxt not in state:
                state[nxt] = 1
                path.append(nxt)
                pending.append(iter(sorted(graph.get(nxt, ()))))
    return None


def strata(rules: list[Rule]) -> tuple[dict[str, int], dict[str, int]]:
    """(stratum of each derived fact that some rule reads, stratum of each rule);
    answers are stratum 0.

    A rule's stratum is one more than the highest stratum it reads; a fact's
    stratum is the highest stratum of the rules that conclude it.  Requires an
    acyclic rule graph (checked by :func:`find_cycle`); computed with an
    explicit stack, so a long chain of derived facts cannot overflow the
    recursion limit.
    """
    fact_stratum: dict[str, int] = {}
    rule_stratum: dict[str, int] = {}
    writers: dict[str, list[Rule]] = {}
    for rule in rules:
        for target in writes(rule):
            writers.setdefault(target, []).append(rule)
    reads_of = {rule.id: sorted(reads(rule)) for rule in rules}
    in_progress: set[str] = set()

    def fact_level(name: str) -> int:
        if name not in writers:
            return 0
        if name not in fact_stratum:
            fact_stratum[name] = max(rule_stratum.get(w.id, 0) for w in writers[name])
        return fact_stratum[name]

    for root in rules:
        stack = [root]
        while stack:
            rule = stack[-1]
            if rule.id in rule_stratum:
                stack.pop()
                continue
            waiting = [w for f in reads_of[rule.id] if f in writers and f not in fact_stratum
                       for w in writers[f] if w.id not in rule_stratum and w.id not in in_progress]
            if waiting and rule.id not in in_progress:
                in_progress.add(rule.id)
                stack.extend(reversed(waiting))
                continue
            in_progress.discard(rule.id)
            rule_stratum[rule.id] = 1 + max((fact_level(f) for f in reads_of[rule.id]), default=0)
            stack.pop()
    return fact_stratum, rule_stratum


def deepest_chain(rules: list[Rule]) -> tuple[Rule, int] | None:
    """The rule at the end of the longest chain of derivations, and its stratum."""
    if not rules:
        return None
    _, rule_stratum = strata(rules)
    deepest = max(rules, key=lambda r: rule_stratum[r.id])
    return deepest, rule_stratum[deepest.id]
