"""F1: what each key does, per screen; it scrolls when the terminal is small."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from gvc_advisor.tui.screens.base import AdvisorModal
from gvc_advisor.tui.text import join, styled

SECTIONS = [
    ("Everywhere", [
        ("F1", "this help"), ("Ctrl+P", "menu of commands (all answers, what-if, export, cases…)"),
        ("Ctrl+T", "light / dark theme"), ("F9", "presentation mode for a projector"),
        ("Esc", "back"), ("Ctrl+Q", "quit"),
    ]),
    ("Interview", [
        ("↑ ↓ Enter", "choose an answer, or type a number (1,200 is fine) and Enter"),
        ("F2 / w", "why are you asking this?"), ("F3 / u", "mark the answer as unsure"),
        ("F4 / d", "don't know"), ("F5 / b", "back: the old answer stays preselected"),
        ("Ctrl+Z", "undo Back"), ("F6 / r", "results"),
        ("F7 / a", "all answers by topic; Enter changes one"),
        ("F8 / s", "state a fact directly (e.g. the governance), overriding inference"),
        ("Tab", "the answers-so-far list beside the question; Enter changes one"),
    ]),
    ("Results", [
        ("Enter", "explain the step, diagnosis line or warning"), ("Tab", "next list"),
        ("n", "why not…"), ("c", "smile curve"), ("i", "what-if"), ("x", "export"),
    ]),
    ("Explanation", [("d", "consultant's detail (rules, certainty arithmetic) or plain language")]),
    ("What-if", [("Enter", "change an answer on a copy"), ("z", "reset")]),
]


def help_text() -> Content:
    rows: list[Content] = [styled("gvc-advisor — keys", "bold"), Content("")]
    for title, keys in SECTIONS:
        rows.append(styled(title, "bold $text-primary"))
        rows += [join("  ", (f"{key:<10}", "bold"), " ", text) for key, text in keys]
        rows.append(Content(""))
    rows.append(Content("Every answer is saved automatically; resume from the home screen. "
                        "NO_COLOR=1 gives a monochrome display. The mouse works too."))
    return Content("\n").join(rows)


class HelpScreen(AdvisorModal):
    BINDINGS = [("escape,f1,q", "dismiss", "Close")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="help-dialog"):
            with VerticalScroll(id="help-body"):
                yield Static(help_text(), id="help-text")
            yield Static(styled("↑↓ PgUp PgDn scroll · Esc closes", "$text-muted"), id="help-hint")

    def on_mount(self) -> None:
        self.query_one("#help-body").focus()
