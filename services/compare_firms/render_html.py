"""The comparison as a self-contained HTML page; each difference can be unfolded
to the full derivation (the explanation tree) for every firm concerned."""

from __future__ import annotations

from html import escape

from gvc_advisor.engine.explain import explain_fact, explain_recommendation, explain_warning
from gvc_advisor.engine.i18n import _, ngettext
from gvc_advisor.engine.kb.model import KnowledgeBase
from gvc_advisor.services.compare_firms.model import Difference, FirmComparison, path_text
from gvc_advisor.services.compare_firms.render_text import KINDS, letter
from gvc_advisor.services.html_page import page, table
from gvc_advisor.services.reporting.labels import actors as actor_labels
from gvc_advisor.services.reporting.labels import upgrading_kind


def _derivations(kb: KnowledgeBase, comparison: FirmComparison, d: Difference) -> str:
    parts = []
    for index, firm in enumerate(comparison.firms):
        c = firm.consultation
        if d.kind == "recommendation":
            node = explain_recommendation(kb, c, d.target)
        elif d.kind == "warning":
            node = explain_warning(kb, c, d.target)
        else:
            best = c.value_of(d.target)
            if best is None:
                continue
            node = explain_fact(kb, c, d.target, best[0])
        parts.append(f"<p><b>{letter(index)}</b> {escape(firm.label)}</p><pre>{escape(node.to_text())}</pre>")
    return f"<details><summary>{escape(_('Full derivations'))}</summary>{''.join(parts)}</details>"


def _difference(kb: KnowledgeBase, comparison: FirmComparison, d: Difference) -> str:
    out = [f"<h3>≠ {escape(d.title)} <span class=\"muted\">({escape(_(KINDS[d.kind]))})</span></h3><ul>"]
    out += [f"<li><b>{letter(i)}</b>: {escape(o)}</li>" for i, o in enumerate(d.outcomes)]
    out.append("</ul>")
    if d.causes:
        out.append("<p>" + escape(_("Because of:")) + "</p><ul>")
        for cause in d.causes:
            values = " · ".join(f"<b>{letter(i)}</b> "
                                + (escape(v) if v is not None else "<i>" + escape(_("not answered")) + "</i>")
                                for i, v in enumerate(cause.values))
            paths = "".join(f"<li>{letter(i)}: <code>{escape(path_text(kb, chain, d.target))}</code></li>"
                            for i, chain in cause.paths)
            out.append(f"<li><code>{escape(cause.answer)}</code> ({escape(cause.label)})" + escape(_(": ")) + values
                       + (f"<ul class=\"paths\">{paths}</ul>" if paths else "") + "</li>")
        out.append("</ul>")
    if d.shortfalls:
        out.append("<ul>")
        for index, s in d.shortfalls:
            lacking = _("; ").join(s.unmet) or _("its conditions hold, but with too little certainty")
            out.append("<li>" + _("{firm} lacks, for rule {rule}: {lacking}", firm=f"<b>{letter(index)}</b>",
                                  rule=f"<code>{escape(s.rule)}</code>", lacking=escape(lacking)) + "</li>")
        out.append("</ul>")
    if not d.causes and not d.shortfalls:
        out.append("<p>" + escape(_("No single differing answer explains it: the certainties of the same answers "
                                    "combine differently.")) + "</p>")
    out.append(_derivations(kb, comparison, d))
    return "\n".join(out)


def to_html(kb: KnowledgeBase, comparison: FirmComparison) -> str:
    info = comparison.kb
    heads = [f"{letter(i)}: {escape(f.label)}" for i, f in enumerate(comparison.firms)]
    title = ngettext("Comparing {n} firm", "Comparing {n} firms", len(comparison.firms))
    body = [f"<h1>{escape(title)}</h1>",
            "<p class=\"meta\">" + escape(_("Knowledge base: {name} {version} (hash {hash})", name=info["name"],
                                             version=info["version"], hash=info["hash"])) + "</p>",
            table(["", escape(_("firm")), escape(_("file"))],
                  [[letter(i), escape(f.label), f"<code>{escape(f.source)}</code>"]
                   for i, f in enumerate(comparison.firms)]),
            f"<h2>{escape(_('Diagnosis'))}</h2><p class=\"muted\">{escape(_('Highlighted rows differ.'))}</p>"]
    rows = [[escape(r.label)] + [escape(f"{kb.value_label(r.fact, c.value)} ({c.cf:.2f})") if c.value
                                 else f"<i>{escape(_('undetermined'))}</i>" for c in r.cells]
            for r in comparison.diagnosis]
    body.append(table(["", *heads], rows, row_classes=["differs" if r.differs else "" for r in comparison.diagnosis]))
    horizon = comparison.has_horizon
    body.append(f"<h2>{escape(_('Plans'))}</h2><p class=\"muted\">"
                + escape(_("Priority (certainty) of each recommendation; — where it is not given.")) + "</p>")
    plan_rows = []
    for r in comparison.plan:
        cells = [escape(f"{c.priority} ({c.cf:.2f})" + (f" {c.horizon}" if horizon and c.horizon else "")) if c
                 else "—" for c in r.cells]
        plan_rows.append([escape(r.title), escape(upgrading_kind(r.upgrading_type)), escape(actor_labels(r.actors)),
                          *cells])
    body.append(table([escape(_("recommendation")), escape(_("type")), escape(_("who acts")), *heads], plan_rows,
                      row_classes=["differs" if r.differs else "" for r in comparison.plan]))
    body.append(f"<h2>{escape(_('What differs and why'))}</h2>")
    if not comparison.differences:
        body.append(f"<p>{escape(_('The firms get the same diagnosis and the same advice.'))}</p>")
    body += [_difference(kb, comparison, d) for d in comparison.differences]
    if comparison.other_answers:
        body.append("<h2>" + escape(_("Answers that differ without changing the diagnosis or the advice"))
                    + "</h2><ul>")
        for cause in comparison.other_answers:
            values = " · ".join(f"<b>{letter(i)}</b> {escape(v) if v is not None else '—'}"
                                for i, v in enumerate(cause.values))
            body.append(f"<li><code>{escape(cause.answer)}</code> ({escape(cause.label)})" + escape(_(": "))
                        + f"{values}</li>")
        body.append("</ul>")
    return page(title, body)
