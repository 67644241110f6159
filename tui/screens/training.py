"""Training exercise: choose an exercise (or follow the course given on the
command line), say who you are, then read, predict and see the reveal.

This screen leads the exercise: it opens the profile (which hands back the
committed prediction), then the reveal (which may ask for the next exercise),
so the screens never need to know each other.  The
:class:`~gvc_advisor.tui.training_state.TrainingState` travels along.  Texts
from case files are shown as ``Text``, never parsed as markup.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Footer, Header, Input, OptionList, Static
from textual.widgets.option_list import Option

from gvc_advisor.engine.errors import UserError
from gvc_advisor.engine.i18n import N_, _
from gvc_advisor.services.training.exercises import Exercise, exercise_from_file
from gvc_advisor.services.training.explanation import reference
from gvc_advisor.services.training.results import TrainingResult, remember_trainee
from gvc_advisor.tui.screens.training_profile import ProfileScreen
from gvc_advisor.tui.screens.training_reveal import RevealScreen
from gvc_advisor.tui.screens.training_summary import CourseSummaryScreen
from gvc_advisor.tui.training_state import TRAINING_CSS, TrainingState
from gvc_advisor.tui.training_text import message_text, translate_bindings


def exercise_prompt(exercise: Exercise, result: TrainingResult | None) -> Text:
    """An exercise by its firm: the case's title often names the answer (\"a captive …\")."""
    text = Text(exercise.case.firm)
    if result is not None:
        text.append("  " + _("done: {score:.0%}", score=result.score))
    return text


