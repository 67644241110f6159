"""Worked cases as consultations, for the report tests (shipped knowledge base)."""

from __future__ import annotations

import datetime as dt
from functools import cache

from gvc_advisor.engine.engines import engine_for
from gvc_advisor.engine.kb.answers import answers_from_mapping
from gvc_advisor.engine.kb.loader import default_kb_root, load_knowledge_base
from gvc_advisor.engine.kb.model import KnowledgeBase
from gvc_advisor.engine.result import Consultation

#: The date printed on every test report, so that the bytes do not change daily.
DATE = dt.date(2025, 1, 31)
DETAILS = "## The strategies in detail"


@cache
def shipped() -> KnowledgeBase:
    return load_knowledge_base(default_kb_root())


def case_ids() -> list[str]:
    return [case.id for case in shipped().cases]


def consult_case(case_id: str) -> tuple[KnowledgeBase, Consultation, str]:
    kb = shipped()
    case = next(c for c in kb.cases if c.id == case_id)
    answers, problems = answers_from_mapping(kb, case.answers, case.id)
    assert not problems, [p.format() for p in problems]
    return kb, engine_for(kb).consult(answers), case.firm


def words(text: str) -> int:
    """Words as a reader counts them: tokens with a letter or a digit (not '-', '**', '←')."""
    return sum(1 for token in text.split() if any(ch.isalnum() for ch in token))
