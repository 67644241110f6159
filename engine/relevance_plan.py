"""What the relevance analysis needs of a knowledge base, prepared once.

The analysis (:mod:`relevance`) runs after every answer, over every rule.
Everything in it that depends only on the knowledge base is worked out here,
once per compiled engine, as plain indexed structures:

* the distinct literals of all rules and plan conditions, numbered, each
  remembering which values of its fact it matches (a string value is tested
  once per knowledge base, not once per rule per answer);
* the rules in stratum order, each with its branches as tuples of literal
  numbers and its actions as (conclusion number, cf, fact set or None);
* the conclusions (kind, target, value) numbered in the order the analysis
  first meets them, and for each fact its values' conclusion numbers;
* who writes each fact, who concludes each conclusion, which facts each rule
  or plan condition reads (each once), and the question bank's order.

None of this changes what the analysis computes; it only stops recomputing it.
"""

from __future__ import annotations

from typing import Any

from gvc_advisor.engine.kb.schema import Rule
from gvc_advisor.engine.kb.schema.rules import SetFact, conclusion_key
from gvc_advisor.engine.policy import AdvicePolicy
from gvc_advisor.engine.rete.normalize import Branch, Literal, matches

Key = tuple[str, str, Any]


class LiteralTest:
    """One distinct literal, with the answers to "does this value match?" kept."""

    __slots__ = ("_text", "fact", "operand", "operator", "positive", "weighted")

    def __init__(self, literal: Literal) -> None:
        self.fact = literal.fact
        self.operator, self.operand = literal.operator, literal.operand
        self.positive, self.weighted = literal.positive, literal.weighted
        self._text: dict[str, bool] = {}  # only text values: 1, 1.0 and True are equal keys

    def matches(self, value: Any) -> bool:
        if type(value) is str:
            found = self._text.get(value)
            if found is None:
                found = self._text[value] = matches(self.operator, self.operand, value)
            return found
        return matches(self.operator, self.operand, value)


class RulePlan:
    """One rule as the analysis reads it (plain slots: no generated code to import)."""

    __slots__ = ("actions", "branches", "finishes", "id", "index", "reads", "sets")

    def __init__(self, id: str, branches: tuple[tuple[int, ...], ...],
                 actions: tuple[tuple[int, float, str | None], ...], sets: tuple[str, ...],
                 reads: tuple[str, ...]) -> None:
        self.id = id
        self.branches = branches  # literal numbers
        self.actions = actions  # (conclusion number, cf, fact set or None)
        self.sets = sets  # facts this rule writes, each once
        self.reads = reads  # facts this rule reads, each once
        self.finishes: tuple[str, ...] = ()  # facts of which it is the last writer (in stratum order)
        self.index = 0  # its position in the analysis's order (set by the plan)


class ConditionPlan:
    """A plan condition as the analysis reads it."""

    __slots__ = ("branches", "id", "reads", "targets")

    def __init__(self, id: str, branches: tuple[tuple[int, ...], ...], reads: tuple[str, ...],
                 targets: frozenset[str]) -> None:
        self.id, self.branches, self.reads, self.targets = id, branches, reads, targets


class RelevancePlan:
    """The per-knowledge-base part of the relevance analysis (see module doc)."""

    def __init__(self, rules: list[Rule], branches: dict[str, list[Branch]], rule_strata: dict[str, int],
                 question_order: list[str], policy: AdvicePolicy) -> None:
        self.policy = policy
        self.question_order = tuple(question_order)
        self.questions = frozenset(question_order)
        self.rank = {q: i for i, q in enumerate(question_order)}
        self.literals: list[LiteralTest] = []
        self._numbers: dict[Literal, int] = {}
        #: Literal numbers by the fact they read (to forget their bounds when it is settled).
        self.literals_of: dict[str, list[int]] = {}
        self.keys: list[Key] = []
        self.key_number: dict[Key, int] = {}
        ordered = sorted(rules, key=lambda r: rule_strata[r.id])  # stable: the analysis's order
        self.rules = tuple(self._rule(rule, branches[rule.id]) for rule in ordered)
        for index, plan in enumerate(self.rules):
            plan.index = index  # its position in the analysis's order
        self.by_id = {plan.id: plan for plan in self.rules}
        #: For each fact, (value, conclusion number) in the order the analysis meets them.
        self.fact_keys: dict[str, list[tuple[Any, int]]] = {}
        for number, (kind, target, value) in enumerate(self.keys):
            if kind == "fact":
                self.fact_keys.setdefault(target, []).append((value, number))
        self.writers: dict[str, list[RulePlan]] = {}
        for plan in self.rules:
            for fact in plan.sets:
                self.writers.setdefault(fact, []).append(plan)
        #: Position (in the analysis's order) of the last rule concluding each fact.
        self.last_writer = {fact: found[-1].index for fact, found in self.writers.items()}
        #: Positions of the rules reading each fact (or question).
        self.readers_of: dict[str, tuple[int, ...]] = {}
        #: For each conclusion, (rule position, action position) of every action concluding it.
        self.key_writers: list[list[tuple[int, int]]] = [[] for _ in self.keys]
        for plan in self.rules:
            plan.finishes = tuple(fact for fact in plan.sets if self.last_writer[fact] == plan.index)
            for position, (number, _, _) in enumerate(plan.actions):
                self.key_writers[number].append((plan.index, position))
            for fact in plan.reads:
                self.readers_of[fact] = (*self.readers_of.get(fact, ()), plan.index)
        self.by_conclusion: dict[Key, list[RulePlan]] = {}
        for rule in rules:  # knowledge-base order, as the analysis always used
            for action in rule.then:
                self.by_conclusion.setdefault(conclusion_key(action), []).append(self.by_id[rule.id])
        self.conditions = tuple(
            ConditionPlan(cond.id, self._branches(cond.branches), _reads(cond.branches), cond.targets)
            for cond in policy.plan_conditions)
        self.condition_by_id = {cond.id: cond for cond in self.conditions}
        self.single = tuple(sorted(policy.single))
        self.conflict_pairs = tuple((a, b) for a, rivals in policy.conflicts.items() for b in sorted(rivals) if a < b)

    def _literal(self, literal: Literal) -> int:
        number = self._numbers.get(literal)
        if number is None:
            number = self._numbers[literal] = len(self.literals)
            self.literals.append(LiteralTest(literal))
            self.literals_of.setdefault(literal.fact, []).append(number)
        return number

    def _branches(self, branches: list[Branch] | tuple[Branch, ...]) -> tuple[tuple[int, ...], ...]:
        return tuple(tuple(self._literal(lit) for lit in branch) for branch in branches)

    def _key(self, key: Key) -> int:
        number = self.key_number.get(key)
        if number is None:
            number = self.key_number[key] = len(self.keys)
            self.keys.append(key)
        return number

    def _rule(self, rule: Rule, branches: list[Branch]) -> RulePlan:
        actions = tuple((self._key(conclusion_key(a)), a.cf, a.set if isinstance(a, SetFact) else None)
                        for a in rule.then)
        sets = tuple(dict.fromkeys(a.set for a in rule.then if isinstance(a, SetFact)))
        return RulePlan(rule.id, self._branches(branches), actions, sets, _reads(branches))


def _reads(branches: list[Branch] | tuple[Branch, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(literal.fact for branch in branches for literal in branch))
