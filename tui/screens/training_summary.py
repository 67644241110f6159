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

from gvc_advisor.engine.i18n import N_, _, ngettext
from gvc_advisor.services.training.lists import comma_list
from gvc_advisor.services.training.results import collect_results
from gvc_advisor.services.training.summary import course
from gvc_advisor.tui.training_state import TRAINING_CSS, TrainingState
from gvc_advisor.tui.training_text import message_text, translate_bindings


class CourseSummaryScreen(Screen):
    needs_session = False
    DEFAULT_CSS = TRAINING_CSS + """
    #course-box { padding: 0 1; }
    """
    BINDINGS = [Binding("escape,b", "app.pop_screen", N_("Back"))]

    def __init__(self, state: TrainingState) -> None:
        super().__init__()
        translate_bindings(self)
        self.state = state

    def compose(self) -> ComposeResult:
        yield Header()
        yield VerticalScroll(Static(id="course-summary"), id="course-box")
        yield Footer()

    def on_mount(self) -> None:
        self.title = _("Results of {name}", name=self.state.trainee)
        directory = self.state.results_dir
        collected = collect_results([directory]) if directory.is_dir() else None
        group = course(self.app.kb, collected.results, self.state.trainee) if collected else None
        text = Text()
        if group is None:
            text.append(_("No results of {name} yet in {folder}.", name=self.state.trainee, folder=directory) + "\n")
        else:
            text.append(ngettext("{n} exercise done, mean score {mean:.0%}",
                                 "{n} exercises done, mean score {mean:.0%}", len(group.results), mean=group.mean)
                        + "\n\n", style="bold")
            weakest = [s for s in group.weakest if s.mean < 1]
            perfect = [s.label for s in group.weakest if s.mean == 1]
            if weakest:
                text.append(_("What you get wrong most, weakest first") + "\n", style="bold")
            for stats in weakest:
                text.append("  " + _("{dimension}: {mean:.0%} ({right} right, {close} close, {wrong} wrong)",
                                     dimension=stats.label, mean=stats.mean, right=stats.right, close=stats.close,
                                     wrong=stats.wrong) + "\n")
                if stats.missed_in:
                    text.append("      " + _("missed in: {exercises}", exercises=comma_list(stats.missed_in)) + "\n")
            if perfect:
                text.append(message_text(N_("Always right: {dimensions}"), {}, "bold",
                                         dimensions=comma_list(perfect)))
                text.append("\n")
            text.append("\n" + _("Exercises") + "\n", style="bold")
            for result in group.results:
                text.append("  " + _("{date}  {title}: {score:.0%}", date=f"{result.completed:%Y-%m-%d %H:%M}",
                                     title=group.titles.get(result.exercise.id, result.exercise.title),
                                     score=result.score) + "\n")
        if collected and collected.problems:
            text.append("\n" + ngettext("{n} file in the folder could not be read:",
                                        "{n} files in the folder could not be read:", len(collected.problems))
                        + "\n", style="bold")
            for problem in collected.problems[:10]:
                text.append(f"  {problem.format()}\n")
        text.append("\n" + _("Result files: {folder}", folder=directory) + "\n")
        self.query_one("#course-summary", Static).update(text)
        self.query_one("#course-box").focus()
