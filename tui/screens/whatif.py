"""What-if: change answers on a copy and compare the advice with the original.

Every question is listed with its full text (wrapped, never cut); a change
redraws only its own row and the comparison.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from gvc_advisor.engine.i18n import N_, _
from gvc_advisor.engine.kb.answers import Answer
from gvc_advisor.services.compare import compare
from gvc_advisor.tui.screens.base import AdvisorScreen, Key, bindings
from gvc_advisor.tui.text import join, lead, lines, plain, spacer, styled, value_text
from gvc_advisor.tui.widgets.keybar import KeyBar

KEYS = [
    Key("enter", "change", N_("Change on the copy"), N_("Change")),
    Key("z", "reset", N_("Reset what-if"), N_("Reset")),
    Key("escape,b", "app.pop_screen", N_("Back")),
]


class WhatIfScreen(AdvisorScreen):
    needs_session = True
    KEYS = KEYS
    BINDINGS = bindings(*KEYS)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(join((_("What-if"), "bold"), _(" — change answers here; the original consultation is not "
                                                   "touched.")),
                     classes="title")
        with Horizontal(id="main"):
            yield OptionList(id="whatif-questions")
            yield VerticalScroll(Static(id="whatif-diff"), id="whatif-right")
        yield KeyBar()

    def on_mount(self) -> None:
        self.answers = dict(self.app.interview.answers)
        self.remounted_now()

    async def remounted(self) -> None:
        """The copy's answers are kept (they are the user's what-if); only the texts change."""
        self.remounted_now()

    def remounted_now(self) -> None:
        self.title = _("What-if")
        menu = self.query_one("#whatif-questions", OptionList)
        menu.add_options([Option(self._prompt(name), id=name) for name in self.app.kb.questions])
        menu.highlighted = 0
        menu.focus()
        self._show_difference()

    def _prompt(self, name: str) -> Content:
        kb = self.app.kb
        current = self.answers.get(name)
        changed = current != self.app.interview.answers.get(name)
        shown = value_text(kb, name, current.value) if current else "—"
        answer = join((spacer("  → ", shown), "$text-muted"), (shown, "bold $text-warning" if changed else "bold"),
                      (_(" (changed)") if changed else "", "$text-warning"))
        return lines([plain(kb.questions[name].text), answer])

    def _update(self, names: list[str]) -> None:
        menu = self.query_one("#whatif-questions", OptionList)
        for name in names:
            menu.replace_option_prompt(name, self._prompt(name))
        self._show_difference()

    def _show_difference(self) -> None:
        kb = self.app.kb
        before = self.app.interview.consultation
        after = self.app.interview.engine.consult(self.answers)
        diff = compare(before, after, list(kb.facts))

        def title(rec_id: str) -> str:
            return kb.recommendations[rec_id].title

        out = []
        if diff.empty:
            out.append(styled(_("No difference from the original advice (yet)."), "$text-muted"))
        out += [join(("+ ", "bold $text-success"), plain(title(r), "$text-success"), f" ({cf:.2f})")
                for r, cf in diff.added]
        out += [join(("− ", "bold $text-error"), plain(title(r), "$text-error"), _(" (was {cf})", cf=f"{cf:.2f}"))
                for r, cf in diff.removed]
        out += [join("~ ", plain(title(r)), f": {a:.2f} → {b:.2f}") for r, a, b in diff.changed]
        def fact_value(consultation, name: str) -> str:
            best = consultation.value_of(name)
            return f"{kb.value_label(name, best[0])} ({best[1]:.2f})" if best else _("undetermined")

        out += [join(plain(kb.facts[n].label, "bold"), ": ", plain(fact_value(before, n)), " → ",
                     plain(fact_value(after, n))) for n, _before, _after in diff.facts]
        out.append(Content(""))
        out.append(styled(_("Advice in this scenario:"), "bold"))
        out += [plain(lead(f"{c.cf:.2f}  ", title(c.target))) for c in after.recommended] or [plain(_("(none)"))]
        self.query_one("#whatif-diff", Static).update(lines(out))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._change(event.option.id)

    def action_change(self) -> None:
        menu = self.query_one("#whatif-questions", OptionList)
        if menu.highlighted_option is not None:
            self._change(menu.highlighted_option.id)

    def _change(self, name: str) -> None:
        from gvc_advisor.tui.screens.question_modal import QuestionModal

        def apply(result) -> None:
            if result is None:
                return
            if result == "forget":
                self.answers.pop(name, None)
            else:
                value, unsure = result
                self.answers[name] = Answer(value, self.app.kb.meta.unsure_cf if unsure else 1.0)
            self._update([name])

        self.app.push_screen(QuestionModal(self.app.kb.questions[name], self.answers.get(name)), apply)

    def action_reset(self) -> None:
        changed = [n for n in self.app.kb.questions if self.answers.get(n) != self.app.interview.answers.get(n)]
        self.answers = dict(self.app.interview.answers)
        self._update(changed)
