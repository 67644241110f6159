"""What the user gave to roll up, checked before any firm is read, and cut into tasks.

An input is an answers file (``.yaml``/``.yml``), a saved session (``.json``),
a survey table (``.csv``/``.xlsx``), or a folder: every answers file and session
in it and in its subfolders, in path order, hidden files and folders (and
training result files, ``*.training.json``) aside — so
a flat folder of sessions, a data folder (``sessions/``) and the folder of a
``gvc-advisor serve`` workshop (``participants/<id>/sessions/``) all work.  Every input that does not exist or
cannot be used, and every survey header problem, is reported at once before
the roll-up starts.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from gvc_advisor.engine.errors import Problem, UserError
from gvc_advisor.engine.i18n import _
from gvc_advisor.engine.kb.model import KnowledgeBase
from gvc_advisor.services.firm_files import ANSWERS_SUFFIXES, SESSION_SUFFIXES
from gvc_advisor.services.rollup.tables import TABLE_SUFFIXES, SurveyColumns, data_rows, estimate_firm_rows, read_header
from gvc_advisor.services.rollup.worker import FilesTask, RowsTask, Task
from gvc_advisor.services.training.results import SUFFIX as TRAINING_RESULT_SUFFIX

#: Survey rows per task, and files per task: large enough to keep the pool busy
#: cheaply, small enough that a handful of tasks in flight stay small in memory.
ROWS_PER_TASK = 64
FILES_PER_TASK = 16
FIRM_FILE_SUFFIXES = ANSWERS_SUFFIXES + SESSION_SUFFIXES


@dataclass(frozen=True)
class Survey:
    path: Path
    columns: SurveyColumns


@dataclass(frozen=True)
class FirmFiles:
    paths: tuple[str, ...]


Source = Survey | FirmFiles


def _folder_files(folder: Path) -> list[Path]:
    """Answers files and sessions below ``folder``; hidden ones (``.tmp-…`` autosaves in progress,
    a server's key) are not firms."""
    def usable(path: Path) -> bool:
        hidden = any(part.startswith(".") for part in path.relative_to(folder).parts)
        training = path.name.lower().endswith(TRAINING_RESULT_SUFFIX)  # a trainee's result, not a firm
        return not hidden and not training and path.suffix.lower() in FIRM_FILE_SUFFIXES and path.is_file()

    return sorted((p for p in folder.rglob("*") if usable(p)), key=lambda p: p.relative_to(folder).as_posix())


def plan_sources(kb: KnowledgeBase, paths: list[Path]) -> list[Source]:
    """The inputs in order, surveys with their checked headers; every problem at once."""
    sources: list[Source] = []
    problems: list[Problem] = []
    for path in paths:
        name = str(path)
        suffix = path.suffix.lower()
        if not path.exists():
            problems.append(Problem(name, message=_("no such file or folder")))
        elif path.is_dir():
            files = _folder_files(path)
            if not files:
                problems.append(Problem(name, message=_("the folder (and its subfolders) holds no answers "
                                                        "files (.yaml) or saved sessions (.json)")))
            sources.append(FirmFiles(tuple(str(f) for f in files)))
        elif suffix in TABLE_SUFFIXES:
            try:
                sources.append(Survey(path, read_header(kb, path, name)))
            except UserError as exc:
                problems += exc.problems
        elif suffix in FIRM_FILE_SUFFIXES:
            sources.append(FirmFiles((name,)))
        else:
            problems.append(Problem(name, message=_(
                "cannot roll up this kind of file; give answers files (.yaml), saved sessions (.json), a "
                "folder of them, or a survey table (.csv, .xlsx; 'gvc-advisor template' writes one)")))
    if problems:
        raise UserError(problems)
    return _merge_files(sources)


def _merge_files(sources: list[Source]) -> list[Source]:
    """Consecutive files and folders become one list, so that they share tasks."""
    merged: list[Source] = []
    for source in sources:
        if isinstance(source, FirmFiles) and merged and isinstance(merged[-1], FirmFiles):
            merged[-1] = FirmFiles(merged[-1].paths + source.paths)
        else:
            merged.append(source)
    return merged


def count_firms(sources: list[Source]) -> int | None:
    """How many firms (rows and files) there are, for the progress bar (None: unknown)."""
    total = 0
    for source in sources:
        found = len(source.paths) if isinstance(source, FirmFiles) else estimate_firm_rows(source.path, source.columns)
        if found is None:
            return None
        total += found
    return total


def tasks(sources: list[Source]) -> Iterator[Task]:
    """The work, cut into tasks, read lazily: one survey row is read when its task is due."""
    for source in sources:
        if isinstance(source, FirmFiles):
            paths = iter(source.paths)
            while batch := tuple(islice(paths, FILES_PER_TASK)):
                yield FilesTask(batch)
            continue
        rows = data_rows(source.path, source.columns)
        while batch := tuple(islice(rows, ROWS_PER_TASK)):
            yield RowsTask(source.columns, batch)
