"""experta's Rete nodes, without the per-token overhead.

experta 1.9.4's nodes copy every token on entry (because the alpha nodes
update the token's context in place), keep their memories as lists of
frozensets that must be turned back into dicts on every join, log every test,
and rebuild an ``Activation`` to find the one to remove.  Per token that is a
dozen allocations and several linear scans, and it is where a consultation
spends its time.

The subclasses here compute exactly what experta's nodes compute, with the
same node types, tokens (:class:`experta.matchers.rete.token.Token`), checks
and activations, only cheaper:

* a token is never mutated, so it is never copied: a node that adds context
  makes a new token;
* a memory maps a token's facts (a frozenset) to its context, so removal is a
  dictionary operation and a join reads contexts without converting them;
* a join whose two sides can never bind the same name (checked once, when the
  network is built: see :mod:`network`) skips the context comparison, which
  would always succeed;
* an alpha node finds the children whose test is "field equals this string"
  with one dictionary lookup instead of running each test;
* every node that stores a token reports itself once to the matcher, which
  then resets only the nodes a consultation touched.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from gvc_advisor.engine.rete.compat import experta  # noqa: F401  (imports experta with the shim)

from experta.activation import Activation  # isort: skip
from experta.matchers.rete.check import FactCapture, FeatureCheck, TypeCheck  # isort: skip
from experta.matchers.rete.nodes import (  # isort: skip
    BusNode, ConflictSetNode, FeatureTesterNode, NotNode, OrdinaryMatchNode)
from experta.matchers.rete.token import Token  # isort: skip

VALID = Token.TagType.VALID
INVALID = Token.TagType.INVALID
_make_token = Token._make  # a Token without re-validating facts the network already holds


class Touched:
    """The nodes holding tokens since the last reset (shared by one network)."""

    def __init__(self) -> None:
        self.nodes: list[Any] = []

    def reset(self) -> None:
        for node in self.nodes:
            node._reset()
        self.nodes.clear()


def alpha_test(check: Any) -> Callable[[Any], Any]:
    """A fast callable with the result of ``check(fact)``: False, True or a mapping.

    experta's checks log every call; here the common ones are evaluated
    directly and any other falls back to the check itself.
    """
    if isinstance(check, TypeCheck):
        fact_type = check.fact_type
        return lambda fact: type(fact) == fact_type  # noqa: E721  (experta's exact test)
    if isinstance(check, FactCapture):
        bind = check.bind
        return lambda fact: {bind: fact}
    if isinstance(check, FeatureCheck) and isinstance(check.what, str) and "__" not in check.what:
        what, test, expected = check.what, check.check, check.expected

        def feature(fact: Any) -> Any:
            try:
                record = fact[what]
            except (IndexError, KeyError, TypeError):
                return False
            return test(record, expected)

        return feature
    return check


def equal_literal_value(check: Any) -> str | None:
    """The string a FeatureCheck compares its field with, when that is all it does."""
    if isinstance(check, FeatureCheck) and isinstance(check.what, str) and "__" not in check.what:
        how = check.how
        if type(how).__name__ == "L" and how.__bind__ is None and type(how.value) is str:
            return how.value
    return None


class AlphaNode(FeatureTesterNode):
    """One test on one fact; children whose test is ``field == "text"`` are indexed."""

    def __init__(self, check: Any) -> None:
        # What FeatureTesterNode.__init__ does, without its per-node ABC check that
        # the check is callable (every check experta makes is): compiling makes
        # tens of thousands of nodes.
        self.matcher = check
        self.children = []
        self.test = alpha_test(check)
        self.by_value: dict[str, dict[str, list[Any]]] = {}
        self.others: list[Any] = []

    def index_children(self) -> None:
        self.by_value, self.others = {}, []
        for child in self.children:
            value = equal_literal_value(getattr(child.node, "matcher", None))
            if value is not None and isinstance(child.node, AlphaNode):
                self.by_value.setdefault(child.node.matcher.what, {}).setdefault(value, []).append(child)
            else:
                self.others.append(child)

    def pass_on(self, token: Any, fact: Any) -> None:
        """Send a token that passed this node's test to the children."""
        for what, table in self.by_value.items():
            try:
                matched = table.get(fact[what], ())
            except (KeyError, TypeError):
                continue
            for child in matched:
                child.node.pass_on(token, fact)
        for child in self.others:
            child.callback(token)

    def activate(self, token: Any) -> None:
        (fact,) = token.data
        match = self.test(fact)
        if not match:
            return
        if match is not True:  # a mapping of names to bind
            context = token.context
            if not context and type(match) is dict:  # the usual case: a capture, nothing bound yet
                token = _make_token((token.tag, token.data, match))  # (each call makes a new dict)
            else:
                for key, value in match.items():  # experta's conflict rules for bound values
                    if isinstance(key, tuple):
                        if key[1] in context and context[key[1]] == value:
                            return
                    elif context.get(key, value) != value or context.get((False, key), _NOTHING) == value:
                        return
                token = _make_token((token.tag, token.data, {**context, **match}))
        self.pass_on(token, fact)


_NOTHING = object()


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

    def __init__(self, matcher: Any) -> None:
        _init_two_input(self, matcher)

    def _reset(self) -> None:
        self.left_memory: dict = {}
        self.right_memory: dict = {}
        self._dirty = False

    def _store(self, memory: dict, token: Any) -> None:
        if token.tag is VALID:
            memory[token.data] = token.context
            if not self._dirty:
                self._dirty = True
                self.touched.nodes.append(self)
        else:
            memory.pop(token.data, None)

    def activate_left(self, token: Any) -> None:
        self._store(self.left_memory, token)
        tag, data, context = token
        match, always = self.matcher, self.always
        for other_data, other_context in self.right_memory.items():
            if always or match(context, other_context):
                joined = _make_token((tag, data | other_data, _merge(context, other_context)))
                for child in self.children:
                    child.callback(joined)

    def activate_right(self, token: Any) -> None:
        self._store(self.right_memory, token)
        tag, data, context = token
        match, always = self.matcher, self.always
        for other_data, other_context in self.left_memory.items():
            if always or match(other_context, context):
                joined = _make_token((tag, data | other_data, _merge(context, other_context)))
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
        if token.tag is VALID:
            count = self._matches(token.context)
            self.left_memory[token.data] = [token.context, count]
            self._mark()
        else:
            entry = self.left_memory.pop(token.data, None)
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
            activation = RuleActivation(self.rule, data, {k: v for k, v in context.items() if isinstance(k, str)})
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


class RootNode(BusNode):
    """The root: each fact goes straight to the alpha node testing its type."""

    def __init__(self) -> None:
        super().__init__()
        self.by_type: dict[type, list[Any]] = {}
        self.others: list[Any] = []

    def index_children(self) -> None:
        self.by_type, self.others = {}, []
        for child in self.children:
            check = getattr(child.node, "matcher", None)
            if isinstance(check, TypeCheck) and isinstance(child.node, AlphaNode):
                self.by_type.setdefault(check.fact_type, []).append(child.node)
            else:
                self.others.append(child)

    def _send(self, token: Any, fact: Any) -> None:
        for node in self.by_type.get(type(fact), ()):
            node.pass_on(token, fact)  # its type test holds: it is how the node was found
        for child in self.others:
            child.callback(token)

    def add(self, fact: Any) -> None:
        self._send(_make_token((VALID, frozenset((fact,)), {})), fact)

    def remove(self, fact: Any) -> None:
        self._send(_make_token((INVALID, frozenset((fact,)), {})), fact)
