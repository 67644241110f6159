"""The report a consultant hands out, as plain data, before any format.

Every renderer (text, Markdown, HTML, JSON) walks the same :class:`Report`
in the same order, so the formats cannot drift apart:

1. page one – the firm, the date, the diagnosis, the priority plan and the
   key warnings;
2. the strategies in detail – then the worth-considering group and the
   alternatives not chosen;
3. the appendix – the answers in interview order, a compact derivation of
   every recommendation and warning, and the numbered references.

Texts here are raw (as the user or the knowledge base wrote them); each
renderer escapes them for its format (see :mod:`.escape`).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Cite:
    """A citation in the text: ``[number] §section``."""

    number: int
    section: str

    def __str__(self) -> str:
        return f"[{self.number}] §{self.section}"


@dataclass(frozen=True)
class Reference:
    number: int
    key: str
    citation: str  # the paper's own reference, never translated
    title: str | None = None  # the paper's own title in the report's language, if it has one


@dataclass(frozen=True)
class DiagnosisLine:
    fact: str
    label: str
    value: str | None  # the value's label; None when undetermined
    cf: float
    alternatives: tuple[tuple[str, float], ...]  # (value label, cf), best first
    contested: bool
    stated: bool
    dimension: bool  # one of the framework's three dimensions (governance, driver, status)
    value_id: str | None = None  # the value itself (``captive``), the same in every language
    alternative_ids: tuple[str, ...] = ()  # the alternatives' values, in the order of ``alternatives``


@dataclass(frozen=True)
class PlanLine:
    priority: int
    rec_id: str
    title: str
    upgrading_type: str
    upgrading_type_label: str
    cf: float
    reason: str
    horizon: str  # id: now | 1-3-years | longer
    horizon_label: str
    actors: tuple[str, ...]  # ids: firm, leading_firm, association, government
    actor_labels: tuple[str, ...]
    continue_existing: bool
    choice_group: str | None


@dataclass(frozen=True)
class WarningLine:
    warning_id: str
    title: str
    message: str
    cf: float


@dataclass(frozen=True)
class DisagreementLine:
    """Where the papers disagree about a strategy: the point, and the passages on each side."""

    text: str
    cites: tuple[Cite, ...]


@dataclass(frozen=True)
class Strategy:
    """A plan item in full."""

    priority: int
    rec_id: str
    title: str
    upgrading_type: str
    upgrading_type_label: str
    summary: str
    actions: tuple[str, ...]
    preconditions: tuple[str, ...]
    risks: tuple[str, ...]
    examples: tuple[str, ...]
    cites: tuple[Cite, ...]
    #: Where the papers argue about the strategy, so that a consultant does not hand it
    #: out as settled (for the priorities of page one; later items stay brief).
    disagreements: tuple[DisagreementLine, ...] = ()


@dataclass(frozen=True)
class SetAsideLine:
    rec_id: str
    title: str
    instead_of: str | None  # title of the recommendation chosen instead
    why: str


@dataclass(frozen=True)
class AnswerLine:
    ref: str  # "A1", "A2", … in interview order
    name: str  # question or fact id
    text: str  # the question, or "<fact label> (stated)"
    value: str  # the value's label
    cf: float
    stated_fact: bool  # a derived fact the user stated directly (overrides inference)


@dataclass(frozen=True)
class TopicAnswers:
    topic: str
    answers: tuple[AnswerLine, ...]


@dataclass(frozen=True)
class Step:
    """One rule's contribution to a conclusion, its premises as references."""

    rule_id: str
    title: str
    cf: float
    cites: tuple[Cite, ...]
    premises: tuple[str, ...]  # "A3", "F1", or a negative condition in words


@dataclass(frozen=True)
class Derivation:
    ref: str  # "F1" for derived facts; the plan number, "W1" or "C1" otherwise
    label: str
    cf: float
    steps: tuple[Step, ...]
    stated_by: str | None = None  # the answer ref when the user stated it


@dataclass(frozen=True)
class SmilePosition:
    """Where the firm is on the smile curve and where the plan leads (stage ids)."""

    current: str
    targets: tuple[tuple[int, str], ...]  # (plan priority, stage)


@dataclass(frozen=True)
class Report:
    language: str  # the code of the language its texts are in (``en``, ``zh``)
    title: str
    firm: str | None
    date: str  # ISO date
    kb_name: str
    kb_version: str
    kb_hash: str
    threshold: float
    diagnosis: tuple[DiagnosisLine, ...]
    plan: tuple[PlanLine, ...]  # page one: the first PAGE_ONE_PRIORITIES priorities
    later: tuple[PlanLine, ...]  # the rest of the plan, named on page one, detailed in part 2
    warnings: tuple[WarningLine, ...]
    strategies: tuple[Strategy, ...]
    worth_considering: tuple[PlanLine, ...]
    set_aside: tuple[SetAsideLine, ...]
    answers: tuple[TopicAnswers, ...]
    dont_know: tuple[str, ...]  # question texts the user skipped
    fact_derivations: tuple[Derivation, ...]
    advice_derivations: tuple[Derivation, ...]
    warning_derivations: tuple[Derivation, ...]
    references: tuple[Reference, ...]
    smile: SmilePosition

    @property
    def dimensions(self) -> tuple[DiagnosisLine, ...]:
        return tuple(line for line in self.diagnosis if line.dimension)

    @property
    def other_facts(self) -> tuple[DiagnosisLine, ...]:
        return tuple(line for line in self.diagnosis if not line.dimension and line.value is not None)
