"""Plain text for the terminal: the firm's profile, the reveal, and a course summary.

Used by ``gvc-advisor train`` outside the TUI (``--prediction``, ``--summary``,
``--profile``).  Everything from a case file or a result file goes through
:func:`~gvc_advisor.services.reporting.escape.clean`, so a hostile text cannot
move the cursor or recolour the terminal.  Lines are filled by display width
(:mod:`.text_wrap`): a Chinese character takes two cells.
"""

from __future__ import annotations

from gvc_advisor.engine.i18n import _, ngettext
from gvc_advisor.engine.kb.model import KnowledgeBase
from gvc_advisor.services.reporting.escape import clean
from gvc_advisor.services.training.explanation import (
    ANSWER_LINE,
    FACT_LINE,
    LACKS_LINE,
    REASON_LABELS,
    Reason,
    reference,
)
from gvc_advisor.services.training.lists import comma_list, semicolon_list
from gvc_advisor.services.training.profile import (
    DETAIL,
    GIVEN,
    GIVEN_LEAD,
    PARAGRAPH,
    FirmProfile,
    given_text,
    unsure,
)
from gvc_advisor.services.training.reveal import Miss, Reveal
from gvc_advisor.services.training.scoring import MARK_WORDS
from gvc_advisor.services.training.summary import Group
from gvc_advisor.services.training.text_wrap import wrap


def _wrap(text: str, width: int, indent: str = "", first: str | None = None) -> list[str]:
    return wrap(clean(text), width, first if first is not None else indent, indent) or [first or indent]


def mark_words(mark: str) -> str:
    return _(MARK_WORDS[mark])


def profile_lines(profile: FirmProfile, width: int = 80, details: bool = False) -> list[str]:
    lines = [clean(profile.firm), "", *_wrap(profile.situation, width), ""]
    for paragraph in profile.paragraphs:
        lines += [*_wrap(_(PARAGRAPH, title=paragraph.title, text=paragraph.text), width), ""]
    if profile.given:
        lines += [*_wrap(_(GIVEN, lead=_(GIVEN_LEAD), facts=given_text(profile.given)), width), ""]
    if details:
        lines += [_("Question by question:")]
        for detail in profile.details:
            answer = unsure(detail.answer) if detail.unsure else detail.answer
            lines += _wrap(_(DETAIL, question=detail.question, answer=answer), width, "    ", "  - ")
        lines.append("")
    return lines


def _reason_lines(label: str, reason: Reason, width: int) -> list[str]:
    head = _("{label} {rule}: {because}", label=_(REASON_LABELS[label]), rule=reason.rule, because=reason.because)
    lines = _wrap(head, width, "      ", "    ")
    for answer in reason.answers:
        lines += _wrap(_(ANSWER_LINE, answer=answer), width, "        ", "      - ")
    for fact in reason.facts:
        lines += _wrap(_(FACT_LINE, fact=fact), width, "        ", "      - ")
    for missing in reason.missing:
        lines += _wrap(_(LACKS_LINE, condition=missing), width, "        ", "      - ")
    return lines


def _miss_lines(miss: Miss, width: int) -> list[str]:
    lines = _wrap(miss.title, width, "  ", "* ") + _wrap(miss.summary, width, "  ", "  ")
    for reason in miss.system_reasons:
        lines += _reason_lines("because", reason, width)
    if miss.your_answer:
        lines += _wrap(miss.your_answer, width, "  ", "  ")
    for reason in miss.your_reasons:
        lines += _reason_lines("against" if reason.against else "rule", reason, width)
    if miss.open_questions:
        lines += _wrap(_("To tell, you would need to know: {questions}", questions=" / ".join(miss.open_questions)),
                       width, "  ", "  ")
    if miss.read:
        lines += _wrap(_("Read: {references}", references=semicolon_list(reference(r) for r in miss.read)),
                       width, "  ", "  ")
    return [*lines, ""]


