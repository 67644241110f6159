"""Validation models of questions (pydantic); the runtime records are in
:mod:`gvc_advisor.engine.kb.schema.questions`."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, model_validator

from gvc_advisor.engine.kb.schema.questions import QuestionType
from gvc_advisor.engine.kb.schema.validation.base import Identifier, NonEmptyText, StrictModel


class Choice(StrictModel):
    value: Identifier
    label: NonEmptyText


class Help(StrictModel):
    """Help text shown beside a question: meaning, relevance, examples."""

    meaning: NonEmptyText
    why: NonEmptyText
    examples: list[NonEmptyText] = Field(default_factory=list)


class Question(StrictModel):
    id: Identifier
    topic: Identifier
    text: NonEmptyText
    #: The question named in a reason or a condition ("cost pressure: yes"); default: the id in words.
    short: NonEmptyText | None = None
    help: Help
    type: Annotated[QuestionType, Field(strict=False)]
    choices: list[Choice] = Field(default_factory=list)
    min: int | None = None
    max: int | None = None
    unit: str | None = None

    @model_validator(mode="after")
    def _shape_matches_type(self) -> Question:
        numeric = self.type in (QuestionType.INTEGER, QuestionType.PERCENT)
        if self.type is QuestionType.CHOICE and len(self.choices) < 2:
            raise ValueError("a choice question needs at least two 'choices'")
        if self.type is not QuestionType.CHOICE and self.choices:
            raise ValueError(f"'choices' are only allowed on choice questions, not {self.type.value}")
        if not numeric and (self.min is not None or self.max is not None):
            raise ValueError("'min'/'max' are only allowed on integer and percent questions")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(f"'min' ({self.min}) is greater than 'max' ({self.max})")
        values = [c.value for c in self.choices]
        if len(set(values)) != len(values):
            raise ValueError("choice values must be unique")
        return self
