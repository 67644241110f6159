"""The interview: one relevant question at a time, with help, "why are you
asking?", unsure answers, back (undoable), and the emerging picture beside it.

Each change is drawn once (see :mod:`.base`), and only what changed is
redrawn: the answer widget is swapped only when the question (or the answer
to preselect) changes, the answers list is updated row by row, and the
picture repaints only when a value moved.
"""

from __future__ import annotations

import asyncio

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Header, OptionList, ProgressBar, Static
from textual.widgets.option_list import Option

from gvc_advisor.engine.errors import AnswersError
from gvc_advisor.engine.explain import why_question
from gvc_advisor.engine.i18n import N_, _, ngettext
from gvc_advisor.engine.kb.answers import Answer
from gvc_advisor.engine.narrative import narrate
from gvc_advisor.tui.screens.base import AdvisorScreen, Key, bindings
from gvc_advisor.tui.screens.state_fact import fact_as_question
from gvc_advisor.tui.text import clean, join, lead, lines, plain, styled, topic_label, value_text
from gvc_advisor.tui.widgets.answer_input import AnswerInput
from gvc_advisor.tui.widgets.keybar import KeyBar
from gvc_advisor.tui.widgets.narrative_view import NarrativeView
from gvc_advisor.tui.widgets.picture import EmergingPicture

KEYS = [
    Key("f2,w", "why", N_("Why ask?"), N_("Why")),
    Key("f3,u", "unsure", N_("Unsure")),
    Key("f4,d", "skip", N_("Don't know"), N_("Skip")),
    Key("f5,b", "back", N_("Back")),
    Key("f6,r", "results", N_("Results")),
    Key("f7,a", "answers", N_("All answers"), N_("Answers")),
    Key("f8,s", "state_fact", N_("State a fact"), N_("State")),
    Key("ctrl+z", "undo_back", N_("Undo back"), N_("Undo")),
    Key("escape", "app.pop_screen", N_("Home"), show=False),
]