def score_line(reveal: Reveal) -> str:
    """The total and the points per dimension."""
    score = reveal.score
    points = score.points()
    shown = [_("{dimension} not scored", dimension=label) if points[d] is None else
             _("{dimension} {points:.2g}", dimension=label, points=points[d])
             for d, label in [(m.dimension, m.label) for m in score.facts] + [("strategies", _("strategies"))]]
    return _("Score: {score:.0%} ({points})", score=score.total, points=comma_list(shown))


def reveal_lines(kb: KnowledgeBase, reveal: Reveal, width: int = 80) -> list[str]:
    score = reveal.score
    lines = [_("Exercise: {title}", title=clean(reveal.exercise.title)), "", _("Your prediction beside the system's:"),
             ""]
    for mark in score.facts:
        lines += _wrap(_("{dimension}: you {predicted}; system {system} — {mark} ({why})", dimension=mark.label,
                         predicted=mark.predicted_label, system=mark.system_label, mark=mark_words(mark.mark),
                         why=mark.why), width, "    ", "  ")
    lines += ["", "  " + (_("The system puts first:") if score.strategies.first else _("The system advises nothing."))]
    for item in score.strategies.first:
        lines += _wrap(f"{item.priority}. {item.title}", width, "       ", "    ")
    lines += ["  " + _("Your three strategies:")]
    for pick in score.strategies.picks:
        lines += _wrap(_("{title} — {mark} ({why})", title=pick.title, mark=mark_words(pick.mark), why=pick.why),
                       width, "      ", "    - ")
    lines.append("")
    lines += [*_wrap(score_line(reveal), width), ""]
    if reveal.misses:
        lines += [_("What you missed, and why:"), ""]
        for miss in reveal.misses:
            lines += _miss_lines(miss, width)
    lines += [_("Teaching note:"), *_wrap(reveal.teaching_note, width, "  ", "  "), ""]
    if reveal.passage is not None:
        lines += _wrap(_("Grounded in: {reference}", reference=reference(reveal.passage)), width)
    if reveal.disagreement:
        lines += _wrap(_("Where the papers disagree: {references}",
                         references=semicolon_list(reference(r) for r in reveal.disagreement)), width)
    if reveal.papers:
        lines += ["", _("Papers:")]
        for key, text in reveal.papers.items():
            lines += _wrap(f"{key}: {text}", width, "      ", "  ")
    return lines


def dimension_line(stats) -> str:
    """A dimension of a course: its mean, its marks and where it was missed."""
    if stats.missed_in:
        return _("{dimension}: {mean:.0%} ({right} right, {close} close, {wrong} wrong); missed in: {exercises}",
                 dimension=stats.label, mean=stats.mean, right=stats.right, close=stats.close, wrong=stats.wrong,
                 exercises=comma_list(stats.missed_in))
    return _("{dimension}: {mean:.0%} ({right} right, {close} close, {wrong} wrong)", dimension=stats.label,
             mean=stats.mean, right=stats.right, close=stats.close, wrong=stats.wrong)


def course_lines(group: Group, width: int = 80) -> list[str]:
    """One trainee's course: the dimensions weakest first, then every exercise done."""
    lines = [ngettext("Course summary for {name}: {n} exercise done, mean score {mean:.0%}",
                      "Course summary for {name}: {n} exercises done, mean score {mean:.0%}", len(group.results),
                      name=clean(group.name), mean=group.mean), ""]
    weakest = [s for s in group.weakest if s.mean < 1]
    perfect = [s.label for s in group.weakest if s.mean == 1]
    if weakest:
        lines.append(_("What you get wrong most (weakest first):"))
        for stats in weakest:
            lines += _wrap(dimension_line(stats), width, "      ", "  - ")
    if perfect:
        lines += _wrap(_("Always right: {dimensions}.", dimensions=comma_list(perfect)), width)
    lines += ["", _("Exercises:")]
    for result in group.results:
        lines += _wrap(_("{date}  {title}: {score:.0%}", date=f"{result.completed:%Y-%m-%d %H:%M}",
                         title=group.titles.get(result.exercise.id, result.exercise.title), score=result.score),
                       width, "      ", "  - ")
    return lines
