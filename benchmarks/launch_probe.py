"""Launch → first question, headless: run by benchmarks/bench.py in a fresh
process (so imports are cold), it prints the in-process time from the first
import to the first question on screen."""

from __future__ import annotations

import time

START = time.perf_counter()

import asyncio  # noqa: E402
import os  # noqa: E402
import tempfile  # noqa: E402


async def main() -> None:
    os.environ["GVC_ADVISOR_DATA_DIR"] = tempfile.mkdtemp(prefix="gvc-bench-")
    from gvc_advisor.engine.engines import engine_for
    from gvc_advisor.engine.kb.loader import load_knowledge_base
    from gvc_advisor.tui.app import AdvisorApp
    from gvc_advisor.tui.widgets.answer_input import AnswerInput

    kb = load_knowledge_base()
    engine_for(kb)
    app = AdvisorApp(kb, firm="Benchmark")
    async with app.run_test(size=(100, 30)) as pilot:
        while not app.screen.query(AnswerInput):
            await pilot.pause(0.005)
        print(f"first question after {(time.perf_counter() - START) * 1000:.0f} ms in-process")


asyncio.run(main())
