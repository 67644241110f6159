"""Collective measures for the cluster association and local government, declared
as data (``collective_measures.yaml``) and checked against the knowledge base.

Each measure says which firms need it (recommendations they get, or a condition
in the rules' closed operator set) and the threshold at which enough firms
share the need for the cluster to act.  Nothing is evaluated as code.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from pydantic import Field, ValidationError, model_validator

from gvc_advisor.engine.errors import KnowledgeBaseError, Problem
from gvc_advisor.engine.evaluate import literal_value
from gvc_advisor.engine.explain import describe_literal
from gvc_advisor.engine.i18n import _
from gvc_advisor.engine.kb.model import KnowledgeBase
from gvc_advisor.engine.kb.rule_graph import fact_tests
from gvc_advisor.engine.kb.schema import Condition as ConditionRecord
from gvc_advisor.engine.kb.schema.catalog import Actor
from gvc_advisor.engine.kb.schema.conditions import COMPARISONS
from gvc_advisor.engine.kb.schema.validation import to_record
from gvc_advisor.engine.kb.schema.validation.base import Identifier, NonEmptyText, SourceRef, StrictModel
from gvc_advisor.engine.kb.schema.validation.conditions import Condition
from gvc_advisor.engine.kb.validation_report import problems_from_validation, suggest
from gvc_advisor.engine.kb.yaml_reader import LoadedYaml, load_yaml_file
from gvc_advisor.engine.result import Consultation
from gvc_advisor.engine.rete.normalize import Branch, dnf

DEFAULT_FILE = Path(__file__).with_name("collective_measures.yaml")


class NeededWhen(StrictModel):
    recommended: list[Identifier] = Field(default_factory=list)
    condition: Condition | None = None

    @model_validator(mode="after")
    def _something(self) -> NeededWhen:
        if not self.recommended and self.condition is None:
            raise ValueError("a measure needs 'recommended' (a list of recommendation ids), "
                             "a 'condition', or both")
        return self


class Threshold(StrictModel):
    min_firms: Annotated[int, Field(ge=1)]
    min_share: Annotated[float, Field(ge=0.0, le=1.0, strict=False)]

    def describe(self) -> str:
        return _("at least {count} firms and {share} of the firms", count=self.min_firms,
                 share=f"{self.min_share:.0%}")

    def met(self, firms: int, total: int) -> bool:
        return total > 0 and firms >= self.min_firms and firms / total >= self.min_share


class Measure(StrictModel):
    id: Identifier
    title: NonEmptyText
    summary: NonEmptyText
    actions: list[NonEmptyText] = Field(min_length=1)
    actors: list[Annotated[Actor, Field(strict=False)]] = Field(min_length=1)
    needed_when: NeededWhen
    threshold: Threshold
    sources: list[SourceRef] = Field(min_length=1)


class MeasuresFile(StrictModel):
    measures: list[Measure]  # may be empty: a roll-up without collective measures


class CollectiveMeasures:
    """The measures of one file, checked against one knowledge base, ready to evaluate."""

    def __init__(self, measures: list[Measure], source: str) -> None:
        self.measures = measures
        self.source = source
        self._branches: dict[str, list[Branch]] = {
            m.id: dnf(to_record(m.needed_when.condition)) for m in measures if m.needed_when.condition is not None
        }

    def condition_text(self, kb: KnowledgeBase, measure: Measure) -> str | None:
        """The measure's condition in words (alternatives joined by 'or'), None without one."""
        branches = self._branches.get(measure.id)
        if not branches:
            return None
        parts = [_(" and ").join(describe_literal(kb, lit) for lit in branch) for branch in branches]
        if len(parts) > 1:
            parts = [f"({p})" if len(b) > 1 else p for p, b in zip(parts, branches, strict=True)]
        return _(" or ").join(parts)

    def needs(self, consultation: Consultation) -> tuple[str, ...]:
        """The ids of the measures this firm needs, in the file's order."""
        made = {c.target for c in consultation.recommended}
        found = []
        for measure in self.measures:
            if made.intersection(measure.needed_when.recommended) or any(
                    all(literal_value(lit, consultation)[0] for lit in branch)
                    for branch in self._branches.get(measure.id, ())):
                found.append(measure.id)
        return tuple(found)


