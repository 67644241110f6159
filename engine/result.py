"""What a consultation produces: facts, advice, warnings, and how they came about.

Both the experta engine and the reference evaluator (tests) fill the same
structure, which is what the differential test compares.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from gvc_advisor.engine.certainty import combine
from gvc_advisor.engine.kb.answers import Answer, Answers


@dataclass(frozen=True)
class Premise:
    """A literal of the branch that matched, with the fact value it matched."""

    fact: str
    description: str
    value: Any = None  # None for negative literals (nothing matched)
    cf: float = 1.0
    positive: bool = True


@dataclass
class Contribution:
    """One rule's evidence for one conclusion."""

    rule_id: str
    cf: float
    premise_cf: float
    premises: tuple[Premise, ...] = ()
    overridden: bool = False  # the user stated the fact, so this evidence was not used


@dataclass
class Conclusion:
    """A derived fact value, a recommendation or a warning, with its evidence."""

    kind: str  # "fact" | "recommendation" | "warning"
    target: str
    value: Any = None
    contributions: list[Contribution] = field(default_factory=list)
    stated: Answer | None = None

    @property
    def cf(self) -> float:
        if self.stated is not None:
            return self.stated.cf
        return combine(c.cf for c in self.contributions if not c.overridden)

    @property
    def rule_ids(self) -> list[str]:
        return sorted(c.rule_id for c in self.contributions if not c.overridden)


@dataclass(frozen=True)
class Firing:
    """One entry of the trace: a rule fired on a branch of its condition."""

    rule_id: str
    branch: int
    premise_cf: float


@dataclass
class Consultation:
    answers: Answers
    threshold: float
    facts: dict[str, dict[Any, Conclusion]] = field(default_factory=dict)
    recommendations: dict[str, Conclusion] = field(default_factory=dict)
    warnings: dict[str, Conclusion] = field(default_factory=dict)
    trace: list[Firing] = field(default_factory=list)

    # -- reading the outcome -------------------------------------------
    def established(self, fact: str) -> list[tuple[Any, float]]:
        """Values of a derived or stated fact at or above the threshold, best first."""
        found = [(v, c.cf) for v, c in self.facts.get(fact, {}).items() if c.cf >= self.threshold]
        return sorted(found, key=lambda item: (-item[1], str(item[0])))

    def value_of(self, fact: str) -> tuple[Any, float] | None:
        """The best established value of a fact or answer, with its cf."""
        if fact in self.answers and fact not in self.facts:
            answer = self.answers[fact]
            return (answer.value, answer.cf) if answer.cf >= self.threshold else None
        values = self.established(fact)
        return values[0] if values else None

    def made(self, conclusions: dict[str, Conclusion]) -> list[Conclusion]:
        chosen = [c for c in conclusions.values() if c.cf >= self.threshold]
        return sorted(chosen, key=lambda c: (-round(c.cf, 6), c.target))

    @property
    def recommended(self) -> list[Conclusion]:
        return self.made(self.recommendations)

    @property
    def raised_warnings(self) -> list[Conclusion]:
        return self.made(self.warnings)

    def advice(self) -> dict[str, list[str]]:
        """What was concluded, without certainties: the level at which a short
        interview must agree with answering every question (see relevance)."""
        return {
            "recommendations": sorted(c.target for c in self.recommended),
            "warnings": sorted(c.target for c in self.raised_warnings),
            "facts": sorted(f"{name}={value}" for name in self.facts for value, _ in self.established(name)),
        }

    def summary(self) -> dict[str, Any]:
        """Canonical comparison form: every conclusion with its rounded cf."""
        return {
            "facts": {
                f"{name}={value}": round(c.cf, 6)
                for name, values in self.facts.items() for value, c in values.items()
            },
            "recommendations": {k: round(c.cf, 6) for k, c in self.recommendations.items()},
            "warnings": {k: round(c.cf, 6) for k, c in self.warnings.items()},
        }
