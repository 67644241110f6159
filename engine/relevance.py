"""Which questions could still change the advice?

The advice is *what* is concluded: which fact values are declared, which
recommendations are made (in the plan or only worth considering, and which
lost a conflict), which warnings raised, which diagnoses are contested, and
the plan conditions (urgency, "already followed") of advice that may be made.
For every conclusion we bound the certainty it can still reach, over every way
the unanswered questions might be answered (or left unanswered), by interval
arithmetic over the rules:

* a literal on an answered question or a settled fact has an exact value;
  on an unanswered question it may hold with any certainty up to 1, or not;
* a branch's premise is the minimum of its literals, a rule's the maximum of
  its branches, and a rule's contribution is its cf times its premise;
* a conclusion's bounds combine the low and the high ends of all its
  contributions (the MYCIN combination is monotonic, so the bounds are sound);
* a value of a single-valued fact is *surely declared* when, at its lowest,
  it still beats every other value at its highest, and *maybe declared* when,
  at its highest, no other value surely beats it (ties: the declared order).

A conclusion is *decided* when its outcome is the same at both ends: a
recommendation's certainty on the same side of the threshold and of the
worth-considering level; a value surely or surely not declared; a contest
surely won by more than the margin, or exact; a conflict's stronger side
certain; a plan condition surely holding or surely failing.  Working backwards
from the undecided ones, the rules that could still move them (for a
single-valued fact, every rule concluding any of its values), and the facts
those rules read, lead to the questions that are still *relevant*.  When none
is left the interview ends, and the advice is exactly the advice of answering
every question (only certainties, and the order of equally urgent items, may
differ).

The next question is the one the most undecided rules are waiting on: a
greedy choice that settles the most at once (measured in
``benchmarks/bench.py``: about half of the question bank on the worked cases).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from gvc_advisor.engine.certainty import PRECISION, combine, conclude
from gvc_advisor.engine.kb.schema import Rule
from gvc_advisor.engine.kb.schema.rules import SetFact, conclusion_key
from gvc_advisor.engine.policy import EPSILON, AdvicePolicy
from gvc_advisor.engine.result import Consultation
from gvc_advisor.engine.rete.normalize import Branch, Literal, matches

Interval = tuple[float, float]  # (low, high); low 0 means "may not hold"
Key = tuple[str, str, Any]
NEVER = None


@dataclass
class Relevance:
    #: Unanswered questions that can still change the advice, best first: the
    #: one the most undecided rules are waiting on, ties in question-bank order.
    questions: list[str] = field(default_factory=list)
    #: For each relevant question, the undecided rules (or plan conditions,
    #: ``urgency:…`` / ``already-followed:…``) waiting on it.
    waiting: dict[str, list[str]] = field(default_factory=dict)
    #: Conclusions whose outcome is still open: (kind, target, value) for facts,
    #: recommendations and warnings; ("contest", fact, ""), ("conflict", a, b)
    #: and ("plan", condition id, "").
    open_conclusions: list[Key] = field(default_factory=list)


class _Bounds:
    """Interval evaluation of every rule and conclusion for one consultation."""

    def __init__(self, rules: list[Rule], branches: dict[str, list[Branch]], rule_strata: dict[str, int],
                 questions: set[str], consultation: Consultation, skipped: frozenset[str]) -> None:
        self.c = consultation
        self.policy: AdvicePolicy = consultation.policy
        self.threshold = consultation.threshold
        self.questions = questions
        self.skipped = skipped
        self.branches = branches
        self.rules = sorted(rules, key=lambda r: rule_strata[r.id])
        self.premise: dict[str, Interval | None] = {}
        self.contributions: dict[Key, list[Interval]] = {}
        self.fact_values: dict[str, dict[Any, Interval]] = {}
        self.writers: dict[str, list[Rule]] = {}
        self._declared: dict[str, dict[Any, tuple[Interval, bool, bool]]] = {}
        self._bounds: dict[Key, Interval] = {}
        self.finished = False
        for rule in self.rules:
            for fact in dict.fromkeys(a.set for a in rule.then if isinstance(a, SetFact)):
                self.writers.setdefault(fact, []).append(rule)

    # -- literals ---------------------------------------------------------------
    def open_question(self, name: str) -> bool:
        return name in self.questions and name not in self.c.answers and name not in self.skipped

    def _values(self, name: str) -> dict[Any, Interval]:
        """Certainty bounds of each possible value of an answer or derived fact."""
        if name in self.c.answers:
            answer = self.c.answers[name]
            return {answer.value: (answer.cf, answer.cf)}
        if name in self.questions:
            return {}
        return self.fact_values.get(name, {})

    def single(self, name: str) -> bool:
        return name in self.policy.single and name not in self.c.answers

    def _ahead(self, fact: str, a: Any, a_cf: float, b: Any, b_cf: float) -> bool:
        """Would value ``a`` at ``a_cf`` beat ``b`` at ``b_cf`` (the engine's order)?"""
        rank = self.policy.value_rank
        return (round(a_cf, PRECISION), -rank(fact, a)) > (round(b_cf, PRECISION), -rank(fact, b))

    def declared(self, name: str) -> dict[Any, tuple[Interval, bool, bool]]:
        """Each value's bounds, whether it is surely declared, whether maybe
        (memoised: a fact's values are final once the rules concluding it ran)."""
        found = self._declared.get(name)
        if found is None:
            found = self._declared[name] = self._declare(name)
        return found

    def _declare(self, name: str) -> dict[Any, tuple[Interval, bool, bool]]:
        values, t = self._values(name), self.threshold
        out = {}
        for v, (lo, hi) in values.items():
            surely, maybe = lo >= t, hi >= t
            if self.single(name):
                others = [(u, iv) for u, iv in values.items() if u != v]
                surely = surely and all(self._ahead(name, v, lo, u, iv[1]) for u, iv in others)
                maybe = maybe and not any(self._ahead(name, u, iv[0], v, hi) for u, iv in others)
            out[v] = ((lo, hi), surely, maybe)
        return out

    def literal(self, literal: Literal) -> Interval | None:
        if self.open_question(literal.fact):
            return (0.0, 1.0)
        hits = [(iv, surely, maybe) for value, (iv, surely, maybe) in self.declared(literal.fact).items()
                if matches(literal.operator, literal.operand, value)]
        surely = [iv[0] for iv, s, _ in hits if s]
        maybe = [iv[1] for iv, _, m in hits if m]
        if literal.positive:
            if not maybe:
                return NEVER
            low = max(surely) if surely else 0.0
            return ((1.0 if surely else 0.0), 1.0) if not literal.weighted else (low, max(maybe))
        if surely:
            return NEVER
        return (1.0, 1.0) if not maybe else (0.0, 1.0)

    def premise_of(self, branches: list[Branch] | tuple[Branch, ...]) -> Interval | None:
        best: Interval | None = NEVER
        for branch in branches:
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
            premise = self.premise_of(self.branches[rule.id])
            self.premise[rule.id] = premise
            for action in rule.then:
                key = conclusion_key(action)
                if premise is not NEVER and not (isinstance(action, SetFact) and action.set in stated):
                    a, b = conclude(action.cf, premise[0]), conclude(action.cf, premise[1])
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
                    self._declared.pop(fact, None)
        self.finished = True

    def bounds(self, key: Key) -> Interval:
        if self.finished and key in self._bounds:
            return self._bounds[key]
        parts = self.contributions.get(key, [])
        found = combine(lo for lo, _ in parts), combine(hi for _, hi in parts)
        if self.finished:
            self._bounds[key] = found
        return found

    def exact(self, rule_id: str) -> bool:
        premise = self.premise[rule_id]
        return premise is NEVER or premise[0] == premise[1]

    # -- decisions ----------------------------------------------------------------
    def decided(self, key: Key) -> bool:
        kind, target, value = key
        if kind == "fact" and self.single(target):
            _, surely, maybe = self.declared(target).get(value, ((0.0, 0.0), False, False))
            return surely or not maybe
        low, high = self.bounds(key)
        levels = [self.threshold]
        if kind == "recommendation":
            levels.append(self.policy.worth_considering)
        return all(low >= level or high < level for level in levels)

    def contest_decided(self, fact: str) -> bool:
        """Contested or not, whatever the open questions turn out to be?"""
        t, margin = self.threshold, self.policy.contested_margin
        candidates = {v: iv for v, (iv, _, _) in self.declared(fact).items() if iv[1] >= t}
        if len(candidates) <= 1 or all(lo == hi for lo, hi in candidates.values()):
            return True
        return any(lo >= t and all(iv[1] < t or lo - iv[1] > margin + EPSILON
                                   for u, iv in candidates.items() if u != w)
                   for w, (lo, _) in candidates.items())

    def conflict_decided(self, a: str, b: str) -> bool:
        (a_lo, a_hi), (b_lo, b_hi) = self.bounds(("recommendation", a, "")), self.bounds(("recommendation", b, ""))
        if a_hi < self.threshold or b_hi < self.threshold or (a_lo == a_hi and b_lo == b_hi):
            return True
        key = self.policy.rec_key
        return key(a, a_lo) < key(b, b_hi) or key(b, b_lo) < key(a, a_hi)

    def may_be_made(self, rec_ids: frozenset[str]) -> bool:
        return any(self.bounds(("recommendation", r, ""))[1] >= self.threshold for r in rec_ids)


def _open_conclusions(bounds: _Bounds, policy: AdvicePolicy) -> list[Key]:
    keys: list[Key] = [key for key in bounds.contributions if not bounds.decided(key)]
    keys += [("contest", f, "") for f in sorted(policy.single) if f in bounds.fact_values
             and bounds.single(f) and not bounds.contest_decided(f)]
    keys += [("conflict", a, b) for a, rivals in policy.conflicts.items() for b in sorted(rivals)
             if a < b and not bounds.conflict_decided(a, b)]
    for cond in policy.plan_conditions:
        premise = bounds.premise_of(cond.branches)
        if premise is not NEVER and premise[0] == 0.0 and bounds.may_be_made(cond.targets):
            keys.append(("plan", cond.id, ""))
    return keys


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
    policy = consultation.policy
    by_conclusion: dict[Key, list[Rule]] = {}
    for rule in rules:
        for action in rule.then:
            by_conclusion.setdefault(conclusion_key(action), []).append(rule)
    conditions = {cond.id: cond for cond in policy.plan_conditions}
    open_conclusions = _open_conclusions(bounds, policy)

    # Backwards: which undecided readers (rules, plan conditions) can move an
    # open conclusion, and what they read.
    queue: list[tuple[str, Any, bool]] = []

    def add_rules(found: list[Rule]) -> None:
        queue.extend((r.id, branches[r.id], bounds.exact(r.id)) for r in found)

    for kind, target, value in open_conclusions:
        if kind == "plan":
            queue.append((target, conditions[target].branches, False))
        elif kind == "contest" or (kind == "fact" and bounds.single(target)):
            add_rules(bounds.writers.get(target, []))
        elif kind == "conflict":
            add_rules(by_conclusion.get(("recommendation", target, ""), []))
            add_rules(by_conclusion.get(("recommendation", value, ""), []))
        else:
            add_rules(by_conclusion.get((kind, target, value), []))
    needed: set[str] = set()
    waiting: dict[str, list[str]] = {}
    seen_facts: set[str] = set()
    while queue:
        reader, reader_branches, exact = queue.pop()
        if reader in needed or exact:
            continue
        needed.add(reader)
        for branch in reader_branches:
            for literal in branch:
                name = literal.fact
                if bounds.open_question(name):
                    if reader not in waiting.setdefault(name, []):
                        waiting[name].append(reader)
                elif name not in bounds.questions and name not in seen_facts and name not in consultation.answers:
                    # a stated fact is settled: the rules that would infer it cannot move it
                    seen_facts.add(name)
                    add_rules(bounds.writers.get(name, []))
    rank = {q: i for i, q in enumerate(question_order)}
    questions = sorted(waiting, key=lambda q: (-len(waiting[q]), rank[q]))
    return Relevance(questions, {q: sorted(waiting[q]) for q in questions}, sorted(open_conclusions, key=str))
