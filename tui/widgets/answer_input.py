"""The answer widget a question needs: a choice list, yes/no, or a number with
its range checked before it is accepted (the typed text is never lost)."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.validation import Number
from textual.widgets import Checkbox, Input, OptionList, Static
from textual.widgets.option_list import Option

from gvc_advisor.engine.kb.answers import Answer
from gvc_advisor.engine.kb.schema import Question
from gvc_advisor.engine.kb.schema.questions import QuestionType


class AnswerInput(Vertical):
    """Emits :class:`AnswerInput.Answered` with a valid value and its certainty."""

    class Answered(Message):
        def __init__(self, question: Question, value: Any, unsure: bool) -> None:
            super().__init__()
            self.question = question
            self.value = value
            self.unsure = unsure

    def __init__(self, question: Question, current: Answer | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.question = question
        self.current = current

    @property
    def numeric(self) -> bool:
        return self.question.type in (QuestionType.INTEGER, QuestionType.PERCENT)

    def compose(self) -> ComposeResult:
        q = self.question
        if self.numeric:
            low, high = q.bounds or (0, 0)
            unit = "%" if q.type is QuestionType.PERCENT else (q.unit or "")
            value = "" if self.current is None else str(self.current.value)
            yield Input(value=value, placeholder=f"a whole number from {low} to {high} {unit}".strip(),
                        type="integer", validators=[Number(minimum=low, maximum=high)], id="number")
            yield Static("", id="input-error", classes="error")
        else:
            labels = [(v, q.label_of(v)) for v in q.allowed_values]
            options = [Option(label, id=value) for value, label in labels]
            yield OptionList(*options, id="choices")
        yield Checkbox("I'm not sure of this answer", value=bool(self.current and self.current.unsure), id="unsure")

    def on_mount(self) -> None:
        if not self.numeric and self.current is not None:
            choices = self.query_one("#choices", OptionList)
            values = list(self.question.allowed_values)
            if self.current.value in values:
                choices.highlighted = values.index(self.current.value)
        self.focus_input()

    def focus_input(self) -> None:
        self.query_one("#number" if self.numeric else "#choices").focus()

    def toggle_unsure(self) -> None:
        box = self.query_one("#unsure", Checkbox)
        box.value = not box.value

    @property
    def unsure(self) -> bool:
        return self.query_one("#unsure", Checkbox).value

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.Answered(self.question, event.option.id, self.unsure))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        error = self.query_one("#input-error", Static)
        result = event.validation_result
        if not event.value.strip() or (result is not None and not result.is_valid):
            low, high = self.question.bounds or (0, 0)
            error.update(f"Please enter a whole number from {low} to {high}.")
            return
        error.update("")
        self.post_message(self.Answered(self.question, int(event.value), self.unsure))
