"""Results: diagnosis (with the governance decision table), ranked advice,
warnings, and the smile curve."""

from __future__ import annotations

from rich.markup import escape
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from gvc_advisor.tui.widgets.picture import cf_bar
from gvc_advisor.tui.widgets.smile_curve import SmileCurve

DETERMINANTS = [
    ("low", "high", "high", "market"),
    ("high", "high", "high", "modular"),
    ("high", "low", "high", "relational"),
    ("high", "high", "low", "captive"),
    ("high", "low", "low", "hierarchy"),
]


def governance_table(consultation) -> Text:
    """The determinants table of liu2007 §2.3, with the firm's row marked (fits 30 columns)."""
    answers = consultation.answers
    given = tuple(answers[q].value if q in answers else None
                  for q in ("transaction_complexity", "codifiability", "supplier_competence"))
    lines = [Text("Governance from the determinants", style="bold"),
             Text("complexity, codifiability, competence", style="dim")]
    for row in DETERMINANTS:
        mark = row[:3] == given
        lines.append(Text(f"{row[0]:<5}{row[1]:<5}{row[2]:<5}→ {row[3]}", style="bold reverse" if mark else ""))
    if None in given:
        lines.append(Text("Not every determinant was answered; other evidence was used.", style="dim"))
    elif given not in [r[:3] for r in DETERMINANTS]:
        lines.append(Text("This combination is not one the theory predicts: other evidence decides.",
                          style="yellow"))
    return Text("\n").join(lines)


def escape_all(text: str) -> str:
    """Escape everything but our own [b]…[/b] tags (knowledge-base text may contain brackets)."""
    return escape(text).replace("\\[b]", "[b]").replace("\\[/b]", "[/b]")


class ResultsScreen(Screen):
    needs_session = True
    BINDINGS = [
        Binding("enter", "explain", "Explain", show=True),
        Binding("n", "why_not", "Why not…"),
        Binding("i", "whatif", "What-if"),
        Binding("x", "export", "Export"),
        Binding("escape,b", "app.pop_screen", "Back to interview"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="main"):
            with VerticalScroll(id="results-left"):
                yield Static("[b]Diagnosis[/b] (select a line and press Enter to see how it was derived)")
                yield OptionList(id="facts")
                yield Static(id="gov-table")
                yield Static(id="warnings")
            with Vertical(id="results-right"):
                yield Static("[b]Recommendations[/b], most certain first")
                yield OptionList(id="recs")
                yield VerticalScroll(Static(id="rec-detail"), id="rec-detail-box")
                yield SmileCurve(id="smile")
        yield Footer()

    def on_mount(self) -> None:
        self.title = f"Results — {self.app.session.firm}"
        self.refresh_view()

    def on_screen_resume(self) -> None:
        self.refresh_view()

    def refresh_view(self) -> None:
        kb, c = self.app.kb, self.app.interview.consultation
        facts = self.query_one("#facts", OptionList)
        facts.clear_options()
        for name, spec in kb.facts.items():
            best = c.value_of(name)
            shown = f"{kb.value_label(name, best[0])}  {cf_bar(best[1])} {best[1]:.2f}" if best else "undetermined"
            facts.add_option(Option(f"{spec.label}: {shown}", id=name))
        self.query_one("#gov-table", Static).update(governance_table(c))
        warnings = c.raised_warnings
        text = "\n".join(
            f"[b yellow]⚠ {escape(kb.warnings[w.target].title)}[/b yellow]\n{escape(kb.warnings[w.target].message)}"
            for w in warnings)
        self.query_one("#warnings", Static).update(text or "[dim]No warnings.[/dim]")
        recs = self.query_one("#recs", OptionList)
        recs.clear_options()
        for conclusion in c.recommended:
            rec = kb.recommendations[conclusion.target]
            recs.add_option(Option(f"{conclusion.cf:.2f}  {rec.title}  [dim]({rec.upgrading_type.value})[/dim]",
                                   id=rec.id))
        if not c.recommended:
            recs.add_option(Option("No recommendation reached the certainty threshold yet.", id="none",
                                   disabled=True))
        self.query_one("#smile", SmileCurve).show(kb, c)
        recs.highlighted = 0
        facts.highlighted = 0
        recs.focus()
        self._show_detail(c.recommended[0].target if c.recommended else None)

    def _show_detail(self, rec_id: str | None) -> None:
        detail = self.query_one("#rec-detail", Static)
        if rec_id is None or rec_id not in self.app.kb.recommendations:
            detail.update("")
            return
        rec = self.app.kb.recommendations[rec_id]
        bullet = "\n  • "
        detail.update(escape_all(
            f"[b]{rec.title}[/b] — {rec.upgrading_type.value} upgrading\n{rec.summary}\n"
            f"[b]Actions:[/b]{bullet}{bullet.join(rec.actions)}\n"
            f"[b]Preconditions:[/b]{bullet}{bullet.join(rec.preconditions)}\n"
            f"[b]Risks:[/b]{bullet}{bullet.join(rec.risks)}\n"
            f"[b]Who acts:[/b] {', '.join(a.value.replace('_', ' ') for a in rec.actors)}"
            + (f"\n[b]Examples:[/b]{bullet}{bullet.join(rec.examples)}" if rec.examples else "")))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_list.id == "recs":
            self._show_detail(event.option.id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._explain(event.option_list.id, event.option.id)

    def _explain(self, list_id: str | None, target: str | None) -> None:
        from gvc_advisor.tui.screens.explanation import ExplanationScreen

        if target is None or target == "none":
            return
        self.app.push_screen(ExplanationScreen(target))

    def action_explain(self) -> None:
        focused = self.focused
        if isinstance(focused, OptionList) and focused.highlighted is not None:
            self._explain(focused.id, focused.get_option_at_index(focused.highlighted).id)

    def action_why_not(self) -> None:
        from gvc_advisor.tui.screens.whynot import WhyNotScreen

        self.app.push_screen(WhyNotScreen())

    def action_whatif(self) -> None:
        self.app._push("whatif")

    def action_export(self) -> None:
        self.app._push("export")
