"""What-if: change answers on a copy and compare the advice with the original."""

from __future__ import annotations

from rich.markup import escape
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from gvc_advisor.engine.kb.answers import Answer
from gvc_advisor.services.compare import compare


class WhatIfScreen(Screen):
    needs_session = True
    BINDINGS = [Binding("escape,b", "app.pop_screen", "Back"), Binding("z", "reset", "Reset what-if")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("[b]What-if[/b] — change answers here; the original consultation is not touched.",
                     classes="title")
        with Horizontal(id="main"):
            yield OptionList(id="whatif-questions")
            yield VerticalScroll(Static(id="whatif-diff"), id="whatif-right")
        yield Footer()

    def on_mount(self) -> None:
        self.answers = dict(self.app.interview.answers)
        self.refresh_view()
        self.query_one("#whatif-questions").focus()

    def refresh_view(self) -> None:
        kb = self.app.kb
        menu = self.query_one("#whatif-questions", OptionList)
        highlighted = menu.highlighted
        menu.clear_options()
        original = self.app.interview.answers
        for name, question in kb.questions.items():
            current = self.answers.get(name)
            shown = kb.value_label(name, current.value) if current else "—"
            mark = "*" if current != original.get(name) else " "
            menu.add_option(Option(Text(f"{mark} {question.text[:44]}: {shown}"), id=name))
        menu.highlighted = highlighted if highlighted is not None else 0
        self._show_difference()

    def _show_difference(self) -> None:
        kb = self.app.kb
        before = self.app.interview.consultation
        after = self.app.interview.engine.consult(self.answers)
        diff = compare(before, after, list(kb.facts))
        title = lambda rid: escape(kb.recommendations[rid].title)  # noqa: E731
        lines = []
        if diff.empty:
            lines.append("[dim]No difference from the original advice (yet).[/dim]")
        lines += [f"[green]+ {title(r)}[/green] ({cf:.2f})" for r, cf in diff.added]
        lines += [f"[red]− {title(r)}[/red] (was {cf:.2f})" for r, cf in diff.removed]
        lines += [f"~ {title(r)}: {a:.2f} → {b:.2f}" for r, a, b in diff.changed]
        lines += [f"[b]{escape(kb.facts[n].label)}[/b]: {escape(a)} → {escape(b)}" for n, a, b in diff.facts]
        lines.append("\n[b]Advice in this scenario:[/b]")
        lines += [f"{c.cf:.2f}  {title(c.target)}" for c in after.recommended] or ["(none)"]
        self.query_one("#whatif-diff", Static).update("\n".join(lines))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        from gvc_advisor.tui.screens.question_modal import QuestionModal

        name = event.option.id

        def apply(result) -> None:
            if result is None:
                return
            if result == "forget":
                self.answers.pop(name, None)
            else:
                value, unsure = result
                self.answers[name] = Answer(value, self.app.kb.meta.unsure_cf if unsure else 1.0)
            self.refresh_view()

        self.app.push_screen(QuestionModal(self.app.kb.questions[name], self.answers.get(name)), apply)

    def action_reset(self) -> None:
        self.answers = dict(self.app.interview.answers)
        self.refresh_view()
