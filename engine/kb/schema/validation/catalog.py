"""Validation models of the catalogue (pydantic); the runtime records are in
:mod:`gvc_advisor.engine.kb.schema.catalog`."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field, StringConstraints, model_validator

from gvc_advisor.engine.kb.schema.catalog import Actor, Cardinality, SmileStage, UpgradingType
from gvc_advisor.engine.kb.schema.plan import Horizon, Urgency
from gvc_advisor.engine.kb.schema.validation.base import (
    Identifier,
    NonEmptyText,
    SourceRef,
    StrictModel,
)
from gvc_advisor.engine.kb.schema.validation.plan import AlreadyFollowed, Disagreement


class FactValue(StrictModel):
    value: Identifier
    label: NonEmptyText
    description: NonEmptyText | None = None


class DerivedFact(StrictModel):
    """A fact the engine infers (it may also be stated directly by the user)."""

    id: Identifier
    label: NonEmptyText
    description: NonEmptyText
    #: The values, in the order that also breaks a tie between two equally
    #: certain values of a single-valued fact (the first listed wins).
    values: list[FactValue] = Field(min_length=2)
    #: Whether the user may state it directly as an answer (expert override).
    statable: bool = True
    cardinality: Annotated[Cardinality, Field(strict=False)] = Cardinality.MULTIPLE


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
    #: When the move pays off: now, in 1–3 years, or longer (lint warns when missing).
    horizon: Annotated[Horizon, Field(strict=False)] | None = None
    #: Urgency unless an urgency rule (``urgency:`` section) sets another.
    urgency: Annotated[Urgency, Field(strict=False)] = Urgency.NORMAL
    #: When the firm's answers show it already follows this advice.
    already_followed: AlreadyFollowed | None = None
    #: Points where the papers disagree about this advice, naming both.
    disagreements: list[Disagreement] = Field(default_factory=list)


class WarningSpec(StrictModel):
    id: Identifier
    title: NonEmptyText
    message: NonEmptyText
    sources: list[SourceRef] = Field(min_length=1)
    #: Recommendations this warning argues against: given together without a
    #: hedge (a disagreement that ``hedges`` it), the coverage grid flags them.
    against: list[Identifier] = Field(default_factory=list)


#: A language code as ``translations/<code>/`` names it (``zh``, ``pt-BR``).
LanguageCode = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")]


class Source(StrictModel):
    key: Identifier
    citation: NonEmptyText
    file: NonEmptyText | None = None
    summary: NonEmptyText | None = None
    #: The paper's own title in another language (language code → title), as the
    #: paper prints it; shown in reports in that language after the citation.
    titles: dict[LanguageCode, NonEmptyText] = Field(default_factory=dict)


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
    #: A single-valued fact is *contested* when its runner-up value is
    #: established and at most this far below the winner.
    contested_margin: Annotated[float, Field(ge=0.0, lt=1.0)] = 0.1
    #: Recommendations made below this certainty go to a separate "worth
    #: considering" group instead of the plan (equal to the threshold: no such group).
    worth_considering: Annotated[float, Field(gt=0.0, lt=1.0)] = 0.2

    @model_validator(mode="after")
    def _levels_in_order(self) -> KbMeta:
        if self.worth_considering < self.threshold:
            raise ValueError(f"'worth_considering' ({self.worth_considering}) must be at least the "
                             f"'threshold' ({self.threshold}): advice below the threshold is not made at all")
        return self


class CaseExpectation(StrictModel):
    """What a worked case must produce (``gvc-advisor validate`` checks it)."""

    #: The declared value of each fact named.
    facts: dict[Identifier, Identifier] = Field(default_factory=dict)
    #: Made (in the plan or worth considering; not dropped as already followed).
    recommended: list[Identifier] = Field(default_factory=list)
    not_recommended: list[Identifier] = Field(default_factory=list)
    warnings: list[Identifier] = Field(default_factory=list)
    #: Single-valued facts whose diagnosis must be contested.
    contested: list[Identifier] = Field(default_factory=list)
    #: Recommendations made only below the worth-considering level.
    worth_considering: list[Identifier] = Field(default_factory=list)
    #: Recommendations that must lose a conflict.
    not_chosen: list[Identifier] = Field(default_factory=list)
    #: Recommendations the plan must reword as "continue / deepen".
    continue_deepen: list[Identifier] = Field(default_factory=list)
    #: The priority number some recommendations must have in the plan.
    priority: dict[Identifier, Annotated[int, Field(ge=1)]] = Field(default_factory=dict)


class TrainingNotes(StrictModel):
    """What a worked case adds as a training exercise (``gvc-advisor train``): the
    passage it is grounded in, and passages of papers that disagree about it."""

    passage: SourceRef
    disagreement: list[SourceRef] = Field(default_factory=list)


class WorkedCase(StrictModel):
    id: Identifier
    title: NonEmptyText
    firm: NonEmptyText
    situation: NonEmptyText
    answers: dict[str, Any]
    expected: CaseExpectation
    teaching_note: NonEmptyText
    sources: list[SourceRef] = Field(default_factory=list)
    training: TrainingNotes | None = None
