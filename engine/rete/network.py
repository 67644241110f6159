"""Build experta's Rete network for the compiled rules, in time linear in the rules.

experta 1.9.4 builds the alpha network by scanning each node's children for
the one with the wanted check, keys its dictionaries by pattern facts (whose
hash ignores their class, so thousands of patterns collide), sorts by hashes
(so the network's shape changes between processes), and re-creates a set of
``singledispatch`` functions for every rule it wires.  Compiling 5,000 rules
took 7 s, 20,000 took minutes.

This builder makes the same network (alpha chains of type test, field tests
in order of how often they are shared, then the capture of the fact; a chain
of two-input nodes per rule; a conflict-set node at the end) with indexed
lookups, in rule order, so that it is linear and the same in every process.

It accepts the rules the compiler makes: a flat conjunction of patterns
(facts) and negated patterns (``NOT`` of one fact).  A rule that starts with a
negation, or has no pattern, starts with the initial fact, as in experta.

Where the names a token's context can hold are all known (no composite field
constraint), they are all text: a join then merges contexts, and a
conflict-set node copies one, without filtering out experta's negated
(tuple) entries, of which there are none.

Two sharing decisions differ from experta's, neither changes what matches:
the initial fact of every rule is captured under one name, and every negated
pattern too, so that rules share those alpha nodes (experta gives each one its
own, named after the pattern's ``id``).  A negated pattern's capture never
leaves its ``NOT`` node, and no rule holds two initial facts, so no join ever
sees two captures of the same name.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from gvc_advisor.engine.errors import InternalError
from gvc_advisor.engine.rete.compat import experta
from gvc_advisor.engine.rete.joins import JoinNode, NegativeJoinNode, TerminalNode
from gvc_advisor.engine.rete.nodes import AlphaNode, RootNode, Touched

from experta.fieldconstraint import ANDFC, NOTFC, ORFC  # isort: skip
from experta.matchers.rete.check import FactCapture, FeatureCheck, SameContextCheck, TypeCheck  # isort: skip
from experta.matchers.rete.mixins import ChildNode  # isort: skip

NOT, Fact, InitialFact, P = experta.NOT, experta.Fact, experta.InitialFact, experta.P

INITIAL_CAPTURE = "__initial__"
NEGATED_CAPTURE = "__negated__"


def flat_patterns(rule: Any) -> list[tuple[Any, bool]]:
    """``(pattern, negated)`` for each element; the initial fact first when needed."""
    patterns = []
    for element in rule:
        if isinstance(element, NOT) and len(element) == 1 and isinstance(element[0], Fact):
            patterns.append((element[0], True))
        elif isinstance(element, Fact):
            patterns.append((element, False))
        else:
            raise InternalError(f"the network builder takes flat rules only, not {type(element).__name__} "
                                f"in {getattr(rule, '__name__', rule)}")
    if not patterns or patterns[0][1]:
        patterns.insert(0, (InitialFact(), False))
    return patterns


class _Pattern:
    """One pattern's alpha checks and the context names its tokens can carry."""

    def __init__(self, fact: Any, negated: bool, serial: int, checks: dict) -> None:
        self.field_checks = []
        names: set[str] | None = set()
        for key, value in fact.items():
            if key == "__bind__":
                continue
            check = _feature_check(key, value, checks)
            self.field_checks.append(check)
            if names is not None:
                names = _bound_names(check, names)
        bind = fact.__bind__
        if bind is None:
            bind = (NEGATED_CAPTURE if negated else
                    INITIAL_CAPTURE if type(fact) is InitialFact else f"__pattern_{serial}__")
        self.type_check = TypeCheck(type(fact))
        self.capture = FactCapture(bind)
        self.names = None if names is None else names | {bind}


def _feature_check(key: Any, value: Any, made: dict) -> Any:
    """``FeatureCheck(key, value)``, remembered for the common constraints.

    experta interns checks, but finding the interned one dispatches on the
    constraint and builds its key every time; a plain text or an unbound
    predicate (one function per distinct test, see the compiler) is enough
    to know which check it is.
    """
    if type(value) is str:
        memo = (key, "text", value)
    elif type(value) is P and value.__bind__ is None:
        memo = (key, "predicate", id(value.match))
    else:
        return FeatureCheck(key, value)
    check = made.get(memo)
    if check is None:
        check = made[memo] = FeatureCheck(key, value)
    return check


def _bound_names(check: Any, names: set[str]) -> set[str] | None:
    """Names a field check adds to the context; None when it cannot be told."""
    how = check.how
    if isinstance(how, (NOTFC, ANDFC, ORFC)):
        return None
    return names | {how.__bind__} if how.__bind__ is not None else names


class _AlphaBuilder:
    def __init__(self, root: RootNode) -> None:
        self.root = root
        self.children: dict[int, dict[int, AlphaNode]] = {}
        self.nodes: list[AlphaNode] = []

    def terminal(self, pattern: _Pattern, rank: Counter) -> AlphaNode:
        ordered = sorted(pattern.field_checks, key=lambda check: -rank[id(check)])  # stable: ties keep order
        node: Any = self.root
        for check in [pattern.type_check, *ordered, pattern.capture]:
            index = self.children.setdefault(id(node), {})
            child = index.get(id(check))
            if child is None:
                child = index[id(check)] = AlphaNode(check)
                node.children.append(ChildNode(child, child.activate))
                self.nodes.append(child)
            node = child
        return node


def build_network(rules: Iterable[Any], touched: Touched, changed: set[int]) -> tuple[RootNode, list[TerminalNode]]:
    """The root and the conflict-set nodes (in rule order) of the network for ``rules``."""
    rules = list(rules)
    checks: dict = {}  # see _feature_check; also keeps each predicate's id valid while building
    patterns = [[(_Pattern(fact, negated, serial, checks), negated)
                 for serial, (fact, negated) in enumerate(flat_patterns(rule))] for rule in rules]
    rank = Counter(id(check) for rule in patterns for pattern, _ in rule for check in pattern.field_checks)
    root = RootNode()
    alpha = _AlphaBuilder(root)
    terminals = []
    for rule, rule_patterns in zip(rules, patterns, strict=True):
        first, _ = rule_patterns[0]
        current: Any = alpha.terminal(first, rank)
        names = first.names
        for pattern, negated in rule_patterns[1:]:
            join = NegativeJoinNode(SameContextCheck()) if negated else JoinNode(SameContextCheck())
            join.touched = touched
            join.always = names is not None and pattern.names is not None and not names & pattern.names
            join.plain = names is not None and pattern.names is not None
            current.children.append(ChildNode(join, join.activate_left))
            right = alpha.terminal(pattern, rank)
            right.children.append(ChildNode(join, join.activate_right))
            if not negated:
                names = None if names is None or pattern.names is None else names | pattern.names
            current = join
        terminal = TerminalNode(rule)
        terminal.touched, terminal.changed, terminal.position = touched, changed, len(terminals)
        terminal.plain = names is not None
        current.children.append(ChildNode(terminal, terminal.activate))
        terminals.append(terminal)
    root.index_children()
    for node in alpha.nodes:
        node.index_children()
    return root, terminals
