"""Why not: pick a strategy that was not recommended and see what it lacks."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from gvc_advisor.engine.explain import why_not
from gvc_advisor.engine.i18n import N_, _
from gvc_advisor.tui.screens.base import AdvisorScreen, Key, bindings
from gvc_advisor.tui.text import join, plain, styled, upgrading_label
from gvc_advisor.tui.widgets.keybar import KeyBar

KEYS = [
    Key("enter", "show", N_("Show what it lacks"), N_("Show")),
    Key("escape,b", "app.pop_screen", N_("Back")),
]


class WhyNotScreen(AdvisorScreen):
    needs_session = True
    KEYS = KEYS
    BINDINGS = bindings(*KEYS)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(join((_("Why not…?"), "bold"), " " + _("Strategies that were not recommended for this firm. "
                                                          "Enter shows the closest rules and what the firm lacks "
                                                          "for them.")), classes="title")
        yield OptionList(id="not-made")
        yield KeyBar()

    def on_mount(self) -> None:
        self.title = _("Why not…")

    async def remounted(self) -> None:
        self.on_mount()

    async def redraw(self) -> None:
        kb, c = self.app.kb, self.app.interview.consultation
        made = {r.target for r in c.recommended}
        menu = self.query_one("#not-made", OptionList)
        menu.clear_options()
        for rec in kb.recommendations.values():
            if rec.id not in made:
                kind = _("({kind})", kind=upgrading_label(rec.upgrading_type.value))
                menu.add_option(Option(join(plain(rec.title), ("  " + kind, "$text-muted")),
                                       id=rec.id))
        if not menu.option_count:
            menu.add_option(Option(styled(_("Every strategy in the knowledge base was recommended."), "$text-muted"),
                                   id="none", disabled=True))
        menu.highlighted = 0
        menu.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_show(event.option.id)

    def action_show(self, rec_id: str | None = None) -> None:
        from gvc_advisor.tui.screens.explanation import ExplanationScreen

        menu = self.query_one("#not-made", OptionList)
        rec_id = rec_id or (menu.highlighted_option.id if menu.highlighted_option else None)
        if rec_id is None or rec_id == "none":
            return
        node = why_not(self.app.kb, self.app.interview.consultation, rec_id,
                       self.app.interview.engine.compiled.branches)
        self.app.push_screen(ExplanationScreen(rec_id, node, not_recommended=True))
