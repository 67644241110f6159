"""The matcher the compiled engine plugs into experta (``__matcher__``).

experta 1.9.4's ``ReteMatcher`` costs grow with the whole rule base *per
fact and per firing*, which made a consultation grow faster than linearly and
compiling take minutes:

1. after every rule firing, ``changes()`` asks *every* conflict-set node for
   new activations, although only the few that received tokens can have any;
   here each node reports itself when it gets a token;
2. ``reset()`` walks the network recursively (shared nodes once per parent,
   logging each visit); here only the nodes that stored a token since the
   last reset are reset;
3. the network build and the nodes themselves: see :mod:`network` and
   :mod:`nodes`.

What the network computes is unchanged: the same nodes get the same tokens;
the differential test (tests/test_differential.py) checks every result
against an independent evaluator.
"""

from __future__ import annotations

from functools import update_wrapper
from typing import Any

from gvc_advisor.engine.rete.compat import experta  # noqa: F401  (imports experta with the shim)
from gvc_advisor.engine.rete.network import build_network
from gvc_advisor.engine.rete.nodes import Touched

from experta.abstract import Matcher  # isort: skip
from experta.matchers.rete import ReteMatcher  # isort: skip
from experta.rule import Rule  # isort: skip


def unbound_copy(rule: Any) -> Any:
    """A copy of a rule not bound to the engine, as experta's rule preparation makes.

    ``get_rules()`` binds each rule to the engine (``Rule.__get__``), and the
    engine passes itself again when it fires a rule; experta's matcher copies
    each rule through ``new_conditions``.  This copy skips what that repeats
    for every rule (``inspect.signature`` of the action, already known).
    """
    copy = Rule.__new__(type(rule), *rule, salience=rule.salience)
    copy._wrapped, copy._wrapped_args = rule._wrapped, rule._wrapped_args
    return update_wrapper(copy, rule._wrapped)


class IndexedReteMatcher(ReteMatcher):
    def __init__(self, engine: Any) -> None:
        Matcher.__init__(self, engine)
        self._touched = Touched()
        self._changed: set[int] = set()
        rules = [unbound_copy(rule) for rule in engine.get_rules()]
        self.root_node, self._terminals = build_network(rules, self._touched, self._changed)

    def build_network(self) -> None:  # pragma: no cover - the constructor builds it (see network)
        raise NotImplementedError

    def _get_conflict_set_nodes(self) -> tuple[Any, ...]:
        return tuple(self._terminals)

    def reset(self) -> None:
        self._touched.reset()
        self._changed.clear()

    def changes(self, adding: Any = None, deleting: Any = None) -> tuple[list[Any], list[Any]]:
        root = self.root_node
        for fact in deleting or ():
            root.remove(fact)
        for fact in adding or ():
            root.add(fact)
        added: list[Any] = []
        removed: list[Any] = []
        if self._changed:
            terminals = self._terminals
            for position in sorted(self._changed):  # network order, as experta does
                node_added, node_removed = terminals[position].get_activations()
                added += node_added
                removed += node_removed
            self._changed.clear()
        return added, removed
