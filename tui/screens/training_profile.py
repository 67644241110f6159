"""The firm's profile, as the trainee reads it before predicting: a short
narrative from its answers, with the question-by-question detail on request."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from gvc_advisor.engine.kb.answers import answers_from_mapping
from gvc_advisor.services.training.exercises import Exercise
from gvc_advisor.services.training.profile import FirmProfile, firm_profile
from gvc_advisor.tui.screens.training import TRAINING_CSS, TrainingState


def profile_text(profile: FirmProfile, details: bool) -> Text:
    text = Text()
    text.append(profile.firm + "\n", style="bold")
    text.append(profile.situation + "\n")
    for paragraph in profile.paragraphs:
        text.append("\n" + paragraph.title + ". ", style="bold")
        text.append(paragraph.text + "\n")
    if profile.given:
        text.append("\nAlready established by the consultant: ", style="bold")
        text.append("; ".join(profile.given) + ".\n")
    if details:
        text.append("\nQuestion by question\n", style="bold")
        for detail in profile.details:
            text.append(f"• {detail.question} ")
            text.append(detail.answer + (" (not sure)" if detail.unsure else ""), style="bold")
            text.append("\n")
    return text


def exercise_profile(state: TrainingState, exercise: Exercise, kb) -> FirmProfile:
    answers, _ = answers_from_mapping(kb, exercise.case.answers, f"case {exercise.id}")
    return firm_profile(kb, exercise.case.firm, exercise.case.situation, answers)


class ProfileScreen(Screen):
    """Read the firm; then predict."""

    needs_session = False
    DEFAULT_CSS = TRAINING_CSS + """
    #training-profile-box { padding: 0 1; }
    """
    BINDINGS = [
        Binding("p,enter", "predict", "Predict"),
        Binding("d", "details", "Question by question"),
        Binding("escape", "app.pop_screen", "Back"),
    ]

    def __init__(self, state: TrainingState, exercise: Exercise, read_only: bool = False) -> None:
        super().__init__()
        self.state, self.exercise, self.read_only = state, exercise, read_only
        self.details = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="training-profile-hint", classes="training-note")
        yield VerticalScroll(Static(id="training-profile"), id="training-profile-box")
        yield Footer()

    def on_mount(self) -> None:
        self.title = f"Exercise: {self.exercise.title}"
        self.profile = exercise_profile(self.state, self.exercise, self.app.kb)
        hint = ("Back to your prediction with Escape." if self.read_only else
                "Read the firm. Then press p (or Enter) to commit to your diagnosis and your first three "
                "strategies; d shows the answers question by question.")
        self.query_one("#training-profile-hint", Static).update(Text(hint))
        self._show_profile()
        self.query_one("#training-profile-box").focus()

    def _show_profile(self) -> None:
        self.query_one("#training-profile", Static).update(profile_text(self.profile, self.details))

    def action_details(self) -> None:
        self.details = not self.details
        self._show_profile()

    def action_predict(self) -> None:
        from gvc_advisor.tui.screens.training_predict import PredictScreen

        if self.read_only:
            self.app.pop_screen()
            return
        self.app.push_screen(PredictScreen(self.state, self.exercise), self._committed)

    def _committed(self, outcome) -> None:
        """The prediction was committed: the reveal takes this screen's place."""
        from gvc_advisor.tui.screens.training_reveal import RevealScreen

        if outcome is not None:
            self.app.switch_screen(RevealScreen(self.state, *outcome))
