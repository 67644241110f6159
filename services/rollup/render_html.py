"""The roll-up as a self-contained HTML report with inline SVG charts."""

from __future__ import annotations

from html import escape

from gvc_advisor.services.html_page import page, table
from gvc_advisor.services.rollup import svg
from gvc_advisor.services.rollup.summary import RollupSummary, percent


def _measures(s: RollupSummary) -> list[str]:
    out = ["<h2>Collective measures for the cluster association and local government</h2>",
           "<p class=\"muted\">A measure is proposed when enough firms share the need for it: each threshold "
           f"is declared in <code>{escape(s.measures_source)}</code>.</p>", svg.measure_bars(s)]
    for m in s.measures:
        state = '<span class="yes">proposed</span>' if m.proposed else "<span class=\"muted\">not yet</span>"
        needed = [f"recommended {', '.join(f'<code>{escape(r)}</code>' for r in m.recommended)}"] if m.recommended \
            else []
        needed += [escape(m.condition)] if m.condition else []
        out.append(f"<h3>{escape(m.title)} — {state}</h3>"
                   f"<p><b>{m.firms:,}</b> firms ({percent(m.firms, m.total)}) need it; threshold: "
                   f"{escape(m.threshold)}. For {escape(', '.join(a.replace('_', ' ') for a in m.actors))}.</p>"
                   f"<p>{escape(m.summary)}</p><ul>" + "".join(f"<li>{escape(a)}</li>" for a in m.actions)
                   + f"</ul><p class=\"muted\">Needed when {' or '.join(needed)}. Sources: "
                   f"{escape('; '.join(m.sources))}.</p>")
    return out


def to_html(s: RollupSummary) -> str:
    kb = s.kb
    body = [f"<h1>Cluster roll-up: {s.firms:,} firms</h1>",
            f"<p class=\"meta\">Knowledge base {escape(kb['name'])} {escape(kb['version'])} (hash {escape(kb['hash'])})"
            f" · inputs: {escape(', '.join(s.inputs))}</p>"]
    if s.skipped:
        body.append(f"<p><b>{s.skipped:,}</b> rows or files were skipped ({s.problem_count:,} problems; nothing "
                    "was guessed). See the list at the end.</p>")
    body += ["<h2>The firms in the framework grid</h2>",
             "<p class=\"muted\">Governance model × driving mechanism × firm status (dai2009); the darker the "
             "cell, the more firms.</p>", svg.heat_map(s)]
    body.append("<h2>Lock-in and factor-cost pressure</h2>")
    for sh in s.shares:
        body.append(f"<p><b>{escape(sh.label)}: {escape(sh.value_label)}</b> — {sh.firms:,} of {sh.total:,} firms "
                    f"({percent(sh.firms, sh.total)}); undetermined for {sh.undetermined:,}.</p>" + svg.share_bar(sh))
    rows = [[escape(r.title), escape(r.upgrading_type), escape(", ".join(a.replace("_", " ") for a in r.actors)),
             f"{r.firms:,}", percent(r.firms, r.total), f"{r.first:,}", f"{r.mean_cf:.2f}"] for r in s.recommendations]
    body += ["<h2>Most frequent recommendations</h2>", svg.recommendation_bars(s),
             table(["recommendation", "type", "who acts", "firms", "share", "first priority for", "mean certainty"],
                   rows, numeric={3, 4, 5, 6})]
    if s.warnings:
        body += ["<h2>Warnings</h2>", table(["warning", "firms", "share"],
                                            [[escape(title), f"{n:,}", percent(n, s.firms)]
                                             for _unused, title, n in s.warnings], numeric={1, 2})]
    body += _measures(s)
    if s.skipped:
        listed = "".join(f"<li><code>{escape(p)}</code></li>" for p in s.problems)
        more = (f"<p class=\"muted\">… and {s.problem_count - len(s.problems):,} more problems (all were "
                "reported on standard error).</p>") if s.problem_count > len(s.problems) else ""
        body += ["<h2>Skipped rows and files</h2>", f"<ul>{listed}</ul>{more}"]
    return page(f"Cluster roll-up: {s.firms:,} firms", body)
