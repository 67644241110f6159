"""Export the consultation as Markdown, JSON (as ``gvc-advisor advise``) or
HTML, to a path the user picks; an existing file is never overwritten silently,
and a folder gets the usual file name inside it."""

from __future__ import annotations

import io
import re
from pathlib import Path

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Button, Input, RadioSet, Static

from gvc_advisor.engine.i18n import N_, _
from gvc_advisor.services import report
from gvc_advisor.tui.screens.base import AdvisorModal
from gvc_advisor.tui.text import clean, styled
from gvc_advisor.tui.widgets.fields import OrderedInput, Pick

FORMATS = {"markdown": ("md", report.to_markdown), "json": ("json", report.to_json), "html": ("html", report.to_html)}


def file_name(firm: str, fmt: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", clean(firm).lower()).strip("-") or "firm"
    return f"gvc-advice-{slug}.{FORMATS[fmt][0]}"


def default_path(firm: str, fmt: str) -> str:
    return str(Path.cwd() / file_name(firm, fmt))


class ExportScreen(AdvisorModal):
    needs_session = True
    BINDINGS = [("escape", "dismiss", N_("Cancel"))]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(styled(_("Export the consultation"), "bold"))
            with RadioSet(id="format"):
                yield Pick("Markdown", value=True, id="markdown")
                yield Pick(_("JSON (same as gvc-advisor advise)"), id="json")
                yield Pick("HTML", id="html")
            yield Static(_("File (a folder gets the usual file name inside it):"))
            yield OrderedInput(value=default_path(self.app.session.firm, "markdown"), id="path")
            yield Static("", id="export-message")
            yield Button(_("Export"), variant="primary", id="export")
        self.confirm_overwrite: str | None = None

    def on_mount(self) -> None:
        self.query_one("#path", Input).focus()

    @property
    def fmt(self) -> str:
        pressed = self.query_one("#format", RadioSet).pressed_button
        return pressed.id if pressed is not None else "markdown"

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        path = self.query_one("#path", Input)
        typed = Path(path.value.strip()).expanduser()
        if not typed.is_dir():
            path.value = str(typed.with_suffix("." + FORMATS[self.fmt][0]))
        self.confirm_overwrite = None

    def on_input_changed(self, event: Input.Changed) -> None:
        self.confirm_overwrite = None

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.export()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.export()

    def _say(self, text: str, style: str) -> None:
        self.query_one("#export-message", Static).update(styled(text, style))

    def export(self) -> None:
        typed = self.query_one("#path", Input).value.strip()
        if not typed:
            self._say(_("Please type a file path."), "$text-error")
            return
        path = Path(typed).expanduser()
        if path.is_dir():
            path = path / file_name(self.app.session.firm, self.fmt)
            field = self.query_one("#path", Input)
            with field.prevent(Input.Changed):
                field.value = str(path)
        if path.exists() and (path.is_dir() or not path.is_file()):
            self._say(_("{path} exists and is not a file: please choose another name.", path=path), "$text-error")
            return
        if self.app.workshop:  # in a participant's browser: a download, never a file on the server
            text = FORMATS[self.fmt][1](self.app.kb, self.app.interview.consultation, self.app.session.firm)
            self.app.deliver_text(io.StringIO(text), save_filename=path.name)
            self.dismiss()
            return
        if path.exists() and self.confirm_overwrite != str(path):
            self.confirm_overwrite = str(path)
            self._say(_("{path} exists. Press Export again to overwrite it.", path=path), "$text-warning")
            return
        render = FORMATS[self.fmt][1]
        interview = self.app.interview
        text = render(self.app.kb, interview.consultation, self.app.session.firm, skipped=interview.skipped)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        except OSError as exc:
            self._say(_("Could not write {path}: {reason}", path=path, reason=exc.strerror or exc), "$text-error")
            return
        self.app.notify(clean(_("Exported to {path}", path=path)))
        self.dismiss()

