"""Why not: pick a strategy that was not recommended and see what it lacks."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from gvc_advisor.engine.explain import why_not


class WhyNotScreen(Screen):
    BINDINGS = [("escape,b", "app.pop_screen", "Back")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("[b]Why not…?[/b] Strategies that were not recommended — Enter shows the closest rules "
                     "and their unmet conditions.", classes="title")
        yield OptionList(id="not-made")
        yield Footer()

    def on_mount(self) -> None:
        kb, c = self.app.kb, self.app.interview.consultation
        made = {r.target for r in c.recommended}
        menu = self.query_one("#not-made", OptionList)
        for rec in kb.recommendations.values():
            if rec.id not in made:
                menu.add_option(Option(f"{rec.title}  [dim]({rec.upgrading_type.value})[/dim]", id=rec.id))
        if menu.option_count:
            menu.highlighted = 0
        menu.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        from gvc_advisor.tui.screens.explanation import ExplanationScreen

        node = why_not(self.app.kb, self.app.interview.consultation, event.option.id,
                       self.app.interview.engine.compiled.branches)
        self.app.push_screen(ExplanationScreen(event.option.id, node))
