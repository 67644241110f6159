"""Cluster roll-up: roll up a survey table, a workshop folder or answers files
(or every saved session) in the background, with a progress bar, then show the
grid, the shares, the frequent advice and the collective measures, and save
the report or the per-firm table."""

from __future__ import annotations

import shlex
from pathlib import Path

from rich.console import Group
from rich.markup import escape
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Input, ProgressBar, Static
from textual.worker import get_current_worker

from gvc_advisor.engine.errors import UserError
from gvc_advisor.engine.i18n import N_, _, ngettext
from gvc_advisor.services.output_files import write_text_atomically
from gvc_advisor.services.rollup.render import render_summary
from gvc_advisor.services.rollup.render_text import renderables
from gvc_advisor.services.rollup.run import run_rollup
from gvc_advisor.services.rollup.summary import RollupSummary

SAVE_AS = {".html": N_("report"), ".md": N_("Markdown"), ".json": N_("JSON"), ".txt": N_("text"),
           ".csv": N_("per-firm table"), ".xlsx": N_("workbook: summary and per-firm sheets")}
SUMMARY = {".html": "html", ".md": "markdown", ".json": "json", ".txt": "text"}


class Cancelled(Exception):
    """The user left the screen while a roll-up was running."""


class RollupScreen(Screen):
    needs_session = False
    BINDINGS = [
        Binding("escape", "back", N_("Back")),
        Binding("f5", "run", N_("Roll up")),
        Binding("f6", "save", N_("Save…")),
        Binding("f7", "workshop", N_("All saved sessions")),
    ]
    DEFAULT_CSS = """
    RollupScreen #rollup-bar { height: auto; padding: 0 1; }
    RollupScreen #rollup-inputs { width: 1fr; }
    RollupScreen #rollup-progress { padding: 0 1; height: 1; }
    RollupScreen #rollup-status { padding: 0 1; height: auto; max-height: 6; }
    RollupScreen #rollup-result { height: 1fr; padding: 0 1; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.summary: RollupSummary | None = None
        self.paths: list[Path] = []
        self.skipped_lines: list[str] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("[b]" + escape(_("Cluster roll-up")) + "[/b] — "
                     + escape(_("a survey (.csv, .xlsx), a workshop folder, answers files or saved sessions; "
                                "separate several with spaces. F7 rolls up every saved session.")), classes="title")
        with Horizontal(id="rollup-bar"):
            yield Input(placeholder="survey.xlsx  workshop/  firm.yaml", id="rollup-inputs")
            yield Button(_("Roll up"), variant="primary", id="rollup-run")
        yield ProgressBar(id="rollup-progress", show_eta=True)
        yield Static("", id="rollup-status")
        with VerticalScroll(id="rollup-result"):
            yield Static("", id="rollup-output")
        yield Footer()

    def on_mount(self) -> None:
        self.title = _("Cluster roll-up")
        self.query_one("#rollup-inputs", Input).focus()

    async def language_changed(self) -> None:
        """The labels in the new language; what was typed, the status and the result stay."""
        self.title = _("Cluster roll-up")
        self.query_one(".title", Static).update(
            "[b]" + escape(_("Cluster roll-up")) + "[/b] — "
            + escape(_("a survey (.csv, .xlsx), a workshop folder, answers files or saved sessions; "
                       "separate several with spaces. F7 rolls up every saved session.")))
        self.query_one("#rollup-run", Button).label = _("Roll up")

    # -- running ------------------------------------------------------------------
    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.action_run()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.action_run()

    def action_run(self) -> None:
        raw = self.query_one("#rollup-inputs", Input).value
        try:
            paths = [Path(p).expanduser() for p in shlex.split(raw)]
        except ValueError as exc:
            self._status(f"[red]{escape(str(exc))}[/red]")
            return
        if not paths:
            self._status("[red]" + escape(_("Type at least one file or folder.")) + "[/red]")
            return
        self.start(paths)

    def action_workshop(self) -> None:
        self.start([self.app.store.directory])

    def start(self, paths: list[Path], sink_path: Path | None = None) -> None:
        self.paths = paths
        self.skipped_lines = []
        self.query_one("#rollup-progress", ProgressBar).update(total=None, progress=0)
        self._status(escape(_("Rolling up…")))
        self.run_worker(lambda: self._work(paths, sink_path), thread=True, exclusive=True, group="rollup")

    def _work(self, paths: list[Path], sink_path: Path | None) -> None:
        worker = get_current_worker()

        def progress(done: int, total: int | None) -> None:
            if worker.is_cancelled:
                raise Cancelled
            self.app.call_from_thread(self._progress, done, total)

        def skipped(item) -> None:
            self.skipped_lines += [p.format() for p in item.problems]

        sinks = []
        try:
            sinks = [self._sink(sink_path)] if sink_path else []
            summary = run_rollup(self.app.kb, paths, progress=progress, on_skipped=skipped, sinks=sinks)
            for sink in sinks:
                sink.finish(summary)
        except Exception as exc:  # a failed roll-up must not take the interview down with it
            for sink in sinks:
                sink.abort()
            if isinstance(exc, Cancelled):
                return
            text = exc.report() if isinstance(exc, UserError) else _(
                "internal error ({kind}: {error}); this is a bug, please report it", kind=type(exc).__name__, error=exc)
            self.app.call_from_thread(self._status, f"[red]{escape(text)}[/red]")
            return
        self.app.call_from_thread(self._show, summary, sink_path)

    def _sink(self, path: Path):
        from gvc_advisor.services.rollup.per_firm import CsvFirmFile, XlsxFirmWriter

        writer = XlsxFirmWriter if path.suffix.lower() == ".xlsx" else CsvFirmFile
        return writer(self.app.kb, path)

    @property
    def _shown(self) -> bool:
        """Whether this screen is still on the stack (it may have been left while the roll-up ran)."""
        return self in self.app.screen_stack

    def _progress(self, done: int, total: int | None) -> None:
        if self._shown:
            self.query_one("#rollup-progress", ProgressBar).update(total=total, progress=done)

    def _status(self, text: str) -> None:
        if self._shown:
            self.query_one("#rollup-status", Static).update(text)

    def _show(self, summary: RollupSummary, saved_to: Path | None) -> None:
        if not self._shown:
            return
        self.summary = summary
        bar = self.query_one("#rollup-progress", ProgressBar)
        bar.update(total=summary.firms + summary.skipped, progress=summary.firms + summary.skipped)
        note = escape(ngettext("{count} firm rolled up", "{count} firms rolled up", summary.firms,
                               count=f"{summary.firms:,}"))
        if summary.skipped:
            what = ngettext("{count} row or file skipped", "{count} rows or files skipped", summary.skipped,
                            count=f"{summary.skipped:,}")
            note += (escape(_("; ")) + "[red]" + escape(what) + "[/red] — "
                     + escape("; ".join(self.skipped_lines[:3])) + (" …" if len(self.skipped_lines) > 3 else ""))
        if saved_to:
            note += escape(_("; saved to {path}", path=saved_to))
        self._status(note)
        self.query_one("#rollup-output", Static).update(Group(*renderables(summary)))

    # -- leaving, saving -------------------------------------------------------------
    def action_back(self) -> None:
        self.workers.cancel_group(self, "rollup")
        self.app.pop_screen()

    def action_save(self) -> None:
        from gvc_advisor.tui.screens.save_report import SaveReportModal

        if self.summary is None:
            self.app.notify(_("Roll up some firms first."), severity="warning")
            return
        summary = self.summary

        def save(path: Path | None) -> None:
            if path is None:
                return
            fmt = SUMMARY.get(path.suffix.lower())
            if fmt is None:  # a per-firm table: the firms are rolled up again, streamed into the file
                self.start(self.paths, sink_path=path)
                return
            try:
                write_text_atomically(path, render_summary(summary, fmt))
            except UserError as exc:
                self.app.notify(exc.report(), severity="error")
                return
            self.app.notify(_("Saved to {path}", path=path))

        self.app.push_screen(SaveReportModal(_("Save the roll-up"), Path.cwd() / "rollup.html",
                                             {suffix: _(what) for suffix, what in SAVE_AS.items()}), save)
