"""Glossary of the framework's concepts, with their sources."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from gvc_advisor.engine.explain import cite
from gvc_advisor.engine.i18n import N_, _
from gvc_advisor.tui.screens.base import AdvisorScreen, Key, bindings
from gvc_advisor.tui.text import join, lines, plain
from gvc_advisor.tui.widgets.keybar import KeyBar

KEYS = [Key("escape,b", "app.pop_screen", N_("Back"))]


class GlossaryScreen(AdvisorScreen):
    needs_session = False
    KEYS = KEYS
    BINDINGS = bindings(*KEYS)

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="main"):
            yield OptionList(*[Option(plain(e.term), id=str(i)) for i, e in enumerate(self.app.kb.glossary)],
                             id="terms")
            yield VerticalScroll(Static(id="definition"), id="glossary-right")
        yield KeyBar()

    def on_mount(self) -> None:
        self.title = _("Glossary")
        self.query_one("#terms").focus()
        self._show(0)

    async def remounted(self) -> None:
        self.on_mount()

    def _show(self, index: int) -> None:
        if not self.app.kb.glossary:
            return
        entry = self.app.kb.glossary[index]
        # In a translation the English term stands beside it, so a reader can find it in the papers.
        parts = [plain(self.app.kb.term_with_english(entry.term), "bold"), plain(""), plain(entry.definition)]
        if entry.see_also:
            parts += [plain(""), join((_("See also: "), "bold"), _(", ").join(entry.see_also))]
        if entry.sources:
            parts += [plain("")] + [plain(cite(self.app.kb, ref), "$text-muted") for ref in entry.sources]
        self.query_one("#definition", Static).update(lines(parts))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._show(int(event.option.id))
