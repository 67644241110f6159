"""The diagnosis part of the advice: each derived fact, its alternatives, and
contested diagnoses with what would settle them (see :mod:`advice`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from gvc_advisor.engine.i18n import _
from gvc_advisor.engine.kb.model import DIMENSIONS, KnowledgeBase
from gvc_advisor.engine.kb.rule_graph import reads
from gvc_advisor.engine.kb.schema.rules import SetFact
from gvc_advisor.engine.result import Consultation, Contest


@dataclass(frozen=True)
class ValueOption:
    """One value of a fact with its certainty and the rules behind it."""

    value: Any
    label: str
    cf: float
    rules: tuple[str, ...]


@dataclass(frozen=True)
class Contested:
    """The runner-up is within the contested margin of the declared value."""

    runner_up: ValueOption
    margin: float
    #: How a tie was broken (None when the winner is strictly stronger).
    tie_break: str | None
    #: Unanswered questions that feed the rules for either value, question-bank order.
    settle_questions: tuple[str, ...]
    #: Questions answered "unsure" that feed those rules (a firm answer helps).
    unsure_answers: tuple[str, ...]
    #: Whether a consultant may settle it by stating the fact directly.
    can_state: bool
    #: The whole contest in one paragraph, naming both values and their evidence.
    message: str


@dataclass(frozen=True)
class DiagnosisItem:
    fact: str
    label: str
    single: bool
    origin: str  # stated | derived | undetermined
    #: The declared value(s), best first: one for a single-valued fact.
    declared: tuple[ValueOption, ...]
    #: Established values of a single-valued fact that lost, best first.
    alternatives: tuple[ValueOption, ...]
    tie_break: str | None
    contested: Contested | None

    @property
    def value(self) -> Any:
        return self.declared[0].value if self.declared else None

    @property
    def cf(self) -> float | None:
        return self.declared[0].cf if self.declared else None


def _option(kb: KnowledgeBase, c: Consultation, fact: str, value: Any, cf: float) -> ValueOption:
    conclusion = c.facts.get(fact, {}).get(value)
    rules = tuple(conclusion.rule_ids) if conclusion is not None else ()
    return ValueOption(value, kb.value_label(fact, value), cf, rules)


def _tie_text(kb: KnowledgeBase, fact: str, winner: Any, runner_up: Any) -> str:
    return _("{winner} and {runner_up} are equally certain; the tie went to {winner}, listed first in the "
             "knowledge base's values of {fact}", winner=kb.value_label(fact, winner),
             runner_up=kb.value_label(fact, runner_up), fact=kb.label(fact))


def settling_questions(kb: KnowledgeBase, c: Consultation, fact: str, values: set[Any]) -> tuple[list[str], list[str]]:
    """(unanswered, answered unsure) questions read by the rules concluding
    ``fact`` = one of ``values``, directly or through the facts they read."""
    writers: dict[str, list] = {}
    for rule in kb.rules:
        for action in rule.then:
            if isinstance(action, SetFact):
                writers.setdefault(action.set, []).append((rule, action.to))
    seen, questions, todo = {fact}, set(), [r for r, to in writers.get(fact, []) if to in values]
    while todo:
        rule = todo.pop()
        for name in reads(rule):
            if name in kb.questions:
                questions.add(name)
            elif name not in seen and name not in c.answers:
                seen.add(name)
                todo.extend(r for r, _value in writers.get(name, []))
    order = list(kb.questions)
    open_ = sorted((q for q in questions if q not in c.answers), key=order.index)
    unsure = sorted((q for q in questions if q in c.answers and c.answers[q].unsure), key=order.index)
    return open_, unsure


def _contested(kb: KnowledgeBase, c: Consultation, contest: Contest, winner: ValueOption) -> Contested:
    fact = contest.fact
    runner = _option(kb, c, fact, contest.runner_up, contest.runner_up_cf)
    open_, unsure = settling_questions(kb, c, fact, {contest.winner, contest.runner_up})
    can_state = kb.facts[fact].statable
    tie = _tie_text(kb, fact, contest.winner, contest.runner_up) if contest.tie else None

    def evidence(option: ValueOption) -> str:
        return _("{value} ({cf}; rules {rules})", value=option.label, cf=f"{option.cf:.2f}",
                 rules=", ".join(option.rules) or _("none"))

    def then(text: str, more: str) -> str:  # one sentence after another, spaced as the language spaces them
        return _("{text} {more}", text=text, more=more)

    settle = [_('answer "{question}"', question=kb.questions[q].text) for q in open_[:3]]
    settle += [_('confirm the unsure answer to "{question}"', question=kb.questions[q].text) for q in unsure[:2]]
    if can_state:
        settle.append(_('state "{fact}" directly if you know it', fact=kb.label(fact)))
    message = _("{fact} is contested: {winner} against {runner_up}, within the margin of {margin}. The advice "
                "rests on {value}; treat it with care.", fact=kb.label(fact), winner=evidence(winner),
                runner_up=evidence(runner), margin=f"{c.policy.contested_margin:.2f}", value=winner.label)
    if tie:
        message = then(message, _("{tie}.", tie=f"{tie[0].upper()}{tie[1:]}"))
    message = then(message, _("To settle it: {steps}.", steps=_("; or ").join(settle)) if settle
                   else _("No question left in the knowledge base can settle it."))
    return Contested(runner, c.policy.contested_margin, tie, tuple(open_), tuple(unsure), can_state, message)


def diagnosis_item(kb: KnowledgeBase, c: Consultation, fact: str) -> DiagnosisItem:
    spec = kb.facts[fact]
    declared = tuple(_option(kb, c, fact, v, cf) for v, cf in c.established(fact))
    alternatives = tuple(_option(kb, c, fact, v, cf) for v, cf in c.alternatives(fact))
    origin = "stated" if c.is_stated(fact) else ("derived" if declared else "undetermined")
    tie_break = None
    if declared and alternatives and round(declared[0].cf, 6) == round(alternatives[0].cf, 6):
        tie_break = _tie_text(kb, fact, declared[0].value, alternatives[0].value)
    contest = c.contest(fact)
    contested = _contested(kb, c, contest, declared[0]) if contest is not None else None
    return DiagnosisItem(fact, spec.label, spec.single, origin, declared, alternatives, tie_break, contested)


def diagnosis(kb: KnowledgeBase, c: Consultation) -> tuple[DiagnosisItem, ...]:
    """Every derived fact: the three dimensions first, then the others in catalogue order."""
    names = [d for d in DIMENSIONS if d in kb.facts] + [f for f in kb.facts if f not in DIMENSIONS]
    return tuple(diagnosis_item(kb, c, name) for name in names)
