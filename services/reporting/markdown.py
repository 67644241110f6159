"""The report as Markdown (CommonMark; GitHub renders it as intended).

Part 2 starts at the heading "The strategies in detail" and part 3 at
"Appendix", each announced by an HTML comment that is the same in every
language (:data:`DETAILS_ANCHOR`, :data:`APPENDIX_ANCHOR`; invisible when
rendered), so tools can cut page one off at the first of them whatever the
report's language.  Every text that did not come from this module goes
through :func:`.escape.md`; every text of this module goes through ``_()``.
"""

from __future__ import annotations

from gvc_advisor.engine.i18n import _
from gvc_advisor.services.reporting import labels
from gvc_advisor.services.reporting.escape import md
from gvc_advisor.services.reporting.labels import cf, comma, semicolon
from gvc_advisor.services.reporting.model import Cite, Derivation, DiagnosisLine, PlanLine, Report

#: Machine anchors before part 2 and part 3 (never translated).
DETAILS_ANCHOR = "<!-- gvc:details -->"
APPENDIX_ANCHOR = "<!-- gvc:appendix -->"


def details_heading() -> str:
    return "## " + _("The strategies in detail")


def appendix_heading() -> str:
    return "## " + _("Appendix")


def render_markdown(report: Report) -> str:
    parts = [page_one(report), details(report), appendix(report)]
    return "\n\n".join("\n".join(part).strip() for part in parts) + "\n"


def page_one_markdown(report: Report) -> str:
    return "\n".join(page_one(report)).rstrip() + "\n"


def cites(items: tuple[Cite, ...]) -> str:
    """``[1] §III, [2] §3.1``: a bracketed number never starts a link here (no line starts
    with it and the report defines no link references), so only the section is escaped."""
    return comma().join(f"[{c.number}] §{md(c.section)}" for c in items)


def _diagnosis(line: DiagnosisLine) -> str:
    if line.value is None:
        return "- **" + _("{label}:", label=md(line.label)) + "** " + _("undetermined from the answers given")
    text = "- **" + _("{label}:", label=md(line.label)) + f"** {md(line.value)} ("
    text += _("certainty {cf}", cf=cf(line.cf))
    text += (_(", stated by the consultant") + ")") if line.stated else ")"
    if line.alternatives:
        others = comma().join(f"{md(label)} ({cf(value)})" for label, value in line.alternatives)
        text += (_("; **contested** by {others}", others=others) if line.contested
                 else _("; also considered: {others}", others=others))
    return text


def _plan_item(line: PlanLine) -> list[str]:
    lead = _("Continue and deepen: ") if line.continue_existing else ""
    choice = (" (" + _("choose one: {group}", group=md(line.choice_group)) + ")") if line.choice_group else ""
    return [f"{line.priority}. **{lead}{md(line.title)}**{choice} (" + _("certainty {cf}", cf=cf(line.cf)) + ")\\",
            "   " + _("Why: {reason}", reason=md(line.reason)) + "\\",
            "   " + _("When: {when} · Who: {who}", when=md(line.horizon_label),
                      who=md(comma().join(line.actor_labels)))]


def page_one(report: Report) -> list[str]:
    lines = [f"# {md(report.title)}", "",
             f"{report.date} · {md(report.kb_name)} {md(report.kb_version)}", "", "## " + _("Diagnosis"), ""]
    lines += [_diagnosis(line) for line in report.dimensions]
    if report.other_facts:
        lines += ["", _("Also established: {facts}.", facts=semicolon().join(
            _("{label}: {value}", label=md(line.label), value=md(line.value)) + f" ({cf(line.cf)})"
            for line in report.other_facts))]
    lines += ["", "## " + _("Priority plan"), ""]
    if not report.plan:
        lines.append(_("No recommendation reached the certainty threshold ({threshold}); answer more questions "
                       "or check the answers.", threshold=cf(report.threshold)))
    for line in report.plan:
        lines += _plan_item(line)
    if report.later:
        lines += ["", _("Later in the plan (see the strategies in detail): {items}.", items=semicolon().join(
            f"{line.priority}. {md(line.title)}" for line in report.later))]
    if report.warnings:
        lines += ["", "## " + _("Key warnings"), ""]
        lines += [f"- **{md(w.title)}** (" + _("certainty {cf}", cf=cf(w.cf)) + ")" + _(": ") + md(w.message)
                  for w in report.warnings]
    return lines


