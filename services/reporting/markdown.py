"""The report as Markdown (CommonMark; GitHub renders it as intended).

Part 2 starts at ``## The strategies in detail`` and part 3 at ``## Appendix``,
so tools can cut page one off at the first of them.  Every text that did not
come from this module goes through :func:`.escape.md`.
"""

from __future__ import annotations

from gvc_advisor.services.reporting.escape import md
from gvc_advisor.services.reporting.labels import cf
from gvc_advisor.services.reporting.model import Cite, Derivation, DiagnosisLine, PlanLine, Report

DETAILS_HEADING = "## The strategies in detail"
APPENDIX_HEADING = "## Appendix"


def render_markdown(report: Report) -> str:
    parts = [page_one(report), details(report), appendix(report)]
    return "\n\n".join("\n".join(part).strip() for part in parts) + "\n"


def page_one_markdown(report: Report) -> str:
    return "\n".join(page_one(report)).rstrip() + "\n"


def cites(items: tuple[Cite, ...]) -> str:
    """``[1] §III, [2] §3.1``: a bracketed number never starts a link here (no line starts
    with it and the report defines no link references), so only the section is escaped."""
    return ", ".join(f"[{c.number}] §{md(c.section)}" for c in items)


def _diagnosis(line: DiagnosisLine) -> str:
    if line.value is None:
        return f"- **{md(line.label)}:** undetermined from the answers given"
    text = f"- **{md(line.label)}:** {md(line.value)} (certainty {cf(line.cf)}"
    text += ", stated by the consultant)" if line.stated else ")"
    if line.alternatives:
        others = ", ".join(f"{md(label)} ({cf(value)})" for label, value in line.alternatives)
        text += f"; **contested** by {others}" if line.contested else f"; also considered: {others}"
    return text


def _plan_item(line: PlanLine) -> list[str]:
    lead = "Continue and deepen: " if line.continue_existing else ""
    choice = f" (choose one: {md(line.choice_group)})" if line.choice_group else ""
    return [f"{line.priority}. **{lead}{md(line.title)}**{choice} (certainty {cf(line.cf)})\\",
            f"   Why: {md(line.reason)}\\",
            f"   When: {md(line.horizon_label)} · Who: {md(', '.join(line.actor_labels))}"]


def page_one(report: Report) -> list[str]:
    lines = [f"# {md(report.title)}", "",
             f"{report.date} · {md(report.kb_name)} {md(report.kb_version)}", "", "## Diagnosis", ""]
    lines += [_diagnosis(line) for line in report.dimensions]
    if report.other_facts:
        lines += ["", "Also established: " + "; ".join(
            f"{md(line.label)}: {md(line.value)} ({cf(line.cf)})" for line in report.other_facts) + "."]
    lines += ["", "## Priority plan", ""]
    if not report.plan:
        lines.append("No recommendation reached the certainty threshold "
                     f"({cf(report.threshold)}); answer more questions or check the answers.")
    for line in report.plan:
        lines += _plan_item(line)
    if report.later:
        lines += ["", "Later in the plan (see the strategies in detail): "
                  + "; ".join(f"{line.priority}. {md(line.title)}" for line in report.later) + "."]
    if report.warnings:
        lines += ["", "## Key warnings", ""]
        lines += [f"- **{md(w.title)}** (certainty {cf(w.cf)}): {md(w.message)}" for w in report.warnings]
    return lines


def _bullets(title: str, items: tuple[str, ...]) -> list[str]:
    return [f"*{title}:*", "", *(f"- {md(item)}" for item in items), ""] if items else []


def details(report: Report) -> list[str]:
    lines = [DETAILS_HEADING, ""]
    for s in report.strategies:
        lines += [f"### {s.priority}. {md(s.title)}", "",
                  f"*{s.upgrading_type.capitalize()} upgrading.* {md(s.summary)}", ""]
        lines += _bullets("Actions", s.actions) + _bullets("Preconditions", s.preconditions)
        lines += _bullets("Risks", s.risks) + _bullets("Examples", s.examples)
        lines += [f"Sources: {cites(s.cites)}", ""]
    if report.worth_considering:
        lines += ["### Worth considering", "",
                  "Supported by the answers, but with less certainty than the plan.", ""]
        lines += [f"- **{md(w.title)}** (certainty {cf(w.cf)}): {md(w.reason)}" for w in report.worth_considering]
        lines.append("")
    if report.set_aside:
        lines += ["### Alternatives not chosen", ""]
        for s in report.set_aside:
            instead = f" Chosen instead: {md(s.instead_of)}." if s.instead_of else ""
            lines.append(f"- **{md(s.title)}**: {md(s.why)}.{instead}")
        lines.append("")
    return lines


def _derivation(entry: Derivation) -> list[str]:
    lines = [f"- **{md(entry.ref)}{'' if entry.ref[0].isalpha() else '.'} {md(entry.label)}** ({cf(entry.cf)})"]
    for step in entry.steps:
        basis = f" ← {', '.join(md(p) for p in step.premises)}" if step.premises else ""
        lines.append(f"  - {md(step.title)} ({step.cf:+.2f}; {cites(step.cites)}){basis}")
    return lines


def appendix(report: Report) -> list[str]:
    lines = [APPENDIX_HEADING, "", "### Answers", ""]
    for group in report.answers:
        lines += [f"**{md(group.topic)}**", ""]
        for a in group.answers:
            note = " (stated: overrides inference)" if a.stated_fact else ""
            note += f" (unsure, certainty {cf(a.cf)})" if a.cf < 1 else ""
            lines.append(f"- {a.ref}. {md(a.text)} **{md(a.value)}**{note}")
        lines.append("")
    if report.dont_know:
        lines += ["**Don't know**", "", *(f"- {md(text)}" for text in report.dont_know), ""]
    lines += ["### How the advice was derived", "",
              "Each rule's contribution is in brackets with its sources; ← names its premises: "
              "An is an answer above, Fn a derived fact below.", ""]
    for title, entries in (("Derived facts", report.fact_derivations),
                           ("Recommendations", report.advice_derivations),
                           ("Warnings", report.warning_derivations)):
        if entries:
            lines += [f"**{title}**", ""]
            for entry in entries:
                lines += _derivation(entry)
            lines.append("")
    lines += ["### References", ""]
    lines += [f"{r.number}. {md(r.citation)}" for r in report.references]
    lines += ["", f"Produced with {md(report.kb_name)} {md(report.kb_version)} (content hash {report.kb_hash}); "
              f"a conclusion needs certainty {cf(report.threshold)} or more."]
    return lines
