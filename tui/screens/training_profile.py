"""The firm's profile, as the trainee reads it before predicting: a short
narrative from its answers, with the question-by-question detail on request.
It opens the prediction form and hands the committed prediction back to the
training screen, which shows the reveal."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from gvc_advisor.engine.i18n import N_, _
from gvc_advisor.services.training.exercises import Exercise
from gvc_advisor.tui.screens.training_predict import Outcome, PredictScreen
from gvc_advisor.tui.training_state import TRAINING_CSS, TrainingState
from gvc_advisor.tui.training_text import translate_bindings
from gvc_advisor.tui.widgets.firm_profile import FirmProfileView


class ProfileScreen(Screen[Outcome | None]):
    """Read the firm; then predict."""

    needs_session = False
    DEFAULT_CSS = TRAINING_CSS + """
    #training-profile-box { padding: 0 1; }
    """
    BINDINGS = [
        Binding("p,enter", "predict", N_("Predict")),
        Binding("d", "details", N_("Question by question")),
        Binding("escape", "back", N_("Back")),
    ]

    def __init__(self, state: TrainingState, exercise: Exercise) -> None:
        super().__init__()
        translate_bindings(self)
        self.state, self.exercise = state, exercise

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(Text(_("Read the firm. Then press p (or Enter) to commit to your diagnosis and your first "
                            "three strategies; d shows the answers question by question.")),
                     classes="training-note")
        yield VerticalScroll(FirmProfileView(self.app.kb, self.exercise, id="training-profile"),
                             id="training-profile-box")
        yield Footer()

    def on_mount(self) -> None:
        self.title = _("Exercise: {title}", title=self.exercise.case.firm)
        self.query_one("#training-profile-box").focus()

    def action_details(self) -> None:
        self.query_one("#training-profile", FirmProfileView).toggle_details()

    def action_back(self) -> None:
        self.dismiss(None)

    def action_predict(self) -> None:
        self.app.push_screen(PredictScreen(self.state, self.exercise), self._committed)

    def _committed(self, outcome: Outcome | None) -> None:
        """A committed prediction goes back to the training screen, which shows the reveal."""
        if outcome is not None:
            self.dismiss(outcome)
