"""The comparison as a self-contained HTML page; each difference can be unfolded
to the full derivation (the explanation tree) for every firm concerned."""

from __future__ import annotations

from html import escape

from gvc_advisor.engine.explain import explain_fact, explain_recommendation, explain_warning
from gvc_advisor.engine.kb.model import KnowledgeBase
from gvc_advisor.services.compare_firms.model import Difference, FirmComparison, path_text
from gvc_advisor.services.compare_firms.render_markdown import KINDS
from gvc_advisor.services.compare_firms.render_text import letter
from gvc_advisor.services.html_page import page, table


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
    return f"<details><summary>Full derivations</summary>{''.join(parts)}</details>"


def _difference(kb: KnowledgeBase, comparison: FirmComparison, d: Difference) -> str:
    out = [f"<h3>≠ {escape(d.title)} <span class=\"muted\">({KINDS[d.kind]})</span></h3><ul>"]
    out += [f"<li><b>{letter(i)}</b>: {escape(o)}</li>" for i, o in enumerate(d.outcomes)]
    out.append("</ul>")
    if d.causes:
        out.append("<p>Because of:</p><ul>")
        for cause in d.causes:
            values = " · ".join(f"<b>{letter(i)}</b> {escape(v) if v is not None else '<i>not answered</i>'}"
                                for i, v in enumerate(cause.values))
            paths = "".join(f"<li>{letter(i)}: <code>{escape(path_text(kb, chain, d.target))}</code></li>"
                            for i, chain in cause.paths)
            out.append(f"<li><code>{escape(cause.answer)}</code> ({escape(cause.label)}): {values}"
                       + (f"<ul class=\"paths\">{paths}</ul>" if paths else "") + "</li>")
        out.append("</ul>")
    if d.shortfalls:
        out.append("<ul>")
        for index, s in d.shortfalls:
            lacking = "; ".join(s.unmet) or "its conditions hold, but with too little certainty"
            out.append(f"<li><b>{letter(index)}</b> lacks, for rule <code>{escape(s.rule)}</code>: "
                       f"{escape(lacking)}</li>")
        out.append("</ul>")
    if not d.causes and not d.shortfalls:
        out.append("<p>No single differing answer explains it: the certainties of the same answers "
                   "combine differently.</p>")
    out.append(_derivations(kb, comparison, d))
    return "\n".join(out)


def to_html(kb: KnowledgeBase, comparison: FirmComparison) -> str:
    info = comparison.kb
    heads = [f"{letter(i)}: {escape(f.label)}" for i, f in enumerate(comparison.firms)]
    body = [f"<h1>Comparing {len(comparison.firms)} firms</h1>",
            f"<p class=\"meta\">Knowledge base {escape(info['name'])} {escape(info['version'])} "
            f"(hash {escape(info['hash'])})</p>",
            table(["", "firm", "file"], [[letter(i), escape(f.label), f"<code>{escape(f.source)}</code>"]
                                         for i, f in enumerate(comparison.firms)]),
            "<h2>Diagnosis</h2><p class=\"muted\">Highlighted rows differ.</p>"]
    rows = [[escape(r.label)] + [escape(f"{kb.value_label(r.fact, c.value)} ({c.cf:.2f})") if c.value
                                 else "<i>undetermined</i>" for c in r.cells] for r in comparison.diagnosis]
    body.append(table(["", *heads], rows, row_classes=["differs" if r.differs else "" for r in comparison.diagnosis]))
    horizon = comparison.has_horizon
    body.append("<h2>Plans</h2><p class=\"muted\">Priority (certainty) of each recommendation; — where it is "
                "not given.</p>")
    plan_rows = []
    for r in comparison.plan:
        cells = [escape(f"{c.priority} ({c.cf:.2f})" + (f" {c.horizon}" if horizon and c.horizon else "")) if c
                 else "—" for c in r.cells]
        plan_rows.append([escape(r.title), escape(r.upgrading_type),
                          escape(", ".join(a.replace("_", " ") for a in r.actors)), *cells])
    body.append(table(["recommendation", "type", "who acts", *heads], plan_rows,
                      row_classes=["differs" if r.differs else "" for r in comparison.plan]))
    body.append("<h2>What differs and why</h2>")
    if not comparison.differences:
        body.append("<p>The firms get the same diagnosis and the same advice.</p>")
    body += [_difference(kb, comparison, d) for d in comparison.differences]
    if comparison.other_answers:
        body.append("<h2>Answers that differ without changing the diagnosis or the advice</h2><ul>")
        for cause in comparison.other_answers:
            values = " · ".join(f"<b>{letter(i)}</b> {escape(v) if v is not None else '—'}"
                                for i, v in enumerate(cause.values))
            body.append(f"<li><code>{escape(cause.answer)}</code> ({escape(cause.label)}): {values}</li>")
        body.append("</ul>")
    return page(f"Comparing {len(comparison.firms)} firms", body)
