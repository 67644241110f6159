"""Result files: one JSON file per exercise done, written when the reveal is shown.

They live in ``--results DIR`` or in the user data folder's ``training/``
(``GVC_ADVISOR_DATA_DIR/training``; under ``gvc-advisor serve`` that is the
participant's own folder).  Names end in ``.training.json`` so that a roll-up
of a workshop folder passes them over.  Reading is strict: a file that is not
JSON, not a training result, or whose fields are wrong is reported as
``file:line:col`` problems, never half-read.

Format 2 records the ``language`` the exercise was done in (its titles and
labels are in it); format-1 files, written before there was a choice, were
done in English and still load.  Summaries compare results by ids (exercise,
values, marks), never by those texts, so a class may mix languages.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from gvc_advisor.engine.errors import Problem, UserError
from gvc_advisor.engine.i18n import _, current_language
from gvc_advisor.engine.kb.model import KnowledgeBase
from gvc_advisor.engine.kb.schema.validation.base import Identifier, NonEmptyText
from gvc_advisor.engine.kb.validation_report import problems_from_validation
from gvc_advisor.engine.kb.yaml_reader import LoadedYaml, load_yaml_text
from gvc_advisor.services.training.explanation import reference
from gvc_advisor.services.training.prediction import DIMENSIONS
from gvc_advisor.services.training.reveal import Reveal

KIND = "gvc-advisor training result"
FORMAT_VERSION = 2
SUFFIX = ".training.json"
MAX_RESULT_BYTES = 1_000_000

Mark = Literal["right", "close", "wrong", "given"]
Points = Annotated[float, Field(ge=0.0, le=1.0)]
LanguageCode = Annotated[str, Field(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")]


def default_directory() -> Path:
    """``training/`` in the user data folder (``GVC_ADVISOR_DATA_DIR`` overrides it)."""
    override = os.environ.get("GVC_ADVISOR_DATA_DIR")
    if override:
        return Path(override) / "training"
    from platformdirs import user_data_path

    return user_data_path("gvc-advisor", appauthor=False) / "training"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


class ExerciseRef(_Model):
    id: Identifier
    title: NonEmptyText
    origin: NonEmptyText
    passage: str | None = None


class Pick(_Model):
    id: Identifier
    mark: Mark
    points: Points


class TrainingResult(_Model):
    """One exercise done by one trainee (the file's content)."""

    kind: Literal["gvc-advisor training result"]
    format: Literal[1, 2]
    #: The language the trainee did it in (format 1: English, the only one then).
    language: LanguageCode = "en"
    trainee: NonEmptyText
    completed: datetime
    exercise: ExerciseRef
    kb: dict[str, str]
    prediction: dict[str, str | list[str]]
    system: dict[str, str | list[str]]
    marks: dict[Literal["governance", "driver", "firm_status", "low_end_lock", "strategies"], Mark]
    points: dict[Literal["governance", "driver", "firm_status", "low_end_lock", "strategies"], Points | None]
    picks: list[Pick]
    score: Points

    def scored(self) -> dict[str, float]:
        """Points of the dimensions that were scored (not given)."""
        return {d: p for d, p in self.points.items() if p is not None}


def result_from_reveal(kb: KnowledgeBase, reveal: Reveal, trainee: str, completed: datetime | None = None
                       ) -> TrainingResult:
    score = reveal.score
    system: dict[str, str | list[str]] = {m.dimension: m.system for m in score.facts}
    system["first"] = [item.id for item in score.strategies.first]
    passage = reference(reveal.passage) if reveal.passage is not None else None
    return TrainingResult(
        kind=KIND, format=FORMAT_VERSION, language=current_language(), trainee=" ".join(trainee.split()) or "Anonymous",
        completed=(completed or datetime.now(UTC)).replace(microsecond=0),
        exercise=ExerciseRef(id=reveal.exercise.id, title=reveal.exercise.title, origin=reveal.exercise.origin,
                             passage=passage),
        kb=kb.version_info, prediction=reveal.prediction.to_data(), system=system,
        marks=score.marks(), points={d: (round(p, 4) if p is not None else None) for d, p in score.points().items()},
        picks=[Pick(id=p.id, mark=p.mark, points=p.points) for p in score.strategies.picks],
        score=round(score.total, 4))


def _slug(text: str) -> str:
    return re.sub(r"[^\w]+", "-", text.casefold(), flags=re.UNICODE).strip("-_")[:40] or "trainee"


def result_json(result: TrainingResult) -> str:
    """The file's text: stable key order, readable, UTF-8."""
    return json.dumps(result.model_dump(mode="json"), indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def save_result(result: TrainingResult, directory: Path) -> Path:
    """Write atomically as ``<time>-<exercise>-<trainee>.training.json``; never overwrite another."""
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(_("cannot create the results folder {folder}: {reason}", folder=directory,
                          reason=exc.strerror), file=str(directory)) from None
    stem = f"{result.completed:%Y%m%d-%H%M%S}-{result.exercise.id}-{_slug(result.trainee)}"
    target = directory / f"{stem}{SUFFIX}"
    counter = 2
    while target.exists():
        target = directory / f"{stem}-{counter}{SUFFIX}"
        counter += 1
    try:
        fd, temporary = tempfile.mkstemp(dir=directory, prefix=".tmp-", suffix=".json")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(result_json(result))
        os.replace(temporary, target)
    except OSError as exc:
        raise UserError(_("cannot write the result to {folder}: {reason}", folder=directory, reason=exc.strerror),
                        file=str(target)) from None
    return target


def _positions(text: str, name: str, data: Any) -> LoadedYaml:
    """Line and column of every value (JSON is read as YAML for its positions)."""
    located = load_yaml_text(text, name)
    return LoadedYaml(name, data, located.positions if not located.problems else {})


def is_session_data(data: Any) -> bool:
    """A saved interview session of gvc-advisor (found next to results in a workshop folder)."""
    return isinstance(data, dict) and {"answers", "firm", "history", "kb"} <= set(data)


def read_result(path: Path, display: str | None = None) -> TrainingResult:
    """One result file; UserError with every problem, located."""
    name = display or str(path)
    try:
        if path.stat().st_size > MAX_RESULT_BYTES:
            raise UserError([Problem(name, message=_("larger than {size:,} bytes: not a result file",
                                                     size=MAX_RESULT_BYTES))])
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise UserError([Problem(name, message=_("not UTF-8 text ({reason} at byte {byte})", reason=exc.reason,
                                                 byte=exc.start))]) from None
    except OSError as exc:
        raise UserError([Problem(name, message=_("cannot read: {reason}", reason=exc.strerror))]) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise UserError([Problem(name, exc.lineno, exc.colno, _("not a training result: JSON syntax: {error}",
                                                                error=exc.msg))]) from None
    loaded = _positions(text, name, data)
    if not isinstance(data, dict) or data.get("kind") != KIND:
        raise UserError([loaded.problem(("kind",) if isinstance(data, dict) and "kind" in data else (), _(
            'not a training result of gvc-advisor (a result file has "kind": "{kind}")', kind=KIND))])
    try:
        result = TrainingResult.model_validate(data)
    except ValidationError as exc:
        raise UserError(problems_from_validation(exc, loaded, TrainingResult)) from None
    problems = []
    missing = [d for d in DIMENSIONS if d not in result.marks or d not in result.points]
    if missing:
        problems.append(loaded.problem(("marks",), _("marks and points must cover {dimensions}; missing: {missing}",
                                                     dimensions=", ".join(DIMENSIONS), missing=", ".join(missing))))
    elif abs(sum(result.scored().values()) / max(len(result.scored()), 1) - result.score) > 0.001:
        problems.append(loaded.problem(("score",), _("the score is not the mean of the points: the file was edited "
                                                     "or damaged")))
    if problems:
        raise UserError(problems)
    return result


def find_result_files(folder: Path) -> list[Path]:
    """JSON files below ``folder`` (subfolders too; hidden ones aside), in path order."""
    def usable(path: Path) -> bool:
        hidden = any(part.startswith(".") for part in path.relative_to(folder).parts)
        return not hidden and path.suffix.lower() == ".json" and path.is_file()

    return sorted((p for p in folder.rglob("*") if usable(p)), key=lambda p: p.relative_to(folder).as_posix())


@dataclass(frozen=True)
class Collected:
    results: list[TrainingResult]
    problems: list[Problem]
    #: Saved interview sessions found among the files (a workshop folder): passed over.
    sessions: int
    files: int


def collect_results(paths: list[Path]) -> Collected:
    """Every result in ``paths`` (files or folders); bad and foreign files become problems and are skipped."""
    results, problems, sessions, files = [], [], 0, 0
    for path in paths:
        if path.is_dir():
            found = find_result_files(path)
        elif path.exists():
            found = [path]
        else:
            problems.append(Problem(str(path), message=_("no such file or folder")))
            continue
        for file in found:
            files += 1
            try:
                results.append(read_result(file))
            except UserError as exc:
                if _is_session_file(file):
                    sessions += 1
                    continue
                problems.extend(exc.problems)
    results.sort(key=lambda r: (r.completed, r.trainee.casefold(), r.exercise.id))
    return Collected(results, problems, sessions, files)


def _is_session_file(path: Path) -> bool:
    try:
        return is_session_data(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError):
        return False


TRAINEE_FILE = ".trainee"


def last_trainee(directory: Path) -> str:
    """The name last used in ``directory`` (a convenience: empty when unknown or unreadable)."""
    try:
        return " ".join((directory / TRAINEE_FILE).read_text(encoding="utf-8").split())[:80]
    except (OSError, UnicodeDecodeError):
        return ""


def remember_trainee(directory: Path, name: str) -> None:
    """Keep the name for the next exercise (hidden file: never read as a result)."""
    try:
        directory.mkdir(parents=True, exist_ok=True)
        (directory / TRAINEE_FILE).write_text(" ".join(name.split()) + "\n", encoding="utf-8")
    except OSError:
        pass
