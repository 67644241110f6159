"""The knowledge base as the engine reads it: runtime records (no pydantic).

Every YAML file is validated by the pydantic models of
:mod:`gvc_advisor.engine.kb.schema.validation`, then turned into these records:
same names, fields and methods, but plain immutable objects, so that a
knowledge base read back from the cache never imports pydantic (see
:mod:`gvc_advisor.engine.kb.schema.base`).
"""

from gvc_advisor.engine.kb.schema.base import RECORDS, SourceRef
from gvc_advisor.engine.kb.schema.catalog import (
    CaseExpectation,
    DerivedFact,
    FactValue,
    GlossaryEntry,
    KbMeta,
    Recommendation,
    Source,
    TrainingNotes,
    WarningSpec,
    WorkedCase,
)
from gvc_advisor.engine.kb.schema.conditions import (
    AllOf,
    AnyOf,
    Condition,
    FactTest,
    NotOf,
)
from gvc_advisor.engine.kb.schema.plan import ChoiceGroup, UrgencyRule
from gvc_advisor.engine.kb.schema.questions import Choice, Help, Question, QuestionType
from gvc_advisor.engine.kb.schema.rules import Action, Rule

__all__ = [
    "RECORDS",
    "Action",
    "AllOf",
    "AnyOf",
    "CaseExpectation",
    "Choice",
    "ChoiceGroup",
    "Condition",
    "DerivedFact",
    "FactTest",
    "FactValue",
    "GlossaryEntry",
    "Help",
    "KbMeta",
    "NotOf",
    "Question",
    "QuestionType",
    "Recommendation",
    "Rule",
    "Source",
    "SourceRef",
    "TrainingNotes",
    "UrgencyRule",
    "WarningSpec",
    "WorkedCase",
]
