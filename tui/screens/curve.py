"""The smile curve on a screen of its own: the whole width for the curve, the
firm's position, and where each step of the plan leads."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Header, Static

from gvc_advisor.engine.i18n import N_, _
from gvc_advisor.tui.plan import priority_plan
from gvc_advisor.tui.screens.base import AdvisorScreen, Key, bindings
from gvc_advisor.tui.text import clean, join
from gvc_advisor.tui.widgets.keybar import KeyBar
from gvc_advisor.tui.widgets.smile_curve import SmileCurve

KEYS = [Key("escape,b", "app.pop_screen", N_("Back"))]


class CurveScreen(AdvisorScreen):
    needs_session = True
    KEYS = KEYS
    BINDINGS = bindings(*KEYS)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(join((_("The smile curve"), "bold"), (_(" — value added along the chain: high at R&D, design, "
                                                         "marketing and brand, low in manufacturing"), "$text-muted")),
                     classes="title")
        yield VerticalScroll(SmileCurve(id="smile"), id="curve-box")
        yield KeyBar()

    def on_mount(self) -> None:
        self.title = _("Smile curve — {firm}", firm=clean(self.app.session.firm, single_line=True))
        self.query_one("#curve-box").focus()

    async def remounted(self) -> None:
        self.on_mount()

    async def redraw(self) -> None:
        c = self.app.interview.consultation
        self.query_one("#smile", SmileCurve).show(c, priority_plan(self.app.kb, c))
