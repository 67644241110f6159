"""The appendix's evidence: the answers in interview order and compact derivations.

A derivation lists, for one conclusion, the rules that contributed (with
their certainty and sources) and their premises *as references*: an answer
is ``A3``, a derived fact is ``F1``.  Each derived fact is derived once, in
its own entry, before anything that refers to it; nothing is repeated, which
is what keeps the appendix short (today's trees repeat the governance subtree
under every recommendation).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from gvc_advisor.engine.kb.model import KnowledgeBase
from gvc_advisor.engine.result import Conclusion, Consultation
from gvc_advisor.services.reporting import labels
from gvc_advisor.services.reporting.model import AnswerLine, Derivation, Step, TopicAnswers
from gvc_advisor.services.reporting.references import References


def answer_lines(kb: KnowledgeBase, consultation: Consultation) -> tuple[TopicAnswers, ...]:
    """Answers grouped by topic, topics and questions in question-bank (interview) order;
    facts stated directly come last, in their own group."""
    answers = consultation.answers
    groups: dict[str, list[tuple[str, str, bool]]] = {}
    for question in kb.questions.values():
        if question.id in answers:
            groups.setdefault(question.topic, []).append((question.id, question.text, False))
    for fact in kb.facts.values():
        if fact.id in answers and fact.id not in kb.questions:
            groups.setdefault("diagnosis", []).append((fact.id, fact.label, True))
    result, number = [], 0
    for topic, entries in groups.items():
        lines = []
        for name, text, stated in entries:
            number += 1
            answer = answers[name]
            lines.append(AnswerLine(f"A{number}", name, text, kb.value_label(name, answer.value), answer.cf,
                                    stated))
        result.append(TopicAnswers(labels.topic(topic), tuple(lines)))
    return tuple(result)


class Derivations:
    """Builds the derivation entries, citing sources in reading order."""

    def __init__(self, kb: KnowledgeBase, consultation: Consultation, answers: Iterable[TopicAnswers],
                 references: References) -> None:
        self.kb, self.c, self.references = kb, consultation, references
        self.answer_refs = {line.name: line.ref for group in answers for line in group.answers}
        self.fact_refs: dict[tuple[str, Any], str] = {}

    # -- derived facts, explained once, before their first use -----------------
    def facts_for(self, conclusions: Iterable[Conclusion]) -> tuple[Derivation, ...]:
        order: list[tuple[str, Any]] = []
        for conclusion in conclusions:
            self._collect(conclusion, order)
        for number, key in enumerate(order, 1):
            self.fact_refs[key] = f"F{number}"
        return tuple(self._fact_entry(fact, value) for fact, value in order)

    def _collect(self, conclusion: Conclusion, order: list[tuple[str, Any]]) -> None:
        """Post-order walk: a fact's own premises come before it."""
        for contribution in self._used(conclusion):
            for premise in contribution.premises:
                key = (premise.fact, premise.value)
                if not premise.positive or key in order or self._is_answer(premise.fact, premise.value):
                    continue
                fact_conclusion = self.c.facts.get(premise.fact, {}).get(premise.value)
                if fact_conclusion is None:
                    continue
                order.append(key)  # placeholder: reserves the slot against cycles
                self._collect(fact_conclusion, order)
                order.remove(key)
                order.append(key)

    def _fact_entry(self, fact: str, value: Any) -> Derivation:
        conclusion = self.c.facts[fact][value]
        label = f"{self.kb.label(fact)} = {self.kb.value_label(fact, value)}"
        return Derivation(self.fact_refs[(fact, value)], label, conclusion.cf, self._steps(conclusion))

    # -- recommendations and warnings ----------------------------------------
    def entry(self, ref: str, label: str, conclusion: Conclusion) -> Derivation:
        return Derivation(ref, label, conclusion.cf, self._steps(conclusion))

    # -- shared ----------------------------------------------------------------
    @staticmethod
    def _used(conclusion: Conclusion):
        used = [c for c in conclusion.contributions if not c.overridden]
        return sorted(used, key=lambda c: (-round(c.cf, 6), c.rule_id))

    def _is_answer(self, fact: str, value: Any) -> bool:
        """A question's answer, or a fact the user stated: shown as its answer, never derived."""
        stated = self.c.facts.get(fact, {}).get(value)
        return fact not in self.c.facts or (stated is not None and stated.stated is not None)

    def _steps(self, conclusion: Conclusion) -> tuple[Step, ...]:
        steps = []
        for contribution in self._used(conclusion):
            rule = self.kb.rule(contribution.rule_id)
            premises = []
            for premise in contribution.premises:
                if not premise.positive:
                    text = premise.description
                elif self._is_answer(premise.fact, premise.value):
                    text = self.answer_refs.get(premise.fact, premise.fact)
                else:
                    text = self.fact_refs.get((premise.fact, premise.value), premise.fact)
                if text not in premises:
                    premises.append(text)
            steps.append(Step(rule.id, rule.title, contribution.cf, self.references.cite_all(rule.sources),
                              tuple(premises)))
        return tuple(steps)
