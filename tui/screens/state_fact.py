"""State a derived fact directly (a consultant's judgement overrides inference)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from gvc_advisor.engine.i18n import N_, _
from gvc_advisor.engine.kb.schema import Choice, Help, Question
from gvc_advisor.engine.kb.schema.catalog import DerivedFact
from gvc_advisor.engine.narrative import lower_first
from gvc_advisor.tui.screens.base import AdvisorModal
from gvc_advisor.tui.text import lines, plain, styled


def fact_as_question(fact: DerivedFact) -> Question:
    """The same answer dialog serves questions and statable facts."""
    return Question(
        id=fact.id, topic="diagnosis", text=_("State the {fact} directly", fact=lower_first(fact.label)),
        help=Help(meaning=fact.description,
                  why=_("A stated value overrides what the rules would infer; explanations say it was stated.")),
        type="choice", choices=[Choice(value=v.value, label=v.label) for v in fact.values],
    )


class StateFactScreen(AdvisorModal):
    """Dismisses with the chosen fact id, or None."""

    BINDINGS = [("escape", "dismiss", N_("Cancel"))]

    def compose(self) -> ComposeResult:
        facts = [f for f in self.app.kb.facts.values() if f.statable]
        with Vertical(classes="dialog"):
            yield Static(lines([styled(_("State a fact directly"), "bold"),
                                plain(_("For a consultant who already knows, e.g., the governance."))]))
            yield OptionList(*[Option(plain(f.label), id=f.id) for f in facts], id="statable")

    def on_mount(self) -> None:
        menu = self.query_one("#statable", OptionList)
        menu.highlighted = 0
        menu.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)
