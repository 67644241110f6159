"""The shape of an answers file, for one knowledge base, as a pydantic model.

An answers file (``gvc-advisor advise ANSWERS.yaml``) maps question ids, and
the ids of facts that may be stated directly, to a value: plain, or as
``{value: V, unsure: true}`` / ``{value: V, certainty: C}``.  The allowed
values depend on the knowledge base, so the model is built from its questions
and facts; ``gvc-advisor schema --kind answers-file`` prints its JSON Schema
for editors.  :mod:`engine.kb.answers` stays the authority when a file is
read (it reports every problem with its line and column); the schema is an
editor aid that accepts exactly the files that module accepts, except that
numbers must be written as numbers.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, create_model

from gvc_advisor.engine.kb.schema.catalog import DerivedFact
from gvc_advisor.engine.kb.schema.questions import Question, QuestionType

_FORBID = ConfigDict(extra="forbid")
Certainty = Annotated[float, Field(gt=0.0, le=1.0, description="How sure the answer is, above 0 and at most 1.")]


def _value_type(question: Question | None, fact: DerivedFact | None) -> Any:
    """The plain value: a number in range, or one of the allowed ids."""
    if question is not None and question.bounds is not None:
        low, high = question.bounds
        return Annotated[int, Field(ge=low, le=high)]
    values = question.allowed_values if question is not None else fact.allowed_values  # type: ignore[union-attr]
    plain: Any = Literal[tuple(values)]  # type: ignore[valid-type]
    if question is not None and question.type is QuestionType.YESNO:
        return plain | bool  # YAML reads an unquoted yes/no as a boolean; both are accepted
    return plain


def _describe(question: Question | None, fact: DerivedFact | None) -> str:
    if question is not None:
        if question.bounds is not None:
            unit = " %" if question.type is QuestionType.PERCENT else (f" {question.unit}" if question.unit else "")
            return f"{question.text} ({question.bounds[0]} to {question.bounds[1]}{unit}; topic {question.topic})"
        choices = "; ".join(f"{v} = {question.label_of(v)}" for v in question.allowed_values)
        return f"{question.text} ({choices}; topic {question.topic})"
    assert fact is not None
    choices = "; ".join(f"{v.value} = {v.label}" for v in fact.values)
    return f"{fact.label}, stated directly: overrides inference ({choices})"


def answers_file_model(questions: Iterable[Question], facts: Iterable[DerivedFact]) -> type[BaseModel]:
    """The model of an answers file for these questions and statable facts."""
    fields: dict[str, Any] = {}
    entries = [(q.id, q, None) for q in questions]
    entries += [(f.id, None, f) for f in facts if f.statable and f.id not in {e[0] for e in entries}]
    for index, (name, question, fact) in enumerate(entries):
        plain = _value_type(question, fact)
        detailed = create_model(
            f"answer-{name}", __config__=_FORBID,
            value=(plain, ...),
            unsure=(bool, Field(False, description="true: the answer carries the knowledge base's 'unsure' "
                                                   "certainty")),
            certainty=(Certainty | None, None),
        )
        fields[f"field{index}"] = (plain | detailed, Field(None, alias=name, description=_describe(question, fact)))
    answers = create_model("Answers", __config__=ConfigDict(extra="forbid", populate_by_name=False), **fields)
    return create_model(
        "AnswersFile", __config__=_FORBID,
        firm=(str | None, Field(None, description="The firm's name, printed on the report.")),
        answers=(answers, Field(description="Question ids (or statable fact ids) and their answers.")),
    )


def _strip_null_defaults(node: Any) -> None:
    """An omitted answer is simply not given; it may not be written as null."""
    if isinstance(node, dict):
        if node.get("default", 0) is None:
            del node["default"]
        for value in node.values():
            _strip_null_defaults(value)
    elif isinstance(node, list):
        for value in node:
            _strip_null_defaults(value)


def answers_file_schema(questions: Iterable[Question], facts: Iterable[DerivedFact]) -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of an answers file, with per-question values and ranges."""
    data = answers_file_model(questions, facts).model_json_schema(by_alias=True)
    _strip_null_defaults(data["$defs"]["Answers"])
    data["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    data["title"] = "gvc-advisor answers-file"
    return data
