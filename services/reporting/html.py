"""The report as one self-contained HTML page: inline CSS and SVG, no network.

The page prints on A4: page one on its own page, the strategies and the
appendix each from a new page, long lines wrapped.  Internal links join a
derivation's references (A3, F1, [2]) to what they name.  Every text that did
not come from this module goes through :func:`.escape.html_text`.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

from gvc_advisor.engine.i18n import _
from gvc_advisor.engine.i18n.languages import get_language
from gvc_advisor.services.html_page import language_css
from gvc_advisor.services.reporting.escape import html_text as e
from gvc_advisor.services.reporting.labels import cf, comma, semicolon
from gvc_advisor.services.reporting.markdown import reference_text
from gvc_advisor.services.reporting.model import Cite, Derivation, DiagnosisLine, Report, Step
from gvc_advisor.services.reporting.smile_svg import smile_svg


@cache
def stylesheet() -> str:
    return files("gvc_advisor.services.reporting").joinpath("report.css").read_text(encoding="utf-8")


def _cites(items: tuple[Cite, ...]) -> str:
    return comma().join(f'<a href="#ref-{c.number}">[{c.number}]</a> §{e(c.section)}' for c in items)


def _cf(value: float) -> str:
    return '<span class="cf">' + _("certainty {cf}", cf=cf(value)) + "</span>"


def _diagnosis(line: DiagnosisLine) -> str:
    if line.value is None:
        return f"<dt>{e(line.label)}</dt><dd>" + _("undetermined from the answers given") + "</dd>"
    text = f"{e(line.value)} {_cf(line.cf)}" + (" (" + _("stated by the consultant") + ")" if line.stated else "")
    if line.alternatives:
        others = comma().join(f"{e(label)} ({cf(value)})" for label, value in line.alternatives)
        text += (_('; <span class="contested">contested</span> by {others}', others=others) if line.contested
                 else '; <span class="note">' + _("also considered: {others}", others=others) + "</span>")
    return f"<dt>{e(line.label)}</dt><dd>{text}</dd>"


def page_one(report: Report) -> list[str]:
    out = ['<section class="page-one">', f"<h1>{e(report.title)}</h1>",
           f'<p class="meta">{e(report.date)} · {e(report.kb_name)} {e(report.kb_version)}</p>',
           "<h2>" + _("Diagnosis") + "</h2>", '<dl class="diagnosis">']
    out += [_diagnosis(line) for line in report.dimensions]
    out.append("</dl>")
    if report.other_facts:
        out.append('<p class="note">' + _("Also established: {facts}.", facts=semicolon().join(
            _("{label}: {value}", label=e(line.label), value=e(line.value)) + f" ({cf(line.cf)})"
            for line in report.other_facts)) + "</p>")
    out.append("<h2>" + _("Priority plan") + "</h2>")
    if not report.plan:
        out.append("<p>" + _("No recommendation reached the certainty threshold ({threshold}); answer more "
                             "questions or check the answers.", threshold=cf(report.threshold)) + "</p>")
    else:
        out.append('<ol class="plan">')
        for line in report.plan:
            lead = _("Continue and deepen: ") if line.continue_existing else ""
            choice = (' <span class="choice">(' + _("choose one: {group}", group=e(line.choice_group)) + ")</span>"
                      if line.choice_group else "")
            out.append(f'<li value="{line.priority}"><strong>{lead}{e(line.title)}</strong>{choice} {_cf(line.cf)}'
                       '<span class="why">' + _("Why: {reason}", reason=e(line.reason)) + "</span>"
                       '<span class="when">' + _("When: {when} · Who: {who}", when=e(line.horizon_label),
                                                 who=e(comma().join(line.actor_labels))) + "</span></li>")
        out.append("</ol>")
    if report.later:
        out.append('<p class="note">' + _("Later in the plan (see the strategies in detail): {items}.",
                                          items=semicolon().join(f"{line.priority}. {e(line.title)}"
                                                                 for line in report.later)) + "</p>")
    if report.warnings:
        out += ["<h2>" + _("Key warnings") + "</h2>", '<ul class="warnings">']
        out += [f"<li><strong>{e(w.title)}</strong> {_cf(w.cf)}" + _(": ") + f"{e(w.message)}</li>"
                for w in report.warnings]
        out.append("</ul>")
    out.append("</section>")
    return out


def _list(title: str, items: tuple[str, ...]) -> list[str]:
    if not items:
        return []
    return [f"<h4>{title}</h4>", "<ul>", *(f"<li>{e(item)}</li>" for item in items), "</ul>"]


def details(report: Report) -> list[str]:
    out = ['<section class="details">', "<h2>" + _("The strategies in detail") + "</h2>"]
    if report.plan:
        out += ['<figure class="smile-figure">', smile_svg(report.smile),
                "<figcaption>" + _("The smile curve: value added along the chain, the firm now (green) and where "
                                   "each plan item leads (numbered as in the plan).") + "</figcaption>", "</figure>"]
    for s in report.strategies:
        out += [f'<article class="strategy" id="strategy-{s.priority}">', f"<h3>{s.priority}. {e(s.title)}</h3>",
                "<p><em>" + _("{kind}.", kind=e(s.upgrading_type_label)) + f"</em> {e(s.summary)}</p>"]
        out += _list(_("Actions"), s.actions) + _list(_("Preconditions"), s.preconditions)
        out += _list(_("Risks"), s.risks) + _list(_("Examples"), s.examples)
        out += ['<p class="sources">' + _("Sources: {cites}", cites=_cites(s.cites)) + "</p>"]
        if s.disagreements:
            out += ["<h4>" + _("Where the papers disagree") + "</h4>", "<ul>",
                    *(f"<li>{e(d.text)} ({_cites(d.cites)})</li>" for d in s.disagreements), "</ul>"]
        out.append("</article>")
    if report.worth_considering:
        out += ["<h3>" + _("Worth considering") + "</h3>",
                "<p>" + _("Supported by the answers, but with less certainty than the plan.") + "</p>", "<ul>"]
        out += [f"<li><strong>{e(w.title)}</strong> {_cf(w.cf)}" + _(": ") + f"{e(w.reason)}</li>"
                for w in report.worth_considering]
        out.append("</ul>")
    if report.set_aside:
        out += ["<h3>" + _("Alternatives not chosen") + "</h3>", "<ul>"]
        for s in report.set_aside:
            instead = _(" Chosen instead: {title}.", title=e(s.instead_of)) if s.instead_of else ""
            out.append(f"<li><strong>{e(s.title)}</strong>" + _(": {why}.", why=e(s.why)) + f"{instead}</li>")
        out.append("</ul>")
    out.append("</section>")
    return out


def _premise(text: str) -> str:
    if text[:1] in "AF" and text[1:].isdigit():
        return f'<a href="#{text.lower()}">{text}</a>'
    return e(text)


def _step(step: Step) -> str:
    basis = f" ← {comma().join(_premise(p) for p in step.premises)}" if step.premises else ""
    return f'<li>{e(step.title)} <span class="cf">({step.cf:+.2f}; {_cites(step.cites)})</span>{basis}</li>'


def _derivation(entry: Derivation) -> list[str]:
    anchor = entry.ref.lower() if entry.ref[:1].isalpha() else f"r{entry.ref}"
    ref = entry.ref if entry.ref[:1].isalpha() else f"{entry.ref}."
    return [f'<li id="{anchor}"><span class="ref">{e(ref)}</span> <strong>{e(entry.label)}</strong> {_cf(entry.cf)}',
            "<ul>", *(_step(step) for step in entry.steps), "</ul></li>"]


def appendix(report: Report) -> list[str]:
    out = ['<section class="appendix">', "<h2>" + _("Appendix") + "</h2>", "<h3>" + _("Answers") + "</h3>"]
    for group in report.answers:
        out += [f"<h4>{e(group.topic)}</h4>", '<ol class="answers">']
        for a in group.answers:
            note = " (" + _("stated: overrides inference") + ")" if a.stated_fact else ""
            note += " (" + _("unsure, certainty {cf}", cf=cf(a.cf)) + ")" if a.cf < 1 else ""
            out.append(f'<li id="{a.ref.lower()}"><span class="ref">{a.ref}.</span> {e(a.text)} '
                       f"<strong>{e(a.value)}</strong>{note}</li>")
        out.append("</ol>")
    if report.dont_know:
        out += ["<h4>" + _("Don't know") + "</h4>", "<ul>", *(f"<li>{e(text)}</li>" for text in report.dont_know),
                "</ul>"]
    out += ["<h3>" + _("How the advice was derived") + "</h3>",
            "<p>" + _("Each rule's contribution is in brackets with its sources; ← names its premises: "
                      "A<i>n</i> is an answer above, F<i>n</i> a derived fact below.") + "</p>"]
    for title, entries in ((_("Derived facts"), report.fact_derivations),
                           (_("Recommendations"), report.advice_derivations),
                           (_("Warnings"), report.warning_derivations)):
        if entries:
            out += [f"<h4>{title}</h4>", '<ul class="derivation">']
            for entry in entries:
                out += _derivation(entry)
            out.append("</ul>")
    out += ["<h3>" + _("References") + "</h3>", '<ol class="references">']
    out += [f'<li id="ref-{r.number}" value="{r.number}">{reference_text(r.citation, r.title, e)}</li>'
            for r in report.references]
    out += ["</ol>", '<p class="note">' + _(
        "Produced with {kb} {version} (content hash {hash}); a conclusion needs certainty {threshold} or more.",
        kb=e(report.kb_name), version=e(report.kb_version), hash=e(report.kb_hash),
        threshold=cf(report.threshold)) + "</p>", "</section>"]
    return out


def render_html(report: Report) -> str:
    title = f"{report.title} · {report.date}"
    language = get_language(report.language)
    head = ["<!DOCTYPE html>", f'<html lang="{e(language.html_lang)}">', "<head>", '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            '<meta name="color-scheme" content="light dark">', f"<title>{e(title)}</title>",
            f"<style>\n{stylesheet()}{language_css(language)}</style>", "</head>", "<body>", "<main>"]
    body = page_one(report) + details(report) + appendix(report)
    return "\n".join([*head, *body, "</main>", "</body>", "</html>"]) + "\n"
