"""How made advice becomes a plan: horizon, urgency, choice groups, advice the
firm already follows, and the points where the papers disagree.

These declarations never decide *whether* something is recommended (the rules
do); they decide how it is ordered, grouped and worded for this firm.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from pydantic import Field, model_validator

from gvc_advisor.engine.kb.schema.base import Identifier, NonEmptyText, SourceRef, StrictModel
from gvc_advisor.engine.kb.schema.conditions import Condition


class Horizon(StrEnum):
    """When a move starts paying off (and so when it belongs in the plan)."""

    NOW = "now"
    MEDIUM_TERM = "medium_term"  # 1–3 years
    LONG_TERM = "long_term"  # longer

    @property
    def label(self) -> str:
        return {"now": "now", "medium_term": "1–3 years", "long_term": "longer"}[self.value]

    @property
    def rank(self) -> int:
        return list(Horizon).index(self)


class Urgency(StrEnum):
    """How pressing a move is for this firm; the first key of the plan order."""

    URGENT = "urgent"
    HIGH = "high"
    NORMAL = "normal"
    LOW = "low"

    @property
    def rank(self) -> int:
        return list(Urgency).index(self)


class AlreadyFollowed(StrictModel):
    """When the firm's answers show it already does what is advised."""

    when: Condition
    #: ``deepen``: keep it in the plan, reworded as "continue / deepen";
    #: ``drop``: leave it out of the plan (listed as already followed).
    then: Literal["deepen", "drop"] = "deepen"
    #: The reworded advice (required for ``deepen``).
    text: NonEmptyText | None = None
    #: The actions that still apply (``deepen``); none: the text says it all.
    actions: list[NonEmptyText] = Field(default_factory=list)
    because: NonEmptyText

    @model_validator(mode="after")
    def _text_for_deepen(self) -> AlreadyFollowed:
        if self.then == "deepen" and self.text is None:
            raise ValueError("'then: deepen' needs a 'text': the advice reworded as continue / deepen")
        if self.then == "drop" and self.actions:
            raise ValueError("'actions' belong to 'then: deepen'; advice that is dropped has none")
        return self


class Disagreement(StrictModel):
    """A point where the papers disagree about a recommendation, naming both."""

    text: NonEmptyText
    sources: list[SourceRef] = Field(min_length=2)
    #: Warnings this recommendation is knowingly given next to (the hedge that
    #: makes it not a contradiction in the coverage grid).
    hedges: list[Identifier] = Field(default_factory=list)

    @model_validator(mode="after")
    def _two_papers(self) -> Disagreement:
        if len({ref.key for ref in self.sources}) < 2:
            raise ValueError("a disagreement names at least two different papers in 'sources'")
        return self


class ChoiceGroup(StrictModel):
    """Alternative routes: the firm should choose one of the members made."""

    id: Identifier
    title: NonEmptyText
    because: NonEmptyText
    members: list[Identifier] = Field(min_length=2)
    sources: list[SourceRef] = Field(min_length=1)


class UrgencyRule(StrictModel):
    """Sets the urgency of some recommendations when a condition holds.

    Several applicable rules: the most urgent level wins.  None applicable:
    the recommendation's own ``urgency`` (default ``normal``).
    """

    id: Identifier
    title: NonEmptyText
    because: NonEmptyText
    when: Condition
    urgency: Annotated[Urgency, Field(strict=False)]
    recommendations: list[Identifier] = Field(min_length=1)
    sources: list[SourceRef] = Field(min_length=1)
