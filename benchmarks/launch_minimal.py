"""The floor for launch → first question: a minimal Textual app with one
question and an input, measured exactly as ``launch_probe.py`` measures the
interview (headless, fresh process, from the first import to the input on
screen).  ``bench.py`` runs both, interleaved, and reports the ratio."""

from __future__ import annotations

import time

START = time.perf_counter()

import asyncio  # noqa: E402

from textual.app import App, ComposeResult  # noqa: E402
from textual.widgets import Footer, Header, Input, Label  # noqa: E402


class Minimal(App):
    def compose(self) -> ComposeResult:
        yield Header()
        yield Label("How many employees does the firm have?")
        yield Input(placeholder="a whole number")
        yield Footer()


async def main() -> None:
    app = Minimal()
    async with app.run_test(size=(100, 30)) as pilot:
        while not app.screen.query(Input):
            await pilot.pause(0.005)
        print(f"first question after {(time.perf_counter() - START) * 1000:.0f} ms in-process")


asyncio.run(main())
