"""How conclusions become advice: the knowledge base's declared policy.

Rules only produce evidence.  What the evidence *means* for the advice is
declared in the knowledge base and gathered here, once per knowledge base, so
that the engine (:mod:`consult`, :mod:`result`), the relevance analysis and
the advice builder apply exactly the same policy:

* **Single-valued facts** (``cardinality: single`` in ``facts.yaml``): only the
  strongest established value is declared to the rules downstream; the other
  established values are *alternatives considered*.  A tie goes to the value
  listed first in ``facts.yaml`` (the explanation says so).
* **Contested diagnosis**: a single-valued fact whose runner-up is established
  and at most ``contested_margin`` (``kb.yaml``) below the winner.
* **Conflicts** (``conflicts_with`` on a recommendation): of two conflicting
  recommendations only the stronger is made; a tie goes to the one listed
  first in the catalogue.  Resolution is greedy from the strongest down, so a
  recommendation is dropped only by one that is itself made.
* **Worth considering** (``kb.yaml``): recommendations made below this level
  form a separate group, not the plan.
* **Plan conditions**: urgency rules and "already followed" conditions decide
  how a made recommendation is presented; the relevance analysis must keep
  asking the questions they read (see :mod:`relevance`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from gvc_advisor.engine.certainty import PRECISION
from gvc_advisor.engine.i18n import _
from gvc_advisor.engine.kb.model import KnowledgeBase
from gvc_advisor.engine.rete.normalize import Branch, dnf

#: Tolerance when comparing certainties that were rounded to PRECISION digits.
EPSILON = 10 ** -(PRECISION + 2)


@dataclass(frozen=True)
class PlanCondition:
    """A condition that changes how made advice is presented, not what is made."""

    id: str  # "urgency:<rule id>" or "already-followed:<recommendation id>"
    targets: frozenset[str]  # the recommendations it concerns
    branches: tuple[Branch, ...]
    title: str = ""


@dataclass(frozen=True)
class AdvicePolicy:
    threshold: float = 0.2
    contested_margin: float = 0.1
    worth_considering: float = 0.2
    #: Single-valued facts, each with its values in tie-break order.
    single: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    #: Recommendation → the recommendations it conflicts with (symmetric).
    conflicts: Mapping[str, frozenset[str]] = field(default_factory=dict)
    #: Catalogue position of each recommendation (tie-break of conflicts).
    rec_order: Mapping[str, int] = field(default_factory=dict)
    plan_conditions: tuple[PlanCondition, ...] = ()

    def __post_init__(self) -> None:
        ranks = {fact: {v: i for i, v in enumerate(values)} for fact, values in self.single.items()}
        object.__setattr__(self, "_ranks", ranks)

    @classmethod
    def from_kb(cls, kb: KnowledgeBase) -> AdvicePolicy:
        conflicts: dict[str, set[str]] = {}
        for rec in kb.recommendations.values():
            for other in rec.conflicts_with:
                if other != rec.id:
                    conflicts.setdefault(rec.id, set()).add(other)
                    conflicts.setdefault(other, set()).add(rec.id)
        conditions = []
        for rule in kb.urgency_rules:
            conditions.append(PlanCondition(f"urgency:{rule.id}", frozenset(rule.recommendations),
                                            tuple(dnf(rule.when)), rule.title))
        for rec in kb.recommendations.values():
            if rec.already_followed is not None:
                conditions.append(PlanCondition(f"already-followed:{rec.id}", frozenset({rec.id}),
                                                tuple(dnf(rec.already_followed.when)),
                                                _("whether the firm already does this: {title}",
                                                  title=rec.title)))
        meta = kb.meta
        return cls(
            threshold=meta.threshold, contested_margin=meta.contested_margin,
            worth_considering=meta.worth_considering,
            single={f.id: f.allowed_values for f in kb.facts.values() if f.single},
            conflicts={k: frozenset(v) for k, v in sorted(conflicts.items())},
            rec_order={rid: i for i, rid in enumerate(kb.recommendations)},
            plan_conditions=tuple(conditions),
        )

    # -- facts ------------------------------------------------------------------
    def value_rank(self, fact: str, value: Any) -> int:
        ranks = self._ranks.get(fact, {})  # type: ignore[attr-defined]
        return ranks.get(value, len(ranks))

    def contenders(self, fact: str, cfs: Iterable[tuple[Any, float]]) -> list[tuple[Any, float]]:
        """Values at or above the threshold, best first (ties: declared order, then text)."""
        found = [(v, cf) for v, cf in cfs if cf >= self.threshold]
        return sorted(found, key=lambda item: (-round(item[1], PRECISION), self.value_rank(fact, item[0]),
                                               str(item[0])))

    def is_contested(self, winner_cf: float, runner_up_cf: float) -> bool:
        return winner_cf - runner_up_cf <= self.contested_margin + EPSILON

    # -- recommendations -------------------------------------------------------------
    def rec_key(self, rec_id: str, cf: float) -> tuple:
        """Strength order of recommendations: certainty, then catalogue order."""
        return (-round(cf, PRECISION), self.rec_order.get(rec_id, len(self.rec_order)), rec_id)

    def resolve_conflicts(self, made: Iterable[tuple[str, float]]) -> tuple[list[tuple[str, float]], dict[str, str]]:
        """(kept, beaten): greedy from the strongest; ``beaten`` maps a loser to the winner."""
        kept: list[tuple[str, float]] = []
        beaten: dict[str, str] = {}
        taken: set[str] = set()
        for rec_id, cf in sorted(made, key=lambda item: self.rec_key(*item)):
            rivals = self.conflicts.get(rec_id, frozenset()) & taken
            if rivals:
                winner = min(rivals, key=lambda r: next(self.rec_key(r, c) for r2, c in kept if r2 == r))
                beaten[rec_id] = winner
                continue
            taken.add(rec_id)
            kept.append((rec_id, cf))
        return kept, beaten
