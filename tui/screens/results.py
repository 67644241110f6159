"""Results: the priority plan first (with the highlighted step in full), the
diagnosis beside it (with any contested value), warnings, and the governance
decision table; the smile curve is one key away (c).

The plan comes from :func:`gvc_advisor.tui.plan.priority_plan`, the one
function to swap for the advice engine of issue 8.
"""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from gvc_advisor.engine.i18n import N_, _
from gvc_advisor.tui.plan import PlanItem, advice_of, diagnosis, priority_plan
from gvc_advisor.tui.plan import warnings as warnings_of
from gvc_advisor.tui.screens.base import AdvisorScreen, Key, bindings
from gvc_advisor.tui.text import clean, join, lead, lines, plain, styled, upgrading_label
from gvc_advisor.tui.widgets.keybar import KeyBar
from gvc_advisor.tui.widgets.picture import cf_badge

KEYS = [
    Key("enter", "explain", N_("Explain")),
    Key("n", "why_not", N_("Why not…"), N_("Why not")),
    Key("c", "curve", N_("Smile curve"), N_("Curve")),
    Key("i", "whatif", N_("What-if")),
    Key("x", "export", N_("Export")),
    Key("escape,b", "app.pop_screen", N_("Interview"), N_("Back")),
]

DETERMINANTS = [
    ("low", "high", "high", "market"),
    ("high", "high", "high", "modular"),
    ("high", "low", "high", "relational"),
    ("high", "high", "low", "captive"),
    ("high", "low", "low", "hierarchy"),
]
#: The table's words (the determinants' levels and the governance types, liu2007 §2.3).
TABLE_WORDS = {"low": N_("low"), "high": N_("high"), "market": N_("market"), "modular": N_("modular"),
               "relational": N_("relational"), "captive": N_("captive"), "hierarchy": N_("hierarchy")}


def governance_table(consultation) -> Content:
    """The determinants table of liu2007 §2.3, with the firm's row marked (fits 30 columns)."""
    answers = consultation.answers
    given = tuple(answers[q].value if q in answers else None
                  for q in ("transaction_complexity", "codifiability", "supplier_competence"))
    rows = [styled(_("Governance from the determinants"), "bold"),
            styled(_("complexity, codifiability, competence"), "$text-muted")]
    words = {key: _(word) for key, word in TABLE_WORDS.items()}
    column = max(cell_len(words["low"]), cell_len(words["high"])) + 1  # padded in cells: 低 is two wide
    for row in DETERMINANTS:
        text = "".join(set_cell_size(words[level], column) for level in row[:3]) + "→ " + words[row[3]]
        rows.append(styled(text, "bold reverse") if row[:3] == given else plain(text))
    if None in given:
        rows.append(styled(_("Not every determinant was answered; other evidence was used."), "$text-muted"))
    elif given not in [r[:3] for r in DETERMINANTS]:
        rows.append(styled(_("This combination is not one the theory predicts: other evidence decides."),
                           "$text-warning"))
    return lines(rows)


def plan_prompt(item: PlanItem, spaced: bool = False) -> Content:
    """Two lines: the step, then its certainty (never split), type, horizon and actors."""
    second = [upgrading_label(item.upgrading_type)]
    if item.horizon:
        second.append(item.horizon)
    second.append(_("who: {actors}", actors=_(", ").join(item.actors)))
    first = join(plain(lead(f"{item.priority}. ", item.title), "bold"))
    if item.worth_considering:
        first = join(first, ("  " + _("(worth considering)"), "$text-muted"))
    parts = [first, join("   ", (cf_badge(item.cf, 5), "$text-muted"), " · " + " · ".join(second))]
    if item.alternatives:
        parts.append(join("   ", (_("or instead (choose one): "), "$text-warning"),
                          plain(_("; ").join(item.alternatives))))
    if spaced:
        parts.append(Content(""))
    return lines(parts)


