"""Compile the declarative rules of a knowledge base into an experta engine.

Each branch of a rule's condition (see :mod:`normalize`) becomes one experta
``Rule`` with its *own* action function: experta identifies rules by their
patterns and action, so two YAML rules with identical conditions sharing one
function would silently collapse into one.  Patterns test a single fact
template ``KbFact(name, value, cf)``; every predicate is type-guarded so a
field holding both text and numbers can never raise ``TypeError`` inside the
Rete network, and no ``TEST`` element is generated at all (a ``TEST`` placed
before the pattern that binds its variables silently never fires), which
:func:`check_rule_structure` enforces.

Salience encodes the rule strata (see :mod:`gvc_advisor.engine.kb.rule_graph`): every rule that
can conclude a fact fires before any rule that reads it.  After the rules of
a stratum, a *barrier* rule (matching only the initial fact) declares the
facts of that stratum once, with their final combined certainty; so
downstream rules never see, and the Rete network never has to retract, an
intermediate value.
"""

from __future__ import annotations

import inspect
import operator
from collections.abc import Callable
from functools import cache, update_wrapper
from typing import Any

from gvc_advisor.engine.errors import InternalError
from gvc_advisor.engine.kb.model import KnowledgeBase
from gvc_advisor.engine.kb.rule_graph import strata
from gvc_advisor.engine.kb.schema import Rule
from gvc_advisor.engine.rete.agenda import ExactDepthStrategy
from gvc_advisor.engine.rete.collector import collector_paused
from gvc_advisor.engine.rete.compat import experta
from gvc_advisor.engine.rete.knowledge_engine import PausingEngine
from gvc_advisor.engine.rete.matcher import IndexedReteMatcher
from gvc_advisor.engine.rete.normalize import Branch, Literal, dnf, is_number, matches

AS, NOT, P, TEST = experta.AS, experta.NOT, experta.P, experta.TEST

#: Salience = BASE - STRATUM_STEP × stratum + priority (priority is within ±100).
SALIENCE_BASE = 1_000_000
STRATUM_STEP = 1_000


#: Values experta's ``freeze`` returns unchanged.
_PLAIN = frozenset({str, int, float, bool, type(None)})


class KbFact(experta.Fact):
    """A fact in working memory: ``name`` (question or derived fact), ``value``, ``cf``.

    Each fact name gets its own subclass (:func:`fact_class`), so that the
    first test of every pattern is a type test the matcher can index.  Only
    *established* facts (cf at or above the threshold) are ever declared, so
    patterns need no certainty test at all.

    experta hashes a fact by its items only, so the patterns ``Fact_a(value=x)``
    and ``Fact_b(value=x)`` collide, although they are never equal (equality
    compares the classes): with thousands of patterns, every dictionary or set
    of them degenerated into millions of ``__eq__`` calls.  The hash includes
    the class here, as equality does.

    Declaring facts is on every consultation's path, so a fact of plain values
    is made without experta's per-field ``freeze`` dispatch (plain values are
    already immutable, which is all ``freeze`` ensures).
    """

    def __init__(self, *args: Any, **fields: Any) -> None:
        if args or not _PLAIN.issuperset(map(type, fields.values())):
            super().__init__(*args, **fields)  # patterns (field constraints) and anything else
            return
        dict.update(self, fields)
        self._Fact__defaults = {}  # what experta's __init__ sets, for __missing__
        self._plain = True

    # experta checks these for every declared fact; a fact of plain values has neither.
    def has_field_constraints(self) -> bool:
        return not self.__dict__.get("_plain") and super().has_field_constraints()

    def has_nested_accessor(self) -> bool:
        return not self.__dict__.get("_plain") and super().has_nested_accessor()

    def __str__(self) -> str:  # experta formats every fired fact this way, even with logging off
        factid = dict.get(self, "__factid__")
        return f"<Undeclared Fact> {self!r}" if factid is None else f"<f-{factid}>"

    def __hash__(self) -> int:
        try:
            return self._hash
        except AttributeError:
            self._hash = hash((type(self), frozenset(self.items())))
            return self._hash


_FACT_CLASSES: dict[str, type[KbFact]] = {}


def fact_class(name: str) -> type[KbFact]:
    """The working-memory template of one fact name (created once)."""
    if name not in _FACT_CLASSES:
        _FACT_CLASSES[name] = type(f"Fact_{name}", (KbFact,), {})
    return _FACT_CLASSES[name]


@cache
def _value_predicate(op: str, operand: Any) -> Callable[[Any], bool]:
    """One function object per distinct test, so that the Rete network can
    share the node between every pattern that uses the same test.

    The common tests are written out (they run for every declared fact), each
    exactly :func:`~gvc_advisor.engine.rete.normalize.matches` for its case;
    the others call it.
    """
    if op in ("in", "not_in") and all(type(o) is str for o in operand):
        members = frozenset(operand)
        if op == "in":
            return lambda value: type(value) is str and value in members
        return lambda value: not (type(value) is str and value in members)
    if op == "not_equals" and type(operand) is str:
        return lambda value: not (type(value) is str and value == operand)
    if op in _COMPARE and is_number(operand):
        compare = _COMPARE[op]
        return lambda value: isinstance(value, (int, float)) and type(value) is not bool and compare(value, operand)
    return lambda value: matches(op, operand, value)


