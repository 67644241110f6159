"""Conditions in the user's words: derived facts by their label, values by theirs."""

from __future__ import annotations

from gvc_advisor.engine.i18n import N_, _
from gvc_advisor.engine.kb.model import KnowledgeBase
from gvc_advisor.engine.rete.normalize import Literal

#: Each operator as a whole phrase (so that a translation can order its words).
_PHRASES = {"equals": N_("{fact} is {value}"), "in": N_("{fact} is {value}"),
            "not_equals": N_("{fact} is not {value}"), "not_in": N_("{fact} is not {value}"),
            "gt": N_("{fact} is more than {value}"), "ge": N_("{fact} is at least {value}"),
            "lt": N_("{fact} is less than {value}"), "le": N_("{fact} is at most {value}")}


def _question_name(kb: KnowledgeBase, name: str) -> str:
    """A question in a condition, by its short name (``supplier competence``), translated
    like every knowledge-base text."""
    return kb.questions[name].name if name in kb.questions else name.replace("_", " ")


def describe_literal(kb: KnowledgeBase, literal: Literal) -> str:
    """A literal in the user's words: derived facts by their label, values by theirs."""
    name = kb.facts[literal.fact].label if literal.fact in kb.facts else _question_name(kb, literal.fact)
    op, operand = literal.operator, literal.operand
    if op == "known":
        return _("{fact} is known", fact=name) if literal.positive else _("{fact} is not known", fact=name)
    values = operand if isinstance(operand, tuple) else (operand,)
    shown = _(" or ").join(kb.value_label(literal.fact, v) for v in values)
    text = _(_PHRASES[op], fact=name, value=shown)
    return text if literal.positive else _("it is not the case that {condition}", condition=text)
