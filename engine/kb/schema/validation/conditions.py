"""Validation models of conditions (pydantic); the runtime records and the
operator set are in :mod:`gvc_advisor.engine.kb.schema.conditions`."""

from __future__ import annotations

import math
from typing import Annotated, Any, Literal, Union

from pydantic import Discriminator, Field, Tag, field_validator, model_validator

from gvc_advisor.engine.kb.schema.conditions import OPERATORS, FactTestBehaviour
from gvc_advisor.engine.kb.schema.validation.base import Identifier, StrictModel

Scalar = Union[str, int, float]


class FactTest(StrictModel, FactTestBehaviour):
    """A test on one fact (an answered question or a derived fact)."""

    fact: Identifier
    equals: Scalar | None = None
    not_equals: Scalar | None = None
    in_: list[Scalar] | None = Field(default=None, alias="in")
    not_in: list[Scalar] | None = None
    gt: int | float | None = None
    ge: int | float | None = None
    lt: int | float | None = None
    le: int | float | None = None
    known: Literal[True] | None = None
    unknown: Literal[True] | None = None

    model_config = StrictModel.model_config | {"populate_by_name": True}

    @field_validator("equals", "not_equals", "in_", "not_in", "gt", "ge", "lt", "le", mode="before")
    @classmethod
    def _finite(cls, value: Any) -> Any:
        """One clear message for ``.nan``/``.inf`` (not one per member of the type union)."""
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, float) and not math.isfinite(item):
                raise ValueError(f"{item} is not a finite number; .nan and .inf are not allowed")
        return value

    @model_validator(mode="after")
    def _exactly_one_operator(self) -> FactTest:
        used = self.operators_used()
        if len(used) != 1:
            raise ValueError(
                f"a fact test needs exactly one operator, found {len(used)}"
                f"{' (' + ', '.join(used) + ')' if used else ''}; allowed: {', '.join(OPERATORS)}"
            )
        if used[0] in ("in", "not_in") and not self.operand:
            raise ValueError(f"'{used[0]}' needs a non-empty list")
        return self


class AllOf(StrictModel):
    all: list[Condition] = Field(min_length=1)


class AnyOf(StrictModel):
    any: list[Condition] = Field(min_length=1)


class NotOf(StrictModel):
    not_: Condition = Field(alias="not")

    model_config = StrictModel.model_config | {"populate_by_name": True}


def _condition_kind(value: Any) -> str | None:
    """Pick the model from the keys present, so errors speak about one form only."""
    if isinstance(value, dict):
        for key in ("all", "any", "not"):
            if key in value:
                return key
        return "fact"
    if isinstance(value, (AllOf, AnyOf, NotOf, FactTest)):
        return {AllOf: "all", AnyOf: "any", NotOf: "not", FactTest: "fact"}[type(value)]
    return None


Condition = Annotated[
    Union[
        Annotated[AllOf, Tag("all")],
        Annotated[AnyOf, Tag("any")],
        Annotated[NotOf, Tag("not")],
        Annotated[FactTest, Tag("fact")],
    ],
    Discriminator(
        _condition_kind,
        custom_error_type="condition",
        custom_error_message=(
            "a condition must be a mapping: {fact: ..., <operator>: ...}, {all: [...]}, "
            "{any: [...]} or {not: ...}"
        ),
    ),
]
