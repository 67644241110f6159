"""The answer widget a question needs: a choice list, yes/no, or a number.

Numbers are read as people type them ("1,200", "1 200", "40 %"); anything
else gets a message saying what is wrong, and the message always describes
the text now in the field (it goes as soon as the text is right).  The typed
text is never lost.  The previous answer, if any, is preselected.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from gvc_advisor.engine.i18n import _
from gvc_advisor.engine.kb.answers import Answer
from gvc_advisor.engine.kb.schema import Question
from gvc_advisor.engine.kb.schema.questions import QuestionType
from gvc_advisor.tui.text import plain
from gvc_advisor.tui.widgets.fields import OrderedInput, Tick, parse_whole_number


class AnswerInput(Vertical):
    """Emits :class:`AnswerInput.Answered` with a valid value and its certainty."""

    DEFAULT_CSS = "AnswerInput { height: auto; }"

    class Answered(Message):
        def __init__(self, question: Question, value: Any, unsure: bool) -> None:
            super().__init__()
            self.question = question
            self.value = value
            self.unsure = unsure

    def __init__(self, question: Question, current: Answer | None = None, autofocus: bool = True,
                 **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.question = question
        self.current = current
        self.autofocus = autofocus

    @property
    def numeric(self) -> bool:
        return self.question.type in (QuestionType.INTEGER, QuestionType.PERCENT)

    @property
    def unit(self) -> str:
        return "%" if self.question.type is QuestionType.PERCENT else (self.question.unit or "")

    def compose(self) -> ComposeResult:
        q = self.question
        if self.numeric:
            low, high = q.bounds or (0, 0)
            value = "" if self.current is None else f"{self.current.value:,}"
            yield OrderedInput(value=value, placeholder=_("{low} to {high} {unit}", low=f"{low:,}", high=f"{high:,}",
                                                          unit=self.unit).strip(), id="number")
            yield Static("", id="input-error", classes="error")
        else:
            options = [Option(plain(q.label_of(v)), id=v) for v in q.allowed_values]
            yield OptionList(*options, id="choices")
        yield Tick(_("I'm not sure of this answer"), value=bool(self.current and self.current.unsure), id="unsure")

    def on_mount(self) -> None:
        if not self.numeric:
            self._highlight_current()
        if self.autofocus:
            self.focus_input()

    def _highlight_current(self) -> None:
        choices = self.query_one("#choices", OptionList)
        values = list(self.question.allowed_values)
        current = self.current.value if self.current is not None else None
        choices.highlighted = values.index(current) if current in values else 0

    def reuse_for(self, question: Question, current: Answer | None, autofocus: bool) -> bool:
        """Show another choice question in this widget instead of mounting a new one
        (mounting is most of the cost of moving to the next question).  False if the
        kind of answer differs: the caller mounts a new widget then."""
        if self.numeric or question.type not in (QuestionType.CHOICE, QuestionType.YESNO):
            return False
        self.question, self.current = question, current
        choices = self.query_one("#choices", OptionList)
        choices.clear_options()
        choices.add_options([Option(plain(question.label_of(v)), id=v) for v in question.allowed_values])
        self._highlight_current()
        choices.scroll_home(animate=False)
        self.query_one("#unsure", Tick).value = bool(current and current.unsure)
        if autofocus:
            self.focus_input()
        return True

    def focus_input(self) -> None:
        self.query_one("#number" if self.numeric else "#choices").focus()

    def toggle_unsure(self) -> None:
        box = self.query_one("#unsure", Tick)
        box.value = not box.value

    @property
    def unsure(self) -> bool:
        return self.query_one("#unsure", Tick).value

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.Answered(self.question, event.option.id, self.unsure))

    def _check(self, text: str) -> tuple[int | None, str]:
        low, high = self.question.bounds or (0, 0)
        return parse_whole_number(text, low, high, self.unit)

    def on_input_changed(self, event: Input.Changed) -> None:
        """Keep the message true to the text now in the field (never a stale one)."""
        event.stop()
        error = self.query_one("#input-error", Static)
        if not str(error.content):
            return
        number, message = self._check(event.value)
        error.update(plain(message) if event.value.strip() and number is None else "")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        number, message = self._check(event.value)
        error = self.query_one("#input-error", Static)
        if number is None:
            error.update(plain(message))
            return
        error.update("")
        self.post_message(self.Answered(self.question, number, self.unsure))
