"""The interview: one relevant question at a time, with help, "why are you
asking?", unsure answers, back, and the emerging picture beside it."""

from __future__ import annotations

from rich.markup import escape
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, ProgressBar, Static
from textual.widgets.option_list import Option

from gvc_advisor.engine.errors import AnswersError
from gvc_advisor.engine.explain import why_question
from gvc_advisor.tui.screens.state_fact import fact_as_question
from gvc_advisor.tui.widgets.answer_input import AnswerInput
from gvc_advisor.tui.widgets.picture import EmergingPicture


def short(text: str, width: int = 38) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


class InterviewScreen(Screen):
    needs_session = True
    BINDINGS = [
        Binding("f2,w", "why", "Why ask?"),
        Binding("f3,u", "unsure", "Unsure"),
        Binding("f4,d", "skip", "Don't know"),
        Binding("f5,b", "back", "Back"),
        Binding("f6,r", "results", "Results"),
        Binding("f7,a", "answers", "Change answers"),
        Binding("f8,s", "state_fact", "State a fact"),
        Binding("escape", "app.pop_screen", "Home", show=False),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="main"):
            with Vertical(id="question-pane"):
                yield Static("", id="progress-text")
                yield ProgressBar(show_eta=False, show_percentage=True, id="progress")
                yield Static("", id="question")
                yield Vertical(id="answer-slot")
                with VerticalScroll(id="help-scroll"):
                    yield Static("", id="why", classes="why")
                    yield Static("", id="help", classes="help")
            with VerticalScroll(id="side"):
                yield Static("[b]Emerging picture[/b]", classes="side-title")
                yield EmergingPicture(id="picture")
                yield Static("[b]Answers so far[/b] (select to change)", classes="side-title")
                yield OptionList(id="answered")
        yield Footer()

    @property
    def interview(self):
        return self.app.interview

    async def on_mount(self) -> None:
        self.title = f"Interview — {self.app.session.firm}"
        await self.refresh_view()

    async def on_screen_resume(self) -> None:
        await self.refresh_view()

    # -- drawing ----------------------------------------------------------------
    async def refresh_view(self) -> None:
        interview, kb = self.interview, self.app.kb
        done, remaining = interview.progress
        total = done + remaining
        self.query_one("#progress-text", Static).update(
            f"{done} answered · {remaining} still relevant · {len(kb.questions)} in the question bank")
        self.query_one("#progress", ProgressBar).update(total=max(total, 1), progress=done)
        self.query_one("#picture", EmergingPicture).show(kb, interview.consultation)
        self._refresh_answered()
        self.query_one("#why", Static).update("")
        slot = self.query_one("#answer-slot", Vertical)
        await slot.remove_children()
        question = interview.next_question
        if question is None:
            self.query_one("#question", Static).update(
                "[b]The interview is complete.[/b]\nNo further answer could change the advice. "
                "Press [b]F6[/b] (or r) for the results, or F7 to change an answer.")
            self.query_one("#help", Static).update("")
            return
        topic = question.topic.replace("_", " ").capitalize()
        self.query_one("#question", Static).update(f"[dim]{topic}[/dim]\n[b]{escape(question.text)}[/b]")
        h = question.help
        examples = "".join(f"\n  • {escape(e)}" for e in h.examples)
        self.query_one("#help", Static).update(
            f"[b]What it means:[/b] {escape(h.meaning)}\n[b]Why it matters:[/b] {escape(h.why)}"
            + (f"\n[b]Examples:[/b]{examples}" if examples else ""))
        await slot.mount(AnswerInput(question, interview.answers.get(question.id)))

    def _refresh_answered(self) -> None:
        kb, interview = self.app.kb, self.interview
        menu = self.query_one("#answered", OptionList)
        menu.clear_options()
        for name in interview.history:
            if name in interview.answers:
                answer = interview.answers[name]
                value = kb.value_label(name, answer.value) + (" (unsure)" if answer.unsure else "")
            else:
                value = "don't know"
            menu.add_option(Option(Text(f"{short(kb.label(name))}: {value}"), id=name))

    # -- answering ----------------------------------------------------------------
    async def on_answer_input_answered(self, event: AnswerInput.Answered) -> None:
        cf = self.app.kb.meta.unsure_cf if event.unsure else 1.0
        try:
            self.interview.answer(event.question.id, event.value, cf)
        except AnswersError as exc:  # the widget validates first; this is a safety net
            self.notify(exc.report(), severity="error")
            return
        self.app.autosave()
        await self.refresh_view()
        if self.interview.finished:
            self.action_results()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_list.id != "answered":
            return
        event.stop()
        self.change_answer(event.option.id)

    def change_answer(self, name: str) -> None:
        from gvc_advisor.tui.screens.question_modal import QuestionModal

        async def apply(result) -> None:
            if result is None:
                return
            if result == "forget":
                self.interview.retract(name)
            else:
                value, unsure = result
                self.interview.answer(name, value, self.app.kb.meta.unsure_cf if unsure else 1.0)
            self.app.autosave()
            await self.refresh_view()

        kb = self.app.kb
        question = kb.questions[name] if name in kb.questions else fact_as_question(kb.facts[name])
        self.app.push_screen(QuestionModal(question, self.interview.answers.get(name)), apply)

    # -- actions -------------------------------------------------------------------
    def action_why(self) -> None:
        question = self.interview.next_question
        why = self.query_one("#why", Static)
        if question is None or str(why.content):
            why.update("")
            return
        node = why_question(self.app.kb, self.interview.relevance.waiting.get(question.id, []))
        lines = ["[b]Why are you asking this?[/b] Your answer can still change:"]
        for rule_node in node.children:
            because = next((c.label for c in rule_node.children if c.kind == "because"), "")
            lines.append(f"• {escape(rule_node.label.split(': ', 1)[-1])}\n  [dim]{escape(because)}[/dim]")
        why.update("\n".join(lines))

    def action_unsure(self) -> None:
        for widget in self.query(AnswerInput):
            widget.toggle_unsure()

    async def action_skip(self) -> None:
        question = self.interview.next_question
        if question is None:
            return
        self.interview.skip(question.id)
        self.app.autosave()
        await self.refresh_view()
        if self.interview.finished:
            self.action_results()

    async def action_back(self) -> None:
        if self.interview.back() is None:
            self.notify("This is the first question.")
        self.app.autosave()
        await self.refresh_view()

    def action_results(self) -> None:
        from gvc_advisor.tui.screens.results import ResultsScreen

        self.app.push_screen(ResultsScreen())

    def action_state_fact(self) -> None:
        from gvc_advisor.tui.screens.state_fact import StateFactScreen

        def chosen(fact_id: str | None) -> None:
            if fact_id:
                self.change_answer(fact_id)

        self.app.push_screen(StateFactScreen(), chosen)

    def action_answers(self) -> None:
        self.query_one("#answered", OptionList).focus()
