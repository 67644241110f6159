"""What a consultation produces: facts, advice, warnings, and how they came about.

Every value any rule concluded is kept with its evidence; the knowledge base's
:class:`~gvc_advisor.engine.policy.AdvicePolicy` says which of them count:
for a single-valued fact only the strongest established value is *declared*
(the others are alternatives considered), and of two conflicting
recommendations only the stronger is *made*.  The consultant-facing plan is
built from this by :mod:`gvc_advisor.engine.advice`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from gvc_advisor.engine.certainty import combine
from gvc_advisor.engine.kb.answers import Answer, Answers
from gvc_advisor.engine.policy import AdvicePolicy
from gvc_advisor.engine.rete.normalize import Literal


@dataclass(frozen=True)
class Premise:
    """A literal of the branch that matched, with the fact value it matched."""

    fact: str
    description: str
    value: Any = None  # None for negative literals (nothing matched)
    cf: float = 1.0
    positive: bool = True
    literal: Literal | None = field(default=None, compare=False)


def premise(fact: str, description: str, value: Any, cf: float, positive: bool, literal: Literal) -> Premise:
    """``Premise(...)``, made without the frozen dataclass's ``object.__setattr__``
    per field: every firing records its premises, and that was a tenth of it."""
    made = _new(Premise)
    made.__dict__.update(fact=fact, description=description, value=value, cf=cf, positive=positive,
                         literal=literal)
    return made


_new = object.__new__


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


def firing(rule_id: str, branch: int, premise_cf: float) -> Firing:
    """``Firing(...)``, made as :func:`premise` makes a Premise (one per firing)."""
    made = _new(Firing)
    made.__dict__.update(rule_id=rule_id, branch=branch, premise_cf=premise_cf)
    return made


@dataclass(frozen=True)
class Contest:
    """A single-valued fact whose runner-up is within the contested margin."""

    fact: str
    winner: Any
    winner_cf: float
    runner_up: Any
    runner_up_cf: float
    #: True when the two are equally certain and the declared value order chose.
    tie: bool


@dataclass
class Consultation:
    answers: Answers
    threshold: float
    facts: dict[str, dict[Any, Conclusion]] = field(default_factory=dict)
    recommendations: dict[str, Conclusion] = field(default_factory=dict)
    warnings: dict[str, Conclusion] = field(default_factory=dict)
    trace: list[Firing] = field(default_factory=list)
    policy: AdvicePolicy = field(default_factory=AdvicePolicy)

    # -- facts ------------------------------------------------------------------
    def contenders(self, fact: str) -> list[tuple[Any, float]]:
        """Values of a fact at or above the threshold, best first (ties in declared order)."""
        return self.policy.contenders(fact, ((v, c.cf) for v, c in self.facts.get(fact, {}).items()))

    def established(self, fact: str) -> list[tuple[Any, float]]:
        """Values declared to the rules downstream, best first: for a single-valued
        fact only the winner, for any other fact every value at the threshold."""
        found = self.contenders(fact)
        return found[:1] if fact in self.policy.single else found

    def alternatives(self, fact: str) -> list[tuple[Any, float]]:
        """Established values of a single-valued fact that lost to the winner."""
        return self.contenders(fact)[1:] if fact in self.policy.single else []

    def is_stated(self, fact: str) -> bool:
        return fact in self.answers and fact in self.facts

    def contest(self, fact: str) -> Contest | None:
        """The contest of a single-valued, derived fact, if its runner-up is close."""
        if fact not in self.policy.single or self.is_stated(fact):
            return None
        found = self.contenders(fact)
        if len(found) < 2 or not self.policy.is_contested(found[0][1], found[1][1]):
            return None
        (winner, w_cf), (runner, r_cf) = found[0], found[1]
        return Contest(fact, winner, w_cf, runner, r_cf, tie=round(w_cf, 6) == round(r_cf, 6))

    def contests(self) -> list[Contest]:
        return [c for c in (self.contest(name) for name in sorted(self.facts)) if c is not None]

    def value_of(self, fact: str) -> tuple[Any, float] | None:
        """The declared value of a derived fact (the best, if several), or the answer."""
        if fact in self.answers and fact not in self.facts:
            answer = self.answers[fact]
            return (answer.value, answer.cf) if answer.cf >= self.threshold else None
        values = self.established(fact)
        return values[0] if values else None

    # -- recommendations and warnings --------------------------------------------
    def made(self, conclusions: dict[str, Conclusion]) -> list[Conclusion]:
        chosen = [c for c in conclusions.values() if c.cf >= self.threshold]
        return sorted(chosen, key=lambda c: (-round(c.cf, 6), c.target))

    def _resolved(self) -> tuple[list[tuple[str, float]], dict[str, str]]:
        made = [(c.target, c.cf) for c in self.made(self.recommendations)]
        return self.policy.resolve_conflicts(made)

    @property
    def recommended(self) -> list[Conclusion]:
        """Recommendations made: at the threshold and not beaten by a conflicting one."""
        kept = {rec_id for rec_id, _ in self._resolved()[0]}
        return [c for c in self.made(self.recommendations) if c.target in kept]

    @property
    def beaten(self) -> dict[str, str]:
        """Recommendations that reached the threshold but lost a conflict → the winner."""
        return self._resolved()[1]

    @property
    def raised_warnings(self) -> list[Conclusion]:
        return self.made(self.warnings)

    def advice(self) -> dict[str, list[str]]:
        """What was concluded, without certainties: the level at which a short
        interview must agree with answering every question (see relevance)."""
        worth = self.policy.worth_considering
        return {
            "recommendations": sorted(c.target for c in self.recommended if c.cf >= worth),
            "worth_considering": sorted(c.target for c in self.recommended if c.cf < worth),
            "not_chosen": sorted(f"{loser}<{winner}" for loser, winner in self.beaten.items()),
            "warnings": sorted(c.target for c in self.raised_warnings),
            "facts": sorted(f"{name}={value}" for name in self.facts for value, _ in self.established(name)),
            "contested": sorted(f"{c.fact}={c.winner}~{c.runner_up}" for c in self.contests()),
        }

    def summary(self) -> dict[str, Any]:
        """Canonical comparison form: every conclusion with its rounded cf, and
        what counts (declared fact values, recommendations made, contests)."""
        return {
            "facts": {
                f"{name}={value}": round(c.cf, 6)
                for name, values in self.facts.items() for value, c in values.items()
            },
            "recommendations": {k: round(c.cf, 6) for k, c in self.recommendations.items()},
            "warnings": {k: round(c.cf, 6) for k, c in self.warnings.items()},
            "declared": sorted(f"{name}={value}" for name in self.facts for value, _ in self.established(name)),
            "made": sorted(c.target for c in self.recommended),
            "contested": sorted(f"{c.fact}={c.winner}~{c.runner_up}" for c in self.contests()),
        }
