"""An explanation: in the manager's words by default ("because you said X, and
firms like yours…"); d switches to the consultant's detail (the rule tree
with ids and certainty arithmetic).  Both wrap to the width."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Header, Static

from gvc_advisor.engine.explain import NOT_RECOMMENDED, Node, explain, why_not
from gvc_advisor.engine.i18n import N_, _
from gvc_advisor.engine.narrative import narrate
from gvc_advisor.tui.screens.base import AdvisorScreen, Key, bindings
from gvc_advisor.tui.text import clean, join
from gvc_advisor.tui.widgets.keybar import KeyBar
from gvc_advisor.tui.widgets.narrative_view import NarrativeView
from gvc_advisor.tui.widgets.tree_view import TreeView

KEYS = [
    Key("d", "toggle_detail", N_("Consultant detail"), N_("Detail")),
    Key("escape,b", "app.pop_screen", N_("Back")),
]

HEADINGS = {
    "recommendation": N_("Why we recommend this"),
    "not-recommended": N_("Why this was not recommended: the closest rules, and what your firm lacks for them"),
    "warning": N_("Why this warning"),
    "fact": N_("How we reached this conclusion"),
    "other": N_("Explanation"),
}


def heading_kind(node: Node, kb) -> str:
    if node.ref in kb.recommendations:
        return "not-recommended" if node.tag == NOT_RECOMMENDED else "recommendation"
    if node.ref in kb.warnings:
        return "warning"
    if node.ref in kb.facts:
        return "fact"
    return "other"


class ExplanationScreen(AdvisorScreen):
    KEYS = KEYS
    BINDINGS = bindings(*KEYS)

    def __init__(self, target: str, node: Node | None = None, not_recommended: bool = False) -> None:
        super().__init__()
        self.target = target
        self.node = node
        #: A why-not explanation (see :mod:`.whynot`): built again that way after a language switch.
        self.not_recommended = not_recommended
        self.detail = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="explanation-title", classes="title")
        with VerticalScroll(id="explanation"):
            yield NarrativeView(id="narrative")
        yield KeyBar()

    def on_mount(self) -> None:
        kb, c = self.app.kb, self.app.interview.consultation
        self.node = self.node or explain(kb, c, self.target)
        self.kind = "not-recommended" if self.not_recommended else heading_kind(self.node, kb)
        self.title = _("Explanation — {firm}", firm=clean(self.app.session.firm, single_line=True))
        self.query_one("#narrative", NarrativeView).show(narrate(kb, c, self.node))
        self._show_mode()
        self.query_one("#explanation").focus()

    async def language_changed(self) -> None:
        """Explain again from the knowledge base in the new language (its texts are in it)."""
        kb, interview = self.app.kb, self.app.interview
        self.node = (why_not(kb, interview.consultation, self.target, interview.engine.compiled.branches)
                     if self.not_recommended else None)
        for tree in self.query("#tree"):
            await tree.remove()
        self.on_mount()

    def _show_mode(self) -> None:
        self.query_one("#narrative").display = not self.detail
        trees = self.query("#tree")
        if self.detail and not trees:  # built on first use: most readers never ask for it
            self.query_one("#explanation").mount(TreeView(self.node, id="tree"))
        elif trees:
            trees.first().display = self.detail
        mode = (_("consultant's detail: rules, ids, certainty arithmetic — d for plain language") if self.detail
                else _("in plain language — d for the consultant's detail"))
        self.query_one("#explanation-title", Static).update(
            join((_(HEADINGS[self.kind]), "bold"), (" " + _("({kind})", kind=mode), "$text-muted")))
        self.query_one("#explanation").scroll_home(animate=False)

    def action_toggle_detail(self) -> None:
        self.detail = not self.detail
        self._show_mode()
