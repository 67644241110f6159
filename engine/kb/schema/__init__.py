"""Pydantic v2 models of every YAML file in a knowledge base.

All models are strict (no silent type coercion) and reject unknown keys, so a
misspelt key is an error rather than an ignored line.
"""

from gvc_advisor.engine.kb.schema.base import SourceRef, StrictModel
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
from gvc_advisor.engine.kb.schema.files import FILE_MODELS, KbFile
from gvc_advisor.engine.kb.schema.questions import Choice, Help, Question, QuestionType
from gvc_advisor.engine.kb.schema.rules import Action, Rule

__all__ = [
    "FILE_MODELS",
    "Action",
    "AllOf",
    "AnyOf",
    "CaseExpectation",
    "Choice",
    "Condition",
    "DerivedFact",
    "FactTest",
    "FactValue",
    "GlossaryEntry",
    "Help",
    "KbFile",
    "KbMeta",
    "NotOf",
    "Question",
    "QuestionType",
    "Recommendation",
    "Rule",
    "Source",
    "SourceRef",
    "StrictModel",
    "TrainingNotes",
    "WarningSpec",
    "WorkedCase",
]
