"""The prediction: the trainee commits to governance, driver, status and
low-end lock-in, and picks the three strategies they would put first from the
catalogue (searchable by any word of the title or summary).

F2 shows the firm's profile again in place of the form (and back).  Commit
(F10 or the button) checks that everything is chosen, scores the prediction,
saves the result file and hands the reveal back: a committed prediction cannot
be changed.  Leaving with Escape keeps the draft for this sitting.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Input, OptionList, Select, Static
from textual.widgets.option_list import Option

from gvc_advisor.engine.errors import UserError
from gvc_advisor.engine.i18n import N_, _, ngettext
from gvc_advisor.services.training.exercises import Exercise, solve
from gvc_advisor.services.training.lists import semicolon_list
from gvc_advisor.services.training.prediction import (
    FACT_DIMENSIONS,
    PICKS,
    dimension_label,
    fact_options,
    make_prediction,
    strategy_options,
)
from gvc_advisor.services.training.results import TrainingResult, result_from_reveal, save_result
from gvc_advisor.services.training.reveal import Reveal, reveal
from gvc_advisor.tui.training_state import TRAINING_CSS, TrainingState
from gvc_advisor.tui.training_text import translate_bindings
from gvc_advisor.tui.widgets.firm_profile import FirmProfileView

Outcome = tuple[Reveal, TrainingResult, Path | None, str | None]


class PredictScreen(Screen[Outcome | None]):
    needs_session = False
    DEFAULT_CSS = TRAINING_CSS + """
    #predict-form { padding: 0 1; }
    .predict-row { height: auto; }
    .predict-row Static { width: 32; padding: 0 1 0 0; }
    .predict-row Select { width: 1fr; }
    #predict-search { margin: 0 0 0 0; }
    #predict-catalogue { height: auto; max-height: 9; }
    #predict-picks { height: auto; margin: 0 0 1 0; }
    #predict-buttons { height: auto; }
    #predict-buttons Button { margin: 0 2 0 0; }
    #predict-profile-view { display: none; padding: 0 1; }
    PredictScreen.reading #predict-profile-view { display: block; }
    PredictScreen.reading #predict-form { display: none; }
    """
    BINDINGS = [
        Binding("f10", "commit", N_("Commit and reveal")),
        Binding("f2", "profile", N_("Read the firm again")),
        Binding("escape", "back", N_("Back")),
    ]

    def __init__(self, state: TrainingState, exercise: Exercise) -> None:
        super().__init__()
        translate_bindings(self)
        self.state, self.exercise = state, exercise
        self._focus_in_form = None
        draft = state.drafts.setdefault(exercise.id, {"facts": {}, "strategies": []})
        self.draft_facts: dict[str, str] = draft["facts"]
        self.picks: list[str] = draft["strategies"]

    def compose(self) -> ComposeResult:
        kb = self.app.kb
        yield Header()
        with VerticalScroll(id="predict-form"):
            yield Static(Text(_("Commit to your diagnosis, then pick the three strategies you would put first.")),
                         classes="training-note")
            for dimension in FACT_DIMENSIONS:
                with Horizontal(classes="predict-row"):
                    yield Static(Text(dimension_label(kb, dimension)))
                    yield Select([(Text(label), value) for value, label in fact_options(kb, dimension)],
                                 prompt=_("Choose…"), id=f"predict-{dimension}", compact=True,
                                 value=self.draft_facts.get(dimension, Select.NULL))
            yield Static(Text(_("Your first {picks} strategies (Enter picks or unpicks; type to search):",
                                picks=PICKS)),
                         classes="training-title")
            yield Input(placeholder=_("search the catalogue, e.g. brand, design, relocate"), id="predict-search",
                        compact=True)
            yield OptionList(id="predict-catalogue")
            yield Static(id="predict-picks")
            with Horizontal(id="predict-buttons"):
                yield Button(_("Commit and reveal (F10)"), variant="primary", id="predict-commit", compact=True)
                yield Button(_("Read the firm again (F2)"), id="predict-profile", compact=True)
        yield VerticalScroll(FirmProfileView(kb, self.exercise), id="predict-profile-view")
        yield Footer()

    def on_mount(self) -> None:
        self.title = _("Predict: {firm}", firm=self.exercise.case.firm)
        self._fill_catalogue("")
        self._show_picks()
        self.query_one(f"#predict-{FACT_DIMENSIONS[0]}").focus()

    # -- the strategy picker -------------------------------------------------------
    def _fill_catalogue(self, query: str) -> None:
        menu = self.query_one("#predict-catalogue", OptionList)
        menu.clear_options()
        options = strategy_options(self.app.kb, query)
        for option in options:
            picked = option.id in self.picks
            prompt = Text(f"{self.picks.index(option.id) + 1}. " if picked else "   ")
            prompt.append(option.title, style="bold" if picked else "")
            menu.add_option(Option(prompt, id=option.id))
        if options:
            menu.highlighted = 0
        else:
            menu.add_option(Option(Text(_("No strategy matches; clear the search.")), id="", disabled=True))

    def _show_picks(self) -> None:
        kb = self.app.kb
        text = Text()
        for n in range(PICKS):
            text.append(f"{n + 1}. ", style="bold")
            text.append(kb.recommendations[self.picks[n]].title if n < len(self.picks) else _("(not chosen yet)"))
            text.append("\n" if n < PICKS - 1 else "")
        self.query_one("#predict-picks", Static).update(text)

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "predict-search":
            self._fill_catalogue(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "predict-search":
            self.query_one("#predict-catalogue").focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        rec_id = event.option.id
        if not rec_id:
            return
        if rec_id in self.picks:
            self.picks.remove(rec_id)
        elif len(self.picks) >= PICKS:
            self.app.notify(_("You already have {picks}: unpick one first (Enter on it).", picks=PICKS),
                            severity="warning")
            return
        else:
            self.picks.append(rec_id)
        index = event.option_index
        self._fill_catalogue(self.query_one("#predict-search", Input).value)
        self.query_one("#predict-catalogue", OptionList).highlighted = index
        self._show_picks()

    # -- the diagnosis -------------------------------------------------------------
    def on_select_changed(self, event: Select.Changed) -> None:
        dimension = (event.select.id or "").removeprefix("predict-")
        if dimension in FACT_DIMENSIONS:
            if event.select.is_blank():
                self.draft_facts.pop(dimension, None)
            else:
                self.draft_facts[dimension] = str(event.value)

    # -- actions ---------------------------------------------------------------------
    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "predict-commit":
            self.action_commit()
        elif event.button.id == "predict-profile":
            self.action_profile()

    def action_profile(self) -> None:
        """The firm's profile in place of the form, and back to where the trainee was in the form."""
        if not self.has_class("reading"):
            self._focus_in_form = self.focused
            self.add_class("reading")
            self.query_one("#predict-profile-view").focus()
            return
        self.remove_class("reading")
        back = self._focus_in_form
        (back if back is not None and back.is_attached else self.query_one(f"#predict-{FACT_DIMENSIONS[0]}")).focus()

    def action_back(self) -> None:
        if self.has_class("reading"):
            self.action_profile()
        else:
            self.dismiss(None)

    def action_commit(self) -> None:
        kb = self.app.kb
        missing = [dimension_label(kb, d) for d in FACT_DIMENSIONS if d not in self.draft_facts]
        if missing or len(self.picks) != PICKS:
            left = PICKS - len(self.picks)
            todo = missing + ([ngettext("{n} more strategy", "{n} more strategies", left)] if left else [])
            self.app.notify(_("Still to choose: {choices}.", choices=semicolon_list(todo)), severity="warning")
            first = next((d for d in FACT_DIMENSIONS if d not in self.draft_facts), None)
            self.query_one(f"#predict-{first}" if first else "#predict-search").focus()
            return
        try:
            prediction = make_prediction(kb, self.draft_facts, self.picks)
        except UserError as exc:  # the form offers only valid choices: a safety net
            self.app.notify(exc.report(), severity="error")
            return
        shown = reveal(kb, self.exercise, solve(kb, self.exercise), prediction)
        result = result_from_reveal(kb, shown, self.state.trainee)
        saved, error = None, None
        try:
            saved = save_result(result, self.state.results_dir)
        except UserError as exc:
            error = exc.report()
            self.app.notify(_("Your result could not be saved: {error}", error=error), severity="error", timeout=12)
        self.state.done[self.exercise.id] = result
        self.state.drafts.pop(self.exercise.id, None)
        self.dismiss((shown, result, saved, error))