def _bullets(title: str, items: tuple[str, ...]) -> list[str]:
    return ["*" + _("{label}:", label=title) + "*", "", *(f"- {md(item)}" for item in items), ""] if items else []


def details(report: Report) -> list[str]:
    lines = [DETAILS_ANCHOR, details_heading(), ""]
    for s in report.strategies:
        lines += [f"### {s.priority}. {md(s.title)}", "",
                  "*" + _("{kind}.", kind=labels.upgrading_type(s.upgrading_type)) + f"* {md(s.summary)}", ""]
        lines += _bullets(_("Actions"), s.actions) + _bullets(_("Preconditions"), s.preconditions)
        lines += _bullets(_("Risks"), s.risks) + _bullets(_("Examples"), s.examples)
        lines += [_("Sources: {cites}", cites=cites(s.cites)), ""]
        if s.disagreements:
            lines += ["*" + _("{label}:", label=_("Where the papers disagree")) + "*", "",
                      *(f"- {md(d.text)} ({cites(d.cites)})" for d in s.disagreements), ""]
    if report.worth_considering:
        lines += ["### " + _("Worth considering"), "",
                  _("Supported by the answers, but with less certainty than the plan."), ""]
        lines += [f"- **{md(w.title)}** (" + _("certainty {cf}", cf=cf(w.cf)) + ")" + _(": ") + md(w.reason)
                  for w in report.worth_considering]
        lines.append("")
    if report.set_aside:
        lines += ["### " + _("Alternatives not chosen"), ""]
        for s in report.set_aside:
            instead = _(" Chosen instead: {title}.", title=md(s.instead_of)) if s.instead_of else ""
            lines.append(f"- **{md(s.title)}**" + _(": {why}.", why=md(s.why)) + instead)
        lines.append("")
    return lines


def _derivation(entry: Derivation) -> list[str]:
    lines = [f"- **{md(entry.ref)}{'' if entry.ref[0].isalpha() else '.'} {md(entry.label)}** ({cf(entry.cf)})"]
    for step in entry.steps:
        basis = f" ← {comma().join(md(p) for p in step.premises)}" if step.premises else ""
        lines.append(f"  - {md(step.title)} ({step.cf:+.2f}; {cites(step.cites)}){basis}")
    return lines


def reference_text(citation: str, title: str | None, escape=md) -> str:
    """A source as listed: its own citation, then its title in the report's language if it has one."""
    text = escape(citation)
    return text + " " + _("Title in this language: {title}", title=escape(title)) if title else text


def appendix(report: Report) -> list[str]:
    lines = [APPENDIX_ANCHOR, appendix_heading(), "", "### " + _("Answers"), ""]
    for group in report.answers:
        lines += [f"**{md(group.topic)}**", ""]
        for a in group.answers:
            note = " (" + _("stated: overrides inference") + ")" if a.stated_fact else ""
            note += " (" + _("unsure, certainty {cf}", cf=cf(a.cf)) + ")" if a.cf < 1 else ""
            lines.append(f"- {a.ref}. {md(a.text)} **{md(a.value)}**{note}")
        lines.append("")
    if report.dont_know:
        lines += ["**" + _("Don't know") + "**", "", *(f"- {md(text)}" for text in report.dont_know), ""]
    lines += ["### " + _("How the advice was derived"), "",
              _("Each rule's contribution is in brackets with its sources; ← names its premises: "
                "An is an answer above, Fn a derived fact below."), ""]
    for title, entries in ((_("Derived facts"), report.fact_derivations),
                           (_("Recommendations"), report.advice_derivations),
                           (_("Warnings"), report.warning_derivations)):
        if entries:
            lines += [f"**{title}**", ""]
            for entry in entries:
                lines += _derivation(entry)
            lines.append("")
    lines += ["### " + _("References"), ""]
    lines += [f"{r.number}. {reference_text(r.citation, r.title)}" for r in report.references]
    lines += ["", _("Produced with {kb} {version} (content hash {hash}); a conclusion needs certainty "
                    "{threshold} or more.", kb=md(report.kb_name), version=md(report.kb_version),
                    hash=report.kb_hash, threshold=cf(report.threshold))]
    return lines
