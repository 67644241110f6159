"""Worked cases: firm profiles from the papers, with their teaching notes.

Labels, not ids: the expected diagnosis reads "GVC governance model: Captive".
Opening a case shows its results without creating a saved session; it is
saved only once the user changes an answer (see ``AdvisorApp.changed``).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from gvc_advisor.engine.i18n import N_, _
from gvc_advisor.engine.kb.answers import answers_from_mapping
from gvc_advisor.tui.screens.base import AdvisorScreen, Key, bindings
from gvc_advisor.tui.text import join, lead, lines, plain, styled
from gvc_advisor.tui.widgets.keybar import KeyBar

KEYS = [
    Key("enter,o", "open", N_("Open its results"), N_("Open")),
    Key("escape,b", "app.pop_screen", N_("Back")),
]


class CasesScreen(AdvisorScreen):
    needs_session = False
    KEYS = KEYS
    BINDINGS = bindings(*KEYS)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(join((_("Worked cases"), "bold"), (_(" from the papers — Enter opens a case's results (it is "
                                                       "saved as a session only if you change an answer)"),
                                                     "$text-muted")),
                     classes="title")
        with Horizontal(id="main"):
            yield OptionList(*[Option(plain(c.title), id=c.id) for c in self.app.kb.cases], id="cases")
            yield VerticalScroll(Static(id="case-detail"), id="case-right")
        yield KeyBar()

    def on_mount(self) -> None:
        self.title = _("Worked cases")
        self.query_one("#cases").focus()
        if self.app.kb.cases:
            self._show(self.app.kb.cases[0].id)

    async def remounted(self) -> None:
        self.on_mount()

    def _case(self, case_id: str):
        return next(c for c in self.app.kb.cases if c.id == case_id)

    def _show(self, case_id: str) -> None:
        kb, case = self.app.kb, self._case(case_id)
        parts = [plain(case.firm, "bold"), plain(case.situation), plain(""), styled(_("Expected diagnosis"), "bold")]
        parts += [plain(lead("  • ", _("{label}: {value}", label=kb.label(name), value=kb.value_label(name, value))))
                  for name, value in case.expected.facts.items()]
        parts.append(styled(_("Expected advice"), "bold"))
        parts += [plain(lead("  • ", kb.recommendations[r].title)) for r in case.expected.recommended
                  if r in kb.recommendations]
        if case.expected.warnings:
            parts.append(styled(_("Expected warnings"), "bold"))
            parts += [plain(lead("  • ", kb.warnings[w].title)) for w in case.expected.warnings if w in kb.warnings]
        parts += [plain(""), styled(_("Teaching note"), "bold"), plain(case.teaching_note)]
        self.query_one("#case-detail", Static).update(lines(parts))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._show(event.option.id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._open(event.option.id)

    def action_open(self) -> None:
        menu = self.query_one("#cases", OptionList)
        if menu.highlighted_option is not None:
            self._open(menu.highlighted_option.id)

    def _open(self, case_id: str) -> None:
        case = self._case(case_id)
        answers, problems = answers_from_mapping(self.app.kb, case.answers, f"case {case.id}")
        for problem in problems:  # the loader already checked cases; kept as a safety net
            self.app.notify(problem.message, severity="error")
        self.app.pop_screen()
        self.app.start_session(case.firm, answers, show_results=True, transient=True)
