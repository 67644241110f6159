"""All text on screen reaches 4.5:1 contrast (WCAG AA), in every theme.

Measured on what was painted: the colours of every segment of the rendered
screen (foreground against background, after Textual's own blending), for
each screen of a consultation.  A failure lists the offending text and ratio.
"""

from __future__ import annotations

import pytest
from tui_helpers import KB, answer_current, low_contrast

from gvc_advisor.services.sessions import SessionStore
from gvc_advisor.tui.app import AdvisorApp

#: (keys to press, what is then on screen)
TOUR = [
    ((), "home"),
    (("down", "down", "down", "enter"), "worked cases"),
    (("escape", "up", "up", "up", "enter"), "new interview dialog"),
    (("T", "e", "s", "t", "enter"), "first question"),
    (("f2",), "why are you asking"),
    (("f7",), "all answers"),
    (("escape", "f6"), "results"),
    (("enter",), "explanation"),
    (("d",), "explanation, consultant's detail"),
    (("escape", "n"), "why not"),
    (("escape", "c"), "smile curve"),
    (("escape", "i"), "what-if"),
    (("escape", "x"), "export dialog"),
    (("escape", "f1"), "help"),
    (("escape", "f9"), "presentation mode"),
]


@pytest.mark.parametrize("dark", [True, False], ids=["dark", "light"])
async def test_every_screen_reaches_4_5_to_1(tmp_path, dark):
    app = AdvisorApp(KB, store=SessionStore(tmp_path / "sessions"))
    async with app.run_test(size=(100, 30)) as pilot:
        if app.current_theme.dark != dark:
            await pilot.press("ctrl+t")  # as a user switches theme
            await pilot.pause()
        assert app.current_theme.dark == dark
        problems = {}
        for keys, what in TOUR:
            await pilot.press(*keys)
            await pilot.pause()
            if what == "first question":
                for _ in range(4):
                    await answer_current(pilot, app)
            dialog = app.screen.query(".dialog")
            region = dialog.first().region if dialog else None
            found = low_contrast(app, region=region)
            if found:
                problems[f"{what} ({app.theme})"] = found[:6]
        assert not problems, problems


async def test_no_fixed_colours_in_the_tui_sources():
    """Styles name theme variables; a fixed colour would escape the themes' contrast."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent / "tui"
    fixed = re.compile(r"""["'](?:[^"'$]*\s)?(?:red|green|yellow|blue|cyan|magenta|white|black|#[0-9a-fA-F]{3,6})\b""")
    offenders = [f"{path.name}:{n}" for path in root.rglob("*.py") if path.name != "themes.py"
                 for n, line in enumerate(path.read_text().splitlines(), 1) if fixed.search(line)]
    assert not offenders, offenders
