"""Answer (or change, or forget) one question in a dialog; used to jump to an
earlier answer and by the what-if screen."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Button, Static

from gvc_advisor.engine.i18n import N_, _
from gvc_advisor.engine.kb.answers import Answer
from gvc_advisor.engine.kb.schema import Question
from gvc_advisor.tui.screens.base import AdvisorModal
from gvc_advisor.tui.text import lines, plain, styled
from gvc_advisor.tui.widgets.answer_input import AnswerInput


class QuestionModal(AdvisorModal):
    """Dismisses with (value, unsure), "forget", or None (cancelled)."""

    BINDINGS = [("escape", "cancel", N_("Cancel"))]

    def __init__(self, question: Question, current: Answer | None) -> None:
        super().__init__()
        self.question = question
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(lines([plain(self.question.text, "bold"), plain(self.question.help.meaning, "$text-muted")]))
            yield AnswerInput(self.question, self.current)
            yield Button(_("Forget this answer"), id="forget")
            yield Static(styled(_("Enter confirms · Esc cancels"), "$text-muted"))

    async def language_changed(self) -> None:
        """The same question from the knowledge base in the new language, then the texts."""
        from gvc_advisor.tui.screens.state_fact import fact_as_question

        kb, name = self.app.kb, self.question.id
        if name in kb.questions:
            self.question = kb.questions[name]
        elif name in kb.facts:
            self.question = fact_as_question(kb.facts[name])
        await super().language_changed()

    def on_answer_input_answered(self, event: AnswerInput.Answered) -> None:
        event.stop()
        self.dismiss((event.value, event.unsure))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss("forget")

    def action_cancel(self) -> None:
        self.dismiss(None)