def load_measures(kb: KnowledgeBase, path: Path | None = None) -> CollectiveMeasures:
    """Read, validate and cross-check a measures file; every problem at once as a KnowledgeBaseError."""
    path = path or DEFAULT_FILE
    display = "collective_measures.yaml (built in)" if path == DEFAULT_FILE else str(path)
    loaded = load_yaml_file(path, display)
    if loaded.problems:
        raise KnowledgeBaseError(loaded.problems)
    try:
        parsed = MeasuresFile.model_validate(loaded.data)
    except ValidationError as exc:
        raise KnowledgeBaseError(problems_from_validation(exc, loaded, MeasuresFile)) from None
    problems = _cross_check(kb, parsed, loaded)
    if problems and path == DEFAULT_FILE:
        problems.insert(0, Problem(display, message=(
            "the built-in collective measures are written for the bundled knowledge base, and this one "
            "lacks what they refer to (below); give --measures FILE with measures for it, or a file with "
            "'measures: []' to roll up without collective measures")))
    if problems:
        raise KnowledgeBaseError(problems)
    return CollectiveMeasures(parsed.measures, display)


def _cross_check(kb: KnowledgeBase, parsed: MeasuresFile, loaded: LoadedYaml) -> list[Problem]:
    problems: list[Problem] = []
    seen: set[str] = set()
    for i, measure in enumerate(parsed.measures):
        at = ("measures", i)
        if measure.id in seen:
            problems.append(loaded.problem((*at, "id"), f"measure '{measure.id}' is defined twice"))
        seen.add(measure.id)
        for j, rec in enumerate(measure.needed_when.recommended):
            if rec not in kb.recommendations:
                problems.append(loaded.problem((*at, "needed_when", "recommended", j),
                                               f"unknown recommendation '{rec}'{suggest(rec, kb.recommendations)}"))
        for j, ref in enumerate(measure.sources):
            if ref.key not in kb.sources:
                problems.append(loaded.problem((*at, "sources", j, "key"),
                                               f"unknown source '{ref.key}'{suggest(ref.key, kb.sources)}; "
                                               f"known: {', '.join(kb.sources)}"))
        condition = measure.needed_when.condition
        if condition is not None:
            problems += _check_condition(kb, condition, loaded, (*at, "needed_when", "condition"))
    return problems


def _check_condition(kb: KnowledgeBase, validated: Condition, loaded: LoadedYaml, at: tuple) -> list[Problem]:
    condition: ConditionRecord = to_record(validated)  # the engine's form, as dnf and fact_tests read it
    problems = []
    try:
        dnf(condition)
    except ValueError as exc:
        return [loaded.problem(at, str(exc))]
    names = list(kb.questions) + list(kb.facts)
    for test, sub in fact_tests(condition):
        where = (*at, *sub)
        if test.fact not in kb.questions and test.fact not in kb.facts:
            problems.append(loaded.problem((*where, "fact"), f"unknown question or fact '{test.fact}'"
                                           f"{suggest(test.fact, names)}"))
            continue
        op, operand = test.operator, test.operand
        if op in ("known", "unknown"):
            continue
        if op in COMPARISONS and not kb.is_numeric(test.fact):
            problems.append(loaded.problem((*where, op), f"'{op}' compares numbers, but '{test.fact}' is "
                                           "categorical; use equals or in"))
            continue
        allowed = kb.allowed_values(test.fact)
        for value in operand if isinstance(operand, list) else [operand]:
            if allowed and value not in allowed:
                problems.append(loaded.problem((*where, op), f"'{test.fact}' cannot be {value!r}"
                                               f"{suggest(str(value), allowed)}; allowed: {', '.join(allowed)}"))
    return problems
