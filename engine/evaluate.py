"""Evaluate literals against a finished consultation (outside experta).

Used to explain *why not* and to decide which questions are still relevant.
The experta engine itself never calls this: it matches the same literals in
its Rete network (see :mod:`gvc_advisor.engine.rete.compiler`).
"""

from __future__ import annotations

from typing import Any

from gvc_advisor.engine.result import Consultation
from gvc_advisor.engine.rete.normalize import Branch, Literal, matches


def candidates(consultation: Consultation, fact: str) -> list[tuple[Any, float]]:
    """The values rules see: the declared values of a derived fact (only the
    winner of a single-valued one) or the answer, with their cf."""
    if fact in consultation.facts:
        return consultation.established(fact)
    answer = consultation.answers.get(fact)
    if answer is not None and answer.cf >= consultation.threshold:
        return [(answer.value, answer.cf)]
    return []


def literal_value(literal: Literal, consultation: Consultation) -> tuple[bool, float]:
    """(holds, cf) for a literal on final facts; cf is 1.0 for unweighted literals."""
    found = [cf for value, cf in candidates(consultation, literal.fact)
             if matches(literal.operator, literal.operand, value)]
    if literal.positive:
        if not found:
            return False, 0.0
        return True, max(found) if literal.weighted else 1.0
    return (not found), 1.0


def holds(branches: list[Branch] | tuple[Branch, ...], consultation: Consultation) -> bool:
    """Does a condition (in normal form) hold on the final facts?"""
    return any(all(literal_value(lit, consultation)[0] for lit in branch) for branch in branches)
