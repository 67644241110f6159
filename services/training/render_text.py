"""Plain text for the terminal: the firm's profile, the reveal, and a course summary.

Used by ``gvc-advisor train`` outside the TUI (``--prediction``, ``--summary``,
``--profile``).  Everything from a case file or a result file goes through
:func:`~gvc_advisor.services.reporting.escape.clean`, so a hostile text cannot
move the cursor or recolour the terminal.
"""

from __future__ import annotations

import textwrap

from gvc_advisor.engine.kb.model import KnowledgeBase
from gvc_advisor.services.reporting.escape import clean
from gvc_advisor.services.training.explanation import Reason, reference
from gvc_advisor.services.training.profile import FirmProfile
from gvc_advisor.services.training.reveal import Miss, Reveal
from gvc_advisor.services.training.summary import Group

MARK_SIGNS = {"right": "✓ right", "close": "~ close", "wrong": "✗ wrong", "given": "· given"}


def _wrap(text: str, width: int, indent: str = "", first: str | None = None) -> list[str]:
    return textwrap.wrap(clean(text), width=width, initial_indent=first if first is not None else indent,
                         subsequent_indent=indent, break_on_hyphens=False) or [first or indent]


def profile_lines(profile: FirmProfile, width: int = 80, details: bool = False) -> list[str]:
    lines = [clean(profile.firm), "", *_wrap(profile.situation, width), ""]
    for paragraph in profile.paragraphs:
        lines += [*_wrap(f"{paragraph.title}. {paragraph.text}", width), ""]
    if profile.given:
        lines += [*_wrap("Already established by the consultant: " + "; ".join(profile.given) + ".", width), ""]
    if details:
        lines += ["Question by question:"]
        for detail in profile.details:
            unsure = " (not sure)" if detail.unsure else ""
            lines += _wrap(f"{detail.question} — {detail.answer}{unsure}", width, "    ", "  - ")
        lines.append("")
    return lines


def _reason_lines(label: str, reason: Reason, width: int) -> list[str]:
    lines = _wrap(f"{label} {reason.rule}: {reason.because}", width, "      ", "    ")
    for answer in reason.answers:
        lines += _wrap(f"answer: {answer}", width, "        ", "      - ")
    for fact in reason.facts:
        lines += _wrap(f"diagnosed: {fact}", width, "        ", "      - ")
    for missing in reason.missing:
        lines += _wrap(f"lacks: {missing}", width, "        ", "      - ")
    return lines


def _miss_lines(miss: Miss, width: int) -> list[str]:
    lines = _wrap(miss.title, width, "  ", "* ") + _wrap(miss.summary, width, "  ", "  ")
    for reason in miss.system_reasons:
        lines += _reason_lines("because", reason, width)
    if miss.your_answer:
        lines += _wrap(miss.your_answer, width, "  ", "  ")
    for reason in miss.your_reasons:
        lines += _reason_lines("against it:" if reason.against else "rule", reason, width)
    if miss.open_questions:
        lines += _wrap("To tell, you would need to know: " + " / ".join(miss.open_questions), width, "  ", "  ")
    if miss.read:
        lines += _wrap("Read: " + "; ".join(reference(r) for r in miss.read), width, "  ", "  ")
    return [*lines, ""]


def reveal_lines(kb: KnowledgeBase, reveal: Reveal, width: int = 80) -> list[str]:
    score = reveal.score
    lines = [f"Exercise: {clean(reveal.exercise.title)}", "", "Your prediction beside the system's:", ""]
    for mark in score.facts:
        lines += _wrap(f"{mark.label}: you {mark.predicted_label}; system {mark.system_label} — "
                       f"{MARK_SIGNS[mark.mark]} ({mark.why})", width, "    ", "  ")
    lines += ["", f"  {(score.strategies.first and 'The system puts first:') or 'The system advises nothing.'}"]
    for item in score.strategies.first:
        lines += _wrap(f"{item.priority}. {item.title}", width, "       ", "    ")
    lines += ["  Your three strategies:"]
    for pick in score.strategies.picks:
        lines += _wrap(f"{pick.title} — {MARK_SIGNS[pick.mark]} ({pick.why})", width, "      ", "    - ")
    lines.append("")
    points = score.points()
    shown = ", ".join(f"{label} {'not scored' if points[d] is None else f'{points[d]:.2g}'}"
                      for d, label in [(m.dimension, m.label) for m in score.facts]
                      + [("strategies", "strategies")])
    lines += [*_wrap(f"Score: {score.total:.0%} ({shown})", width), ""]
    if reveal.misses:
        lines += ["What you missed, and why:", ""]
        for miss in reveal.misses:
            lines += _miss_lines(miss, width)
    lines += ["Teaching note:", *_wrap(reveal.teaching_note, width, "  ", "  "), ""]
    if reveal.passage is not None:
        lines += _wrap(f"Grounded in: {reference(reveal.passage)}", width)
    if reveal.disagreement:
        lines += _wrap("Where the papers disagree: " + "; ".join(reference(r) for r in reveal.disagreement), width)
    if reveal.papers:
        lines += ["", "Papers:"]
        for key, text in reveal.papers.items():
            lines += _wrap(f"{key}: {text}", width, "      ", "  ")
    return lines


def course_lines(group: Group, width: int = 80) -> list[str]:
    """One trainee's course: the dimensions weakest first, then every exercise done."""
    lines = [f"Course summary for {clean(group.name)}: {len(group.results)} exercise"
             f"{'s' if len(group.results) != 1 else ''} done, mean score {group.mean:.0%}", ""]
    weakest = [s for s in group.weakest if s.mean < 1]
    perfect = [s.label for s in group.weakest if s.mean == 1]
    if weakest:
        lines.append("What you get wrong most (weakest first):")
        for stats in weakest:
            where = f"; missed in: {', '.join(stats.missed_in)}" if stats.missed_in else ""
            lines += _wrap(f"{stats.label}: {stats.mean:.0%} ({stats.right} right, {stats.close} close, "
                           f"{stats.wrong} wrong){where}", width, "      ", "  - ")
    if perfect:
        lines += _wrap("Always right: " + ", ".join(perfect) + ".", width)
    lines += ["", "Exercises:"]
    for result in group.results:
        lines += _wrap(f"{result.completed:%Y-%m-%d %H:%M}  {result.exercise.title}: {result.score:.0%}",
                       width, "      ", "  - ")
    return lines
