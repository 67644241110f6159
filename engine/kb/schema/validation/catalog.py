"""Validation models of the catalogue (pydantic); the runtime records are in
:mod:`gvc_advisor.engine.kb.schema.catalog`."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field

from gvc_advisor.engine.kb.schema.catalog import Actor, SmileStage, UpgradingType
from gvc_advisor.engine.kb.schema.validation.base import (
    Identifier,
    NonEmptyText,
    SourceRef,
    StrictModel,
)


class FactValue(StrictModel):
    value: Identifier
    label: NonEmptyText
    description: NonEmptyText | None = None


class DerivedFact(StrictModel):
    """A fact the engine infers (it may also be stated directly by the user)."""

    id: Identifier
    label: NonEmptyText
    description: NonEmptyText
    values: list[FactValue] = Field(min_length=2)
    #: Whether the user may state it directly as an answer (expert override).
    statable: bool = True


class Recommendation(StrictModel):
    id: Identifier
    title: NonEmptyText
    summary: NonEmptyText
    upgrading_type: Annotated[UpgradingType, Field(strict=False)]
    actions: list[NonEmptyText] = Field(min_length=3, max_length=6)
    preconditions: list[NonEmptyText] = Field(min_length=1)
    risks: list[NonEmptyText] = Field(min_length=1)
    actors: list[Annotated[Actor, Field(strict=False)]] = Field(min_length=1)
    examples: list[NonEmptyText] = Field(default_factory=list)
    sources: list[SourceRef] = Field(min_length=1)
    #: Who the papers mean this advice for, e.g. ``{firm_status: [leading]}``;
    #: ``gvc-advisor coverage`` flags advice given outside it as contradictory.
    applies_to: dict[Identifier, list[Identifier]] = Field(default_factory=dict)
    #: Advice that must not be given together with this one.
    conflicts_with: list[Identifier] = Field(default_factory=list)
    #: Where on the smile curve the advice moves the firm (drawn on the results screen).
    smile_stage: SmileStage = "manufacturing"


class WarningSpec(StrictModel):
    id: Identifier
    title: NonEmptyText
    message: NonEmptyText
    sources: list[SourceRef] = Field(min_length=1)


class Source(StrictModel):
    key: Identifier
    citation: NonEmptyText
    file: NonEmptyText | None = None
    summary: NonEmptyText | None = None


class GlossaryEntry(StrictModel):
    term: NonEmptyText
    definition: NonEmptyText
    see_also: list[NonEmptyText] = Field(default_factory=list)
    sources: list[SourceRef] = Field(default_factory=list)


class KbMeta(StrictModel):
    name: NonEmptyText
    version: NonEmptyText
    description: NonEmptyText
    #: Certainty at or above which a fact value is established and a
    #: recommendation is made (MYCIN used 0.2).
    threshold: Annotated[float, Field(gt=0.0, lt=1.0)] = 0.2
    #: Certainty given to an answer marked "unsure".
    unsure_cf: Annotated[float, Field(gt=0.0, lt=1.0)] = 0.5


class CaseExpectation(StrictModel):
    facts: dict[Identifier, Identifier] = Field(default_factory=dict)
    recommended: list[Identifier] = Field(default_factory=list)
    not_recommended: list[Identifier] = Field(default_factory=list)
    warnings: list[Identifier] = Field(default_factory=list)


class WorkedCase(StrictModel):
    id: Identifier
    title: NonEmptyText
    firm: NonEmptyText
    situation: NonEmptyText
    answers: dict[str, Any]
    expected: CaseExpectation
    teaching_note: NonEmptyText
    sources: list[SourceRef] = Field(default_factory=list)
