"""F1: what each key does, per screen; it scrolls when the terminal is small."""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from gvc_advisor.engine.i18n import N_, _
from gvc_advisor.tui.screens.base import AdvisorModal
from gvc_advisor.tui.text import join, styled

SECTIONS = [
    (N_("Everywhere"), [
        ("F1", N_("this help")), ("Ctrl+P", N_("menu of commands (all answers, what-if, export, cases…)")),
        ("Ctrl+T", N_("light / dark theme")), ("F9", N_("presentation mode for a projector")),
        ("Esc", N_("back")), ("Ctrl+Q", N_("quit")),
    ]),
    (N_("Interview"), [
        ("↑ ↓ Enter", N_("choose an answer, or type a number (1,200 is fine) and Enter")),
        ("F2 / w", N_("why are you asking this?")), ("F3 / u", N_("mark the answer as unsure")),
        ("F4 / d", N_("don't know")), ("F5 / b", N_("back: the old answer stays preselected")),
        ("Ctrl+Z", N_("undo Back")), ("F6 / r", N_("results")),
        ("F7 / a", N_("all answers by topic; Enter changes one")),
        ("F8 / s", N_("state a fact directly (e.g. the governance), overriding inference")),
        ("Tab", N_("the answers-so-far list beside the question; Enter changes one")),
    ]),
    (N_("Results"), [
        ("Enter", N_("explain the step, diagnosis line or warning")), ("Tab", N_("next list")),
        ("n", N_("why not…")), ("c", N_("smile curve")), ("i", N_("what-if")), ("x", N_("export")),
    ]),
    (N_("Explanation"), [("d", N_("consultant's detail (rules, certainty arithmetic) or plain language"))]),
    (N_("What-if"), [("Enter", N_("change an answer on a copy")), ("z", N_("reset"))]),
]


def help_text() -> Content:
    rows: list[Content] = [styled(_("gvc-advisor — keys"), "bold"), Content("")]
    width = max(cell_len(key) for _title, keys in SECTIONS for key, _text in keys)
    for title, keys in SECTIONS:
        rows.append(styled(_(title), "bold $text-primary"))
        rows += [join("  ", (set_cell_size(key, width), "bold"), "  ", _(text)) for key, text in keys]
        rows.append(Content(""))
    rows.append(Content(_("Every answer is saved automatically; resume from the home screen. "
                          "NO_COLOR=1 gives a monochrome display. The mouse works too.")))
    return Content("\n").join(rows)


class HelpScreen(AdvisorModal):
    BINDINGS = [("escape,f1,q", "dismiss", N_("Close"))]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="help-dialog"):
            with VerticalScroll(id="help-body"):
                yield Static(help_text(), id="help-text")
            yield Static(styled(_("↑↓ PgUp PgDn scroll · Esc closes"), "$text-muted"), id="help-hint")

    def on_mount(self) -> None:
        self.query_one("#help-body").focus()
