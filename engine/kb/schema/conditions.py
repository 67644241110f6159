"""The closed set of condition operators a rule's ``when`` may use (runtime
records; see :mod:`gvc_advisor.engine.kb.schema.base`).

A condition is one of:

* a fact test ``{fact: F, <operator>: operand}`` with exactly one operator:
  ``equals``, ``not_equals``, ``in``, ``not_in``, ``gt``, ``ge``, ``lt``, ``le``,
  ``known: true`` or ``unknown: true``;
* ``{all: [conditions]}``, ``{any: [conditions]}``, ``{not: condition}``.

Nothing is ever evaluated as code: the operators are interpreted by the
compiler and the reference evaluator only.
"""

from __future__ import annotations

from typing import Any, Union

from gvc_advisor.engine.kb.schema.base import record

Scalar = Union[str, int, float]

COMPARISONS = ("gt", "ge", "lt", "le")
VALUE_OPERATORS = ("equals", "not_equals", "in", "not_in")
PRESENCE_OPERATORS = ("known", "unknown")
OPERATORS = VALUE_OPERATORS + COMPARISONS + PRESENCE_OPERATORS


class FactTestBehaviour:
    """What a fact test says, shared by the record and the validation model."""

    def operators_used(self) -> list[str]:
        names = []
        for op in OPERATORS:
            attr = "in_" if op == "in" else op
            if getattr(self, attr) is not None:
                names.append(op)
        return names

    @property
    def operator(self) -> str:
        return self.operators_used()[0]

    @property
    def operand(self) -> Any:
        return getattr(self, "in_" if self.operator == "in" else self.operator)

    def describe(self) -> str:
        return describe_test(self.fact, self.operator, self.operand)  # type: ignore[attr-defined]


@record
class FactTest(FactTestBehaviour):
    """A test on one fact (an answered question or a derived fact)."""

    fact: str
    equals: Scalar | None = None
    not_equals: Scalar | None = None
    in_: list[Scalar] | None = None
    not_in: list[Scalar] | None = None
    gt: int | float | None = None
    ge: int | float | None = None
    lt: int | float | None = None
    le: int | float | None = None
    known: bool | None = None
    unknown: bool | None = None


_OPERATOR_WORDS = {
    "equals": "is", "not_equals": "is not", "in": "is one of", "not_in": "is none of",
    "gt": ">", "ge": "≥", "lt": "<", "le": "≤",
}


def describe_test(fact: str, operator: str, operand: Any) -> str:
    """A short plain-text rendering of a fact test, e.g. ``industry is one of a, b``."""
    if operator == "known":
        return f"{fact} is known"
    if operator == "unknown":
        return f"{fact} is not known"
    if isinstance(operand, (list, tuple)):
        operand = ", ".join(str(v) for v in operand)
    return f"{fact} {_OPERATOR_WORDS[operator]} {operand}"


@record
class AllOf:
    all: list[Condition]


@record
class AnyOf:
    any: list[Condition]


@record
class NotOf:
    not_: Condition


Condition = Union[AllOf, AnyOf, NotOf, FactTest]
