"""Launch → first question, headless, through the real command line.

Run by benchmarks/bench.py in a fresh process (so imports are cold): it runs
``gvc-advisor interview --firm Benchmark`` (the ``main`` entry point, its
argument parsing, loading the knowledge base and compiling it, the app) with
Textual's ``App.run`` swapped for a headless run that stops as soon as the
first question's input is on screen, and prints the time from the first
import.  ``launch_minimal.py`` measures a minimal Textual app the same way.
"""

from __future__ import annotations

import time

START = time.perf_counter()

import asyncio  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402

from textual.app import App  # noqa: E402


def headless_run(app: App, *args: object, **kwargs: object) -> None:
    from gvc_advisor.tui.widgets.answer_input import AnswerInput

    async def probe() -> None:
        async with app.run_test(size=(100, 30)) as pilot:
            while not app.screen.query(AnswerInput):
                await pilot.pause(0.005)
            print(f"first question after {(time.perf_counter() - START) * 1000:.0f} ms in-process")

    asyncio.run(probe())


with tempfile.TemporaryDirectory(prefix="gvc-bench-") as data:
    os.environ["GVC_ADVISOR_DATA_DIR"] = data  # sessions autosaved by the probe go away with it
    App.run = headless_run  # type: ignore[method-assign]
    sys.argv = ["gvc-advisor", "interview", "--firm", "Benchmark"]
    from gvc_advisor.cli import main

    try:
        main()
    except SystemExit as exit_:
        if exit_.code:
            raise
