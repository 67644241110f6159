"""Validation models of the plan declarations (pydantic); the runtime records and
the ``Horizon`` and ``Urgency`` levels are in :mod:`gvc_advisor.engine.kb.schema.plan`."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from gvc_advisor.engine.kb.schema.plan import Urgency
from gvc_advisor.engine.kb.schema.validation.base import Identifier, NonEmptyText, SourceRef, StrictModel
from gvc_advisor.engine.kb.schema.validation.conditions import Condition


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
