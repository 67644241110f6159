"""Open an answers file (the format of ``gvc-advisor advise``)."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Button, Input, Static

from gvc_advisor.engine.errors import UserError
from gvc_advisor.engine.i18n import N_, _
from gvc_advisor.engine.kb.answers import load_answers_document
from gvc_advisor.tui.screens.base import AdvisorModal
from gvc_advisor.tui.text import lines, plain, styled
from gvc_advisor.tui.widgets.fields import OrderedInput


class OpenAnswersScreen(AdvisorModal):
    needs_session = False
    BINDINGS = [("escape", "dismiss", N_("Cancel"))]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(lines([styled(_("Open an answers file"), "bold"),
                                plain(_("Path of a YAML file with 'answers:' (and optionally 'firm:'):"))]))
            yield OrderedInput(placeholder="answers.yaml", id="path")
            yield Static("", id="open-error", classes="error")
            yield Button(_("Open"), variant="primary", id="open")

    def on_mount(self) -> None:
        self.query_one("#path").focus()

    def _open(self) -> None:
        raw = self.query_one("#path", Input).value.strip()
        error = self.query_one("#open-error", Static)
        if not raw:
            error.update(_("Please type a path."))
            return
        path = Path(raw).expanduser()
        try:
            answers, firm = load_answers_document(path, self.app.kb)
        except UserError as exc:
            error.update(plain(exc.report()))
            return
        self.dismiss()
        self.app.start_session(firm or path.stem, answers, show_results=True)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self._open()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self._open()
