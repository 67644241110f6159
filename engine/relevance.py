"""Which questions could still change the advice?

The advice is *what* is concluded: which recommendations are made, which
warnings raised and which fact values established (certainty at or above the
threshold).  For every conclusion we bound the certainty it can still reach,
over every way the unanswered questions might be answered (or left
unanswered), by interval arithmetic over the rules:

* a literal on an answered question or a settled fact has an exact value;
  on an unanswered question it may hold with any certainty up to 1, or not;
* a branch's premise is the minimum of its literals, a rule's the maximum of
  its branches, and a rule's contribution is its cf times its premise;
* a conclusion's bounds combine the low and the high ends of all its
  contributions (the MYCIN combination is monotonic, so the bounds are sound).

A conclusion is *decided* when both bounds fall on the same side of the
threshold.  Working backwards from the undecided ones, the rules that could
still move them, and the facts those rules read, lead to the questions that
are still *relevant*.  When none is left the interview ends, and the advice is
exactly the advice of answering every question (only certainties may differ).

The next question is the one the most undecided rules are waiting on: a
greedy choice that settles the most at once (measured in
``benchmarks/bench.py``: about half of the question bank on the worked cases).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from gvc_advisor.engine.certainty import combine
from gvc_advisor.engine.kb.schema import Rule
from gvc_advisor.engine.kb.schema.rules import SetFact, conclusion_key
from gvc_advisor.engine.result import Consultation
from gvc_advisor.engine.rete.normalize import Branch, Literal, matches

Interval = tuple[float, float]  # (low, high); low 0 means "may not hold"
NEVER = None


@dataclass
class Relevance:
    #: Unanswered questions that can still change the advice, best first: the
    #: one the most undecided rules wait on, ties in question-bank order.
    questions: list[str] = field(default_factory=list)
    #: For each relevant question, the undecided rules waiting on it.
    waiting: dict[str, list[str]] = field(default_factory=dict)
    #: Conclusions (kind, target, value) whose outcome is still open.
    open_conclusions: list[tuple[str, str, Any]] = field(default_factory=list)


class _Bounds:
    """Interval evaluation of every rule and conclusion for one consultation."""

    def __init__(self, rules: list[Rule], branches: dict[str, list[Branch]], rule_strata: dict[str, int],
                 questions: set[str], consultation: Consultation, skipped: frozenset[str]) -> None:
        self.c = consultation
        self.threshold = consultation.threshold
        self.questions = questions
        self.skipped = skipped
        self.branches = branches
        self.rules = sorted(rules, key=lambda r: rule_strata[r.id])
        self.premise: dict[str, Interval | None] = {}
        self.contributions: dict[tuple[str, str, Any], list[Interval]] = {}
        self.fact_values: dict[str, dict[Any, Interval]] = {}
        self.writers: dict[str, list[Rule]] = {}
        for rule in self.rules:
            for fact in dict.fromkeys(a.set for a in rule.then if isinstance(a, SetFact)):
                self.writers.setdefault(fact, []).append(rule)

    # -- literals ---------------------------------------------------------------
    def _open_question(self, name: str) -> bool:
        return name in self.questions and name not in self.c.answers and name not in self.skipped

    def _values(self, name: str) -> dict[Any, Interval]:
        """Certainty bounds of each possible value of an answer or derived fact."""
        if name in self.c.answers:
            answer = self.c.answers[name]
            return {answer.value: (answer.cf, answer.cf)}
        if name in self.questions:
            return {}
        return self.fact_values.get(name, {})

    def literal(self, literal: Literal) -> Interval | None:
        if self._open_question(literal.fact):
            return (0.0, 1.0)
        t = self.threshold
        hits = [iv for value, iv in self._values(literal.fact).items()
                if matches(literal.operator, literal.operand, value)]
        surely = [lo for lo, hi in hits if lo >= t]
        maybe = [hi for lo, hi in hits if hi >= t]
        if literal.positive:
            if not maybe:
                return NEVER
            low = max(surely) if surely else 0.0
            high = max(maybe)
            return ((1.0 if surely else 0.0), 1.0) if not literal.weighted else (low, high)
        if surely:
            return NEVER
        return (1.0, 1.0) if not maybe else (0.0, 1.0)

    def rule_premise(self, rule: Rule) -> Interval | None:
        best: Interval | None = NEVER
        for branch in self.branches[rule.id]:
            low, high = 1.0, 1.0
            for literal in branch:
                iv = self.literal(literal)
                if iv is NEVER:
                    break
                low, high = min(low, iv[0]), min(high, iv[1])
            else:
                best = (low, high) if best is NEVER else (max(best[0], low), max(best[1], high))
        return best

    # -- forward pass -------------------------------------------------------------
    def run(self) -> None:
        stated = {n for n in self.c.answers if n not in self.questions}
        for name in stated:
            self.fact_values[name] = {self.c.answers[name].value: (self.c.answers[name].cf,) * 2}
        pending_facts: dict[str, int] = {f: len(ws) for f, ws in self.writers.items()}
        for rule in self.rules:
            premise = self.rule_premise(rule)
            self.premise[rule.id] = premise
            for action in rule.then:
                key = conclusion_key(action)
                if premise is not NEVER and not (isinstance(action, SetFact) and action.set in stated):
                    a, b = action.cf * premise[0], action.cf * premise[1]
                    self.contributions.setdefault(key, []).append((min(a, b), max(a, b)))
                else:
                    self.contributions.setdefault(key, [])
            for fact in {a.set for a in rule.then if isinstance(a, SetFact)}:
                pending_facts[fact] -= 1
                if pending_facts[fact] == 0 and fact not in stated:
                    self.fact_values[fact] = {
                        value: self.bounds(("fact", fact, value))
                        for (kind, target, value) in self.contributions if kind == "fact" and target == fact
                    }

    def bounds(self, key: tuple[str, str, Any]) -> Interval:
        parts = self.contributions.get(key, [])
        return combine(lo for lo, _ in parts), combine(hi for _, hi in parts)

    def decided(self, key: tuple[str, str, Any]) -> bool:
        low, high = self.bounds(key)
        return low >= self.threshold or high < self.threshold

    def exact(self, rule_id: str) -> bool:
        premise = self.premise[rule_id]
        return premise is NEVER or premise[0] == premise[1]


def analyse(
    rules: list[Rule],
    branches: dict[str, list[Branch]],
    rule_strata: dict[str, int],
    question_order: list[str],
    consultation: Consultation,
    skipped: frozenset[str] = frozenset(),
) -> Relevance:
    """Relevance of unanswered questions; ``skipped`` ones count as answered "don't know"."""
    bounds = _Bounds(rules, branches, rule_strata, set(question_order), consultation, skipped)
    bounds.run()
    by_conclusion: dict[tuple[str, str, Any], list[Rule]] = {}
    for rule in rules:
        for action in rule.then:
            by_conclusion.setdefault(conclusion_key(action), []).append(rule)
    open_conclusions = [key for key in bounds.contributions if not bounds.decided(key)]
    # Backwards: which undecided rules can move an open conclusion, and what they read.
    needed: set[str] = set()
    waiting: dict[str, list[str]] = {}
    queue = [rule for key in open_conclusions for rule in by_conclusion.get(key, ())]
    seen_facts: set[str] = set()
    while queue:
        rule = queue.pop()
        if rule.id in needed or bounds.exact(rule.id):
            continue
        needed.add(rule.id)
        for branch in branches[rule.id]:
            for literal in branch:
                name = literal.fact
                if bounds._open_question(name):
                    if rule.id not in waiting.setdefault(name, []):
                        waiting[name].append(rule.id)
                elif name not in bounds.questions and name not in seen_facts and name not in consultation.answers:
                    # a stated fact is settled: the rules that would infer it cannot move it
                    seen_facts.add(name)
                    queue.extend(bounds.writers.get(name, ()))
    rank = {q: i for i, q in enumerate(question_order)}
    questions = sorted(waiting, key=lambda q: (-len(waiting[q]), rank[q]))
    return Relevance(questions, {q: sorted(waiting[q]) for q in questions}, sorted(open_conclusions, key=str))
