"""Ask where to save a report (comparison or roll-up); the format follows the file's
suffix, and an existing file is overwritten only after a second confirmation."""

from __future__ import annotations

from pathlib import Path

from rich.markup import escape
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from gvc_advisor.engine.i18n import N_, _


class SaveReportModal(ModalScreen[Path | None]):
    """Dismissed with the chosen path (None on Escape)."""

    needs_session = False
    BINDINGS = [("escape", "dismiss(None)", N_("Cancel"))]

    def __init__(self, title: str, suggested: Path, suffixes: dict[str, str]) -> None:
        super().__init__()
        self.heading = title
        self.suggested = suggested
        self.suffixes = suffixes  # suffix → what it writes
        self.confirmed: str | None = None

    def compose(self) -> ComposeResult:
        kinds = _(", ").join(f"{s} ({what})" for s, what in self.suffixes.items())
        with Vertical(classes="dialog"):
            yield Static(f"[b]{escape(self.heading)}[/b]\n"
                         + escape(_("The file's suffix chooses the format: {kinds}", kinds=kinds)))
            yield Input(value=str(self.suggested), id="save-path")
            yield Static("", id="save-message")
            yield Button(_("Save"), variant="primary", id="save")

    def on_mount(self) -> None:
        self.query_one("#save-path", Input).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        self.confirmed = None

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.save()

    def save(self) -> None:
        message = self.query_one("#save-message", Static)
        path = Path(self.query_one("#save-path", Input).value.strip()).expanduser()
        if not path.name or path.suffix.lower() not in self.suffixes:
            message.update("[red]" + escape(_("The file must end in one of: {suffixes}",
                                              suffixes=", ".join(self.suffixes))) + "[/red]")
            return
        if not path.parent.is_dir():
            message.update("[red]" + escape(_("The folder {folder} does not exist.", folder=path.parent)) + "[/red]")
            return
        if path.exists() and self.confirmed != str(path):
            self.confirmed = str(path)
            message.update("[yellow]" + escape(_("{path} exists. Press Save again to overwrite it.", path=path))
                           + "[/yellow]")
            return
        self.dismiss(path)
