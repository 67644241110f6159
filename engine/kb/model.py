"""The validated, indexed knowledge base that the rest of the engine reads."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from gvc_advisor.engine.errors import Problem
from gvc_advisor.engine.kb.schema import (
    DerivedFact,
    GlossaryEntry,
    KbMeta,
    Question,
    Recommendation,
    Rule,
    Source,
    WarningSpec,
    WorkedCase,
)
from gvc_advisor.engine.kb.schema.plan import ChoiceGroup, UrgencyRule
from gvc_advisor.engine.kb.schema.questions import QuestionType

#: The three dimensions of the framework (dai2009), canonical fact ids.
DIMENSIONS = ("governance", "driver", "firm_status")


@dataclass(frozen=True)
class Origin:
    """Where an item was defined, for messages and explanations."""

    file: str
    line: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass
class KnowledgeBase:
    meta: KbMeta
    root: Path
    content_hash: str
    questions: dict[str, Question] = field(default_factory=dict)
    facts: dict[str, DerivedFact] = field(default_factory=dict)
    rules: list[Rule] = field(default_factory=list)
    recommendations: dict[str, Recommendation] = field(default_factory=dict)
    warnings: dict[str, WarningSpec] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)
    glossary: list[GlossaryEntry] = field(default_factory=list)
    cases: list[WorkedCase] = field(default_factory=list)
    choice_groups: dict[str, ChoiceGroup] = field(default_factory=dict)
    urgency_rules: list[UrgencyRule] = field(default_factory=list)
    origins: dict[tuple[str, str], Origin] = field(default_factory=dict)
    #: Lint findings that do not prevent use (unused questions, unreachable advice).
    lint: list[Problem] = field(default_factory=list)
    #: The language of the texts (``en``, or one of ``translations/``).
    language: str = "en"
    #: Glossary terms in ``language`` → the English term (shown beside them).
    english_terms: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._rules_by_id = {rule.id: rule for rule in self.rules}

    # -- lookup helpers -------------------------------------------------
    def rule(self, rule_id: str) -> Rule:
        return self._rules_by_id[rule_id]

    def is_numeric(self, name: str) -> bool:
        question = self.questions.get(name)
        return question is not None and question.type in (QuestionType.INTEGER, QuestionType.PERCENT)

    def allowed_values(self, name: str) -> tuple[str, ...]:
        """Categorical values of a question or derived fact (empty for numbers)."""
        if name in self.questions:
            return self.questions[name].allowed_values
        if name in self.facts:
            return self.facts[name].allowed_values
        return ()

    def label(self, name: str) -> str:
        """Short human name of a fact or question."""
        if name in self.facts:
            return self.facts[name].label
        if name in self.questions:
            return self.questions[name].text
        return name

    def value_label(self, name: str, value: object) -> str:
        if name in self.questions:
            return self.questions[name].label_of(value)
        if name in self.facts:
            return self.facts[name].label_of(str(value))
        return str(value)

    def term_with_english(self, term: str) -> str:
        """A glossary term as shown: in a translation, with the English term beside it
        (``全球价值链 — Global value chain (GVC)``), so a reader can match it to the papers."""
        english = self.english_terms.get(term)
        return f"{term} — {english}" if english and english != term else term

    def origin(self, kind: str, item_id: str) -> Origin | None:
        return self.origins.get((kind, item_id))

    @property
    def version_info(self) -> dict[str, str]:
        return {"name": self.meta.name, "version": self.meta.version, "hash": self.content_hash}
