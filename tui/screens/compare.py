"""Compare firms: pick saved sessions and answers files, see their diagnoses and
plans side by side and what differs and why (the same content as
``gvc-advisor compare``), and save it as text, Markdown, HTML or JSON."""

from __future__ import annotations

from pathlib import Path

from rich.console import Group
from rich.markup import escape
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Input, SelectionList, Static

from gvc_advisor.engine.errors import UserError
from gvc_advisor.engine.i18n import N_, _, ngettext
from gvc_advisor.services.compare_firms import FirmComparison, compare_firms, render
from gvc_advisor.services.compare_firms.render_text import renderables
from gvc_advisor.services.firm_files import FirmInput, read_firm_file
from gvc_advisor.services.output_files import write_text_atomically

SAVE_AS = {".txt": N_("text"), ".md": N_("Markdown"), ".html": N_("HTML"), ".json": N_("JSON")}
#: The format each suffix writes (``render``'s names).
FORMAT = {".txt": "text", ".md": "markdown", ".html": "html", ".json": "json"}


class CompareScreen(Screen):
    needs_session = False
    BINDINGS = [
        Binding("escape", "app.pop_screen", N_("Back")),
        Binding("f4", "choose", N_("Choose firms")),
        Binding("f5", "compare", N_("Compare")),
        Binding("f6", "save", N_("Save…")),
    ]
    DEFAULT_CSS = """
    CompareScreen #compare-pick { width: 34; min-width: 26; border-right: solid $primary; padding: 0 1; }
    CompareScreen #compare-sessions { height: 1fr; min-height: 4; }
    CompareScreen #compare-files { height: auto; max-height: 6; }
    CompareScreen #compare-buttons { height: auto; }
    CompareScreen #compare-result { width: 1fr; padding: 0 1; }
    """

    def __init__(self, files: list[Path] | None = None) -> None:
        super().__init__()
        self.files: list[Path] = list(files or [])
        self.comparison: FirmComparison | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="main"):
            with Vertical(id="compare-pick"):
                yield Static("[b]" + escape(_("Firms to compare")) + "[/b]\n"
                             + escape(_("Space ticks a saved session; a file path + Enter adds an answers file or "
                                        "session file.")))
                yield SelectionList[str](id="compare-sessions")
                yield Input(placeholder="path/to/answers.yaml", id="compare-path")
                yield Static("", id="compare-files")
                yield Static("", id="compare-error", classes="error")
                with Horizontal(id="compare-buttons"):
                    yield Button(_("Compare"), variant="primary", id="compare-run")
                    yield Button(_("Save…"), id="compare-save")
            with VerticalScroll(id="compare-result"):
                yield Static(escape(_("Tick or add at least two firms, then Compare (F5).")), id="compare-output")
        yield Footer()

    def on_mount(self) -> None:
        self.title = _("Compare firms")
        sessions, _unreadable = self.app.store.list()
        picker = self.query_one("#compare-sessions", SelectionList)
        for session in sessions:
            done, _remaining = session.progress
            answered = ngettext("{n} answered", "{n} answered", done)
            picker.add_option((Text(f"{session.firm} — {session.updated[:10]}, {answered}"), session.id))
        if picker.option_count:
            picker.highlighted = 0
        self._show_files()
        picker.focus()

    async def language_changed(self) -> None:
        """Compose again in the new language: the ticked sessions, the added files and the
        comparison (drawn again from the knowledge base in the new language) are kept."""
        ticked = list(self.query_one("#compare-sessions", SelectionList).selected)
        typed = self.query_one("#compare-path", Input).value
        picking = self.query_one("#compare-pick").display
        await self.recompose()
        self.on_mount()
        picker = self.query_one("#compare-sessions", SelectionList)
        for value in ticked:
            picker.select(value)
        self.query_one("#compare-path", Input).value = typed
        if self.comparison is not None:
            self.action_compare()
            self.query_one("#compare-pick").display = picking

    def _show_files(self) -> None:
        shown = "\n".join(f"• {escape(str(p))}" for p in self.files)
        self.query_one("#compare-files", Static).update(shown)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        raw = event.value.strip()
        if not raw:
            return
        path = Path(raw).expanduser()
        try:
            read_firm_file(path, self.app.kb)
        except UserError as exc:
            self.query_one("#compare-error", Static).update(escape(exc.report()))
            return
        self.files.append(path)
        event.input.value = ""
        self.query_one("#compare-error", Static).update("")
        self._show_files()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "compare-run":
            self.action_compare()
        elif event.button.id == "compare-save":
            self.action_save()

    def chosen(self) -> tuple[list[FirmInput], list[str]]:
        store, kb = self.app.store, self.app.kb
        firms, problems = [], []
        paths = [store.path(i) for i in self.query_one("#compare-sessions", SelectionList).selected] + self.files
        for path in paths:
            try:
                firms.append(read_firm_file(path, kb))
            except UserError as exc:
                problems.append(exc.report())
        return firms, problems

    def action_compare(self) -> None:
        firms, problems = self.chosen()
        error = self.query_one("#compare-error", Static)
        if problems:
            error.update(escape("\n".join(problems)))
            return
        if len(firms) < 2:
            error.update(escape(_("Tick or add at least two firms.")))
            return
        error.update("")
        self.comparison = compare_firms(self.app.kb, firms)
        self.query_one("#compare-output", Static).update(Group(*renderables(self.app.kb, self.comparison)))
        # The comparison gets the whole width (80 columns hold two firms); F4 brings the choice back.
        self.query_one("#compare-pick").display = False
        result = self.query_one("#compare-result", VerticalScroll)
        result.scroll_home(animate=False)
        result.focus()

    def action_choose(self) -> None:
        self.query_one("#compare-pick").display = True
        self.query_one("#compare-sessions", SelectionList).focus()

    def action_save(self) -> None:
        from gvc_advisor.tui.screens.save_report import SaveReportModal

        if self.comparison is None:
            self.app.notify(_("Compare some firms first."), severity="warning")
            return
        comparison = self.comparison

        def save(path: Path | None) -> None:
            if path is None:
                return
            text = render(self.app.kb, comparison, FORMAT[path.suffix.lower()])
            try:
                write_text_atomically(path, text)
            except UserError as exc:
                self.app.notify(exc.report(), severity="error")
                return
            self.app.notify(_("Saved to {path}", path=path))

        self.app.push_screen(SaveReportModal(_("Save the comparison"), Path.cwd() / "comparison.html",
                                             {suffix: _(what) for suffix, what in SAVE_AS.items()}), save)
