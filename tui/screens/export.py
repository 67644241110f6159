"""Export the consultation as Markdown, JSON (as ``gvc-advisor advise``) or
HTML, to a path the user picks; an existing file is never overwritten silently."""

from __future__ import annotations

import io
import re
from pathlib import Path

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, RadioButton, RadioSet, Static

from gvc_advisor.services import report

FORMATS = {"markdown": ("md", report.to_markdown), "json": ("json", report.to_json), "html": ("html", report.to_html)}


def default_path(firm: str, fmt: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", firm.lower()).strip("-") or "firm"
    return str(Path.cwd() / f"gvc-advice-{slug}.{FORMATS[fmt][0]}")


class ExportScreen(ModalScreen[None]):
    needs_session = True
    BINDINGS = [("escape", "dismiss", "Cancel")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static("[b]Export the consultation[/b]")
            with RadioSet(id="format"):
                yield RadioButton("Markdown", value=True, id="markdown")
                yield RadioButton("JSON (same as gvc-advisor advise)", id="json")
                yield RadioButton("HTML", id="html")
            yield Input(value=default_path(self.app.session.firm, "markdown"), id="path")
            yield Static("", id="export-message")
            yield Button("Export", variant="primary", id="export")
        self.confirm_overwrite: str | None = None

    def on_mount(self) -> None:
        self.query_one("#path", Input).focus()

    @property
    def fmt(self) -> str:
        pressed = self.query_one("#format", RadioSet).pressed_button
        return pressed.id if pressed is not None else "markdown"

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        path = self.query_one("#path", Input)
        path.value = str(Path(path.value).with_suffix("." + FORMATS[self.fmt][0]))
        self.confirm_overwrite = None

    def on_input_changed(self, event: Input.Changed) -> None:
        self.confirm_overwrite = None

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.export()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.export()

    def export(self) -> None:
        message = self.query_one("#export-message", Static)
        path = Path(self.query_one("#path", Input).value.strip()).expanduser()
        if not path.name:
            message.update("[red]Please type a file path.[/red]")
            return
        if self.app.workshop:  # in a participant's browser: a download, never a file on the server
            text = FORMATS[self.fmt][1](self.app.kb, self.app.interview.consultation, self.app.session.firm)
            self.app.deliver_text(io.StringIO(text), save_filename=path.name)
            self.dismiss()
            return
        if path.exists() and self.confirm_overwrite != str(path):
            self.confirm_overwrite = str(path)
            message.update(f"[yellow]{path} exists. Press Export again to overwrite it.[/yellow]")
            return
        render = FORMATS[self.fmt][1]
        interview = self.app.interview
        text = render(self.app.kb, interview.consultation, self.app.session.firm, skipped=interview.skipped)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        except OSError as exc:
            message.update(f"[red]Could not write {path}: {exc.strerror}[/red]")
            return
        self.app.notify(f"Exported to {path}")
        self.dismiss()