_COMPARE = {"gt": operator.gt, "ge": operator.ge, "lt": operator.lt, "le": operator.le}


def _value_constraint(literal: Literal) -> Any:
    op, operand = literal.operator, literal.operand
    if op == "equals" and not is_number(operand):
        return operand  # plain literal: compared with ==, safe on any type
    return P(_value_predicate(op, operand))


def literal_pattern(literal: Literal, bind: str | None) -> Any:
    fields: dict[str, Any] = {}
    if literal.operator != "known":
        fields["value"] = _value_constraint(literal)
    pattern = fact_class(literal.fact)(**fields)
    if not literal.positive:
        return NOT(pattern)
    return getattr(AS, bind) << pattern if bind else pattern


def check_rule_structure(conditional_elements: list[Any]) -> None:
    """Refuse a ``TEST`` whose variables are not all bound by earlier patterns."""
    if not any(isinstance(element, TEST) for element in conditional_elements):
        return  # nothing to check (the compiler itself makes no TEST)
    bound: set[str] = set()
    for element in conditional_elements:
        if isinstance(element, TEST):
            needed = set(inspect.signature(element[0]).parameters)
            if not needed <= bound:
                raise InternalError(f"TEST uses {sorted(needed - bound)} before they are bound")
        elif isinstance(element, experta.Fact) and element.__bind__:
            bound.add(element.__bind__)


def _rule(elements: list[Any], salience: int, action: Callable[..., None]) -> Any:
    """``experta.Rule(*elements, salience=salience)(action)`` for an action taking ``**context``.

    Decorating asks ``inspect.signature`` which keywords the action takes, to
    filter the context; an action with ``**context`` takes them all, which is
    what the empty list below says (experta's own result for such a function).
    """
    rule = experta.Rule(*elements, salience=salience)
    rule._wrapped, rule._wrapped_args = action, []
    return update_wrapper(rule, action)


class CompiledRules:
    """One experta engine built once per knowledge base and reused per consultation."""

    def __init__(self, kb: KnowledgeBase, on_fire: Callable[..., None],
                 on_barrier: Callable[[Any, int], None]) -> None:
        self.kb = kb
        self.branches: dict[str, list[Branch]] = {}
        self.fact_strata, self.rule_strata = strata(kb.rules)
        with collector_paused():  # see collector: nothing built here is garbage
            self.engine = self._build(on_fire, on_barrier)
        # experta looks up DefFacts by introspecting every attribute on each
        # reset(); with thousands of rules that dominates a consultation, so we
        # look them up once.
        deffacts = self.engine.get_deffacts()
        for deffact in deffacts:  # reset() asks each for its signature: answer from memory
            deffact.__signature__ = inspect.signature(deffact)
        self.engine.get_deffacts = lambda: deffacts

    def _build(self, on_fire: Callable[..., None], on_barrier: Callable[[Any, int], None]) -> Any:
        attributes: dict[str, Any] = {"__strategy__": ExactDepthStrategy, "__matcher__": IndexedReteMatcher}
        for stratum in sorted(set(self.fact_strata.values())):
            attributes[f"barrier_{stratum}"] = self._barrier(stratum, on_barrier)
        for number, rule in enumerate(self.kb.rules):
            # Positive patterns first: a conjunction in any order means the same,
            # and the matcher then needs no InitialFact in front (see matcher).
            branches = [tuple(sorted(b, key=lambda lit: not lit.positive)) for b in dnf(rule.when)]
            self.branches[rule.id] = branches
            salience = SALIENCE_BASE - STRATUM_STEP * self.rule_strata[rule.id] + rule.priority
            for index, branch in enumerate(branches):
                elements = [
                    literal_pattern(lit, f"p{i}" if lit.positive else None)
                    for i, lit in enumerate(branch)
                ]
                check_rule_structure(elements)
                action = self._action(rule, index, branch, on_fire)
                action.firing_order = (number, index)  # type: ignore[attr-defined]  # agenda tie-break
                attributes[f"rule_{number}_{index}"] = _rule(elements, salience, action)
        engine_class = type("CompiledKnowledgeEngine", (PausingEngine,), attributes)
        return engine_class()

    @staticmethod
    def _barrier(stratum: int, on_barrier: Callable[[Any, int], None]) -> Any:
        def barrier(engine: Any, **context: Any) -> None:
            on_barrier(engine, stratum)

        barrier.__name__ = f"barrier#{stratum}"
        salience = SALIENCE_BASE - STRATUM_STEP * stratum - STRATUM_STEP // 2
        return _rule([experta.InitialFact()], salience, barrier)

    @staticmethod
    def _action(rule: Rule, index: int, branch: Branch, on_fire: Callable[..., None]) -> Callable:
        names = [f"p{i}" if lit.positive else None for i, lit in enumerate(branch)]

        def fire(engine: Any, **context: Any) -> None:
            matched = [context.get(name) if name else None for name in names]
            on_fire(engine, rule, index, branch, matched)

        def fire_with_context(engine: Any, context: dict) -> None:
            """``fire``, called with the activation's context as it is (see knowledge_engine)."""
            on_fire(engine, rule, index, branch, [context.get(name) if name else None for name in names])

        fire.__name__ = f"{rule.id}#{index}"
        fire.__qualname__ = fire.__name__
        fire.fire_with_context = fire_with_context  # type: ignore[attr-defined]  # copied onto the rule
        return fire
