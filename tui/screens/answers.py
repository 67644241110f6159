"""All answers at once: every question of the bank, grouped by topic, with its
full text and the answer given (or "don't know", or why it was not asked);
Enter changes any of them, focus stays on the list."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from gvc_advisor.engine.i18n import N_, _
from gvc_advisor.tui.screens.base import AdvisorScreen, Key, bindings
from gvc_advisor.tui.text import clean, join, lead, plain, styled, topic_label, value_text
from gvc_advisor.tui.widgets.keybar import KeyBar

KEYS = [
    Key("enter", "change", N_("Change the answer"), N_("Change")),
    Key("escape,b", "app.pop_screen", N_("Back")),
]


class AnswersScreen(AdvisorScreen):
    needs_session = True
    KEYS = KEYS
    BINDINGS = bindings(*KEYS)

    def __init__(self) -> None:
        super().__init__()
        self._prompts: dict[str, object] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(join((_("All answers"), "bold"), (_(" by topic — Enter changes one; the interview then "
                                                      "continues from the new answers."), "$text-muted")),
                     classes="title")
        yield OptionList(id="all-answers")
        yield KeyBar()

    def on_mount(self) -> None:
        self.title = _("Answers — {firm}", firm=clean(self.app.session.firm, single_line=True))

    async def remounted(self) -> None:
        self._prompts = {}
        self.on_mount()

    def _status(self, name: str):
        interview, kb = self.app.interview, self.app.kb
        if name in interview.answers:
            answer = interview.answers[name]
            shown = value_text(kb, name, answer.value) + (_(" (not sure)") if answer.unsure else "")
            stated = name in kb.facts
            return styled(lead("  → ", shown + (_(" (stated by you)") if stated else "")), "bold $text-success")
        if name in interview.skipped:
            return styled(lead("  → ", _("don't know")), "$text-warning")
        if name in interview.relevance.questions:
            return styled(lead("  → ", _("not asked yet")), "$text-muted")
        return styled(lead("  → ", _("not needed: it cannot change the advice now")), "$text-muted")

    def _prompt(self, name: str):
        kb = self.app.kb
        text = (kb.questions[name].text if name in kb.questions
                else _("{fact} (stated directly)", fact=kb.facts[name].label))
        return join(plain(text), "\n", self._status(name))

    async def redraw(self) -> None:
        kb, interview = self.app.kb, self.app.interview
        menu = self.query_one("#all-answers", OptionList)
        groups: dict[str, list[str]] = {}
        for name, question in kb.questions.items():
            groups.setdefault(question.topic, []).append(name)
        stated = [name for name in interview.answers if name in kb.facts]
        if stated:
            groups["diagnosis"] = stated
        wanted = [name for names in groups.values() for name in names]
        if menu.option_count and set(self._prompts) == set(wanted):
            for name in wanted:  # only the answers that changed
                prompt = self._prompt(name)
                if prompt != self._prompts[name]:
                    self._prompts[name] = prompt
                    menu.replace_option_prompt(name, prompt)
            return
        highlighted = menu.highlighted_option.id if menu.highlighted_option else None
        options: list[Option | None] = []
        self._prompts = {}
        for topic, names in groups.items():
            options.append(Option(styled(topic_label(topic), "bold $text-primary"),
                                  id=f"topic:{topic}", disabled=True))
            for name in names:
                self._prompts[name] = self._prompt(name)
                options.append(Option(self._prompts[name], id=name))
        menu.clear_options()
        menu.add_options(options)
        first = next(i for i, o in enumerate(menu.options) if not o.disabled)
        menu.highlighted = menu.get_option_index(highlighted) if highlighted in self._prompts else first
        menu.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._change(event.option.id)

    def action_change(self) -> None:
        menu = self.query_one("#all-answers", OptionList)
        if menu.highlighted_option is not None and not menu.highlighted_option.disabled:
            self._change(menu.highlighted_option.id)

    def _change(self, name: str) -> None:
        from gvc_advisor.tui.screens.question_modal import QuestionModal
        from gvc_advisor.tui.screens.state_fact import fact_as_question

        interview, kb = self.app.interview, self.app.kb

        async def apply(result) -> None:
            if result is None:
                return
            if result == "forget":
                interview.retract(name)
            else:
                value, unsure = result
                interview.answer(name, value, kb.meta.unsure_cf if unsure else 1.0)
            self.app.changed()
            await self.sync()

        question = kb.questions[name] if name in kb.questions else fact_as_question(kb.facts[name])
        self.app.push_screen(QuestionModal(question, interview.answers.get(name)), apply)