class InterviewScreen(AdvisorScreen):
    needs_session = True
    KEYS = KEYS
    BINDINGS = bindings(*KEYS)

    def __init__(self) -> None:
        super().__init__()
        self._shown: tuple | None = None  # (question id, preselected answer) now on screen
        self._rows: list[tuple[str, str]] = []  # the answers list as drawn
        self._lock = asyncio.Lock()
        #: Answers taken back with F5, newest last: (name, answer or None for "don't know").
        self.redo: list[tuple[str, Answer | None]] = []
        #: The question Back returned to, asked again even if another came first.
        self.pinned: str | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="main"):
            with Vertical(id="question-pane"):
                yield Static("", id="progress-text")
                yield ProgressBar(show_eta=False, show_percentage=True, id="progress")
                yield Static("", id="question")
                yield Vertical(id="answer-slot")
                with VerticalScroll(id="help-scroll"):
                    yield NarrativeView(id="why", classes="why")
                    yield Static("", id="help", classes="help")
            with Vertical(id="side"):
                yield Static(styled(_("Emerging picture"), "bold"), classes="side-title")
                with VerticalScroll(id="picture-scroll"):
                    yield EmergingPicture(id="picture")
                yield Static(join((_("Answers so far"), "bold"), (" · Tab", "$text-muted")), classes="side-title")
                yield OptionList(id="answered")
        yield KeyBar()

    @property
    def interview(self):
        return self.app.interview

    def on_mount(self) -> None:
        self.title = _("Interview — {firm}", firm=clean(self.app.session.firm, single_line=True))

    async def remounted(self) -> None:
        """The widgets are new: nothing of the question or the answers list is drawn yet."""
        self._shown = None
        self._rows = []
        self.on_mount()

    # -- which question ------------------------------------------------------------
    @property
    def current_question(self):
        relevant = self.interview.relevance.questions
        if self.pinned in relevant:
            return self.app.kb.questions[self.pinned]
        return self.interview.next_question

    def preselected(self, name: str) -> Answer | None:
        """The answer to show selected: the current one, or the one Back took away."""
        if name in self.interview.answers:
            return self.interview.answers[name]
        return next((old for taken, old in reversed(self.redo) if taken == name), None)

    # -- drawing ----------------------------------------------------------------------
    async def redraw(self) -> None:
        interview, kb = self.interview, self.app.kb
        done, remaining = interview.progress
        self.query_one("#progress-text", Static).update(
            ngettext("{n} answered", "{n} answered", done) + " · "
            + ngettext("{n} more may be asked (of {total})", "{n} more may be asked (of {total})", remaining,
                       total=len(kb.questions)))
        self.query_one("#progress", ProgressBar).update(total=max(done + remaining, 1), progress=done)
        self.query_one("#picture", EmergingPicture).show(kb, interview.consultation)
        self._refresh_answered()
        await self._show_question()

    async def _show_question(self) -> None:
        """Swap the answer widget only if the question or its preselected answer changed."""
        async with self._lock:
            question = self.current_question
            current = self.preselected(question.id) if question else None
            key = (question.id if question else None, current)
            if key == self._shown:
                return
            self._shown = key
            # Decide before the old widget goes: removing it moves the focus elsewhere.
            list_focused = self.focused is self.query_one("#answered")
            self.query_one("#why", NarrativeView).show([])
            slot = self.query_one("#answer-slot", Vertical)
            if question is None:
                await slot.remove_children()
                self.query_one("#question", Static).update(join(
                    (_("The interview is complete."), "bold"),
                    "\n" + _("No further answer could change the advice. Press F6 (or r) for the results, "
                             "or F7 to review and change your answers.")))
                self.query_one("#help", Static).update("")
                return
            topic = topic_label(question.topic)
            self.query_one("#question", Static).update(
                lines([styled(topic, "$text-muted"), plain(question.text, "bold")]))
            h = question.help
            parts = [join((_("What it means: "), "bold"), plain(h.meaning)),
                     join((_("Why it matters: "), "bold"), plain(h.why))]
            if h.examples:
                parts.append(styled(_("Examples:"), "bold"))
                parts += [plain(lead("  • ", e)) for e in h.examples]
            self.query_one("#help", Static).update(lines(parts))
            self.query_one("#help-scroll").scroll_home(animate=False)
            widget = next(iter(slot.query(AnswerInput)), None)
            if widget is not None and widget.reuse_for(question, current, autofocus=not list_focused):
                return
            await slot.remove_children()
            await slot.mount(AnswerInput(question, current, autofocus=not list_focused))

    def _refresh_answered(self) -> None:
        """Update the answers list row by row; rebuild it only if its order changed."""
        kb, interview = self.app.kb, self.interview
        rows = []
        for name in interview.history:
            if name in interview.answers:
                answer = interview.answers[name]
                value = value_text(kb, name, answer.value) + (_(" (unsure)") if answer.unsure else "")
            else:
                value = _("don't know")
            label = clean(kb.label(name), single_line=True)
            rows.append((name, _("{label}: {value}", label=label, value=value)))
        menu = self.query_one("#answered", OptionList)
        old_ids, new_ids = [r[0] for r in self._rows], [r[0] for r in rows]
        if new_ids[: len(old_ids)] == old_ids:
            for (name, text), (_drawn, before) in zip(rows, self._rows, strict=False):
                if text != before:
                    menu.replace_option_prompt(name, plain(text))
            added = rows[len(old_ids):]
            menu.add_options([Option(plain(text), id=name) for name, text in added])
            if added and menu.highlighted is None:
                menu.scroll_end(animate=False)  # the latest answer in view
        else:
            highlighted = menu.highlighted_option.id if menu.highlighted_option else None
            menu.clear_options()
            menu.add_options([Option(plain(text), id=name) for name, text in rows])
            if highlighted in new_ids:
                menu.highlighted = new_ids.index(highlighted)
        self._rows = rows

    def on_descendant_focus(self, event) -> None:
        """Entering the answers list highlights the latest answer, so Enter opens it."""
        menu = self.query_one("#answered", OptionList)
        if event.widget is menu and menu.highlighted is None and menu.option_count:
            menu.highlighted = menu.option_count - 1

    # -- answering ----------------------------------------------------------------------
    async def on_answer_input_answered(self, event: AnswerInput.Answered) -> None:
        name = event.question.id
        cf = self.app.kb.meta.unsure_cf if event.unsure else 1.0
        try:
            self.interview.answer(name, event.value, cf)
        except AnswersError as exc:  # the widget validates first; this is a safety net
            self.app.notify(clean(exc.report()), severity="error")
            return
        self._settle_redo(name, Answer(self.interview.answers[name].value, cf))
        await self._after_change()

    def _settle_redo(self, name: str, given: Answer | None) -> None:
        """Answering the question Back returned to: the same answer keeps the rest of the
        undo list (it is what Undo would have done); a different one starts a new path."""
        if self.redo and self.redo[-1][0] == name:
            _taken, old = self.redo.pop()
            if old != given:
                self.redo.clear()
        if self.pinned == name:
            self.pinned = None

    async def _after_change(self, go_on: bool = True) -> None:
        """Record the change and redraw; when the interview is complete, go to the results
        at once (this screen redraws when it is shown again)."""
        self.app.changed()
        if go_on and self.interview.finished and self.app.screen is self:
            self.action_results()
            return
        await self.sync()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_list.id != "answered":
            return
        event.stop()
        self.change_answer(event.option.id)

    def change_answer(self, name: str) -> None:
        """Change (or forget) one answer in a dialog; focus comes back where it was."""
        from gvc_advisor.tui.screens.question_modal import QuestionModal

        async def apply(result) -> None:
            if result is None:
                return
            if result == "forget":
                self.interview.retract(name)
            else:
                value, unsure = result
                self.interview.answer(name, value, self.app.kb.meta.unsure_cf if unsure else 1.0)
            await self._after_change(go_on=False)

        kb = self.app.kb
        question = kb.questions[name] if name in kb.questions else fact_as_question(kb.facts[name])
        self.app.push_screen(QuestionModal(question, self.interview.answers.get(name)), apply)

    # -- actions ------------------------------------------------------------------------
    def action_why(self) -> None:
        question = self.current_question
        why = self.query_one("#why", NarrativeView)
        if question is None or why.narrative:
            why.show([])
            return
        node = why_question(self.app.kb, self.interview.relevance.waiting.get(question.id, []))
        why.show(narrate(self.app.kb, self.interview.consultation, node))
        self.query_one("#help-scroll").scroll_home(animate=False)

    def action_unsure(self) -> None:
        for widget in self.query(AnswerInput):
            widget.toggle_unsure()

    async def action_skip(self) -> None:
        question = self.current_question
        if question is None:
            return
        self.interview.skip(question.id)
        self._settle_redo(question.id, None)
        await self._after_change()

    async def action_back(self) -> None:
        history = self.interview.history
        if not history:
            self.app.notify(_("This is the first question."))
            return
        name = history[-1]
        taken = self.interview.answers.get(name)
        self.interview.back()
        self.redo.append((name, taken))
        kb = self.app.kb
        self.pinned = name if name in kb.questions else None
        what = (_("your answer “{value}”", value=value_text(kb, name, taken.value)) if taken
                else _("your “don't know”"))
        self.app.notify(_("Back: {what} is preselected. Enter keeps it; Ctrl+Z undoes Back.", what=what), timeout=6)
        await self._after_change()

    async def action_undo_back(self) -> None:
        if not self.redo:
            self.app.notify(_("Nothing to undo: Back was not used since the last new answer."))
            return
        name, old = self.redo.pop()
        if old is None:
            self.interview.skip(name)
        else:
            self.interview.answer(name, old.value, old.cf)
        self.pinned = None
        self.app.notify(_("Restored: {question}", question=clean(self.app.kb.label(name), single_line=True)),
                        timeout=4)
        await self._after_change()

    def action_results(self) -> None:
        self.app.show_results()

    def action_state_fact(self) -> None:
        from gvc_advisor.tui.screens.state_fact import StateFactScreen

        def chosen(fact_id: str | None) -> None:
            if fact_id:
                self.change_answer(fact_id)

        self.app.push_screen(StateFactScreen(), chosen)

    def action_answers(self) -> None:
        from gvc_advisor.tui.screens.answers import AnswersScreen

        self.app.push_screen(AnswersScreen())
