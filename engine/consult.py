"""Run a consultation: answers in, facts, advice, warnings and trace out.

There is no truth maintenance inside experta, so a consultation always starts
from an empty working memory and the *complete* answer set: when an answer
changes, the whole consultation is re-run (it takes a few milliseconds on the
shipped knowledge base; see ``benchmarks/bench.py``), and no derived fact of an
earlier answer can survive.
"""

from __future__ import annotations

from bisect import insort
from dataclasses import dataclass, field
from functools import cached_property
from operator import attrgetter
from typing import Any

from gvc_advisor.engine.certainty import conclude
from gvc_advisor.engine.kb.answers import Answers
from gvc_advisor.engine.kb.model import KnowledgeBase
from gvc_advisor.engine.kb.schema import Rule
from gvc_advisor.engine.kb.schema.rules import SetFact, conclusion_key
from gvc_advisor.engine.policy import AdvicePolicy
from gvc_advisor.engine.relevance_plan import RelevancePlan
from gvc_advisor.engine.result import Conclusion, Consultation, Contribution, Premise, firing, premise
from gvc_advisor.engine.rete.compiler import CompiledRules, fact_class
from gvc_advisor.engine.rete.normalize import Branch


def premises_of(branch: Branch, matched: list[Any]) -> tuple[tuple[Premise, ...], float]:
    """The premises of a matched branch and the premise cf (min of weighted literals)."""
    return _premises(branch, matched), premise_cf(branch, matched)


def _premises(branch: Branch, matched: list[Any]) -> tuple[Premise, ...]:
    return tuple([
        premise(literal.fact, literal.description, fact["value"], fact["cf"], True, literal) if literal.positive
        else premise(literal.fact, literal.description, None, 1.0, False, literal)
        for literal, fact in zip(branch, matched, strict=False)
    ])


def premise_cf(branch: Branch, matched: list[Any]) -> float:
    """The certainty of a matched branch: the least certain of its weighted literals."""
    cf = 1.0
    for literal, fact in zip(branch, matched, strict=False):
        if literal.weighted:  # only positive literals are weighted
            fact_cf = fact["cf"]
            if fact_cf < cf:
                cf = fact_cf
    return cf


@dataclass
class _RunState:
    consultation: Consultation
    stated: set[str]
    best_premise: dict[str, float] = field(default_factory=dict)


#: What one action of a rule concludes: (kind, target, value or None, rule cf, sets a fact).
_Action = tuple[str, str, Any, float, bool]
_by_rule_id = attrgetter("rule_id")


def actions_of(rule: Rule) -> tuple[_Action, ...]:
    return tuple((*conclusion_key(action), action.cf, isinstance(action, SetFact)) for action in rule.then)


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
        found = bucket.get(key)
        if found is None:
            found = bucket[key] = Conclusion(kind, target, value if kind == "fact" else None)
        return found

    @staticmethod
    def apply(consultation: Consultation, stated: set[str], rule: Rule, premise_cf: float,
              premises: tuple[Premise, ...], actions: tuple[_Action, ...] | None = None,
              first: bool = False) -> None:
        """Add (or improve) ``rule``'s contributions to each of its conclusions
        (``actions``: the rule's, if already worked out; ``first``: the rule has
        contributed nothing yet, so there is nothing to replace)."""
        for kind, target, value, cf, sets_fact in actions or actions_of(rule):
            conclusion = Evidence.conclusion(consultation, kind, target, value or None)
            overridden = sets_fact and target in stated
            contribution = Contribution(rule.id, conclude(cf, premise_cf), premise_cf, premises, overridden)
            contributions = conclusion.contributions
            if not first:
                contributions[:] = [c for c in contributions if c.rule_id != rule.id]
            insort(contributions, contribution, key=_by_rule_id)  # kept in rule id order


class InferenceEngine:
    """The forward-chaining engine for one knowledge base (compile once, consult often)."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.policy = AdvicePolicy.from_kb(kb)
        self.compiled = CompiledRules(kb, self._on_fire, self._on_barrier)
        self.engine = self.compiled.engine
        self._state: _RunState | None = None
        self._actions = {rule.id: actions_of(rule) for rule in kb.rules}
        #: The facts each barrier declares, in the order it declares them (by name).
        self._stratum_facts: dict[int, list[str]] = {}
        for name in sorted(self.compiled.fact_strata, key=str):
            self._stratum_facts.setdefault(self.compiled.fact_strata[name], []).append(name)

    @cached_property
    def relevance_plan(self) -> RelevancePlan:
        """The knowledge base's part of the relevance analysis, prepared once."""
        return RelevancePlan(self.kb.rules, self.compiled.branches, self.compiled.rule_strata,
                             list(self.kb.questions), self.policy)

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
        cf = 1.0  # premise_cf(branch, matched), inline: once per firing
        for literal, fact in zip(branch, matched, strict=False):
            if literal.weighted:
                fact_cf = fact["cf"]
                if fact_cf < cf:
                    cf = fact_cf
        state.consultation.trace.append(firing(rule.id, index, cf))
        best = state.best_premise.get(rule.id)
        if (-1.0 if best is None else best) >= cf:
            return  # another branch or match of this rule already gave at least as much
        state.best_premise[rule.id] = cf
        Evidence.apply(state.consultation, state.stated, rule, cf, _premises(branch, matched),
                       self._actions[rule.id], first=best is None)

    def _on_barrier(self, engine: Any, stratum: int) -> None:
        """Declare the final value(s) of every fact of ``stratum`` (see compiler):
        every established value, or for a single-valued fact only the strongest
        (:meth:`Consultation.established`); the others stay in the consultation
        as alternatives considered."""
        state = self._state
        assert state is not None, "rules fire only inside consult()"
        consultation = state.consultation
        facts = [
            fact_class(name)(name=name, value=value, cf=cf)
            for name in self._stratum_facts.get(stratum, ())
            if name in consultation.facts and name not in state.stated
            for value, cf in consultation.established(name)
        ]
        if facts:
            engine.declare(*facts)