class ResultsScreen(AdvisorScreen):
    needs_session = True
    KEYS = KEYS
    BINDINGS = bindings(*KEYS)

    def compose(self) -> ComposeResult:
        # Built here, not after mounting: one layout and one paint instead of several.
        self._drawn_revision = self.app.revision
        plan, facts, warnings = self._options()
        yield Header()
        with Horizontal(id="main"):
            with Vertical(id="results-left"):
                yield Static(join((_("Priority plan"), "bold"), (_(" — Enter explains a step"), "$text-muted")),
                             classes="pane-title")
                yield OptionList(*plan, id="plan")
                yield VerticalScroll(Static(self._step(self.plan[0].rec_id if self.plan else None),
                                            id="step-detail"), id="step-detail-box")
            with Vertical(id="results-right"):
                yield Static(join((_("Diagnosis"), "bold"), (_(" — Enter shows how"), "$text-muted")),
                             classes="pane-title")
                # One list for diagnosis, warnings and the governance table: a single widget
                # to lay out (nested scrolling lists cost half of this screen's drawing time).
                yield OptionList(*facts, *warnings, id="diagnosis")
        yield KeyBar()

    def on_mount(self) -> None:
        self.title = _("Results — {firm}", firm=clean(self.app.session.firm, single_line=True))
        self.query_one("#plan", OptionList).focus()

    async def remounted(self) -> None:
        self.on_mount()

    def _options(self) -> tuple[list[Option], list[Option], list[Option]]:
        kb, c = self.app.kb, self.app.interview.consultation
        advice = advice_of(kb, c)
        self.plan = priority_plan(kb, c, advice)
        spaced = bool(getattr(self.app, "presenting", False))  # a blank line between steps on a projector
        plan = [Option(plan_prompt(item, spaced), id=item.rec_id) for item in self.plan]
        if not self.plan:
            plan.append(Option(styled(_("No recommendation reached the certainty threshold yet: answer more "
                                        "questions, or see Why not… (n)."), "$text-muted"), id="none", disabled=True))
        facts = []
        for line in diagnosis(kb, c, advice):
            shown = [plain(line.label, "bold")]
            # The certainty leads its line, so that it can never wrap onto a line of its own.
            if line.value is None:
                shown.append(styled("  " + _("undetermined"), "$text-muted"))
            else:
                shown.append(join("  ", (cf_badge(line.cf, 5), "$text-muted"), " ",
                                  plain(line.value + (_(" (stated)") if line.stated else ""))))
            for value, cf in line.alternatives:
                word = _("contested by ") if line.contested else _("or ")
                shown.append(join("  ", (word, "$text-warning"), (cf_badge(cf, 5), "$text-muted"), " ",
                                  plain(value)))
            facts.append(Option(lines(shown), id=line.fact))
        shown_warnings = [Option(styled(_("Warnings"), "bold"), id="head:warnings", disabled=True)]
        raised = warnings_of(advice)
        for w in raised:
            shown_warnings.append(Option(lines([plain(lead("⚠ ", clean(w.title, True)), "bold $text-warning"),
                                                plain(w.message)]), id=w.id))
        if not raised:
            shown_warnings.append(Option(styled(_("No warnings."), "$text-muted"), id="none", disabled=True))
        shown_warnings.append(Option(governance_table(c), id="gov-table", disabled=True))
        return plan, facts, shown_warnings

    def presentation_changed(self) -> None:
        super().presentation_changed()
        menu = self.query_one("#plan", OptionList)
        highlighted = menu.highlighted
        for item in self.plan:
            menu.replace_option_prompt(item.rec_id, plan_prompt(item, self.app.presenting))
        menu.highlighted = highlighted

    async def redraw(self) -> None:
        """The interview changed while this screen was covered (e.g. by a dialog)."""
        plan, facts, warnings = self._options()
        for list_id, options in (("#plan", plan), ("#diagnosis", facts + warnings)):
            menu = self.query_one(list_id, OptionList)
            menu.clear_options()
            menu.add_options(options)
            menu.highlighted = 0 if options and not options[0].disabled else None
        self._show_step(self.plan[0].rec_id if self.plan else None)

    def _show_step(self, rec_id: str | None) -> None:
        self.query_one("#step-detail", Static).update(self._step(rec_id))
        self.query_one("#step-detail-box").scroll_home(animate=False)

    def _step(self, rec_id: str | None) -> Content:
        """The highlighted step in full: what to do, before you start, risks, who acts."""
        item = next((i for i in self.plan if i.rec_id == rec_id), None)
        if item is None:
            return Content("")
        rec = self.app.kb.recommendations[rec_id]

        def bullets(title: str, items: list[str]) -> list[Content]:
            return [styled(title, "bold")] + [plain(lead("  • ", text)) for text in items]

        parts = [plain(item.title, "bold"), styled(upgrading_label(rec.upgrading_type.value), "$text-muted"),
                 plain(item.summary)]
        if item.reason:
            parts.append(join((_("Why for you: "), "bold"), item.reason))
        parts += bullets(_("What to do"), list(item.actions)) + bullets(_("Before you start"), rec.preconditions)
        parts += bullets(_("Risks"), rec.risks)
        parts.append(join((_("Who acts: "), "bold"), _(", ").join(item.actors)))
        if rec.examples:
            parts += bullets(_("Examples"), rec.examples)
        return lines(parts)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_list.id == "plan":
            self._show_step(event.option.id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._explain(event.option.id)

    def _explain(self, target: str | None) -> None:
        from gvc_advisor.tui.screens.explanation import ExplanationScreen

        if target is None or target == "none":
            return
        # a contested diagnosis is explained by its fact: every value it weighed, with its evidence
        self.app.push_screen(ExplanationScreen(target.removeprefix("contested:")))

    def action_explain(self) -> None:
        focused = self.focused
        if isinstance(focused, OptionList) and focused.highlighted_option is not None:
            self._explain(focused.highlighted_option.id)

    def action_why_not(self) -> None:
        from gvc_advisor.tui.screens.whynot import WhyNotScreen

        self.app.push_screen(WhyNotScreen())

    def action_curve(self) -> None:
        from gvc_advisor.tui.screens.curve import CurveScreen

        self.app.push_screen(CurveScreen())

    def action_whatif(self) -> None:
        self.app._push("whatif")

    def action_export(self) -> None:
        self.app._push("export")
