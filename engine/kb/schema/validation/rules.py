"""Validation models of rules (pydantic); the runtime records are in
:mod:`gvc_advisor.engine.kb.schema.rules`."""

from __future__ import annotations

from typing import Annotated, Any, Union

from pydantic import Discriminator, Field, Tag, model_validator

from gvc_advisor.engine.kb.schema.rules import conclusion_key
from gvc_advisor.engine.kb.schema.validation.base import (
    CertaintyFactor,
    Identifier,
    NonEmptyText,
    SourceRef,
    StrictModel,
)
from gvc_advisor.engine.kb.schema.validation.conditions import Condition


class SetFact(StrictModel):
    """Evidence for (positive cf) or against (negative cf) ``fact = to``."""

    set: Identifier
    to: Identifier
    cf: CertaintyFactor


class RecommendAction(StrictModel):
    recommend: Identifier
    cf: Annotated[float, Field(gt=0.0, le=1.0)]


class WarnAction(StrictModel):
    warn: Identifier
    cf: Annotated[float, Field(gt=0.0, le=1.0)] = 1.0


def _action_kind(value: Any) -> str | None:
    if isinstance(value, dict):
        for key in ("set", "recommend", "warn"):
            if key in value:
                return key
        return None
    return {SetFact: "set", RecommendAction: "recommend", WarnAction: "warn"}.get(type(value))


Action = Annotated[
    Union[
        Annotated[SetFact, Tag("set")],
        Annotated[RecommendAction, Tag("recommend")],
        Annotated[WarnAction, Tag("warn")],
    ],
    Discriminator(
        _action_kind,
        custom_error_type="action",
        custom_error_message=(
            "an action must be one of {set: FACT, to: VALUE, cf: N}, "
            "{recommend: ID, cf: N} or {warn: ID, cf: N}"
        ),
    ),
]


class Rule(StrictModel):
    id: Identifier
    title: NonEmptyText
    because: NonEmptyText
    when: Condition
    then: list[Action] = Field(min_length=1)
    priority: Annotated[int, Field(ge=-100, le=100)] = 0
    sources: list[SourceRef] = Field(min_length=1)

    @model_validator(mode="after")
    def _no_repeated_conclusion(self) -> Rule:
        seen = set()
        for action in self.then:
            key = conclusion_key(action)
            if key in seen:
                raise ValueError(f"the conclusion {key} appears twice in 'then'")
            seen.add(key)
        return self
