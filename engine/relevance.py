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

from gvc_advisor.engine.certainty import PRECISION, combine
from gvc_advisor.engine.kb.schema import Rule
from gvc_advisor.engine.policy import EPSILON
from gvc_advisor.engine.relevance_plan import ConditionPlan, Key, RelevancePlan, RulePlan
from gvc_advisor.engine.result import Consultation
from gvc_advisor.engine.rete.normalize import Branch

Interval = tuple[float, float]  # (low, high); low 0 means "may not hold"
NEVER = None
_UNKNOWN: Any = object()  # a literal's bounds not worked out yet
_OPEN: Interval = (0.0, 1.0)
_NO_BOUNDS: tuple[Interval, bool, bool] = ((0.0, 0.0), False, False)


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
    """Interval evaluation of every rule and conclusion for one consultation
    (the knowledge base's part prepared once in a :class:`RelevancePlan`)."""

    def __init__(self, plan: RelevancePlan, consultation: Consultation, skipped: frozenset[str]) -> None:
        self.plan = plan
        self.c = consultation
        self.answers = consultation.answers
        self.policy = consultation.policy
        self.threshold = consultation.threshold
        self.questions = plan.questions
        self.open = {q for q in plan.question_order if q not in self.answers and q not in skipped}
        self.premise: dict[str, Interval | None] = {}
        self.contributions: list[list[Interval]] = [[] for _ in plan.keys]
        self.fact_values: dict[str, dict[Any, Interval]] = {}
        self._declared: dict[str, dict[Any, tuple[Interval, bool, bool]]] = {}
        self._bounds: list[Interval | None] = [None] * len(plan.keys)
        self._literal: list[Any] = [_UNKNOWN] * len(plan.literals)

    # -- literals ---------------------------------------------------------------
    def open_question(self, name: str) -> bool:
        return name in self.open

    def _values(self, name: str) -> dict[Any, Interval]:
        """Certainty bounds of each possible value of an answer or derived fact."""
        answer = self.answers.get(name)
        if answer is not None:
            return {answer.value: (answer.cf, answer.cf)}
        if name in self.questions:
            return {}
        return self.fact_values.get(name, {})

    def single(self, name: str) -> bool:
        return name in self.policy.single and name not in self.answers

    def _strength(self, fact: str, value: Any, cf: float) -> tuple[float, int]:
        """How the engine ranks a fact's values: by certainty (rounded), then in declared order."""
        return round(cf, PRECISION), -self.policy.value_rank(fact, value)

    def declared(self, name: str) -> dict[Any, tuple[Interval, bool, bool]]:
        """Each value's bounds, whether it is surely declared, whether maybe
        (memoised: a fact's values are final once the rules concluding it ran)."""
        found = self._declared.get(name)
        if found is None:
            found = self._declared[name] = self._declare(name)
        return found

    def _declare(self, name: str) -> dict[Any, tuple[Interval, bool, bool]]:
        values, t = self._values(name), self.threshold
        single = len(values) > 1 and self.single(name)
        out = {}
        if single:  # each value's strength at its lowest and at its highest
            low = {v: self._strength(name, v, lo) for v, (lo, _) in values.items()}
            high = {v: self._strength(name, v, hi) for v, (_, hi) in values.items()}
        for v, (lo, hi) in values.items():
            surely, maybe = lo >= t, hi >= t
            if single:
                others = [u for u in values if u != v]
                surely = surely and all(low[v] > high[u] for u in others)
                maybe = maybe and not any(low[u] > high[v] for u in others)
            out[v] = ((lo, hi), surely, maybe)
        return out

    def literal(self, number: int) -> Interval | None:
        """The bounds of literal ``number`` (memoised until its fact is settled)."""
        found = self._literal[number]
        if found is _UNKNOWN:
            found = self._literal[number] = self._evaluate(number)
        return found

    def _evaluate(self, number: int) -> Interval | None:
        test = self.plan.literals[number]
        if test.fact in self.open:
            return _OPEN
        surely_low: float | None = None  # the highest low end of a surely declared match
        maybe_high: float | None = None  # the highest high end of a maybe declared match
        for value, ((lo, hi), surely, maybe) in self.declared(test.fact).items():
            if (surely or maybe) and test.matches(value):
                if surely and (surely_low is None or lo > surely_low):
                    surely_low = lo
                if maybe and (maybe_high is None or hi > maybe_high):
                    maybe_high = hi
        if test.positive:
            if maybe_high is None:
                return NEVER
            if not test.weighted:
                return (0.0 if surely_low is None else 1.0), 1.0
            return (0.0 if surely_low is None else surely_low), maybe_high
        if surely_low is not None:
            return NEVER
        return (1.0, 1.0) if maybe_high is None else _OPEN

    def premise_of(self, branches: tuple[tuple[int, ...], ...]) -> Interval | None:
        best: Interval | None = NEVER
        known = self._literal
        for branch in branches:
            low, high = 1.0, 1.0
            for number in branch:
                iv = known[number]
                if iv is _UNKNOWN:
                    iv = self.literal(number)
                if iv is NEVER:
                    break
                if iv[0] < low:
                    low = iv[0]
                if iv[1] < high:
                    high = iv[1]
            else:
                best = (low, high) if best is NEVER else (max(best[0], low), max(best[1], high))
        return best

    # -- forward pass -------------------------------------------------------------
    def run(self) -> None:
        plan, answers = self.plan, self.answers
        stated = {n for n in answers if n not in self.questions}
        for name in stated:
            self.fact_values[name] = {answers[name].value: (answers[name].cf,) * 2}
        contributions, premises, premise_of = self.contributions, self.premise, self.premise_of
        for rule in plan.rules:
            premise = premises[rule.id] = premise_of(rule.branches)
            if premise is not NEVER:
                low, high = premise
                for number, cf, sets in rule.actions:
                    if sets is None or sets not in stated:
                        a, b = round(cf * low, PRECISION), round(cf * high, PRECISION)  # conclude()
                        contributions[number].append((min(a, b), max(a, b)))
            for fact in rule.finishes:
                if fact not in stated:
                    # every rule concluding this fact has run: its bounds are final
                    self.fact_values[fact] = {value: self.bounds(number) for value, number in plan.fact_keys[fact]}
                    self._declared.pop(fact, None)
                    for number in plan.literals_of.get(fact, ()):
                        self._literal[number] = _UNKNOWN

    def bounds(self, number: int) -> Interval:
        """The bounds of conclusion ``number``: call once its rules have all run."""
        found = self._bounds[number]
        if found is None:
            parts = self.contributions[number]
            if not parts:
                found = (0.0, 0.0)  # combine([]), the certainty of no evidence
            elif len(parts) == 1:  # combine([x]), without sorting
                lo, hi = parts[0]
                found = (round(lo, PRECISION) if lo else 0.0), (round(hi, PRECISION) if hi else 0.0)
            else:
                found = combine([lo for lo, _ in parts]), combine([hi for _, hi in parts])
            self._bounds[number] = found
        return found

    def key_bounds(self, key: Key) -> Interval:
        number = self.plan.key_number.get(key)
        return (0.0, 0.0) if number is None else self.bounds(number)

    def exact(self, rule_id: str) -> bool:
        premise = self.premise[rule_id]
        return premise is NEVER or premise[0] == premise[1]

    # -- decisions ----------------------------------------------------------------
    def decided(self, number: int) -> bool:
        kind, target, value = self.plan.keys[number]
        if kind == "fact" and self.single(target):
            _, surely, maybe = self.declared(target).get(value, _NO_BOUNDS)
            return surely or not maybe
        low, high = self.bounds(number)
        t = self.threshold
        if not (low >= t or high < t):
            return False
        if kind == "recommendation":
            level = self.policy.worth_considering
            return low >= level or high < level
        return True

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
        (a_lo, a_hi) = self.key_bounds(("recommendation", a, ""))
        (b_lo, b_hi) = self.key_bounds(("recommendation", b, ""))
        if a_hi < self.threshold or b_hi < self.threshold or (a_lo == a_hi and b_lo == b_hi):
            return True
        key = self.policy.rec_key
        return key(a, a_lo) < key(b, b_hi) or key(b, b_lo) < key(a, a_hi)

    def may_be_made(self, rec_ids: frozenset[str]) -> bool:
        return any(self.key_bounds(("recommendation", r, ""))[1] >= self.threshold for r in rec_ids)


