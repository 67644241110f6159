"""Regenerate the README's screenshots: ``python docs/make_screenshots.py``.

Runs the TUI headless at 100×30 on the worked case ``captive-garment-oem``
and saves SVG screenshots (Textual's ``save_screenshot``) of the interview,
the results and an explanation into ``docs/screenshots/``.  Nothing is
written to the user's sessions folder.
"""

from __future__ import annotations

import asyncio
import os
import tempfile
from pathlib import Path

from gvc_advisor.engine.kb.answers import answers_from_mapping
from gvc_advisor.engine.kb.loader import load_knowledge_base
from gvc_advisor.services.sessions import SessionStore
from gvc_advisor.tui.app import AdvisorApp

OUT = Path(__file__).resolve().parent / "screenshots"
CASE = "captive-garment-oem"


async def main() -> None:
    kb = load_knowledge_base()
    case = next(c for c in kb.cases if c.id == CASE)
    answers, problems = answers_from_mapping(kb, case.answers, CASE)
    assert not problems, problems
    first_five = dict(list(answers.items())[:5])
    with tempfile.TemporaryDirectory() as tmp:
        app = AdvisorApp(kb, store=SessionStore(Path(tmp)))
        async with app.run_test(size=(100, 30)) as pilot:
            app.start_session("Hangzhou shirt maker", first_five)
            await pilot.pause()
            await pilot.press("f2")  # why are you asking this?
            await pilot.pause()
            app.save_screenshot("interview.svg", str(OUT))
            app.start_session("Hangzhou shirt maker", answers, show_results=True)
            await pilot.pause()
            app.save_screenshot("results.svg", str(OUT))
            await pilot.press("enter")
            await pilot.pause()
            app.save_screenshot("explanation.svg", str(OUT))
    print(f"wrote {', '.join(sorted(p.name for p in OUT.glob('*.svg')))} to {OUT}")


if __name__ == "__main__":
    os.environ.setdefault("GVC_ADVISOR_NO_CACHE", "1")
    asyncio.run(main())
