"""The catalogue side of a knowledge base: derived facts, recommendations,
warnings, sources, glossary, metadata and worked cases (runtime records; see
:mod:`gvc_advisor.engine.kb.schema.base`)."""

from __future__ import annotations

from enum import StrEnum
from typing import Any, Literal

from gvc_advisor.engine.i18n.translate import N_, _
from gvc_advisor.engine.kb.schema.base import SourceRef, field, record
from gvc_advisor.engine.kb.schema.plan import AlreadyFollowed, Disagreement, Horizon, Urgency


@record
class FactValue:
    value: str
    label: str
    description: str | None = None


class Cardinality(StrEnum):
    """How many values a derived fact can hold at once."""

    #: One value: rules downstream see only the strongest; the others are
    #: kept as alternatives considered (a firm is captive *or* modular).
    SINGLE = "single"
    #: Several values at once, each established on its own certainty.
    MULTIPLE = "multiple"


@record
class DerivedFact:
    """A fact the engine infers (it may also be stated directly by the user)."""

    id: str
    label: str
    description: str
    #: The values, in the order that also breaks a tie between two equally
    #: certain values of a single-valued fact (the first listed wins).
    values: list[FactValue]
    #: Whether the user may state it directly as an answer (expert override).
    statable: bool = True
    cardinality: Cardinality = Cardinality.MULTIPLE

    def __post_init__(self) -> None:  # enums arrive as text from the cache
        object.__setattr__(self, "cardinality", Cardinality(self.cardinality))

    @property
    def single(self) -> bool:
        return self.cardinality is Cardinality.SINGLE

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

    @property
    def label(self) -> str:
        """``process upgrading``… in the current language."""
        return _({"process": N_("process upgrading"), "product": N_("product upgrading"),
                  "functional": N_("functional upgrading"), "chain": N_("chain upgrading")}[self.value])


class Actor(StrEnum):
    """Who carries a move out."""

    FIRM = "firm"
    #: A leading firm of the cluster (hu2013's leading enterprise).
    LEADING_FIRM = "leading_firm"
    #: The global lead firm or buyer the firm supplies.
    LEAD_BUYER = "lead_buyer"
    ASSOCIATION = "association"
    GOVERNMENT = "government"
    RESEARCH_INSTITUTES = "research_institutes"

    @property
    def label(self) -> str:
        return _({"firm": N_("the firm"), "leading_firm": N_("leading firms of the cluster"),
                  "lead_buyer": N_("the lead buyer"), "association": N_("the cluster association"),
                  "government": N_("local government"),
                  "research_institutes": N_("research institutes and universities")}[self.value])


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
    #: When the move pays off: now, in 1–3 years, or longer (lint warns when missing).
    horizon: Horizon | None = None
    #: Urgency unless an urgency rule (``urgency:`` section) sets another.
    urgency: Urgency = Urgency.NORMAL
    #: When the firm's answers show it already follows this advice.
    already_followed: AlreadyFollowed | None = None
    #: Points where the papers disagree about this advice, naming both.
    disagreements: list[Disagreement] = field(default_factory=list)

    def __post_init__(self) -> None:  # enums arrive as text from the cache
        object.__setattr__(self, "upgrading_type", UpgradingType(self.upgrading_type))
        object.__setattr__(self, "actors", [Actor(a) for a in self.actors])
        object.__setattr__(self, "horizon", None if self.horizon is None else Horizon(self.horizon))
        object.__setattr__(self, "urgency", Urgency(self.urgency))


@record
class WarningSpec:
    id: str
    title: str
    message: str
    sources: list[SourceRef]
    #: Recommendations this warning argues against: given together without a
    #: hedge (a disagreement that ``hedges`` it), the coverage grid flags them.
    against: list[str] = field(default_factory=list)


@record
class Source:
    key: str
    #: The paper's own reference, in the paper's language: never translated.
    citation: str
    file: str | None = None
    summary: str | None = None
    #: The paper's title in other languages, where the paper itself gives one
    #: (language code → title, e.g. ``zh``); reports in that language show it
    #: after the citation.  Never a translation made for the tool.
    titles: dict[str, str] = field(default_factory=dict)


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
    #: A single-valued fact is *contested* when its runner-up value is
    #: established and at most this far below the winner.
    contested_margin: float = 0.1
    #: Recommendations made below this certainty go to a separate "worth
    #: considering" group instead of the plan (equal to the threshold: no such group).
    worth_considering: float = 0.2


@record
class CaseExpectation:
    """What a worked case must produce (``gvc-advisor validate`` checks it)."""

    #: The declared value of each fact named.
    facts: dict[str, str] = field(default_factory=dict)
    #: Made (in the plan or worth considering; not dropped as already followed).
    recommended: list[str] = field(default_factory=list)
    not_recommended: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    #: Single-valued facts whose diagnosis must be contested.
    contested: list[str] = field(default_factory=list)
    #: Recommendations made only below the worth-considering level.
    worth_considering: list[str] = field(default_factory=list)
    #: Recommendations that must lose a conflict.
    not_chosen: list[str] = field(default_factory=list)
    #: Recommendations the plan must reword as "continue / deepen".
    continue_deepen: list[str] = field(default_factory=list)
    #: The priority number some recommendations must have in the plan.
    priority: dict[str, int] = field(default_factory=dict)


@record
class TrainingNotes:
    """What a worked case adds as a training exercise (``gvc-advisor train``).

    The reveal sends a trainee to ``passage`` and, where the papers disagree
    about such a firm, to each passage of ``disagreement``; the teaching note
    must name every paper listed here (``validate`` checks it), so that what
    the trainee reads and what the note discusses are the same passages.
    """

    #: The passage of the papers the exercise is grounded in.
    passage: SourceRef
    #: Passages of two or more papers that disagree about a firm like this one.
    disagreement: list[SourceRef] = field(default_factory=list)


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
    #: Grounding for training exercises (optional for a plain worked case).
    training: TrainingNotes | None = None
