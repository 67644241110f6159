"""Top-level shape of each YAML file.

Every file under ``knowledge_base/`` (but ``cases/``) and ``rules/`` is a
mapping of *sections*; a file may hold one or several of them.  Cases have a
file each, under ``knowledge_base/cases/``.
"""

from __future__ import annotations

from pydantic import Field

from gvc_advisor.engine.kb.schema.validation.base import StrictModel
from gvc_advisor.engine.kb.schema.validation.catalog import (
    DerivedFact,
    GlossaryEntry,
    KbMeta,
    Recommendation,
    Source,
    WarningSpec,
    WorkedCase,
)
from gvc_advisor.engine.kb.schema.validation.plan import ChoiceGroup, UrgencyRule
from gvc_advisor.engine.kb.schema.validation.questions import Question
from gvc_advisor.engine.kb.schema.validation.rules import Rule


class KbFile(StrictModel):
    """Any knowledge-base file: each section is optional."""

    kb: KbMeta | None = None
    questions: list[Question] = Field(default_factory=list)
    facts: list[DerivedFact] = Field(default_factory=list)
    rules: list[Rule] = Field(default_factory=list)
    recommendations: list[Recommendation] = Field(default_factory=list)
    warnings: list[WarningSpec] = Field(default_factory=list)
    sources: list[Source] = Field(default_factory=list)
    glossary: list[GlossaryEntry] = Field(default_factory=list)
    choice_groups: list[ChoiceGroup] = Field(default_factory=list)
    urgency: list[UrgencyRule] = Field(default_factory=list)


class CaseFile(StrictModel):
    case: WorkedCase


#: The models a JSON Schema is generated for (``gvc-advisor schema``).
FILE_MODELS = {"kb-file": KbFile, "case-file": CaseFile}
