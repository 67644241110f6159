"""Glossary of the framework's concepts, with their sources."""

from __future__ import annotations

from rich.markup import escape
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from gvc_advisor.engine.explain import cite


class GlossaryScreen(Screen):
    needs_session = False
    BINDINGS = [("escape,b", "app.pop_screen", "Back")]

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="main"):
            yield OptionList(*[Option(e.term, id=str(i)) for i, e in enumerate(self.app.kb.glossary)], id="terms")
            yield VerticalScroll(Static(id="definition"), id="glossary-right")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#terms").focus()
        self._show(0)

    def _show(self, index: int) -> None:
        if not self.app.kb.glossary:
            return
        entry = self.app.kb.glossary[index]
        text = f"[b]{escape(entry.term)}[/b]\n\n{escape(entry.definition)}"
        if entry.see_also:
            text += "\n\n[b]See also:[/b] " + escape(", ".join(entry.see_also))
        if entry.sources:
            text += "\n\n" + "\n".join(escape(cite(self.app.kb, ref)) for ref in entry.sources)
        self.query_one("#definition", Static).update(text)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._show(int(event.option.id))
