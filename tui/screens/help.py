"""F1: what each key does, per screen."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

HELP = """\
[b]gvc-advisor — keys[/b]

[b]Everywhere[/b]   F1 help · Ctrl+P command palette · Ctrl+T light/dark theme · Ctrl+Q quit · Esc back
[b]Interview[/b]    ↑↓ + Enter choose an answer (or type a number and Enter)
             F2/w why are you asking? · F3/u mark the answer as unsure · F4/d don't know
             F5/b back (undo the last answer) · F6/r results · F7/a change an earlier answer
             F8/s state a fact directly (e.g. the governance model), overriding inference
[b]Results[/b]      Enter explain the selected advice or diagnosis line · n why not… · i what-if · x export
[b]What-if[/b]      Enter change an answer (on a copy) · z reset · Esc back
[b]Explanation[/b]  ←→ fold/unfold · e expand all

Every answer is saved automatically; resume it from the home screen.
Set NO_COLOR=1 for a monochrome display. The mouse works too.
"""


class HelpScreen(ModalScreen[None]):
    BINDINGS = [("escape,f1,q", "dismiss", "Close")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog"):
            yield Static(HELP)
