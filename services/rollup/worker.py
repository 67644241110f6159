"""The work of the roll-up, in whichever process runs it: read a batch of firms,
consult the knowledge base for each, and return small, picklable records.

In a process pool each worker builds its own :class:`FirmProcessor` once
(:func:`start_worker`: load the knowledge base from its folder — from the KB
cache when it is warm — and compile it); with ``--jobs 1`` the processor runs in
the calling process.  Either way the records are the same.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from gvc_advisor.engine.engines import engine_for
from gvc_advisor.engine.errors import Problem, UserError
from gvc_advisor.engine.i18n import _, set_language
from gvc_advisor.engine.kb.model import KnowledgeBase
from gvc_advisor.services.firm_advice import FirmAdvice, firm_advice
from gvc_advisor.services.firm_files import FirmInput, read_firm_file
from gvc_advisor.services.rollup.cells import ValueReader, row_firm
from gvc_advisor.services.rollup.measures import CollectiveMeasures
from gvc_advisor.services.rollup.tables import Row, SurveyColumns


@dataclass(frozen=True)
class FirmRecord:
    """What the roll-up keeps of one firm (its answers and the consultation are dropped)."""

    source: str
    firm: str
    advice: FirmAdvice
    needs: tuple[str, ...]  # ids of the collective measures this firm needs


@dataclass(frozen=True)
class Skipped:
    """A row or file that could not be read as a firm, and why."""

    source: str
    problems: tuple[Problem, ...]


@dataclass(frozen=True)
class RowsTask:
    columns: SurveyColumns
    rows: tuple[tuple[int, Row], ...]


@dataclass(frozen=True)
class FilesTask:
    paths: tuple[str, ...]


Task = RowsTask | FilesTask
Outcome = FirmRecord | Skipped


class FirmProcessor:
    def __init__(self, kb: KnowledgeBase, measures: CollectiveMeasures) -> None:
        self.kb = kb
        self.engine = engine_for(kb)
        self.measures = measures
        self.values = ValueReader(kb)

    def record(self, firm: FirmInput) -> FirmRecord:
        consultation = self.engine.consult(firm.answers)
        return FirmRecord(firm.source, firm.firm, firm_advice(self.kb, consultation),
                          self.measures.needs(consultation))

    def run(self, task: Task) -> list[Outcome]:
        outcomes: list[Outcome] = []
        if isinstance(task, RowsTask):
            for number, row in task.rows:
                firm, problems = row_firm(self.values, task.columns, number, row)
                outcomes.append(self.record(firm) if firm else Skipped(f"{task.columns.file}:{number}",
                                                                       tuple(problems)))
            return outcomes
        for path in task.paths:
            try:
                firm = read_firm_file(Path(path), self.kb)
            except UserError as exc:
                outcomes.append(Skipped(path, tuple(exc.problems)))
                continue
            outcomes.append(self.record(firm))
        return outcomes


@dataclass(frozen=True)
class WorkerFailure:
    """A worker could not start on the parent's knowledge base (the parent raises it as a UserError).

    Returned rather than raised: an exception in a pool initializer breaks the whole pool
    and loses its message."""

    problems: tuple[Problem, ...]


_PROCESSOR: FirmProcessor | WorkerFailure | None = None


def start_worker(kb_root: str, kb_hash: str, measures: CollectiveMeasures, language: str = "en") -> None:
    """Pool initializer: build this process's processor on the same knowledge base as the parent,
    in the parent's language (a spawned process starts in English, whatever ``--lang`` said)."""
    global _PROCESSOR
    from gvc_advisor.engine.kb.loader import load_knowledge_base

    set_language(language)
    try:
        kb = load_knowledge_base(Path(kb_root), language=language)
    except UserError as exc:
        _PROCESSOR = WorkerFailure(tuple(exc.problems))
        return
    if kb.content_hash != kb_hash:
        _PROCESSOR = WorkerFailure((Problem(kb_root, message=_("the knowledge base changed on disk while the "
                                                              "roll-up was starting; run it again")),))
        return
    _PROCESSOR = FirmProcessor(kb, measures)


def run_in_worker(task: Task) -> list[Outcome] | WorkerFailure:
    assert _PROCESSOR is not None, "start_worker runs first in every pool process"
    if isinstance(_PROCESSOR, WorkerFailure):
        return _PROCESSOR
    return _PROCESSOR.run(task)