def _open_conclusions(bounds: _Bounds) -> list[Key]:
    plan = bounds.plan
    keys: list[Key] = [plan.keys[n] for n in range(len(plan.keys)) if not bounds.decided(n)]
    keys += [("contest", f, "") for f in plan.single if f in bounds.fact_values
             and bounds.single(f) and not bounds.contest_decided(f)]
    keys += [("conflict", a, b) for a, b in plan.conflict_pairs if not bounds.conflict_decided(a, b)]
    for cond in plan.conditions:
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
    """Relevance of unanswered questions; ``skipped`` ones count as answered "don't know".

    Prepares the knowledge base's part on every call: an interview keeps a
    :class:`RelevancePlan` and calls :func:`analyse_with`."""
    plan = RelevancePlan(rules, branches, rule_strata, question_order, consultation.policy)
    return analyse_with(plan, consultation, skipped)


def analyse_with(plan: RelevancePlan, consultation: Consultation,
                 skipped: frozenset[str] = frozenset()) -> Relevance:
    """:func:`analyse`, with the knowledge base's part prepared once."""
    bounds = _Bounds(plan, consultation, skipped)
    bounds.run()
    open_conclusions = _open_conclusions(bounds)

    # Backwards: which undecided readers (rules, plan conditions) can move an
    # open conclusion, and what they read.
    queue: list[RulePlan | ConditionPlan] = []
    add_rules = queue.extend

    for kind, target, value in open_conclusions:
        if kind == "plan":
            queue.append(plan.condition_by_id[target])
        elif kind == "contest" or (kind == "fact" and bounds.single(target)):
            add_rules(plan.writers.get(target, []))
        elif kind == "conflict":
            add_rules(plan.by_conclusion.get(("recommendation", target, ""), []))
            add_rules(plan.by_conclusion.get(("recommendation", value, ""), []))
        else:
            add_rules(plan.by_conclusion.get((kind, target, value), []))
    seen: set[str] = set()  # readers looked at: needed, or rules with an exact premise
    waiting: dict[str, dict[str, None]] = {}
    seen_facts: set[str] = set()
    questions, answers, open_questions = plan.questions, consultation.answers, bounds.open
    while queue:
        reader = queue.pop()
        if reader.id in seen:
            continue
        seen.add(reader.id)
        if type(reader) is RulePlan and bounds.exact(reader.id):
            continue  # a rule whose premise is exact cannot move anything
        for name in reader.reads:
            if name in open_questions:
                waiting.setdefault(name, {})[reader.id] = None
            elif name not in questions and name not in seen_facts and name not in answers:
                # a stated fact is settled: the rules that would infer it cannot move it
                seen_facts.add(name)
                add_rules(plan.writers.get(name, []))
    rank = plan.rank
    ordered = sorted(waiting, key=lambda q: (-len(waiting[q]), rank[q]))
    return Relevance(ordered, {q: sorted(waiting[q]) for q in ordered}, sorted(open_conclusions, key=str))
