"""The Textual application: holds the knowledge base, the current interview
and its autosaved session; screens read and change state through it."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from rich.markup import escape
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from gvc_advisor.engine.errors import InternalError, shown
from gvc_advisor.engine.interview import Interview
from gvc_advisor.engine.kb.answers import Answers
from gvc_advisor.engine.kb.model import KnowledgeBase
from gvc_advisor.services.sessions import SavedSession, SessionStore, UnreadableSession


class AdvisorApp(App):
    """Interviews a firm manager and explains every recommendation."""

    CSS_PATH = "app.tcss"
    TITLE = "gvc-advisor"
    SUB_TITLE = "upgrading advice for cluster firms in global value chains"
    BINDINGS = [
        Binding("f1", "help", "Help"),
        Binding("ctrl+t", "toggle_theme", "Theme"),
        Binding("ctrl+q", "quit", "Quit", priority=True),
    ]

    def __init__(self, kb: KnowledgeBase, store: SessionStore | None = None,
                 answers: Answers | None = None, firm: str | None = None, workshop: bool = False) -> None:
        super().__init__()
        #: A participant's interview under ``gvc-advisor serve``: the files of the machine
        #: running it are out of reach (no opening by path; exports go to the browser).
        self.workshop = workshop
        self.kb = kb
        self.store = store or SessionStore()
        self.interview: Interview | None = None
        self.session: SavedSession | None = None
        self._initial = (answers, firm)
        # NO_COLOR needs nothing here: Textual itself renders in monochrome when it is set.

    def on_mount(self) -> None:
        from gvc_advisor.tui.screens.home import HomeScreen

        self.push_screen(HomeScreen())
        answers, firm = self._initial
        if answers is not None:
            self.start_session(firm or "Answers file", answers, show_results=True)
        elif firm:
            self.start_session(firm)

    # -- session management -------------------------------------------------
    def start_session(self, firm: str, answers: Answers | None = None, skipped: set[str] | None = None,
                      history: list[str] | None = None, session: SavedSession | None = None,
                      show_results: bool = False) -> None:
        """Begin (or resume) an interview and show the next step (or the results)."""
        from gvc_advisor.tui.screens.interview import InterviewScreen
        from gvc_advisor.tui.screens.results import ResultsScreen

        self.interview = Interview(self.kb)
        if answers:
            self.interview.load(answers, skipped, history)
        self.session = session or SavedSession.new(firm, self.kb)
        self.autosave()
        self.push_screen(InterviewScreen())
        if self.interview.finished or show_results:
            self.push_screen(ResultsScreen())

    def autosave(self) -> None:
        """Write the session after every change; a failure is shown, never fatal."""
        if self.interview is None or self.session is None:
            return
        self.session.capture(self.interview)
        try:
            self.store.save(self.session)
        except (OSError, UnreadableSession) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            self.notify(escape(f"Could not autosave to {shown(self.store.directory, 120)}: {shown(reason, 120)}"),
                        severity="error")

    # -- global actions ---------------------------------------------------------
    def action_help(self) -> None:
        from gvc_advisor.tui.screens.help import HelpScreen

        self.push_screen(HelpScreen())

    def action_toggle_theme(self) -> None:
        self.theme = "textual-light" if self.theme != "textual-light" else "textual-dark"

    def _push(self, name: str) -> None:
        from gvc_advisor.tui import screens

        screen_class = screens.by_name(name)
        if screen_class.needs_session and self.interview is None:
            self.notify("Start or resume an interview first.", severity="warning")
            return
        self.push_screen(screen_class())

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand("New interview", "Start interviewing a new firm", lambda: self._push("new"))
        yield SystemCommand("Resume a session", "Continue a saved interview", lambda: self._push("sessions"))
        yield SystemCommand("Results", "Recommendations for the current firm", lambda: self._push("results"))
        yield SystemCommand("What-if", "Change answers and compare the advice", lambda: self._push("whatif"))
        yield SystemCommand("Export", "Write the consultation as Markdown, JSON or HTML", lambda: self._push("export"))
        yield SystemCommand("Worked cases", "Browse the firm profiles from the papers", lambda: self._push("cases"))
        yield SystemCommand("Glossary", "Concepts of the framework", lambda: self._push("glossary"))
        yield SystemCommand("Compare firms", "Diagnoses and plans side by side, and why they differ",
                            lambda: self._push("compare"))
        yield SystemCommand("Cluster roll-up", "A survey, a workshop folder or answers files rolled up",
                            lambda: self._push("rollup"))


def run_app(kb_dir: Path | None = None, answers_path: Path | None = None, firm: str | None = None,
            workshop: bool = False) -> None:
    """Load everything that can fail *before* the terminal switches to the TUI.

    The firm is the one given on the command line, else the answers file's
    ``firm:``, else the file's name.  If the application stops on an
    unexpected error (Textual prints it), the exit status says so.

    Loading runs with the garbage collector paused: the modules, the knowledge
    base and the compiled engine live as long as the process, so collections
    meanwhile (a tenth of the launch) would only scan them; compiling then
    takes them out of the collector's reach for good (``engine_for``).
    """
    from gvc_advisor.engine.engines import engine_for
    from gvc_advisor.engine.kb.answers import load_answers_document
    from gvc_advisor.engine.kb.loader import load_knowledge_base
    from gvc_advisor.engine.rete.collector import collector_paused

    with collector_paused():
        kb = load_knowledge_base(kb_dir)
        engine_for(kb)  # compile now, so the first question appears at once
    answers = None
    if answers_path is not None:
        answers, firm_in_file = load_answers_document(answers_path, kb)
        firm = firm or firm_in_file or answers_path.stem
    app = AdvisorApp(kb, answers=answers, firm=firm, workshop=workshop)
    app.run()
    if app.return_code:
        raise InternalError(f"the interview stopped on an unexpected error (exit status {app.return_code})")
