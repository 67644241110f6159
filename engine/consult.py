"""Run a consultation: answers in, facts, advice, warnings and trace out.

There is no truth maintenance inside experta, so a consultation always starts
from an empty working memory and the *complete* answer set: when an answer
changes, the whole consultation is re-run (it takes a few milliseconds on the
shipped knowledge base; see ``benchmarks/bench.py``), and no derived fact of an
earlier answer can survive.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from gvc_advisor.engine.certainty import conclude
from gvc_advisor.engine.kb.answers import Answers
from gvc_advisor.engine.kb.model import KnowledgeBase
from gvc_advisor.engine.kb.schema import Rule
from gvc_advisor.engine.kb.schema.rules import SetFact, conclusion_key
from gvc_advisor.engine.policy import AdvicePolicy
from gvc_advisor.engine.result import Conclusion, Consultation, Contribution, Firing, Premise
from gvc_advisor.engine.rete.compiler import CompiledRules, fact_class
from gvc_advisor.engine.rete.normalize import Branch


def premises_of(branch: Branch, matched: list[Any]) -> tuple[tuple[Premise, ...], float]:
    """The premises of a matched branch and the premise cf (min of weighted literals)."""
    premises = []
    cf = 1.0
    for literal, fact in zip(branch, matched, strict=False):
        if literal.positive:
            value, fact_cf = fact["value"], fact["cf"]
            premises.append(Premise(literal.fact, literal.describe(), value, fact_cf, literal=literal))
            if literal.weighted:
                cf = min(cf, fact_cf)
        else:
            premises.append(Premise(literal.fact, literal.describe(), None, 1.0, positive=False, literal=literal))
    return tuple(premises), cf


@dataclass
class _RunState:
    consultation: Consultation
    stated: set[str]
    best_premise: dict[str, float] = field(default_factory=dict)


class Evidence:
    """Records a rule's contributions into a Consultation: how a firing becomes
    evidence for each of its conclusions (stated facts are overridden)."""

    @staticmethod
    def conclusion(consultation: Consultation, kind: str, target: str, value: Any) -> Conclusion:
        if kind == "fact":
            bucket = consultation.facts.setdefault(target, {})
            key = value
        else:
            bucket = consultation.recommendations if kind == "recommendation" else consultation.warnings
            key = target
        if key not in bucket:
            bucket[key] = Conclusion(kind, target, value if kind == "fact" else None)
        return bucket[key]

    @staticmethod
    def apply(consultation: Consultation, stated: set[str], rule: Rule, premise_cf: float,
              premises: tuple[Premise, ...]) -> None:
        """Add (or improve) ``rule``'s contributions to each of its conclusions."""
        for action in rule.then:
            kind, target, value = conclusion_key(action)
            conclusion = Evidence.conclusion(consultation, kind, target, value or None)
            overridden = isinstance(action, SetFact) and target in stated
            contribution = Contribution(rule.id, conclude(action.cf, premise_cf), premise_cf,
                                        premises, overridden)
            conclusion.contributions = [c for c in conclusion.contributions if c.rule_id != rule.id]
            conclusion.contributions.append(contribution)
            conclusion.contributions.sort(key=lambda c: c.rule_id)


class InferenceEngine:
    """The forward-chaining engine for one knowledge base (compile once, consult often)."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.policy = AdvicePolicy.from_kb(kb)
        self.compiled = CompiledRules(kb, self._on_fire, self._on_barrier)
        self.engine = self.compiled.engine
        self._state: _RunState | None = None

    def consult(self, answers: Answers) -> Consultation:
        consultation = Consultation(answers=dict(answers), threshold=self.kb.meta.threshold,
                                    policy=self.policy)
        stated = {name for name in answers if name in self.kb.facts}
        for name in sorted(stated):
            conclusion = Evidence.conclusion(consultation, "fact", name, answers[name].value)
            conclusion.stated = answers[name]
        self._state = _RunState(consultation, stated)
        engine = self.engine
        engine.reset()
        threshold = self.kb.meta.threshold
        engine.declare(*[
            fact_class(name)(name=name, value=answer.value, cf=answer.cf)
            for name, answer in sorted(answers.items()) if answer.cf >= threshold
        ])
        try:
            engine.run()
        finally:
            self._state = None
        return consultation

    # -- called by every compiled rule ---------------------------------
    def _on_fire(self, engine: Any, rule: Rule, index: int, branch: Branch, matched: list[Any]) -> None:
        state = self._state
        assert state is not None, "rules fire only inside consult()"
        premises, premise_cf = premises_of(branch, matched)
        state.consultation.trace.append(Firing(rule.id, index, premise_cf))
        if state.best_premise.get(rule.id, -1.0) >= premise_cf:
            return  # another branch or match of this rule already gave at least as much
        state.best_premise[rule.id] = premise_cf
        Evidence.apply(state.consultation, state.stated, rule, premise_cf, premises)

    def _on_barrier(self, engine: Any, stratum: int) -> None:
        """Declare the final value(s) of every fact of ``stratum`` (see compiler):
        every established value, or for a single-valued fact only the strongest
        (:meth:`Consultation.established`); the others stay in the consultation
        as alternatives considered."""
        state = self._state
        assert state is not None, "rules fire only inside consult()"
        strata = self.compiled.fact_strata
        consultation = state.consultation
        facts = [
            fact_class(name)(name=name, value=value, cf=cf)
            for name in sorted(consultation.facts, key=str)
            if strata.get(name) == stratum and name not in state.stated
            for value, cf in consultation.established(name)
        ]
        if facts:
            engine.declare(*facts)


