"""Evaluate literals against a finished consultation (outside experta).

Used to explain *why not* and to decide which questions are still relevant.
The experta engine itself never calls this: it matches the same literals in
its Rete network (see :mod:`gvc_advisor.engine.rete.compiler`).
"""

from __future__ import annotations

from typing import Any

from gvc_advisor.engine.result import Consultation
from gvc_advisor.engine.rete.normalize import Literal, matches


def candidates(consultation: Consultation, fact: str) -> list[tuple[Any, float]]:
    """Established values of an answer or derived fact, with their cf."""
    threshold = consultation.threshold
    if fact in consultation.facts:
        return [(v, c.cf) for v, c in consultation.facts[fact].items() if c.cf >= threshold]
    answer = consultation.answers.get(fact)
    if answer is not None and answer.cf >= threshold:
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
