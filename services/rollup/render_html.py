"""The roll-up as a self-contained HTML report with inline SVG charts."""

from __future__ import annotations

from html import escape

from gvc_advisor.engine.i18n import _, ngettext
from gvc_advisor.services.html_page import page, table
from gvc_advisor.services.reporting.labels import actors as actor_labels
from gvc_advisor.services.reporting.labels import upgrading_kind
from gvc_advisor.services.rollup import svg
from gvc_advisor.services.rollup.summary import RollupSummary, percent


def _measures(s: RollupSummary) -> list[str]:
    out = ["<h2>" + escape(_("Collective measures for the cluster association and local government")) + "</h2>",
           "<p class=\"muted\">" + _("A measure is proposed when enough firms share the need for it: each threshold "
                                      "is declared in {file}.", file=f"<code>{escape(s.measures_source)}</code>")
           + "</p>", svg.measure_bars(s)]
    for m in s.measures:
        state = (f'<span class="yes">{escape(_("proposed"))}</span>' if m.proposed
                 else f"<span class=\"muted\">{escape(_('not yet'))}</span>")
        needed = [_("recommended {ids}", ids=", ".join(f"<code>{escape(r)}</code>" for r in m.recommended))] \
            if m.recommended else []
        needed += [escape(m.condition)] if m.condition else []
        out.append(f"<h3>{escape(m.title)} — {state}</h3>"
                   "<p>" + _("{firms} firms ({percent}) need it; threshold: {threshold}. For {actors}.",
                             firms=f"<b>{m.firms:,}</b>", percent=percent(m.firms, m.total),
                             threshold=escape(m.threshold), actors=escape(actor_labels(m.actors))) + "</p>"
                   f"<p>{escape(m.summary)}</p><ul>" + "".join(f"<li>{escape(a)}</li>" for a in m.actions)
                   + "</ul><p class=\"muted\">" + _("Needed when {needed}. Sources: {cites}.",
                                                     needed=_(" or ").join(needed),
                                                     cites=escape("; ".join(m.sources))) + "</p>")
    return out


def to_html(s: RollupSummary) -> str:
    kb = s.kb
    title = ngettext("Cluster roll-up: {count} firm", "Cluster roll-up: {count} firms", s.firms, count=f"{s.firms:,}")
    body = [f"<h1>{escape(title)}</h1>",
            "<p class=\"meta\">" + escape(_("Knowledge base {kb} {version} (hash {hash}) · inputs: {inputs}",
                                             kb=kb["name"], version=kb["version"], hash=kb["hash"],
                                             inputs=", ".join(s.inputs))) + "</p>"]
    if s.skipped:
        body.append("<p>" + _("{rows} rows or files were skipped ({problems} problems; nothing was guessed). See the "
                              "list at the end.", rows=f"<b>{s.skipped:,}</b>", problems=f"{s.problem_count:,}")
                    + "</p>")
    body += ["<h2>" + escape(_("The firms in the framework grid")) + "</h2>",
             "<p class=\"muted\">" + escape(_("Governance model × driving mechanism × firm status (dai2009); the "
                                               "darker the cell, the more firms.")) + "</p>", svg.heat_map(s)]
    body.append("<h2>" + escape(_("Lock-in and factor-cost pressure")) + "</h2>")
    for sh in s.shares:
        share_label = escape(_("{label}: {value}", label=sh.label, value=sh.value_label))
        body.append(f"<p><b>{share_label}</b> — " + escape(_(
            "{firms} of {total} firms ({percent}); undetermined for {undetermined}.", firms=f"{sh.firms:,}",
            total=f"{sh.total:,}", percent=percent(sh.firms, sh.total), undetermined=f"{sh.undetermined:,}"))
            + "</p>" + svg.share_bar(sh, s))
    rows = [[escape(r.title), escape(upgrading_kind(r.upgrading_type)), escape(actor_labels(r.actors)),
             f"{r.firms:,}", percent(r.firms, r.total), f"{r.first:,}", f"{r.mean_cf:.2f}"] for r in s.recommendations]
    headers = [_("recommendation"), _("type"), _("who acts"), _("firms"), _("share"), _("first priority for"),
               _("mean certainty")]
    body += ["<h2>" + escape(_("Most frequent recommendations")) + "</h2>", svg.recommendation_bars(s),
             table([escape(h) for h in headers], rows, numeric={3, 4, 5, 6})]
    if s.warnings:
        body += ["<h2>" + escape(_("Warnings")) + "</h2>",
                 table([escape(_("warning")), escape(_("firms")), escape(_("share"))],
                       [[escape(title), f"{n:,}", percent(n, s.firms)] for _unused, title, n in s.warnings],
                       numeric={1, 2})]
    body += _measures(s)
    if s.skipped:
        listed = "".join(f"<li><code>{escape(p)}</code></li>" for p in s.problems)
        more = ("<p class=\"muted\">" + escape(_("… and {count} more problems (all were reported on standard "
                                                  "error).", count=f"{s.problem_count - len(s.problems):,}"))
                + "</p>") if s.problem_count > len(s.problems) else ""
        body += ["<h2>" + escape(_("Skipped rows and files")) + "</h2>", f"<ul>{listed}</ul>{more}"]
    return page(title, body)
