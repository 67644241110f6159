"""The class summary (``gvc-advisor train --report DIR``) as Markdown, HTML and CSV.

Markdown and HTML say first what the class gets wrong most (dimensions
weakest first), then each trainee (mean score, weakest dimension), then each
exercise (mean per dimension and the most frequent mistaken prediction), and
last the files that were skipped.  CSV has one row per exercise done, for a
spreadsheet.  Names and titles come from result files anyone may have
written: they are escaped for each format, and CSV cells that a spreadsheet
would run as a formula are quoted.
"""

from __future__ import annotations

import csv
import io
from html import escape

from gvc_advisor.services.html_page import page, table
from gvc_advisor.services.reporting.escape import clean, md
from gvc_advisor.services.training.prediction import DIMENSIONS, FACT_DIMENSIONS, STRATEGIES
from gvc_advisor.services.training.summary import ClassSummary, DimensionStats, Group

TITLE = "Training: class summary"


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"


def _counts(s: DimensionStats) -> str:
    return f"{s.right} right, {s.close} close, {s.wrong} wrong"


def _intro(s: ClassSummary) -> str:
    trainees, exercises = len(s.trainees), len(s.exercises)
    return (f"{len(s.results)} exercise{'s' if len(s.results) != 1 else ''} done by {trainees} "
            f"trainee{'s' if trainees != 1 else ''} on {exercises} exercise{'s' if exercises != 1 else ''}; "
            f"mean score {_pct(s.mean)}.")


def _skipped_note(s: ClassSummary) -> str:
    parts = []
    if s.problems:
        parts.append(f"{len(s.problems)} problem{'s' if len(s.problems) != 1 else ''} in files that were skipped "
                     "(listed at the end)")
    if s.sessions_passed_over:
        parts.append(f"{s.sessions_passed_over} saved interview session{'s' if s.sessions_passed_over != 1 else ''}"
                     " passed over")
    return "; ".join(parts)


def _weakest(group: Group) -> str:
    weakest = group.weakest
    return f"{weakest[0].label} ({_pct(weakest[0].mean)})" if weakest else "—"


def _dimension_cells(group: Group) -> list[str]:
    return [_pct(d.mean) for d in group.dimensions]


def to_markdown(s: ClassSummary) -> str:
    labels = [d.label for d in s.dimensions]
    lines = [f"# {TITLE}", "", md(_intro(s))]
    if s.sources:
        lines += ["", "From: " + ", ".join(f"`{clean(src).replace('`', '')}`" for src in s.sources)]
    if _skipped_note(s):
        lines += ["", f"**{md(_skipped_note(s))}**"]
    lines += ["", "## What the class gets wrong most", "", "Dimensions weakest first (right = 1 point, close = ½).", "",
              "| dimension | mean | right | close | wrong | missed most in |", "|---|---:|---:|---:|---:|---|"]
    for d in s.weakest:
        lines.append(f"| {md(d.label)} | {_pct(d.mean)} | {d.right} | {d.close} | {d.wrong} | "
                     f"{md(', '.join(d.missed_in[:3])) or '—'} |")
    lines += ["", "## Trainees", "", "| trainee | exercises | mean | " + " | ".join(md(x) for x in labels)
              + " | weakest |", "|---|---:|---:|" + "---:|" * len(labels) + "---|"]
    for g in s.trainees:
        lines.append(f"| {md(g.name)} | {len(g.results)} | {_pct(g.mean)} | " + " | ".join(_dimension_cells(g))
                     + f" | {md(_weakest(g))} |")
    lines += ["", "## Exercises", "", "| exercise | done | mean | " + " | ".join(md(x) for x in labels) + " |",
              "|---|---:|---:|" + "---:|" * len(labels)]
    for g in s.exercises:
        lines.append(f"| {md(g.name)} (`{g.key}`) | {len(g.results)} | {_pct(g.mean)} | "
                     + " | ".join(_dimension_cells(g)) + " |")
    mistakes = [(g, m) for g in s.exercises for m in s.mistakes.get(g.key, ())]
    if mistakes:
        lines += ["", "### Most frequent mistaken predictions", ""]
        for g, m in mistakes:
            lines.append(f"- {md(g.name)}, {md(_label(s, m.dimension))}: {m.count} of {m.of} said "
                         f"{md(m.predicted)}; the system says {md(m.system)}")
    if s.problems:
        lines += ["", "## Skipped files", ""] + [f"- {md(p.format())}" for p in s.problems]
    return "\n".join(lines) + "\n"


def _label(s: ClassSummary, dimension: str) -> str:
    return next((d.label for d in s.dimensions if d.dimension == dimension), dimension)


def to_html(s: ClassSummary) -> str:
    labels = [escape(d.label) for d in s.dimensions]
    body = [f"<h1>{escape(TITLE)}</h1>", f"<p class=\"meta\">{escape(_intro(s))}</p>"]
    if s.sources:
        body.append(f"<p class=\"meta\">From: {escape(', '.join(clean(src) for src in s.sources))}</p>")
    if _skipped_note(s):
        body.append(f"<p><b>{escape(_skipped_note(s))}</b></p>")
    body += ["<h2>What the class gets wrong most</h2>",
             "<p class=\"muted\">Dimensions weakest first (right = 1 point, close = ½).</p>",
             table(["dimension", "mean", "right", "close", "wrong", "missed most in"],
                   [[escape(d.label), _pct(d.mean), str(d.right), str(d.close), str(d.wrong),
                     escape(", ".join(d.missed_in[:3])) or "—"] for d in s.weakest], numeric={1, 2, 3, 4})]
    body += ["<h2>Trainees</h2>", table(
        ["trainee", "exercises", "mean", *labels, "weakest"],
        [[escape(g.name), str(len(g.results)), _pct(g.mean), *_dimension_cells(g), escape(_weakest(g))]
         for g in s.trainees], numeric=set(range(1, 3 + len(labels))))]
    body += ["<h2>Exercises</h2>", table(
        ["exercise", "done", "mean", *labels],
        [[f"{escape(g.name)} <code>{escape(g.key)}</code>", str(len(g.results)), _pct(g.mean), *_dimension_cells(g)]
         for g in s.exercises], numeric=set(range(1, 3 + len(labels))))]
    mistakes = [(g, m) for g in s.exercises for m in s.mistakes.get(g.key, ())]
    if mistakes:
        body.append("<h3>Most frequent mistaken predictions</h3><ul>" + "".join(
            f"<li>{escape(g.name)}, {escape(_label(s, m.dimension))}: {m.count} of {m.of} said "
            f"<b>{escape(m.predicted)}</b>; the system says <b>{escape(m.system)}</b></li>" for g, m in mistakes)
            + "</ul>")
    if s.problems:
        body.append("<h2>Skipped files</h2><ul>" + "".join(f"<li><code>{escape(clean(p.format()))}</code></li>"
                                                           for p in s.problems) + "</ul>")
    return page(TITLE, body)


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
    for r in s.results:
        row: list[object] = [r.trainee, r.completed.isoformat(), r.exercise.id, r.exercise.title, r.exercise.origin,
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
