"""A Rete matcher that scales: experta's network, two bottlenecks removed.

experta 1.9.4's ``ReteMatcher`` has two costs that grow with the rule base
*per fact and per firing*, which makes a consultation grow quadratically:

1. after every rule firing, ``changes()`` asks *every* rule's conflict-set
   node for new activations, although only the few that received tokens can
   have any;
2. the root of the alpha network offers each new fact to *every* first-level
   test in turn; with one fact template per fact name (see
   :mod:`compiler`) these tests are all "is this fact of type X", so the
   right subtree can be found with one dictionary lookup.

Building the network is faster too: rules that are already a flat
conjunction of patterns (all the compiler produces) skip experta's generic
rewriting to normal form, which re-creates every rule several times.

A third, smaller cost: ``reset()`` walks the network recursively, visiting
shared nodes once per parent and logging each visit; here every node is
reset exactly once from a flat list.

All are fixed here without changing what the network computes: the same
nodes receive the same tokens in the same order; the differential test
(tests/test_differential.py) checks the results against the reference
evaluator.
"""

from __future__ import annotations

from typing import Any

from gvc_advisor.engine.rete.compat import experta  # noqa: F401  (imports experta with the shim)

from experta.abstract import Matcher  # isort: skip
from experta.conditionalelement import NOT  # isort: skip
from experta.fact import Fact, InitialFact  # isort: skip
from experta.matchers.rete import ReteMatcher  # isort: skip
from experta.matchers.rete.check import TypeCheck  # isort: skip
from experta.matchers.rete.nodes import BusNode, ConflictSetNode  # isort: skip
from experta.matchers.rete.token import Token  # isort: skip
from experta.matchers.rete.utils import prepare_rule  # isort: skip


class IndexedBusNode(BusNode):
    """Send each fact only to the subtrees whose type test it can pass."""

    def index(self) -> None:
        self._by_type: dict[type, list[Any]] = {}
        self._always: list[Any] = []
        for child in self.children:
            check = getattr(child.node, "matcher", None)
            if isinstance(check, TypeCheck):
                self._by_type.setdefault(check.fact_type, []).append(child)
            else:
                self._always.append(child)

    def _send(self, token: Token, fact: Any) -> None:
        for child in self._by_type.get(type(fact), ()):
            child.callback(token)
        for child in self._always:
            child.callback(token)

    def add(self, fact: Any) -> None:
        self._send(Token.valid(fact), fact)

    def remove(self, fact: Any) -> None:
        self._send(Token.invalid(fact), fact)


class _TrackedConflictSetNode(ConflictSetNode):
    """A conflict-set node that reports itself as changed when it gets a token."""

    _changed: set[int]
    _position: int

    def _activate(self, token: Token) -> None:
        self._changed.add(self._position)
        super()._activate(token)


class IndexedReteMatcher(ReteMatcher):
    def __init__(self, engine: Any) -> None:
        Matcher.__init__(self, engine)
        self.root_node = IndexedBusNode()
        self.build_network()
        self.root_node.index()
        self._changed: set[int] = set()
        self._csn = list(self._get_conflict_set_nodes())
        for position, node in enumerate(self._csn):
            node.__class__ = _TrackedConflictSetNode
            node._changed = self._changed
            node._position = position
        self._all_nodes = self._flatten()

    def _flatten(self) -> list[Any]:
        seen: dict[int, Any] = {}
        stack = [self.root_node]
        while stack:
            node = stack.pop()
            if id(node) not in seen:
                seen[id(node)] = node
                stack.extend(child.node for child in node.children)
        return list(seen.values())

    def reset(self) -> None:
        for node in self._all_nodes:
            node._reset()
        self._changed.clear()

    @staticmethod
    def prepare_ruleset(engine: Any) -> set[Any]:
        """As experta's, but flat conjunctions need only the InitialFact rule."""
        prepared = set()
        for rule in engine.get_rules():
            flat = all(isinstance(e, Fact) or (isinstance(e, NOT) and len(e) == 1 and isinstance(e[0], Fact))
                       for e in rule)
            if not flat:
                prepared.add(prepare_rule(rule))
            elif not rule or isinstance(rule[0], NOT):
                prepared.add(rule.new_conditions(InitialFact(), *rule))
            else:
                prepared.add(rule.new_conditions(*rule))  # an unbound copy, as experta's preparation makes
        return prepared

    def changes(self, adding=None, deleting=None):
        for fact in deleting or ():
            self.root_node.remove(fact)
        for fact in adding or ():
            self.root_node.add(fact)
        added: list[Any] = []
        removed: list[Any] = []
        for position in sorted(self._changed):  # network order, as experta does
            node_added, node_removed = self._csn[position].get_activations()
            added.extend(node_added)
            removed.extend(node_removed)
        self._changed.clear()
        return added, removed
