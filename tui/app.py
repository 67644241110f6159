"""The Textual application: holds the knowledge base, the current interview
and its autosaved session; screens read and change state through it."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.content import Content
from textual.notifications import SeverityLevel
from textual.screen import Screen

from gvc_advisor.engine.errors import InternalError, shown
from gvc_advisor.engine.i18n import N_, _, current_language
from gvc_advisor.engine.interview import Interview
from gvc_advisor.engine.kb.answers import Answers
from gvc_advisor.engine.kb.model import KnowledgeBase
from gvc_advisor.services.sessions import SavedSession, SessionStore, UnreadableSession
from gvc_advisor.tui.text import clean
from gvc_advisor.tui.themes import NORMAL, OTHER, PROJECTOR, THEMES

#: Name under which the session's results screen is installed (see ``show_results``).
RESULTS = "results"


class AdvisorApp(App):
    """Interviews a firm manager and explains every recommendation."""

    CSS_PATH = "app.tcss"
    TITLE = "gvc-advisor"
    SUB_TITLE = N_("upgrading advice for cluster firms in global value chains")
    BINDINGS = [
        Binding("f1", "help", N_("Help")),
        Binding("ctrl+t", "toggle_theme", N_("Theme")),
        Binding("f9", "present", N_("Present")),
        Binding("ctrl+q", "quit", N_("Quit"), priority=True),
    ]

    def __init__(self, kb: KnowledgeBase, store: SessionStore | None = None,
                 answers: Answers | None = None, firm: str | None = None, workshop: bool = False) -> None:
        super().__init__()
        #: A participant's interview under ``gvc-advisor serve``: the files of the machine
        #: running it are out of reach (no opening by path; exports go to the browser).
        self.workshop = workshop
        self.kb = kb
        #: Where the knowledge base was loaded from: a language switch loads it again from there.
        self.kb_root = kb.root
        #: The knowledge base in each language used so far (switching back costs nothing).
        self.knowledge_bases = {kb.language: kb}
        self.store = store or SessionStore()
        self.interview: Interview | None = None
        self.session: SavedSession | None = None
        #: Counts changes to the interview; screens redraw when it moved (see screens.base).
        self.revision = 0
        #: A worked case opened for a look is not saved until the user changes something.
        self.transient = False
        #: Presentation mode (F9): side panels hidden, high-contrast theme.
        self.presenting = False
        self._initial = (answers, firm)
        for theme in THEMES:
            self.register_theme(theme)
        self.theme = "gvc-dark"
        self.relabel()
        # NO_COLOR needs nothing here: Textual itself renders in monochrome when it is set.

    def relabel(self) -> None:
        """The app's own texts in the current language (see :mod:`gvc_advisor.tui.language`)."""
        from gvc_advisor.tui.language import translate_bindings

        self.sub_title = _(self.SUB_TITLE)
        translate_bindings(self)

    def push_screen(self, screen, *args, **kwargs):
        """Every screen's key descriptions in the current language (its class has them in English)."""
        if isinstance(screen, Screen):
            from gvc_advisor.tui.language import translate_bindings

            translate_bindings(screen)
        return super().push_screen(screen, *args, **kwargs)

    def pop_screen(self):
        """Back from the first screen of a launch on a firm: to a Home screen made now."""
        if getattr(self, "_home_pending", False) and len(self.screen_stack) <= 2:
            from gvc_advisor.tui.screens.home import HomeScreen

            self._home_pending = False
            return self.switch_screen(HomeScreen())
        return super().pop_screen()

    async def switch_language(self, code: str) -> None:
        """Show everything in language ``code`` from now on; answers and screens are kept."""
        from gvc_advisor.tui.language import language_names, switch_language

        if await switch_language(self, code):
            self.notify(_("Language: {name}", name=language_names(self.kb_root)[code]), timeout=3)

    def action_command_palette(self) -> None:
        """Textual's command palette, its prompt in the current language."""
        from textual.command import CommandPalette

        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(CommandPalette(id="--command-palette", placeholder=_("Search for commands…")))

    def on_mount(self) -> None:
        answers, firm = self._initial
        # Started on a firm (--firm, an answers file, a resumed workshop tab): the Home screen
        # comes when the user goes back to it, not before the first question (composing it
        # under the interview cost the launch about 40 ms).
        self._home_pending = answers is not None or bool(firm)
        if not self._home_pending:
            from gvc_advisor.tui.screens.home import HomeScreen

            self.push_screen(HomeScreen())
        if answers is not None:
            self.start_session(firm or _("Answers file"), answers, show_results=True)
        elif firm:
            self.start_session(firm)
        self.set_timer(0.2, self._warm_up)

    def _warm_up(self) -> None:
        """While the user reads the first screen: import the later screens and parse the
        default CSS of the widgets they use.  Textual does both on first use, which made
        the first Ctrl+P, results and explanation slow.  One widget class per step, a few
        milliseconds each, so that a key pressed meanwhile waits for one step at most.
        It uses Textual's own ``_get_default_css`` so that the sources are exactly those
        Textual would add later (then a no-op); should Textual change, the warm-up stops."""
        from types import SimpleNamespace

        from textual.command import CommandInput, CommandList, CommandPalette, SearchIcon
        from textual.dom import DOMNode
        from textual.widgets import Button, LoadingIndicator, RadioButton, RadioSet

        from gvc_advisor.tui.screens import answers, curve, explanation, results, whatif, whynot  # noqa: F401
        from gvc_advisor.tui.widgets.smile_curve import SmileCurve
        from gvc_advisor.tui.widgets.tree_view import TreeView

        pending = [CommandPalette, CommandInput, CommandList, SearchIcon, LoadingIndicator, RadioSet,
                   RadioButton, Button, TreeView, SmileCurve]

        def step() -> None:
            if not pending:
                return
            cls = pending.pop(0)
            try:
                bases = SimpleNamespace(_node_bases=DOMNode._css_bases(cls))
                for read_from, css, tie_breaker, scope in DOMNode._get_default_css(bases):
                    self.stylesheet.add_source(css, read_from=read_from, is_default_css=True,
                                               tie_breaker=tie_breaker, scope=scope)
                self.stylesheet.parse()
            except Exception:  # an optimisation only
                pending.clear()
                return
            self.set_timer(0.02, step)

        step()

    def format_title(self, title: str, sub_title: str) -> Content:
        """The header: cleaned of control characters, the subtitle readable (Textual dims
        it, to 4.4:1 in a light theme)."""
        shown = Content(clean(title, single_line=True))
        if not sub_title:
            return shown
        return Content.assemble(shown, (" — ", "$text-muted"), (clean(sub_title, single_line=True), "$text-muted"))

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = False) -> None:
        """Notifications never parse markup and never carry control characters (they
        often quote a firm name, a file name or knowledge-base text)."""
        super().notify(clean(message), title=clean(title), severity=severity, timeout=timeout, markup=False)

    # -- session management -------------------------------------------------
    def start_session(self, firm: str, answers: Answers | None = None, skipped: set[str] | None = None,
                      history: list[str] | None = None, session: SavedSession | None = None,
                      show_results: bool = False, transient: bool = False) -> None:
        """Begin (or resume) an interview and show the next step (or the results).

        ``transient``: a worked case opened to look at; it becomes a saved session
        only when the user changes an answer.
        """
        from gvc_advisor.tui.screens.interview import InterviewScreen

        self._drop_cached_results()
        self.interview = Interview(self.kb)
        if answers:
            self.interview.load(answers, skipped, history)
        self.session = session or SavedSession.new(clean(firm, single_line=True) or _("Unnamed firm"), self.kb,
                                                   language=current_language())
        self.transient = transient
        self.revision += 1
        self.autosave()
        self.push_screen(InterviewScreen())
        if self.interview.finished or show_results:
            self.show_results()

    def show_results(self) -> None:
        """Show the results screen, built once per session and kept: coming back to it
        costs a repaint, not a rebuild (it redraws itself if the interview changed)."""
        from gvc_advisor.tui.screens.results import ResultsScreen

        if RESULTS not in self._installed_screens:
            self.install_screen(ResultsScreen(), RESULTS)
        screen = self.get_screen(RESULTS)
        if screen in self.screen_stack:
            while self.screen is not screen:
                self.pop_screen()
            return
        self.push_screen(screen)

    def _drop_cached_results(self) -> None:
        """A new session gets a new results screen (the old one goes once it is off the stack)."""
        if RESULTS in self._installed_screens:
            screen = self.get_screen(RESULTS)
            self.uninstall_screen(RESULTS)
            if screen not in self.screen_stack and screen.is_attached:
                screen.remove()

    def changed(self) -> None:
        """Record a change to the interview: screens redraw, the session is saved."""
        self.revision += 1
        if self.transient:
            self.transient = False
            self.notify(_("You changed the case: it is now saved as a session ({firm}).",
                          firm=clean(self.session.firm)))
        self.autosave()

    def autosave(self) -> None:
        """Write the session after every change; a failure is shown, never fatal."""
        if self.interview is None or self.session is None or self.transient:
            return
        self.session.capture(self.interview)
        try:
            self.store.save(self.session)
        except (OSError, UnreadableSession) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            self.notify(clean(_("Could not autosave to {folder}: {reason}", folder=shown(self.store.directory, 120),
                                reason=shown(reason, 120))), severity="error")

    # -- global actions ---------------------------------------------------------
    def action_help(self) -> None:
        from gvc_advisor.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_toggle_theme(self) -> None:
        self.theme = OTHER.get(self.theme, "gvc-light")

    def action_present(self) -> None:
        """Presentation mode: the question or the plan alone, high contrast, for a projector."""
        self.presenting = not self.presenting
        if self.presenting:
            self.theme = PROJECTOR.get(self.theme, self.theme)
        else:
            self.theme = NORMAL.get(self.theme, self.theme)
        for screen in self.screen_stack:
            if hasattr(screen, "presentation_changed"):
                screen.presentation_changed()
        self.notify(_("Presentation mode: F9 again to leave it.") if self.presenting
                    else _("Presentation mode off."), timeout=3)

    def _push(self, name: str) -> None:
        from gvc_advisor.tui import screens

        screen_class = screens.by_name(name)
        if screen_class.needs_session and self.interview is None:
            self.notify(_("Start or resume an interview first."), severity="warning")
            return
        if name == "results":
            self.show_results()
            return
        self.push_screen(screen_class())

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        from gvc_advisor.tui.commands import palette

        yield from palette(self, super().get_system_commands(screen))

    def run_worker_language(self, code: str) -> None:
        self.run_worker(self.switch_language(code), group="language", exclusive=True)


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
        raise InternalError(_("the interview stopped on an unexpected error (exit status {status})",
                              status=app.return_code))
