"""Summaries over result files: a trainee's course, and a whole class.

For each dimension: how often it was scored right, close and wrong, the mean
points, and the exercises where it was missed; dimensions are ranked weakest
first (lowest mean, then most often wrong), which is what a trainer asks
first — *what does this trainee, this class, get wrong most?*  For each
exercise: the class's mean per dimension and the most frequent mistaken
prediction.  Trainees are matched by name, ignoring case and spacing.

Results are counted by ids (exercise id, values, marks), never by the titles and
labels a result file records in the language it was done in; what a summary
shows is worded in the current language, from the knowledge base loaded in it
(a trainer's own case keeps the title its file records).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from gvc_advisor.engine.errors import Problem
from gvc_advisor.engine.i18n import _
from gvc_advisor.engine.kb.model import KnowledgeBase
from gvc_advisor.services.training.prediction import DIMENSIONS, FACT_DIMENSIONS, UNDETERMINED, UNDETERMINED_LABEL
from gvc_advisor.services.training.prediction import dimension_label as _kb_dimension_label
from gvc_advisor.services.training.results import TrainingResult


@dataclass(frozen=True)
class DimensionStats:
    dimension: str
    label: str
    scored: int
    right: int
    close: int
    wrong: int
    mean: float | None
    #: Exercise titles where the dimension was close or wrong, most often first.
    missed_in: tuple[str, ...]


@dataclass(frozen=True)
class Mistake:
    """The most frequent wrong or close prediction of a fact dimension on one exercise."""

    dimension: str
    predicted: str
    system: str
    count: int
    of: int


@dataclass(frozen=True)
class Group:
    """The results of one trainee, or of one exercise."""

    key: str
    name: str
    results: tuple[TrainingResult, ...]
    mean: float
    dimensions: tuple[DimensionStats, ...]  # in the order asked
    #: Exercise id → its title in the current language (see :func:`exercise_title`).
    titles: dict[str, str]

    @property
    def weakest(self) -> tuple[DimensionStats, ...]:
        return rank_weakest(self.dimensions)

    @property
    def exercises(self) -> int:
        return len({r.exercise.id for r in self.results})


@dataclass(frozen=True)
class ClassSummary:
    results: tuple[TrainingResult, ...]
    dimensions: tuple[DimensionStats, ...]
    trainees: tuple[Group, ...]
    exercises: tuple[Group, ...]
    mistakes: dict[str, tuple[Mistake, ...]]  # exercise id → mistakes
    problems: tuple[Problem, ...]
    sessions_passed_over: int
    files: int
    sources: tuple[str, ...]

    @property
    def weakest(self) -> tuple[DimensionStats, ...]:
        return rank_weakest(self.dimensions)

    @property
    def mean(self) -> float | None:
        return sum(r.score for r in self.results) / len(self.results) if self.results else None


def trainee_key(name: str) -> str:
    return " ".join(name.split()).casefold()


def dimension_label(kb: KnowledgeBase, dimension: str) -> str:
    """The dimension's label (results read with another knowledge base fall back on the id)."""
    if dimension in FACT_DIMENSIONS and dimension not in kb.facts:
        return dimension.replace("_", " ")
    return _kb_dimension_label(kb, dimension)


def rank_weakest(stats: tuple[DimensionStats, ...]) -> tuple[DimensionStats, ...]:
    """Scored dimensions, lowest mean first; ties: more often wrong first, then the order asked."""
    scored = [s for s in stats if s.mean is not None]
    return tuple(sorted(scored, key=lambda s: (s.mean, -s.wrong, DIMENSIONS.index(s.dimension))))


