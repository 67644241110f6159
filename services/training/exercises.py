"""Exercises: a worked case of the knowledge base, or a trainer's own case file,
and the system's answer to it.

An exercise is just a case (:class:`~gvc_advisor.engine.kb.schema.WorkedCase`):
its answers are the firm the trainee reads about, and the consultation of those
answers is what the trainee's prediction is scored against — never the case's
``expected`` block, which ``validate`` keeps equal to what the engine produces.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from gvc_advisor.engine.advice import Advice, build_advice
from gvc_advisor.engine.engines import engine_for
from gvc_advisor.engine.errors import Problem, UserError
from gvc_advisor.engine.i18n import _
from gvc_advisor.engine.kb.answers import answers_from_mapping
from gvc_advisor.engine.kb.case_file import read_case_file
from gvc_advisor.engine.kb.model import KnowledgeBase
from gvc_advisor.engine.kb.schema import WorkedCase
from gvc_advisor.engine.kb.validation_report import suggest
from gvc_advisor.engine.result import Consultation


@dataclass(frozen=True)
class Exercise:
    case: WorkedCase
    #: "knowledge base" for a bundled case, else the case file as the trainer named it.
    origin: str

    @property
    def id(self) -> str:
        return self.case.id

    @property
    def title(self) -> str:
        return self.case.title


@dataclass(frozen=True)
class Solution:
    """What the system makes of the exercise's firm."""

    consultation: Consultation
    advice: Advice


def bundled_exercises(kb: KnowledgeBase) -> list[Exercise]:
    """The knowledge base's worked cases, in file order."""
    return [Exercise(case, "knowledge base") for case in kb.cases]


def exercise_from_file(kb: KnowledgeBase, path: Path) -> Exercise:
    """A trainer's case file, checked as ``validate`` checks it (KnowledgeBaseError on any problem)."""
    case, _loaded = read_case_file(kb, path)
    bundled = any(c.id == case.id for c in kb.cases)
    return Exercise(case, "knowledge base" if bundled else str(path))


def select_exercises(kb: KnowledgeBase, case_ids: Iterable[str] = (), files: Iterable[Path] = ()) -> list[Exercise]:
    """The exercises named by id (bundled cases) and by file, in that order; every problem at once."""
    known = {c.id: c for c in kb.cases}
    chosen: list[Exercise] = []
    problems: list[Problem] = []
    for case_id in case_ids:
        if case_id in known:
            chosen.append(Exercise(known[case_id], "knowledge base"))
        else:
            problems.append(Problem("--case", message=_(
                "no worked case '{case}'{suggestion}; 'gvc-advisor train --list' lists them", case=case_id,
                suggestion=suggest(case_id, known))))
    for path in files:
        try:
            chosen.append(exercise_from_file(kb, path))
        except UserError as exc:
            problems.extend(exc.problems)
    seen: set[str] = set()
    for exercise in chosen:
        if exercise.id in seen:
            problems.append(Problem(exercise.origin if exercise.origin != "knowledge base" else "--case",
                                    message=_("the exercise '{exercise}' is named twice", exercise=exercise.id)))
        seen.add(exercise.id)
    if problems:
        raise UserError(problems)
    return chosen


def solve(kb: KnowledgeBase, exercise: Exercise) -> Solution:
    """The system's diagnosis and plan for the exercise's firm."""
    answers, problems = answers_from_mapping(kb, exercise.case.answers, f"case {exercise.id}")
    if problems:  # cases are checked when loaded; a safety net for hand-built ones
        raise UserError(problems)
    consultation = engine_for(kb).consult(answers)
    return Solution(consultation, build_advice(kb, consultation))
