"""The reveal: the trainee's prediction beside the system's diagnosis and plan,
each point marked right, close or wrong; an explanation for each miss (the
answers and rules that decide it, and what to read); the teaching note; the
score; where the result file went.  It closes with "next" (n) or None."""

from __future__ import annotations

from pathlib import Path

from rich.console import Group
from rich.padding import Padding
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from gvc_advisor.engine.errors import UserError
from gvc_advisor.engine.i18n import N_, _
from gvc_advisor.services.training.explanation import (
    ANSWER_LINE,
    FACT_LINE,
    LACKS_LINE,
    REASON_LABELS,
    Reason,
    reference,
)
from gvc_advisor.services.training.lists import semicolon_list
from gvc_advisor.services.training.results import TrainingResult, save_result
from gvc_advisor.services.training.reveal import Miss, Reveal
from gvc_advisor.services.training.scoring import MARK_WORDS
from gvc_advisor.tui.screens.training_summary import CourseSummaryScreen
from gvc_advisor.tui.training_state import TRAINING_CSS, TrainingState
from gvc_advisor.tui.training_text import message_text, translate_bindings


def mark_static(mark: str) -> Static:
    return Static(Text(_(MARK_WORDS[mark])), classes=f"reveal-mark mark-{mark}")


def _indented(text: Text, left: int) -> Padding:
    return Padding(text, (0, 0, 0, left))


def reason_parts(reason: Reason, label: str) -> list[Padding]:
    """One rule: its title and reason, then what it rests on (or lacks), indented."""
    head = message_text(N_("{label} {rule}. {because}"), {"label": "bold"}, label=_(REASON_LABELS[label]),
                        rule=reason.rule, because=reason.because)
    parts = [_indented(head, 2)]
    lines = ([_(ANSWER_LINE, answer=a) for a in reason.answers] + [_(FACT_LINE, fact=f) for f in reason.facts]
             + [_(LACKS_LINE, condition=m) for m in reason.missing])
    parts += [_indented(Text(f"– {line}"), 4) for line in lines]
    return parts


def miss_renderable(miss: Miss) -> Group:
    parts: list = [Text(miss.title, style="bold"), Text(miss.summary)]
    for reason in miss.system_reasons:
        parts += reason_parts(reason, "because")
    if miss.your_answer:
        parts.append(Text(miss.your_answer))
    for reason in miss.your_reasons:
        parts += reason_parts(reason, "against" if reason.against else "rule")
    if miss.open_questions:
        parts.append(Text(_("To tell, you would need to know:")))
        parts += [_indented(Text(f"– {question}"), 4) for question in miss.open_questions]
    if miss.read:
        parts.append(message_text(N_("Read: {references}"), {}, "bold",
                                  references=semicolon_list(reference(r) for r in miss.read)))
    return Group(*parts)


