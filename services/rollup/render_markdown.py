"""The roll-up as Markdown (GitHub tables)."""

from __future__ import annotations

from gvc_advisor.engine.i18n import _, ngettext
from gvc_advisor.services.compare_firms.render_markdown import cell
from gvc_advisor.services.reporting.labels import actors as actor_labels
from gvc_advisor.services.reporting.labels import upgrading_kind
from gvc_advisor.services.rollup.render_text import needed_text, short_axis
from gvc_advisor.services.rollup.summary import RollupSummary, percent


def _row(*cells: object) -> str:
    return "| " + " | ".join(str(c) for c in cells) + " |"


def to_markdown(s: RollupSummary) -> str:
    kb = s.kb
    lines = ["# " + ngettext("Cluster roll-up: {count} firm", "Cluster roll-up: {count} firms", s.firms,
                             count=f"{s.firms:,}"), "",
             _("Knowledge base {kb} {version} (hash {hash}) · inputs: {inputs}", kb=kb["name"], version=kb["version"],
               hash=kb["hash"], inputs=", ".join(s.inputs)), ""]
    if s.skipped:
        lines += [_("**{rows} rows or files were skipped** ({problems} problems; nothing was guessed): see the end.",
                    rows=f"{s.skipped:,}", problems=f"{s.problem_count:,}"), ""]
    governance = s.axes["governance"]
    lines += ["## " + _("The firms in the grid"), "", _("Governance model × driving mechanism × firm status."), "",
              _row(_("driver"), _("status"), *[cell(short_axis(s, "governance", g)) for g in governance]),
              _row(*["---"] * 2, *["---:"] * len(governance))]
    for driver in s.axes["driver"]:
        for status in s.axes["firm_status"]:
            lines.append(_row(cell(short_axis(s, "driver", driver)), cell(short_axis(s, "firm_status", status)),
                              *[f"{s.cell(g, driver, status):,}" for g in governance]))
    lines += ["", _("Undetermined (a dimension not established): {count} firms.", count=f"{s.undetermined:,}"), "",
              "## " + _("Lock-in and factor-cost pressure"), ""]
    for sh in s.shares:
        spread = _(", ").join(f"{short_axis(s, sh.fact, v)} {n:,}" for v, n in sh.by_value.items())
        lines.append("- **" + _("{label}: {value}", label=sh.label, value=sh.value_label) + "** — " + _(
            "{firms} of {total} firms ({percent}); {spread}, undetermined {undetermined}", firms=f"{sh.firms:,}",
            total=f"{sh.total:,}", percent=percent(sh.firms, sh.total), spread=spread,
            undetermined=f"{sh.undetermined:,}"))
    lines += ["", "## " + _("Most frequent recommendations"), "",
              _row(_("recommendation"), _("type"), _("who acts"), _("firms"), _("share"), _("first priority for")),
              _row("---", "---", "---", "---:", "---:", "---:")]
    lines += [_row(cell(r.title), cell(upgrading_kind(r.upgrading_type)), cell(actor_labels(r.actors)),
                   f"{r.firms:,}", percent(r.firms, r.total), f"{r.first:,}") for r in s.recommendations]
    lines += ["", "## " + _("Collective measures for the cluster association and local government"), "",
              _("Thresholds as declared in {file}.", file=f"`{s.measures_source}`"), ""]
    for m in s.measures:
        state = "**" + _("proposed") + "**" if m.proposed else _("not yet")
        lines += [f"### {m.title} — {state}", "",
                  _("{firms} firms ({percent}) need it; threshold: {threshold}. For {actors}. Needed when {needed}.",
                    firms=f"{m.firms:,}", percent=percent(m.firms, m.total), threshold=m.threshold,
                    actors=actor_labels(m.actors), needed=needed_text(m, code=True)), "",
                  m.summary, ""]
        lines += [f"- {action}" for action in m.actions]
        lines += ["", _("Sources: {cites}", cites="; ".join(m.sources)), ""]
    if s.skipped:
        lines += ["## " + _("Skipped rows and files"), ""]
        lines += [f"- `{p}`" for p in s.problems]
        if s.problem_count > len(s.problems):
            lines.append("- " + _("… and {count} more (all on standard error)",
                                  count=f"{s.problem_count - len(s.problems):,}"))
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"
