"""The catalogue side of a knowledge base: derived facts, recommendations,
warnings, sources, glossary, metadata and worked cases (runtime records; see
:mod:`gvc_advisor.engine.kb.schema.base`)."""

from __future__ import annotations

from enum import StrEnum
from typing import Any, Literal

from gvc_advisor.engine.kb.schema.base import SourceRef, field, record


@record
class FactValue:
    value: str
    label: str
    description: str | None = None


@record
class DerivedFact:
    """A fact the engine infers (it may also be stated directly by the user)."""

    id: str
    label: str
    description: str
    values: list[FactValue]
    #: Whether the user may state it directly as an answer (expert override).
    statable: bool = True

    @property
    def allowed_values(self) -> tuple[str, ...]:
        return tuple(v.value for v in self.values)

    def label_of(self, value: str) -> str:
        return next((v.label for v in self.values if v.value == value), value)


class UpgradingType(StrEnum):
    """Humphrey & Schmitz' four upgrading types, in rising order of difficulty."""

    PROCESS = "process"
    PRODUCT = "product"
    FUNCTIONAL = "functional"
    CHAIN = "chain"


class Actor(StrEnum):
    FIRM = "firm"
    LEADING_FIRM = "leading_firm"
    ASSOCIATION = "association"
    GOVERNMENT = "government"


#: Stages of the value chain from left to right along the smile curve.
SMILE_STAGES = ("rd", "design", "components", "manufacturing", "logistics", "marketing", "brand")
SmileStage = Literal["rd", "design", "components", "manufacturing", "logistics", "marketing", "brand"]


@record
class Recommendation:
    id: str
    title: str
    summary: str
    upgrading_type: UpgradingType
    actions: list[str]
    preconditions: list[str]
    risks: list[str]
    actors: list[Actor]
    examples: list[str] = field(default_factory=list)
    sources: list[SourceRef]
    #: Who the papers mean this advice for, e.g. ``{firm_status: [leading]}``;
    #: ``gvc-advisor coverage`` flags advice given outside it as contradictory.
    applies_to: dict[str, list[str]] = field(default_factory=dict)
    #: Advice that must not be given together with this one.
    conflicts_with: list[str] = field(default_factory=list)
    #: Where on the smile curve the advice moves the firm (drawn on the results screen).
    smile_stage: SmileStage = "manufacturing"

    def __post_init__(self) -> None:  # enums arrive as text from the cache
        object.__setattr__(self, "upgrading_type", UpgradingType(self.upgrading_type))
        object.__setattr__(self, "actors", [Actor(a) for a in self.actors])


@record
class WarningSpec:
    id: str
    title: str
    message: str
    sources: list[SourceRef]


@record
class Source:
    key: str
    citation: str
    file: str | None = None
    summary: str | None = None


@record
class GlossaryEntry:
    term: str
    definition: str
    see_also: list[str] = field(default_factory=list)
    sources: list[SourceRef] = field(default_factory=list)


@record
class KbMeta:
    name: str
    version: str
    description: str
    #: Certainty at or above which a fact value is established and a
    #: recommendation is made (MYCIN used 0.2).
    threshold: float = 0.2
    #: Certainty given to an answer marked "unsure".
    unsure_cf: float = 0.5


@record
class CaseExpectation:
    facts: dict[str, str] = field(default_factory=dict)
    recommended: list[str] = field(default_factory=list)
    not_recommended: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@record
class WorkedCase:
    id: str
    title: str
    firm: str
    situation: str
    answers: dict[str, Any]
    expected: CaseExpectation
    teaching_note: str
    sources: list[SourceRef] = field(default_factory=list)
