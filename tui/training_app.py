"""``gvc-advisor train``: the application opened at the training screen, with
the exercises given on the command line (a course, done in order) or the
worked cases to choose from.  Everything that can fail (the knowledge base,
the case files, the results folder) is checked before the terminal switches
to the TUI, by the command."""

from __future__ import annotations

from pathlib import Path

from gvc_advisor.engine.engines import engine_for
from gvc_advisor.engine.kb.model import KnowledgeBase
from gvc_advisor.services.training.exercises import Exercise, bundled_exercises
from gvc_advisor.services.training.results import last_trainee
from gvc_advisor.tui.app import AdvisorApp
from gvc_advisor.tui.screens.training import TrainingScreen
from gvc_advisor.tui.training_state import TrainingState


class TrainingApp(AdvisorApp):
    """The advisor, opened at the training screen (Escape there leads home)."""

    def __init__(self, kb: KnowledgeBase, state: TrainingState, workshop: bool = False) -> None:
        super().__init__(kb, workshop=workshop)
        self.training_state = state

    def on_mount(self) -> None:
        # Textual also runs AdvisorApp.on_mount (it dispatches along the MRO, this class first),
        # which pushes the home screen: the training screen goes on top of it afterwards.
        self.call_later(self.push_screen, TrainingScreen(self.training_state))


def training_state(kb: KnowledgeBase, exercises: list[Exercise], trainee: str | None, results: Path) -> TrainingState:
    """The course given (or every worked case), the trainee (or the name last used there)."""
    name = " ".join((trainee or "").split()) or last_trainee(results)
    return TrainingState(exercises or bundled_exercises(kb), results, name, course=bool(exercises))


def run_training(kb: KnowledgeBase, exercises: list[Exercise], trainee: str | None, results: Path) -> None:
    engine_for(kb)  # compile now, so that the first reveal is instant
    TrainingApp(kb, training_state(kb, exercises, trainee, results)).run()
