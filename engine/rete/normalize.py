"""Conditions → disjunctive normal form of literals.

Both the experta compiler and the relevance analysis work on this form: a
rule's condition becomes a list of *branches*; a branch holds when all of its
literals hold.  A literal tests one fact; it is *positive* (some established
value satisfies the test) or *negative* (no established value does).  A
positive literal is *weighted* when its certainty counts towards the premise
cf; literals reached through a double negation only say "this holds" and
count as 1.0 (``not`` yields 1.0 when its condition fails).

``unknown: true`` is the negative form of ``known: true``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from itertools import product
from typing import Any

from gvc_advisor.engine.kb.rule_graph import MAX_BRANCHES
from gvc_advisor.engine.kb.schema import AllOf, Condition, FactTest, NotOf
from gvc_advisor.engine.kb.schema.conditions import describe_test


@dataclass(frozen=True)
class Literal:
    fact: str
    operator: str  # equals, not_equals, in, not_in, gt, ge, lt, le, known
    operand: Any
    positive: bool = True
    weighted: bool = True

    def describe(self) -> str:
        return self.description

    @cached_property
    def description(self) -> str:
        """The literal in words (worked out once: every firing records its premises)."""
        if self.operator == "known" and not self.positive:
            return describe_test(self.fact, "unknown", True)
        text = describe_test(self.fact, self.operator, self.operand)
        return text if self.positive else f"not ({text})"


Branch = tuple[Literal, ...]


def _literal(test: FactTest, positive: bool, weighted: bool) -> Literal:
    operator = test.operator
    operand = getattr(test, "in_" if operator == "in" else operator)  # test.operand, without looking twice
    if operator == "unknown":
        operator, operand, positive = "known", True, not positive
    if isinstance(operand, list):
        operand = tuple(operand)
    return Literal(test.fact, operator, operand, positive, weighted and positive)


def dnf(condition: Condition, positive: bool = True, weighted: bool = True) -> list[Branch]:
    if isinstance(condition, FactTest):
        return [(_literal(condition, positive, weighted),)]
    if isinstance(condition, NotOf):
        # not(x) holds with cf 1.0, so nothing below a 'not' is weighted: this also
        # covers not(unknown) and not(not(x)), which become positive literals.
        return dnf(condition.not_, not positive, weighted=False)
    children = condition.all if isinstance(condition, AllOf) else condition.any
    conjunctive = isinstance(condition, AllOf) == positive
    parts = [dnf(child, positive, weighted) for child in children]
    if conjunctive:
        branches = [tuple(lit for branch in combo for lit in branch) for combo in product(*parts)]
    else:
        branches = [branch for part in parts for branch in part]
    if len(branches) > MAX_BRANCHES:
        raise ValueError(f"condition expands to {len(branches)} alternatives (limit {MAX_BRANCHES})")
    return branches


def is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def matches(operator: str, operand: Any, value: Any) -> bool:
    """Does one fact value satisfy a test?  Never raises on mixed types."""
    if operator == "known":
        return True
    if operator == "equals":
        return (type(value) is type(operand) and value == operand) or (
            is_number(value) and is_number(operand) and value == operand)
    if operator == "not_equals":
        return not matches("equals", operand, value)
    if operator == "in":
        return any(matches("equals", o, value) for o in operand)
    if operator == "not_in":
        return not matches("in", operand, value)
    if not (is_number(value) and is_number(operand)):
        return False
    return {
        "gt": value > operand, "ge": value >= operand,
        "lt": value < operand, "le": value <= operand,
    }[operator]
