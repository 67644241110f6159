"""Interview questions: what is asked, how it is answered, and why it matters."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import Field, model_validator

from gvc_advisor.engine.kb.schema.base import Identifier, NonEmptyText, StrictModel


class QuestionType(StrEnum):
    """The answer widget and validation a question needs."""

    CHOICE = "choice"
    YESNO = "yesno"
    INTEGER = "integer"
    PERCENT = "percent"


class Choice(StrictModel):
    value: Identifier
    label: NonEmptyText


class Help(StrictModel):
    """Help text shown beside a question: meaning, relevance, examples."""

    meaning: NonEmptyText
    why: NonEmptyText
    examples: list[NonEmptyText] = Field(default_factory=list)


YESNO_CHOICES = (Choice(value="yes", label="Yes"), Choice(value="no", label="No"))


class Question(StrictModel):
    id: Identifier
    topic: Identifier
    text: NonEmptyText
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

    @property
    def allowed_values(self) -> tuple[str, ...]:
        """The values a categorical question accepts (empty for numbers)."""
        if self.type is QuestionType.YESNO:
            return ("yes", "no")
        return tuple(c.value for c in self.choices)

    @property
    def bounds(self) -> tuple[int, int] | None:
        """Inclusive numeric range, or None for categorical questions."""
        if self.type is QuestionType.PERCENT:
            return (0 if self.min is None else self.min, 100 if self.max is None else self.max)
        if self.type is QuestionType.INTEGER:
            return (0 if self.min is None else self.min, 10**9 if self.max is None else self.max)
        return None

    def label_of(self, value: object) -> str:
        """Human label of an answer value."""
        if self.type is QuestionType.YESNO:
            return {"yes": "Yes", "no": "No"}.get(str(value), str(value))
        for choice in self.choices:
            if choice.value == value:
                return choice.label
        if self.type is QuestionType.PERCENT:
            return f"{value} %"
        return f"{value}{' ' + self.unit if self.unit else ''}"
