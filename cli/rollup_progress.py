"""The roll-up's progress bar and problem lines on standard error.

The bar appears only when standard error is a terminal and the run has lasted
a second (short runs stay quiet); problems are printed as they are found, above
the bar, so that none is lost when the run is long.
"""

from __future__ import annotations

import time
from typing import Any

import click

from gvc_advisor.engine.i18n import _

#: Seconds before the progress bar appears.
DELAY = 1.0


class ProgressReporter:
    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.started = time.monotonic()
        self.bar: Any = None
        self.task: Any = None

    def __enter__(self) -> ProgressReporter:
        self.started = time.monotonic()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()
            self.bar = None

    def _start(self) -> None:
        from rich.console import Console
        from rich.markup import escape
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        self.bar = Progress(TextColumn(escape(_("rolling up"))), BarColumn(), MofNCompleteColumn(),
                            TimeRemainingColumn(),
                            console=Console(stderr=True), transient=True)
        self.bar.start()
        self.task = self.bar.add_task("firms", total=None)

    def progress(self, done: int, total: int | None) -> None:
        if not self.enabled:
            return
        if self.bar is None and time.monotonic() - self.started >= DELAY:
            self._start()
        if self.bar is not None:
            self.bar.update(self.task, completed=done, total=max(total, done) if total is not None else None)

    def skipped(self, skipped: Any) -> None:
        for problem in skipped.problems:
            if self.bar is not None:
                self.bar.console.print(problem.format(), markup=False, highlight=False, soft_wrap=True)
            else:
                click.echo(problem.format(), err=True)