def dimension_stats(kb: KnowledgeBase, results: tuple[TrainingResult, ...]) -> tuple[DimensionStats, ...]:
    stats = []
    for dimension in DIMENSIONS:
        marks = [r.marks.get(dimension) for r in results if r.points.get(dimension) is not None]
        points = [r.points[dimension] for r in results if r.points.get(dimension) is not None]
        missed = Counter(exercise_title(kb, r) for r in results if r.marks.get(dimension) in ("close", "wrong"))
        stats.append(DimensionStats(
            dimension, dimension_label(kb, dimension), len(points), marks.count("right"), marks.count("close"),
            marks.count("wrong"), sum(points) / len(points) if points else None,
            tuple(title for title, _count in sorted(missed.items(), key=lambda item: (-item[1], item[0])))))
    return tuple(stats)


def exercise_title(kb: KnowledgeBase, result: TrainingResult) -> str:
    """The exercise's title in the current language: the knowledge base's own for a bundled case
    (the file records the title in the language the trainee used), else the file's."""
    if result.exercise.origin == "knowledge base":
        case = next((c for c in kb.cases if c.id == result.exercise.id), None)
        if case is not None:
            return case.title
    return result.exercise.title


def _group(kb: KnowledgeBase, key: str, name: str, results: list[TrainingResult]) -> Group:
    ordered = tuple(sorted(results, key=lambda r: (r.completed, r.exercise.id)))
    return Group(key, name, ordered, sum(r.score for r in ordered) / len(ordered), dimension_stats(kb, ordered),
                 {r.exercise.id: exercise_title(kb, r) for r in ordered})


def _value_label(kb: KnowledgeBase, dimension: str, value: str) -> str:
    if value == UNDETERMINED:
        return _(UNDETERMINED_LABEL)
    return kb.value_label(dimension, value) if dimension in kb.facts else value


def exercise_mistakes(kb: KnowledgeBase, results: tuple[TrainingResult, ...]) -> tuple[Mistake, ...]:
    """Per fact dimension, the most frequent missed prediction (when it was made more than once or by all)."""
    found = []
    for dimension in FACT_DIMENSIONS:
        missed = Counter((str(r.prediction.get(dimension)), str(r.system.get(dimension)))
                         for r in results if r.marks.get(dimension) in ("close", "wrong"))
        if not missed:
            continue
        (predicted, system), count = sorted(missed.items(), key=lambda item: (-item[1], item[0]))[0]
        found.append(Mistake(dimension, _value_label(kb, dimension, predicted), _value_label(kb, dimension, system),
                             count, len(results)))
    return tuple(found)


def summarise(kb: KnowledgeBase, results: list[TrainingResult], problems: list[Problem] | None = None,
              sessions: int = 0, files: int | None = None, sources: tuple[str, ...] = ()) -> ClassSummary:
    by_trainee: dict[str, list[TrainingResult]] = {}
    names: dict[str, str] = {}
    by_exercise: dict[str, list[TrainingResult]] = {}
    for result in results:
        key = trainee_key(result.trainee)
        by_trainee.setdefault(key, []).append(result)
        names.setdefault(key, " ".join(result.trainee.split()))
        by_exercise.setdefault(result.exercise.id, []).append(result)
    trainees = tuple(sorted((_group(kb, k, names[k], v) for k, v in by_trainee.items()), key=lambda g: g.key))
    exercises = tuple(sorted((_group(kb, k, exercise_title(kb, v[-1]), v) for k, v in by_exercise.items()),
                             key=lambda g: g.key))
    mistakes = {g.key: exercise_mistakes(kb, g.results) for g in exercises}
    return ClassSummary(tuple(results), dimension_stats(kb, tuple(results)), trainees, exercises, mistakes,
                        tuple(problems or ()), sessions, len(results) if files is None else files, sources)


def course(kb: KnowledgeBase, results: list[TrainingResult], trainee: str) -> Group | None:
    """One trainee's results (matched by name, ignoring case and spacing), or None if there are none."""
    key = trainee_key(trainee)
    mine = [r for r in results if trainee_key(r.trainee) == key]
    return _group(kb, key, " ".join(mine[-1].trainee.split()), mine) if mine else None
