"""How made advice becomes a plan: horizon, urgency, choice groups, advice the
firm already follows, and the points where the papers disagree (runtime
records; the validation models are in :mod:`.validation.plan`).

These declarations never decide *whether* something is recommended (the rules
do); they decide how it is ordered, grouped and worded for this firm.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from gvc_advisor.engine.i18n.translate import N_, _
from gvc_advisor.engine.kb.schema.base import SourceRef, field, record
from gvc_advisor.engine.kb.schema.conditions import Condition


class Horizon(StrEnum):
    """When a move starts paying off (and so when it belongs in the plan)."""

    NOW = "now"
    MEDIUM_TERM = "medium_term"  # 1–3 years
    LONG_TERM = "long_term"  # longer

    @property
    def label(self) -> str:
        """In the current language (shown to the firm, so translated when read)."""
        return _({"now": N_("now"), "medium_term": N_("1–3 years"), "long_term": N_("longer")}[self.value])

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
    def label(self) -> str:
        """In the current language (the value itself is an id)."""
        return _({"urgent": N_("urgent"), "high": N_("high"), "normal": N_("normal"), "low": N_("low")}[self.value])

    @property
    def rank(self) -> int:
        return list(Urgency).index(self)


@record
class AlreadyFollowed:
    """When the firm's answers show it already does what is advised."""

    when: Condition
    #: ``deepen``: keep it in the plan, reworded as "continue / deepen";
    #: ``drop``: leave it out of the plan (listed as already followed).
    then: Literal["deepen", "drop"] = "deepen"
    #: The reworded advice (required for ``deepen``).
    text: str | None = None
    #: The actions that still apply (``deepen``); none: the text says it all.
    actions: list[str] = field(default_factory=list)
    because: str


@record
class Disagreement:
    """A point where the papers disagree about a recommendation, naming both."""

    text: str
    sources: list[SourceRef]
    #: Warnings this recommendation is knowingly given next to (the hedge that
    #: makes it not a contradiction in the coverage grid).
    hedges: list[str] = field(default_factory=list)


@record
class ChoiceGroup:
    """Alternative routes: the firm should choose one of the members made."""

    id: str
    title: str
    because: str
    members: list[str]
    sources: list[SourceRef]


@record
class UrgencyRule:
    """Sets the urgency of some recommendations when a condition holds.

    Several applicable rules: the most urgent level wins.  None applicable:
    the recommendation's own ``urgency`` (default ``normal``).
    """

    id: str
    title: str
    because: str
    when: Condition
    urgency: Urgency
    recommendations: list[str]
    sources: list[SourceRef]

    def __post_init__(self) -> None:  # enums arrive as text from the cache
        object.__setattr__(self, "urgency", Urgency(self.urgency))
