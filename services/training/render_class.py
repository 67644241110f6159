"""The class summary (``gvc-advisor train --report DIR``) as Markdown, HTML and CSV.

Markdown and HTML say first what the class gets wrong most (dimensions
weakest first), then each trainee (mean score, weakest dimension), then each
exercise (mean per dimension and the most frequent mistaken prediction), and
last the files that were skipped.  CSV has one row per exercise done, for a
spreadsheet.  Names and titles come from result files anyone may have
written: they are escaped for each format, and CSV cells that a spreadsheet
would run as a formula are quoted.

Headings, sentences and column headers are in the current language (the HTML
page says so in ``<html lang>`` and names fonts that have its characters); the
CSV's column names are ids for programs and stay English, its cells ids and
numbers, whatever language the trainees used.
"""

from __future__ import annotations

import csv
import io
from html import escape

from gvc_advisor.engine.i18n import N_, _, current_language, ngettext
from gvc_advisor.engine.i18n.languages import ENGLISH, get_language
from gvc_advisor.services.html_page import CSS, table
from gvc_advisor.services.reporting.escape import clean, md
from gvc_advisor.services.training.lists import comma_list, semicolon_list
from gvc_advisor.services.training.prediction import DIMENSIONS, FACT_DIMENSIONS, STRATEGIES
from gvc_advisor.services.training.summary import ClassSummary, Group

TITLE = N_("Training: class summary")
#: The column headers of the tables, shown in the current language.
COLUMNS = {"dimension": N_("dimension"), "mean": N_("mean"), "right": N_("right"), "close": N_("close"),
           "wrong": N_("wrong"), "missed": N_("missed most in"), "trainee": N_("trainee"),
           "exercises": N_("exercises"), "weakest": N_("weakest"), "exercise": N_("exercise"), "done": N_("done")}
WRONG_MOST = N_("What the class gets wrong most")
WEAKEST_FIRST = N_("Dimensions weakest first (right = 1 point, close = ½).")
TRAINEES, EXERCISES, SKIPPED = N_("Trainees"), N_("Exercises"), N_("Skipped files")
MISTAKES = N_("Most frequent mistaken predictions")


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"


def _column(key: str) -> str:
    return _(COLUMNS[key])


def _intro(s: ClassSummary) -> str:
    """One sentence with three counts: each count is its own plural phrase, the sentence orders them."""
    done = ngettext("{n} exercise done", "{n} exercises done", len(s.results))
    by = ngettext("by {n} trainee", "by {n} trainees", len(s.trainees))
    on = ngettext("on {n} exercise", "on {n} exercises", len(s.exercises))
    return _("{done} {by} {on}; mean score {mean}.", done=done, by=by, on=on, mean=_pct(s.mean))


def _skipped_note(s: ClassSummary) -> str:
    parts = []
    if s.problems:
        parts.append(ngettext("{n} problem in files that were skipped (listed at the end)",
                              "{n} problems in files that were skipped (listed at the end)", len(s.problems)))
    if s.sessions_passed_over:
        parts.append(ngettext("{n} saved interview session passed over", "{n} saved interview sessions passed over",
                              s.sessions_passed_over))
    return semicolon_list(parts)


def _weakest(group: Group) -> str:
    weakest = group.weakest
    return _("{dimension} ({mean})", dimension=weakest[0].label, mean=_pct(weakest[0].mean)) if weakest else "—"


def _dimension_cells(group: Group) -> list[str]:
    return [_pct(d.mean) for d in group.dimensions]


def _mistake(exercise: str, dimension: str, count: int, of: int, predicted: str, system: str) -> str:
    return _("{exercise}, {dimension}: {count} of {of} said {predicted}; the system says {system}",
             exercise=exercise, dimension=dimension, count=count, of=of, predicted=predicted, system=system)


def to_markdown(s: ClassSummary) -> str:
    labels = [d.label for d in s.dimensions]
    col = _column
    lines = [f"# {_(TITLE)}", "", md(_intro(s))]
    if s.sources:
        lines += ["", _("From: {folders}", folders=comma_list(f"`{clean(src).replace('`', '')}`"
                                                              for src in s.sources))]
    if _skipped_note(s):
        lines += ["", f"**{md(_skipped_note(s))}**"]
    lines += ["", f"## {_(WRONG_MOST)}", "", _(WEAKEST_FIRST), "",
              f"| {col('dimension')} | {col('mean')} | {col('right')} | {col('close')} | {col('wrong')} | "
              f"{col('missed')} |", "|---|---:|---:|---:|---:|---|"]
    for d in s.weakest:
        lines.append(f"| {md(d.label)} | {_pct(d.mean)} | {d.right} | {d.close} | {d.wrong} | "
                     f"{md(comma_list(d.missed_in[:3])) or '—'} |")
    lines += ["", f"## {_(TRAINEES)}", "", f"| {col('trainee')} | {col('exercises')} | {col('mean')} | "
              + " | ".join(md(x) for x in labels) + f" | {col('weakest')} |",
              "|---|---:|---:|" + "---:|" * len(labels) + "---|"]
    for g in s.trainees:
        lines.append(f"| {md(g.name)} | {len(g.results)} | {_pct(g.mean)} | " + " | ".join(_dimension_cells(g))
                     + f" | {md(_weakest(g))} |")
    lines += ["", f"## {_(EXERCISES)}", "", f"| {col('exercise')} | {col('done')} | {col('mean')} | "
              + " | ".join(md(x) for x in labels) + " |", "|---|---:|---:|" + "---:|" * len(labels)]
    for g in s.exercises:
        lines.append(f"| {md(g.name)} (`{g.key}`) | {len(g.results)} | {_pct(g.mean)} | "
                     + " | ".join(_dimension_cells(g)) + " |")
    mistakes = [(g, m) for g in s.exercises for m in s.mistakes.get(g.key, ())]
    if mistakes:
        lines += ["", f"### {_(MISTAKES)}", ""]
        for g, m in mistakes:
            lines.append("- " + _mistake(md(g.name), md(_label(s, m.dimension)), m.count, m.of, md(m.predicted),
                                         md(m.system)))
    if s.problems:
        lines += ["", f"## {_(SKIPPED)}", ""] + [f"- {md(p.format())}" for p in s.problems]
    return "\n".join(lines) + "\n"