class TrainingScreen(Screen):
    """The exercises on offer, and the trainee's name."""

    needs_session = False
    DEFAULT_CSS = TRAINING_CSS + """
    #training-trainee-row { height: auto; padding: 0 1; }
    #training-trainee-row Static { width: auto; padding: 1 1 0 0; }
    #training-trainee { width: 1fr; max-width: 50; }
    #training-exercises { width: 2fr; }
    #training-detail-box { width: 3fr; padding: 0 1; }
    """
    BINDINGS = [
        Binding("escape", "app.pop_screen", N_("Back")),
        Binding("s", "summary", N_("My results")),
        Binding("o", "open_file", N_("Open a case file")),
    ]

    def __init__(self, state: TrainingState | None = None) -> None:
        super().__init__()
        translate_bindings(self)
        self.state = state

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="training-trainee-row"):
            yield Static(Text(_("Your name:")))
            yield Input(placeholder=_("as it should appear in the class summary"), id="training-trainee")
        yield Static(id="training-intro", classes="training-note")
        with Horizontal(id="main"):
            yield OptionList(id="training-exercises")
            yield VerticalScroll(Static(id="training-detail"), id="training-detail-box")
        yield Footer()

    def on_mount(self) -> None:
        if self.state is None:
            self.state = TrainingState.for_app(self.app)
        self.title = _("Training exercise")
        self.query_one("#training-trainee", Input).value = self.state.trainee
        self._fill()
        if self.state.trainee:
            self.query_one("#training-exercises").focus()
        else:
            self.query_one("#training-trainee").focus()

    def on_screen_resume(self) -> None:
        self._fill()

    def _fill(self) -> None:
        state = self.state
        menu = self.query_one("#training-exercises", OptionList)
        highlighted = menu.highlighted
        menu.clear_options()
        menu.add_options([Option(exercise_prompt(e, state.done.get(e.id)), id=e.id) for e in state.exercises])
        intro = (_("Your course: do the exercises in order. Read the firm, commit to your diagnosis and your first "
                   "three strategies, then see what the system concludes and why. Enter starts the highlighted "
                   "exercise.") if state.course else
                 _("Read the firm, commit to your diagnosis and your first three strategies, then see what the "
                   "system concludes and why. Enter starts the highlighted exercise."))
        self.query_one("#training-intro", Static).update(Text(intro))
        if state.exercises:
            first_open = next((i for i, e in enumerate(state.exercises) if e.id not in state.done), 0)
            menu.highlighted = highlighted if highlighted is not None and not state.course else first_open
            self._show(state.exercises[menu.highlighted].id)

    def _exercise(self, exercise_id: str) -> Exercise:
        return next(e for e in self.state.exercises if e.id == exercise_id)

    def _show(self, exercise_id: str) -> None:
        """The firm and its situation; the title and the passage (which may give the answer away)
        only once the exercise is done."""
        exercise = self._exercise(exercise_id)
        case = exercise.case
        result = self.state.done.get(exercise.id)
        text = Text()
        text.append(case.firm + "\n", style="bold")
        text.append(case.situation + "\n\n")
        if case.training is not None and case.training.disagreement:
            text.append(_("The papers disagree about a firm like this one.") + "\n")
        if exercise.origin != "knowledge base":
            text.append(message_text(N_("From the case file: {file}"), {}, "bold", file=exercise.origin))
            text.append("\n")
        if result is not None:
            text.append("\n" + _("Done in this sitting: {score:.0%} — {title}.", score=result.score, title=case.title)
                        + "\n", style="bold")
            if case.training is not None:
                text.append(_("Grounded in {reference}.", reference=reference(case.training.passage)) + "\n")
            text.append(_("Enter does it again (a new result file).") + "\n")
        self.query_one("#training-detail", Static).update(text)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id is not None:
            self._show(event.option.id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self.start(event.option.id)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if self._take_name():
            self.query_one("#training-exercises").focus()

    def _take_name(self) -> bool:
        name = " ".join(self.query_one("#training-trainee", Input).value.split())
        if not name:
            self.app.notify(_("Type your name first: it goes into your result files and the class summary."),
                            severity="warning")
            self.query_one("#training-trainee").focus()
            return False
        if name != self.state.trainee:
            self.state.trainee = name
            remember_trainee(self.state.results_dir, name)
        return True

    def start(self, exercise_id: str) -> None:
        """Read → predict (the profile hands back the committed prediction) → reveal."""
        if self._take_name():
            exercise = self._exercise(exercise_id)
            self.app.push_screen(ProfileScreen(self.state, exercise),
                                 lambda outcome: self._reveal(exercise, outcome))

    def _reveal(self, exercise: Exercise, outcome) -> None:
        if outcome is not None:
            self.app.push_screen(RevealScreen(self.state, *outcome), lambda choice: self._after(exercise, choice))

    def _after(self, exercise: Exercise, choice: str | None) -> None:
        if choice != "next":
            return
        following = self.state.next_after(exercise.id)
        if following is None:
            self.app.notify(_("You have done every exercise on the list: s shows your results."))
        else:
            self.start(following.id)

    def action_summary(self) -> None:
        if self._take_name():
            self.app.push_screen(CourseSummaryScreen(self.state))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Under ``serve`` a participant cannot open files of the server: no "Open a case file"."""
        return not (action == "open_file" and self.app.workshop)

    def action_open_file(self) -> None:
        self.app.push_screen(OpenCaseFileScreen(), self._opened)

    def _opened(self, path: str | None) -> None:
        if not path:
            return
        try:
            exercise = exercise_from_file(self.app.kb, Path(path).expanduser())
        except UserError as exc:
            self.app.push_screen(OpenCaseFileScreen(path, exc.report()), self._opened)
            return
        self.state.exercises = [e for e in self.state.exercises if e.id != exercise.id] + [exercise]
        self._fill()
        menu = self.query_one("#training-exercises", OptionList)
        menu.highlighted = len(self.state.exercises) - 1
        menu.focus()


class OpenCaseFileScreen(ModalScreen[str | None]):
    """Ask for the path of a trainer's case file; show why it was refused, if it was."""

    BINDINGS = [("escape", "cancel", N_("Cancel"))]

    def __init__(self, path: str = "", error: str = "") -> None:
        super().__init__()
        translate_bindings(self)
        self.path, self.error = path, error

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(_("Open a case file (a trainer's exercise, the format of knowledge_base/cases/):")))
            yield Input(value=self.path, placeholder="my-exercise.yaml", id="case-path")
            yield Static(Text(self.error), id="case-error", classes="error")
            yield Button(_("Open"), variant="primary", id="case-open")

    def on_mount(self) -> None:
        self.query_one("#case-path").focus()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def _submit(self) -> None:
        value = self.query_one("#case-path", Input).value.strip()
        if not value:
            self.query_one("#case-error", Static).update(Text(_("Please type a path.")))
            return
        self.dismiss(value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self._submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self._submit()
