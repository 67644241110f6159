"""experta's Rete nodes, without the per-token overhead (the alpha side and the
root here; the two-input and conflict-set nodes in :mod:`joins`).

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

from collections.abc import Callable
from functools import partial
from typing import Any

from gvc_advisor.engine.rete.compat import experta  # noqa: F401  (imports experta with the shim)

from experta.matchers.rete.check import FactCapture, FeatureCheck, TypeCheck  # isort: skip
from experta.matchers.rete.nodes import BusNode, FeatureTesterNode  # isort: skip
from experta.matchers.rete.token import Token  # isort: skip

VALID = Token.TagType.VALID
INVALID = Token.TagType.INVALID
#: A Token without re-validating facts the network already holds: what ``Token._make``
#: does, without its Python-level call (one per token).
_make_token = partial(tuple.__new__, Token)


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
        #: For a capture, the name it binds the fact to (tested without a call, see activate).
        self.capture = check.bind if isinstance(check, FactCapture) else None
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
        if self.by_value:
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
        tag, data, context = token
        (fact,) = data
        if self.capture is not None and not context:  # the usual case: what the code below does for it
            if self.by_value:
                self.pass_on(_make_token((tag, data, {self.capture: fact})), fact)
            else:  # pass_on(), inline: a capture's children are the joins
                token = _make_token((tag, data, {self.capture: fact}))
                for child in self.others:
                    child.callback(token)
            return
        match = self.test(fact)
        if not match:
            return
        if match is not True:  # a mapping of names to bind
            if not context and type(match) is dict:  # the usual case: a capture, nothing bound yet
                token = _make_token((tag, data, match))  # (each call makes a new dict)
            else:
                for key, value in match.items():  # experta's conflict rules for bound values
                    if isinstance(key, tuple):
                        if key[1] in context and context[key[1]] == value:
                            return
                    elif context.get(key, value) != value or context.get((False, key), _NOTHING) == value:
                        return
                token = _make_token((tag, data, {**context, **match}))
        self.pass_on(token, fact)


_NOTHING = object()


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
