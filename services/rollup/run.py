"""Run a roll-up: inputs in, firms consulted over a process pool, counted as they
come back (in input order, so the result does not depend on ``jobs``), handed
to the sinks (per-firm tables written as they go), summary out."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol

from gvc_advisor.engine.errors import UserError
from gvc_advisor.engine.i18n import current_language
from gvc_advisor.engine.kb.model import KnowledgeBase
from gvc_advisor.services.rollup.measures import CollectiveMeasures, load_measures
from gvc_advisor.services.rollup.pool import default_jobs, ordered_map
from gvc_advisor.services.rollup.sources import count_firms, plan_sources, tasks
from gvc_advisor.services.rollup.summary import RollupSummary
from gvc_advisor.services.rollup.tally import Tally
from gvc_advisor.services.rollup.worker import (
    FirmProcessor,
    FirmRecord,
    Skipped,
    WorkerFailure,
    run_in_worker,
    start_worker,
)

Progress = Callable[[int, int | None], None]


class FirmSink(Protocol):
    """Receives every firm as it is rolled up (e.g. the per-firm CSV written as it goes)."""

    def firm(self, record: FirmRecord) -> None: ...

    def skipped(self, skipped: Skipped) -> None: ...


def _count(batch: list, tally: Tally, sinks: Sequence[FirmSink], on_skipped: Callable[[Skipped], None] | None) -> None:
    for outcome in batch:
        if isinstance(outcome, Skipped):
            tally.skip(outcome)
            if on_skipped:
                on_skipped(outcome)
            for sink in sinks:
                sink.skipped(outcome)
        else:
            tally.add(outcome)
            for sink in sinks:
                sink.firm(outcome)


def run_rollup(kb: KnowledgeBase, paths: Sequence[Path], *, jobs: int | None = None,
               measures: CollectiveMeasures | None = None, sinks: Sequence[FirmSink] = (),
               on_skipped: Callable[[Skipped], None] | None = None,
               progress: Progress | None = None) -> RollupSummary:
    """Roll up every firm of ``paths``; raise UserError when the inputs cannot be used at all."""
    measures = measures or load_measures(kb)
    sources = plan_sources(kb, list(paths))
    tally = Tally(kb, measures, [str(p) for p in paths])
    total = count_firms(sources) if progress else None
    processor: FirmProcessor | None = None

    def local(task):
        nonlocal processor
        processor = processor or FirmProcessor(kb, measures)
        return processor.run(task)

    outcomes = ordered_map(run_in_worker, tasks(sources), jobs or default_jobs(), local, start_worker,
                           (str(kb.root), kb.content_hash, measures, current_language()))
    try:
        for batch in outcomes:
            if isinstance(batch, WorkerFailure):
                raise UserError(list(batch.problems))
            _count(batch, tally, sinks, on_skipped)
            if progress:
                progress(tally.seen, total)
    finally:
        outcomes.close()  # stops the pool at once on an error or Ctrl+C
    if tally.seen == 0:
        raise UserError("no firms to roll up: the inputs hold no rows or files with answers",
                        file=", ".join(str(p) for p in paths))
    return tally.summary()
