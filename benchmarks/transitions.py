"""TUI transition timings: prints figures, asserts nothing.

Run: ``python benchmarks/transitions.py [--repeat 5] [--size 100x30]``.

Each transition is timed from the key press until the app has painted its
last frame in response (what a user perceives as "the screen has settled"),
headless, on the shipped knowledge base, answering as the worked case
``captive-garment-oem``.  Every scenario runs ``--repeat`` times
in a fresh app; the table shows the median and the worst run of each
transition (answer → next question pools every answer of every run).

Wall time is what the user waits; CPU time (of this process) is steadier on
a shared machine, where other processes take the cores.  Timings are noisy:
compare figures from one run, never assert on them (see GUIDE.md).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import tempfile
import time
from collections import defaultdict
from collections.abc import Awaitable, Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

from textual.screen import Screen  # noqa: E402

from gvc_advisor.engine.engines import engine_for  # noqa: E402
from gvc_advisor.engine.kb.loader import default_kb_root, load_knowledge_base  # noqa: E402
from gvc_advisor.services.sessions import SessionStore  # noqa: E402
from gvc_advisor.tui.app import AdvisorApp  # noqa: E402

CASE_ID = "captive-garment-oem"
#: Seconds the home screen is left alone after launch, as a user reads it (the app
#: uses idle time to prepare later screens; see AdvisorApp._warm_up).
READING = 1.0


class Timer:
    """Collects the seconds each named transition took.

    Wall time runs from the key press to the last frame the app painted in
    response (the pilot's own idle detection, which sleeps in 20 ms steps, is
    not counted); CPU time is this process's, over the same key press and the
    wait until the app is idle.
    """

    def __init__(self) -> None:
        self.samples: dict[str, list[tuple[float, float]]] = defaultdict(list)
        self.last_paint = 0.0
        timer = self
        original = Screen._compositor_refresh

        def painted(screen: Screen) -> None:
            original(screen)
            timer.last_paint = time.perf_counter()

        Screen._compositor_refresh = painted

    async def measure(self, name: str, pilot, action: Callable[[], Awaitable[object]]) -> None:
        await pilot.pause()
        start, cpu = time.perf_counter(), time.process_time()
        self.last_paint = 0.0
        await action()
        await pilot.pause()
        cpu_used = time.process_time() - cpu
        end = self.last_paint if self.last_paint > start else time.perf_counter()
        self.samples[name].append((end - start, cpu_used))


async def prepare_answer(pilot, app, case_answers: dict) -> str:
    """Type or highlight the case's answer to the current question (not timed);
    return the key that confirms it (timed)."""
    question = app.interview.next_question
    raw = case_answers.get(question.id)
    if raw is None:
        return "f4"
    if question.type.value in ("integer", "percent"):
        await pilot.press(*str(raw))
    else:
        await pilot.press(*(["down"] * list(question.allowed_values).index(raw)))
    return "enter"


async def one_run(kb, store: SessionStore, size: tuple[int, int], timer: Timer) -> None:
    from gvc_advisor.tui.screens.results import ResultsScreen

    case = next(c for c in kb.cases if c.id == CASE_ID)
    app = AdvisorApp(kb, store=store)
    async with app.run_test(size=size) as pilot:
        await pilot.pause(READING)
        await timer.measure("first Ctrl+P (command palette)", pilot, lambda: pilot.press("ctrl+p"))
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("enter", *"Bench Co")
        await timer.measure("firm name → first question", pilot, lambda: pilot.press("enter"))
        while True:
            if len(app.interview.history) == 5:
                await timer.measure("back (F5)", pilot, lambda: pilot.press("f5"))
                await timer.measure("undo back (Ctrl+Z)", pilot, lambda: pilot.press("ctrl+z"))
            last = len(app.interview.relevance.questions) == 1
            name = "last answer → results" if last else "answer → next question"
            key = await prepare_answer(pilot, app, case.answers)
            await timer.measure(name, pilot, lambda key=key: pilot.press(key))
            if isinstance(app.screen, ResultsScreen) or app.interview.finished:
                break
        if not isinstance(app.screen, ResultsScreen):
            await pilot.press("f6")
            await pilot.pause()
        await timer.measure("open an explanation (Enter)", pilot, lambda: pilot.press("enter"))
        await timer.measure("toggle consultant detail (d)", pilot, lambda: pilot.press("d"))
        await timer.measure("Esc from explanation", pilot, lambda: pilot.press("escape"))
        await timer.measure("open what-if (i)", pilot, lambda: pilot.press("i"))
        await pilot.press("enter", "down")
        await timer.measure("what-if: change an answer", pilot, lambda: pilot.press("enter"))
        await timer.measure("Esc from what-if", pilot, lambda: pilot.press("escape"))
        await timer.measure("open why-not (n)", pilot, lambda: pilot.press("n"))
        await pilot.press("escape")
        await pilot.pause()
        await timer.measure("smile curve (c)", pilot, lambda: pilot.press("c"))
        await pilot.press("escape")
        await pilot.pause()
        await timer.measure("Esc from results", pilot, lambda: pilot.press("escape"))
        await timer.measure("results again (F6)", pilot, lambda: pilot.press("f6"))
        await pilot.press("escape")
        await pilot.pause()
        await timer.measure("all answers (F7)", pilot, lambda: pilot.press("f7"))
        await pilot.press("enter", "down")
        await timer.measure("change an answer (Enter in its dialog)", pilot, lambda: pilot.press("enter"))
        await pilot.press("escape")
        await pilot.pause()
        await timer.measure("presentation mode (F9)", pilot, lambda: pilot.press("f9"))
        await timer.measure("toggle theme (Ctrl+T)", pilot, lambda: pilot.press("ctrl+t"))


def report(timer: Timer) -> None:
    width = max(len(name) for name in timer.samples)
    print(f"{'transition':<{width}}  {'wall median':>11}  {'wall worst':>10}  {'CPU median':>10}  runs")
    for name, values in timer.samples.items():
        wall = [w for w, _ in values]
        cpu = [c for _, c in values]
        print(f"{name:<{width}}  {statistics.median(wall) * 1000:8.0f} ms  {max(wall) * 1000:7.0f} ms"
              f"  {statistics.median(cpu) * 1000:7.0f} ms  {len(values)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--size", default="100x30", help="terminal size, WIDTHxHEIGHT")
    args = parser.parse_args()
    width, height = (int(n) for n in args.size.split("x"))
    os.environ["GVC_ADVISOR_NO_CACHE"] = "1"
    kb = load_knowledge_base(default_kb_root())
    engine_for(kb)
    timer = Timer()
    with tempfile.TemporaryDirectory(prefix="gvc-transitions-") as tmp:
        for run in range(args.repeat):
            store = SessionStore(Path(tmp) / f"sessions-{run}")
            asyncio.run(one_run(kb, store, (width, height), timer))
    print(f"TUI transitions at {width}x{height}, {args.repeat} runs, case {CASE_ID}")
    report(timer)


if __name__ == "__main__":
    main()
