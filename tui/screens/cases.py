"""Worked cases: firm profiles from the papers, with their teaching notes."""

from __future__ import annotations

from rich.markup import escape
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from gvc_advisor.engine.kb.answers import answers_from_mapping


class CasesScreen(Screen):
    needs_session = False
    BINDINGS = [Binding("escape,b", "app.pop_screen", "Back"), Binding("o", "open", "Open as a session")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("[b]Worked cases[/b] — Enter or o opens a case as a new session (its results)", classes="title")
        with Horizontal(id="main"):
            yield OptionList(*[Option(c.title, id=c.id) for c in self.app.kb.cases], id="cases")
            yield VerticalScroll(Static(id="case-detail"), id="case-right")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#cases").focus()
        if self.app.kb.cases:
            self._show(self.app.kb.cases[0].id)

    def _case(self, case_id: str):
        return next(c for c in self.app.kb.cases if c.id == case_id)

    def _show(self, case_id: str) -> None:
        case = self._case(case_id)
        expected = ", ".join(f"{k} = {v}" for k, v in case.expected.facts.items())
        self.query_one("#case-detail", Static).update(
            f"[b]{escape(case.firm)}[/b]\n{escape(case.situation)}\n\n[b]Expected diagnosis:[/b] {expected}\n"
            f"[b]Expected advice:[/b] {', '.join(case.expected.recommended)}\n\n"
            f"[b]Teaching note:[/b] {escape(case.teaching_note)}")

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._show(event.option.id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self._open(event.option.id)

    def action_open(self) -> None:
        menu = self.query_one("#cases", OptionList)
        if menu.highlighted is not None:
            self._open(menu.get_option_at_index(menu.highlighted).id)

    def _open(self, case_id: str) -> None:
        case = self._case(case_id)
        answers, problems = answers_from_mapping(self.app.kb, case.answers, f"case {case.id}")
        for problem in problems:  # the loader already checked cases; kept as a safety net
            self.app.notify(problem.message, severity="error")
        self.app.pop_screen()
        self.app.start_session(case.firm, answers, show_results=True)
