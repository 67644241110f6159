"""Conditions in the user's words: derived facts by their label, values by theirs."""

from __future__ import annotations

from gvc_advisor.engine.kb.model import KnowledgeBase
from gvc_advisor.engine.rete.normalize import Literal


def describe_literal(kb: KnowledgeBase, literal: Literal) -> str:
    """A literal in the user's words: derived facts by their label, values by theirs."""
    name = kb.facts[literal.fact].label if literal.fact in kb.facts else literal.fact.replace("_", " ")
    op, operand = literal.operator, literal.operand
    if op == "known":
        return f"{name} is {'known' if literal.positive else 'not known'}"
    values = operand if isinstance(operand, tuple) else (operand,)
    shown = " or ".join(kb.value_label(literal.fact, v) for v in values)
    words = {"equals": "is", "in": "is", "not_equals": "is not", "not_in": "is not",
             "gt": "is more than", "ge": "is at least", "lt": "is less than", "le": "is at most"}[op]
    text = f"{name} {words} {shown}"
    return text if literal.positive else f"it is not the case that {text}"
