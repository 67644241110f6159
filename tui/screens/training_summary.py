"""The trainee's course summary: every exercise they have done (all result
files with their name in the results folder, not only this sitting's), and
the dimensions they get wrong most."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from gvc_advisor.services.training.results import collect_results
from gvc_advisor.services.training.summary import course
from gvc_advisor.tui.training_state import TRAINING_CSS, TrainingState


class CourseSummaryScreen(Screen):
    needs_session = False
    DEFAULT_CSS = TRAINING_CSS + """
    #course-box { padding: 0 1; }
    """
    BINDINGS = [Binding("escape,b", "app.pop_screen", "Back")]

    def __init__(self, state: TrainingState) -> None:
        super().__init__()
        self.state = state

    def compose(self) -> ComposeResult:
        yield Header()
        yield VerticalScroll(Static(id="course-summary"), id="course-box")
        yield Footer()

    def on_mount(self) -> None:
        self.title = f"Results of {self.state.trainee}"
        directory = self.state.results_dir
        collected = collect_results([directory]) if directory.is_dir() else None
        group = course(self.app.kb, collected.results, self.state.trainee) if collected else None
        text = Text()
        if group is None:
            text.append(f"No results of {self.state.trainee} yet in {directory}.\n")
        else:
            text.append(f"{len(group.results)} exercise{'s' if len(group.results) != 1 else ''} done, "
                        f"mean score {group.mean:.0%}\n\n", style="bold")
            weakest = [s for s in group.weakest if s.mean < 1]
            perfect = [s.label for s in group.weakest if s.mean == 1]
            if weakest:
                text.append("What you get wrong most, weakest first\n", style="bold")
            for stats in weakest:
                text.append(f"  {stats.label}: {stats.mean:.0%} ")
                text.append(f"({stats.right} right, {stats.close} close, {stats.wrong} wrong)\n")
                if stats.missed_in:
                    text.append(f"      missed in: {', '.join(stats.missed_in)}\n")
            if perfect:
                text.append("Always right: ", style="bold")
                text.append(", ".join(perfect) + "\n")
            text.append("\nExercises\n", style="bold")
            for result in group.results:
                text.append(f"  {result.completed:%Y-%m-%d %H:%M}  {result.exercise.title}: {result.score:.0%}\n")
        if collected and collected.problems:
            text.append(f"\n{len(collected.problems)} file(s) in the folder could not be read:\n", style="bold")
            for problem in collected.problems[:10]:
                text.append(f"  {problem.format()}\n")
        text.append(f"\nResult files: {directory}\n")
        self.query_one("#course-summary", Static).update(text)
        self.query_one("#course-box").focus()