def _label(s: ClassSummary, dimension: str) -> str:
    return next((d.label for d in s.dimensions if d.dimension == dimension), dimension)


def _page(title: str, body: list[str]) -> str:
    """The self-contained page of :mod:`services.html_page`, in the current language: its ``lang``
    (screen readers, hyphenation, the browser's choice of CJK glyphs) and fonts that have its characters."""
    language = get_language(current_language())
    fonts = "" if language.font_family == ENGLISH.font_family else (
        f"body, svg text {{ font-family: {language.font_family}; }}\n")
    return (f"<!DOCTYPE html>\n<html lang=\"{escape(language.html_lang)}\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>{escape(title)}</title><style>{CSS}{fonts}</style></head><body>\n"
            + "\n".join(body) + "\n</body></html>\n")


def to_html(s: ClassSummary) -> str:
    labels = [escape(d.label) for d in s.dimensions]
    col = _column
    body = [f"<h1>{escape(_(TITLE))}</h1>", f"<p class=\"meta\">{escape(_intro(s))}</p>"]
    if s.sources:
        sources = _("From: {folders}", folders=comma_list(clean(src) for src in s.sources))
        body.append(f"<p class=\"meta\">{escape(sources)}</p>")
    if _skipped_note(s):
        body.append(f"<p><b>{escape(_skipped_note(s))}</b></p>")
    body += [f"<h2>{escape(_(WRONG_MOST))}</h2>",
             f"<p class=\"muted\">{escape(_(WEAKEST_FIRST))}</p>",
             table([escape(col(k)) for k in ("dimension", "mean", "right", "close", "wrong", "missed")],
                   [[escape(d.label), _pct(d.mean), str(d.right), str(d.close), str(d.wrong),
                     escape(comma_list(d.missed_in[:3])) or "—"] for d in s.weakest], numeric={1, 2, 3, 4})]
    body += [f"<h2>{escape(_(TRAINEES))}</h2>", table(
        [escape(col("trainee")), escape(col("exercises")), escape(col("mean")), *labels, escape(col("weakest"))],
        [[escape(g.name), str(len(g.results)), _pct(g.mean), *_dimension_cells(g), escape(_weakest(g))]
         for g in s.trainees], numeric=set(range(1, 3 + len(labels))))]
    body += [f"<h2>{escape(_(EXERCISES))}</h2>", table(
        [escape(col("exercise")), escape(col("done")), escape(col("mean")), *labels],
        [[f"{escape(g.name)} <code>{escape(g.key)}</code>", str(len(g.results)), _pct(g.mean), *_dimension_cells(g)]
         for g in s.exercises], numeric=set(range(1, 3 + len(labels))))]
    mistakes = [(g, m) for g in s.exercises for m in s.mistakes.get(g.key, ())]
    if mistakes:
        body.append(f"<h3>{escape(_(MISTAKES))}</h3><ul>" + "".join(
            "<li>" + _mistake(escape(g.name), escape(_label(s, m.dimension)), m.count, m.of,
                              f"<b>{escape(m.predicted)}</b>", f"<b>{escape(m.system)}</b>") + "</li>"
            for g, m in mistakes) + "</ul>")
    if s.problems:
        body.append(f"<h2>{escape(_(SKIPPED))}</h2><ul>" + "".join(f"<li><code>{escape(clean(p.format()))}</code></li>"
                                                                  for p in s.problems) + "</ul>")
    return _page(_(TITLE), body)


def _safe_cell(value: object) -> str:
    """A CSV cell a spreadsheet shows as text: formula-like starts are quoted with an apostrophe."""
    text = clean(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@") and not _is_number(text) else text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


CSV_COLUMNS = (["trainee", "completed", "exercise", "exercise_title", "origin", "passage", "kb_version", "score"]
               + [f"{d}_{part}" for d in FACT_DIMENSIONS for part in ("predicted", "system", "mark", "points")]
               + [f"{STRATEGIES}_{part}" for part in ("predicted", "system_first", "mark", "points")])


def to_csv(s: ClassSummary) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    titles = {g.key: g.name for g in s.exercises}  # in the report's language, whatever the trainee's
    for r in s.results:
        row: list[object] = [r.trainee, r.completed.isoformat(), r.exercise.id, titles.get(r.exercise.id,
                             r.exercise.title), r.exercise.origin,
                             r.exercise.passage or "", r.kb.get("version", ""), f"{r.score:.4f}"]
        for d in DIMENSIONS:
            predicted = r.prediction.get(d, "")
            system = r.system.get("first" if d == STRATEGIES else d, "")
            points = r.points.get(d)
            row += [";".join(predicted) if isinstance(predicted, list) else predicted,
                    ";".join(system) if isinstance(system, list) else system, r.marks.get(d, ""),
                    "" if points is None else f"{points:.4f}"]
        writer.writerow([_safe_cell(cell) for cell in row])
    return out.getvalue()


RENDERERS = {"markdown": to_markdown, "html": to_html, "csv": to_csv}
