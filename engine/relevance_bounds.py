"""The interval evaluation behind the relevance analysis (see :mod:`relevance`).

For one consultation, :class:`Bounds` works out the certainty bounds of every
literal, rule premise and conclusion, over every way the open questions might
still be answered.  The knowledge base's part is prepared once
(:class:`~gvc_advisor.engine.relevance_plan.RelevancePlan`).

An interview changes one answer at a time, and most of the rules read none of
it: given the bounds of the previous step, only the rules that read a changed
question, or a derived fact whose values moved, are evaluated again; every
other premise, interval and bound is taken over as it was.  Every quantity is
a function of what it reads, and what it reads did not change, so the result
is the one a full evaluation gives (tests/test_relevance_incremental.py
compares the two along random interviews).  A change of a stated fact (which
overrides rules' conclusions) is evaluated in full.
"""

from __future__ import annotations

from heapq import heappop, heappush
from typing import Any

from gvc_advisor.engine.certainty import PRECISION, combine
from gvc_advisor.engine.kb.answers import Answer
from gvc_advisor.engine.policy import EPSILON
from gvc_advisor.engine.relevance_plan import Key, RelevancePlan
from gvc_advisor.engine.result import Consultation

Interval = tuple[float, float]  # (low, high); low 0 means "may not hold"
NEVER = None
_UNKNOWN: Any = object()  # not worked out yet
_OPEN: Interval = (0.0, 1.0)
_NO_BOUNDS: tuple[Interval, bool, bool] = ((0.0, 0.0), False, False)


def _same_answer(a: Answer | None, b: Answer | None) -> bool:
    return a is b or (a is not None and b is not None and type(a.value) is type(b.value)
                      and a.value == b.value and a.cf == b.cf)


class Bounds:
    """Interval evaluation of every rule and conclusion for one consultation."""

    def __init__(self, plan: RelevancePlan, consultation: Consultation, skipped: frozenset[str],
                 previous: Bounds | None = None) -> None:
        self.plan = plan
        self.answers = consultation.answers
        self.policy = consultation.policy
        self.threshold = consultation.threshold
        self.questions = plan.questions
        self.open = {q for q in plan.question_order if q not in self.answers and q not in skipped}
        self.stated = {n: a for n, a in self.answers.items() if n not in self.questions}
        #: Each rule's premise, and the interval each of its actions contributes (None: nothing).
        self.premise: list[Interval | None] = [NEVER] * len(plan.rules)
        self.intervals: list[tuple[Interval | None, ...]] = [()] * len(plan.rules)
        self.fact_values: dict[str, dict[Any, Interval]] = {}
        self._declared: dict[str, dict[Any, tuple[Interval, bool, bool]]] = {}
        self._bounds: list[Interval | None] = [None] * len(plan.keys)
        self._literal: list[Any] = [_UNKNOWN] * len(plan.literals)
        changed = self._changed_questions(previous)
        if changed is None:
            self._run_all()
        else:
            assert previous is not None
            self._run_changes(previous, changed)

    def _changed_questions(self, previous: Bounds | None) -> set[str] | None:
        """The questions answered, skipped or reopened since ``previous`` (None: evaluate all)."""
        if previous is None or previous.plan is not self.plan or previous.threshold != self.threshold \
                or previous.policy is not self.policy or previous.stated.keys() != self.stated.keys() \
                or not all(_same_answer(a, previous.stated[n]) for n, a in self.stated.items()):
            return None
        answers, before = self.answers, previous.answers
        changed = self.open ^ previous.open
        changed.update(q for q in answers.keys() | before.keys()
                       if q in self.questions and not _same_answer(answers.get(q), before.get(q)))
        return changed

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
    def _run_all(self) -> None:
        """Every rule, in stratum order (writers of a fact before its readers)."""
        plan, answers, stated = self.plan, self.answers, self.stated
        for name in stated:
            self.fact_values[name] = {answers[name].value: (answers[name].cf,) * 2}
        for rule in plan.rules:
            i = rule.index
            premise = self.premise[i] = self.premise_of(rule.branches)
            self.intervals[i] = self._contributions(rule.actions, premise)
            for fact in rule.finishes:
                if fact not in stated:
                    self._settle(fact)

    def _settle(self, fact: str) -> dict[Any, Interval]:
        """The final bounds of a derived fact's values, once every rule concluding it ran."""
        values = self.fact_values[fact] = {value: self.bounds(number) for value, number in self.plan.fact_keys[fact]}
        self._declared.pop(fact, None)
        for number in self.plan.literals_of.get(fact, ()):
            self._literal[number] = _UNKNOWN
        return values

    def _run_changes(self, previous: Bounds, changed: set[str]) -> None:
        """Only the rules that read a changed question or fact, in stratum order; the
        rest is taken over from ``previous`` (same stated facts, same knowledge base)."""
        plan, stated = self.plan, self.stated
        self.premise, self.intervals = list(previous.premise), list(previous.intervals)
        self.fact_values = dict(previous.fact_values)
        self._bounds = list(previous._bounds)
        # (position, 0, rule) evaluates a rule; (position, 1, fact) settles a fact after its last writer
        events: list[tuple[int, int, Any]] = []
        queued: set[tuple[int, Any]] = set()

        def queue(position: int, kind: int, item: Any) -> None:
            if (position, item) not in queued:
                queued.add((position, item))
                heappush(events, (position, kind, item))

        for name in changed:
            for position in plan.readers_of.get(name, ()):
                queue(position, 0, position)
        while events:
            position, kind, item = heappop(events)
            if kind == 0:
                rule = plan.rules[item]
                premise = self.premise[item] = self.premise_of(rule.branches)
                intervals = self.intervals[item] = self._contributions(rule.actions, premise)
                if intervals != previous.intervals[item]:
                    for number, _, _ in rule.actions:
                        self._bounds[number] = None  # worked out again when asked for
                    for fact in rule.sets:
                        queue(plan.last_writer[fact], 1, fact)
            elif item not in stated and self._settle(item) != previous.fact_values[item]:
                for reader in plan.readers_of.get(item, ()):
                    queue(reader, 0, reader)

    def _contributions(self, actions: tuple[tuple[int, float, str | None], ...],
                       premise: Interval | None) -> tuple[Interval | None, ...]:
        """What each action contributes to its conclusion: cf × premise, at both ends;
        nothing when the premise never holds or the action concludes a stated fact."""
        if premise is NEVER:
            return (None,) * len(actions)
        low, high = premise
        found: list[Interval | None] = []
        for _, cf, sets in actions:
            if sets is not None and sets in self.stated:
                found.append(None)
            else:
                a, b = round(cf * low, PRECISION), round(cf * high, PRECISION)  # conclude()
                found.append((min(a, b), max(a, b)))
        return tuple(found)

    def bounds(self, number: int) -> Interval:
        """The bounds of conclusion ``number``: call once its rules have all run."""
        found = self._bounds[number]
        if found is None:
            intervals = self.intervals
            parts = [iv for iv in (intervals[i][j] for i, j in self.plan.key_writers[number]) if iv is not None]
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
        premise = self.premise[self.plan.by_id[rule_id].index]
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