class RevealScreen(Screen[str | None]):
    needs_session = False
    DEFAULT_CSS = TRAINING_CSS + """
    #reveal-body { padding: 0 1; }
    .reveal-row { height: auto; }
    .reveal-row Static { width: 1fr; padding: 0 1 0 0; }
    .reveal-row .reveal-dimension { width: 24; }
    .reveal-row .reveal-mark { width: 9; padding: 0; }
    .reveal-head Static { text-style: bold; }
    .reveal-miss { margin: 1 0 0 0; }
    """
    BINDINGS = [
        Binding("n", "next", N_("Next exercise")),
        Binding("s", "summary", N_("My results")),
        Binding("r", "retry_save", N_("Save again"), show=False),
        Binding("escape", "back", N_("Exercises")),
    ]

    def __init__(self, state: TrainingState, shown: Reveal, result: TrainingResult, saved: Path | None,
                 error: str | None) -> None:
        super().__init__()
        translate_bindings(self)
        self.state, self.shown, self.result, self.saved, self.error = state, shown, result, saved, error

    def compose(self) -> ComposeResult:
        shown, score = self.shown, self.shown.score
        yield Header()
        with VerticalScroll(id="reveal-body"):
            yield Static(id="reveal-score", classes="training-title")
            with Horizontal(classes="reveal-row reveal-head"):
                yield Static(Text(""), classes="reveal-dimension")
                yield Static(Text(_("You")))
                yield Static(Text(_("The system")))
                yield Static(Text(_("Mark")), classes="reveal-mark")
            for mark in score.facts:
                with Horizontal(classes="reveal-row"):
                    yield Static(Text(mark.label), classes="reveal-dimension")
                    yield Static(Text(mark.predicted_label))
                    yield Static(Text(mark.system_label if mark.system_cf is None else
                                      _("{value} ({cf:.2f})", value=mark.system_label, cf=mark.system_cf)))
                    yield mark_static(mark.mark)
            yield Static(Text(_("The first three strategies")), classes="training-title")
            with Horizontal(classes="reveal-row reveal-head"):
                yield Static(Text(_("Your picks")))
                yield Static(Text(_("Mark")), classes="reveal-mark")
                yield Static(Text(_("The system puts first")))
            first = score.strategies.first
            picks = score.strategies.picks
            for n in range(max(len(picks), len(first))):
                pick = picks[n] if n < len(picks) else None
                system = first[n] if n < len(first) else None
                with Horizontal(classes="reveal-row"):
                    yield Static(Text(f"{n + 1}. {pick.title}" if pick else ""))
                    yield mark_static(pick.mark) if pick else Static(Text(""), classes="reveal-mark")
                    yield Static(Text(f"{system.priority}. {system.title}" if system else ""))
            yield Static(self._pick_notes(), classes="training-note")
            if shown.misses:
                yield Static(Text(_("What you missed, and why")), classes="training-title")
                for miss in shown.misses:
                    yield Static(miss_renderable(miss), classes="reveal-miss")
            yield Static(Text(_("Teaching note")), classes="training-title")
            yield Static(self._note(), classes="training-note")
            yield Static(id="reveal-saved", classes="training-note")
        yield Footer()

    def on_mount(self) -> None:
        self.title = _("Reveal: {title}", title=self.shown.exercise.title)
        score = self.shown.score
        points = score.points()
        labels = [(m.dimension, m.label) for m in score.facts] + [("strategies", _("strategies"))]
        parts = [_("{dimension} {points}", dimension=label,
                   points="–" if points[dimension] is None else f"{points[dimension]:.2g}")
                 for dimension, label in labels]
        self.query_one("#reveal-score", Static).update(Text(_("Your score: {score:.0%}   ({points})",
                                                              score=score.total, points=semicolon_list(parts))))
        self._show_saved()
        self.query_one("#reveal-body").focus()

    def _pick_notes(self) -> Text:
        """Why each mark: the diagnosis points not right, and every pick."""
        text = Text()
        for mark in self.shown.score.facts:
            if mark.mark != "right":
                text.append(message_text(N_("{point}: {mark}, {why}."), {"point": "bold"}, point=mark.label,
                                         mark=_(MARK_WORDS[mark.mark]), why=mark.why))
                text.append("\n")
        for pick in self.shown.score.strategies.picks:
            text.append(message_text(N_("{point}: {mark}, {why}."), {"point": "bold"}, point=pick.title,
                                     mark=_(MARK_WORDS[pick.mark]), why=pick.why))
            text.append("\n")
        return text

    def _note(self) -> Text:
        shown = self.shown
        text = Text(shown.teaching_note + "\n")
        if shown.passage is not None:
            text.append("\n")
            text.append(message_text(N_("Grounded in: {reference}"), {}, "bold", reference=reference(shown.passage)))
            text.append("\n")
        if shown.disagreement:
            text.append(message_text(N_("Where the papers disagree: {references}"), {}, "bold",
                                     references=semicolon_list(reference(r) for r in shown.disagreement)))
            text.append("\n")
        if shown.papers:
            text.append("\n" + _("Papers") + "\n", style="bold")
            for key, citation in shown.papers.items():
                text.append(f"  {key}: {citation}\n")
        return text

    def _show_saved(self) -> None:
        if self.saved is not None:
            text = Text(_("Your result is saved in {path}.", path=self.saved))
        else:
            text = Text(_("Your result could not be saved ({error}). Press r to try again.", error=self.error),
                        style="bold")
        self.query_one("#reveal-saved", Static).update(text)

    def action_retry_save(self) -> None:
        if self.saved is not None:
            return
        try:
            self.saved = save_result(self.result, self.state.results_dir)
        except UserError as exc:
            self.error = exc.report()
            self.app.notify(_("Still not saved: {error}", error=self.error), severity="error")
        self._show_saved()

    def action_back(self) -> None:
        self.dismiss(None)

    def action_next(self) -> None:
        """The training screen goes on to the next exercise not done yet."""
        self.dismiss("next")

    def action_summary(self) -> None:
        self.app.push_screen(CourseSummaryScreen(self.state))
