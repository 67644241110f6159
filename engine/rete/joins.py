"""The two-input nodes and the conflict-set node of the network (see :mod:`nodes`
for why these subclasses of experta's nodes exist and what they keep equal)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from gvc_advisor.engine.rete.nodes import _NOTHING, INVALID, VALID, Touched, _make_token

from experta.activation import Activation  # isort: skip
from experta.matchers.rete.nodes import ConflictSetNode, NotNode, OrdinaryMatchNode  # isort: skip


def _merge(first: Mapping, second: Mapping) -> dict:
    """experta's context of a joined token: names from both sides, no negated entries."""
    merged = {k: v for k, v in first.items() if isinstance(k, str)}
    merged.update((k, v) for k, v in second.items() if not isinstance(k, tuple))
    return merged


def _init_two_input(node: Any, matcher: Any) -> None:
    """What the experta constructors do (see AlphaNode.__init__)."""
    node.matcher = matcher
    node.children = []
    node._reset()


class JoinNode(OrdinaryMatchNode):
    """Two-input node: every left token joined with every matching right token."""

    touched: Touched
    always: bool = False  # set by the builder when the two sides share no name
    plain: bool = False  # set by the builder when every context key is a name (text)

    def __init__(self, matcher: Any) -> None:
        _init_two_input(self, matcher)

    def _reset(self) -> None:
        self.left_memory: dict = {}
        self.right_memory: dict = {}
        self._dirty = False

    def _mark(self) -> None:
        """Report this node, once, as holding tokens (see matcher: only these are reset)."""
        self._dirty = True
        self.touched.nodes.append(self)

    def activate_left(self, token: Any) -> None:
        tag, data, context = token
        if tag is VALID:  # stored (or forgotten) first, as experta does
            self.left_memory[data] = context
            if not self._dirty:
                self._mark()
        else:
            self.left_memory.pop(data, None)
        if not self.right_memory:
            return
        match, always, plain = self.matcher, self.always, self.plain
        for other_data, other_context in self.right_memory.items():
            if always or match(context, other_context):
                merged = {**context, **other_context} if plain else _merge(context, other_context)
                joined = _make_token((tag, data | other_data, merged))
                for child in self.children:
                    child.callback(joined)

    def activate_right(self, token: Any) -> None:
        tag, data, context = token
        if tag is VALID:
            self.right_memory[data] = context
            if not self._dirty:
                self._mark()
        else:
            self.right_memory.pop(data, None)
        if not self.left_memory:
            return
        match, always, plain = self.matcher, self.always, self.plain
        for other_data, other_context in self.left_memory.items():
            if always or match(other_context, context):
                merged = {**context, **other_context} if plain else _merge(context, other_context)
                joined = _make_token((tag, data | other_data, merged))
                for child in self.children:
                    child.callback(joined)


class NegativeJoinNode(NotNode):
    """Two-input node for ``NOT``: a left token passes while no right token matches it."""

    touched: Touched
    always: bool = False

    def __init__(self, matcher: Any) -> None:
        _init_two_input(self, matcher)

    def _reset(self) -> None:
        self.left_memory: dict = {}  # facts → [context, number of matching right tokens]
        self.right_memory: dict = {}
        self._dirty = False

    def _mark(self) -> None:
        if not self._dirty:
            self._dirty = True
            self.touched.nodes.append(self)

    def _matches(self, context: Mapping) -> int:
        if self.always:
            return len(self.right_memory)
        match = self.matcher
        return sum(1 for right in self.right_memory.values() if match(context, right))

    def activate_left(self, token: Any) -> None:
        tag, data, context = token
        if tag is VALID:
            count = self._matches(context)
            self.left_memory[data] = [context, count]
            self._mark()
        else:
            entry = self.left_memory.pop(data, None)
            count = 1 if entry is None else entry[1]
        if count == 0:
            for child in self.children:
                child.callback(token)

    def activate_right(self, token: Any) -> None:
        tag, data, context = token
        if tag is VALID:
            self.right_memory[data] = context
            self._mark()
            step, flip, new_tag = 1, 1, INVALID
        else:
            if self.right_memory.pop(data, _NOTHING) is _NOTHING:
                return
            step, flip, new_tag = -1, 0, VALID
        match, always = self.matcher, self.always
        for left_data, entry in self.left_memory.items():
            if always or match(entry[0], context):
                entry[1] += step
                if entry[1] == flip:
                    flipped = _make_token((new_tag, left_data, entry[0]))
                    for child in self.children:
                        child.callback(flipped)


class RuleActivation(Activation):
    """An activation that is created once per match and found again by identity."""

    def __init__(self, rule: Any, facts: frozenset, context: dict) -> None:
        self.rule = rule
        self.facts = facts
        self.key = None
        self.context = context
        self._hash = hash((id(rule), facts))

    def __hash__(self) -> int:
        return self._hash

    def __eq__(self, other: object) -> bool:
        if self is other:
            return True
        return (isinstance(other, RuleActivation) and self.rule is other.rule and self.facts == other.facts
                and self.context == other.context and self.key == other.key)


class TerminalNode(ConflictSetNode):
    """Conflict-set node: turns complete matches into activations of its rule.

    ``added``/``removed`` are insertion-ordered (dicts), so the agenda receives
    activations in the same order in every process.
    """

    touched: Touched
    changed: set[int]
    position: int
    plain: bool = False  # set by the builder when every context key is a name (text)

    def __init__(self, rule: Any) -> None:
        super().__init__(rule)
        self.added: dict = {}
        self.removed: dict = {}

    def _reset(self) -> None:
        self.memory: dict = {}
        self.added = {}
        self.removed = {}
        self._dirty = False

    def activate(self, token: Any) -> None:
        tag, data, context = token
        self.changed.add(self.position)
        if not self._dirty:
            self._dirty = True
            self.touched.nodes.append(self)
        if tag is VALID:
            if data in self.memory:
                return
            activation = RuleActivation(self.rule, data, dict(context) if self.plain else
                                        {k: v for k, v in context.items() if isinstance(k, str)})
            self.memory[data] = activation
            if self.removed.pop(activation, _NOTHING) is _NOTHING:
                self.added[activation] = None
        else:
            activation = self.memory.pop(data, None)
            if activation is None:
                return
            if activation in self.added:
                del self.added[activation]
            else:
                self.removed[activation] = None

    def get_activations(self) -> tuple[list, list]:
        result = (list(self.added), list(self.removed))
        self.added, self.removed = {}, {}
        return result
