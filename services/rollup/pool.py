"""Run tasks over a process pool, results in input order, with a bounded number
of tasks in flight so that memory stays flat however long the input is.

``concurrent.futures``' ``map`` submits every task before returning the first
result (the whole survey would sit in memory); here at most ``window`` tasks
are submitted ahead of the one being consumed.  One job, or input that fits in
a single task, runs in the calling process: starting workers would cost more
than it saves.  Workers are *spawned* (not forked), so that a caller with
threads (the TUI) is safe and every platform behaves alike.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import chain, islice
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

#: Tasks submitted ahead of the one being consumed, per worker.
AHEAD_PER_JOB = 4


def default_jobs() -> int:
    """All the cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


def _start_resource_tracker() -> None:
    """Start multiprocessing's resource tracker with a real standard error.

    The tracker is handed ``sys.stderr``'s file descriptor; a host that replaced
    ``sys.stderr`` with an object without one (Textual captures it while the TUI runs)
    makes every worker start fail with "bad value(s) in fds_to_keep".
    """
    from multiprocessing import resource_tracker

    try:
        usable = sys.stderr.fileno() >= 0
    except (AttributeError, OSError, ValueError):
        usable = False
    if usable:
        return
    replaced = sys.stderr
    sys.stderr = sys.__stderr__ or open(os.devnull, "w")  # noqa: SIM115 - kept open for the tracker's life
    try:
        resource_tracker.ensure_running()
    finally:
        sys.stderr = replaced


def ordered_map(func: Callable[[T], R], tasks: Iterable[T], jobs: int,
                local: Callable[[T], R], initializer: Callable[..., Any], initargs: tuple) -> Iterator[R]:
    """``func(task)`` for every task, in order; ``local`` does the same work in this process."""
    tasks = iter(tasks)
    head = list(islice(tasks, 2))
    if jobs <= 1 or len(head) < 2:
        yield from map(local, chain(head, tasks))
        return
    _start_resource_tracker()
    context = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(jobs, mp_context=context, initializer=initializer, initargs=initargs)
    pending: deque[Future] = deque()
    try:
        for task in chain(head, tasks):
            pending.append(pool.submit(func, task))
            if len(pending) >= jobs * AHEAD_PER_JOB:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
