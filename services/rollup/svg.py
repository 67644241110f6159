"""Inline SVG charts for the HTML report: the grid as a heat map, horizontal bar
charts (recommendations, collective measures with their thresholds) and
stacked bars (the shares).  Plain strings, coordinates rounded to one decimal,
so the same summary gives the same bytes."""

from __future__ import annotations

from html import escape

from rich.cells import cell_len, set_cell_size

from gvc_advisor.engine.i18n import _
from gvc_advisor.engine.i18n.languages import SOURCE_LANGUAGE
from gvc_advisor.services.rollup.summary import MeasureResult, RollupSummary, Share, short_axis

#: Bar labels longer than this many cells (a CJK character is two) are cut with "…".
LABEL_CELLS = 56

LOW, HIGH = (240, 244, 250), (31, 78, 156)  # heat-map colours: empty → fullest cell
BAR, OK, MUTED, THRESHOLD = "#4f7cc4", "#2e7d32", "#9aa5b1", "#c62828"


def _f(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _svg(width: float, height: float, body: list[str], title: str) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {_f(width)} {_f(height)}" '
            f'width="{_f(width)}" height="{_f(height)}"><title>{escape(title)}</title>' + "".join(body) + "</svg>")


def _text(x: float, y: float, text: str, anchor: str = "start", extra: str = "") -> str:
    return f'<text x="{_f(x)}" y="{_f(y)}" text-anchor="{anchor}"{extra}>{escape(text)}</text>'


def _shade(level: float) -> str:
    r, g, b = (round(lo + (hi - lo) * level) for lo, hi in zip(LOW, HIGH, strict=True))
    return f"#{r:02x}{g:02x}{b:02x}"


def heat_map(s: RollupSummary) -> str:
    governance, drivers, statuses = s.axes["governance"], s.axes["driver"], s.axes["firm_status"]
    left, top, cw, ch = 96.0, 52.0, 64.0, 34.0
    width, height = left + cw * len(drivers) * len(statuses) + 8, top + ch * len(governance) + 26
    most = max((c.firms for c in s.grid), default=0)
    body = []
    for d, driver in enumerate(drivers):
        x = left + d * cw * len(statuses)
        body.append(_text(x + cw * len(statuses) / 2, 16, _driven(s, driver), "middle", ' font-weight="600"'))
        for n, status in enumerate(statuses):
            body.append(_text(x + cw * n + cw / 2, 40, _axis(s, "firm_status", status), "middle"))
        body.append(f'<line x1="{_f(x)}" y1="22" x2="{_f(x)}" y2="{_f(top + ch * len(governance))}" '
                    'stroke="#888" stroke-width="1"/>')
    for g, gov in enumerate(governance):
        y = top + g * ch
        body.append(_text(left - 8, y + ch / 2 + 4, _axis(s, "governance", gov), "end"))
        for d, driver in enumerate(drivers):
            for n, status in enumerate(statuses):
                count = s.cell(gov, driver, status)
                level = count / most if most else 0.0
                x = left + (d * len(statuses) + n) * cw
                body.append(f'<rect x="{_f(x + 1)}" y="{_f(y + 1)}" width="{_f(cw - 2)}" height="{_f(ch - 2)}" '
                            f'fill="{_shade(level)}"><title>{escape(f"{gov} / {driver} / {status}: {count}")}'
                            "</title></rect>")
                colour = ' style="fill:#fff"' if level > 0.55 else ' style="fill:#1d2329"'
                body.append(_text(x + cw / 2, y + ch / 2 + 4, f"{count:,}" if count else "·", "middle", colour))
    body.append(_text(left, height - 6, _("undetermined (outside the grid): {count} firms",
                                          count=f"{s.undetermined:,}")))
    return _svg(width, height, body, _("Firms in the governance × driver × firm status grid"))


def _axis(s: RollupSummary, dimension: str, value: str) -> str:
    return short_axis(s, dimension, value)


def _driven(s: RollupSummary, driver: str) -> str:
    """The driver's column heading: ``buyer-driven`` in English, the driver's label otherwise."""
    return f"{driver}-driven" if s.language == SOURCE_LANGUAGE else _axis(s, "driver", driver)


def clip(label: str, cells: int = LABEL_CELLS) -> str:
    """``label`` cut to ``cells`` terminal-style cells with "…" (CJK-safe: never by ``len``)."""
    if cell_len(label) <= cells:
        return label
    return set_cell_size(label, cells - 1).rstrip() + "…"


def bars(rows: list[tuple[str, int, str]], total: int, title: str,
         markers: list[float | None] | None = None) -> str:
    """Horizontal bars: (label, count, colour) each; an optional marker (a share) per bar."""
    label_w, bar_w, row_h = 390.0, 300.0, 22.0
    width, height = label_w + bar_w + 110, row_h * len(rows) + 12
    body = []
    for i, (label, count, colour) in enumerate(rows):
        y = 6 + i * row_h
        shown = clip(label)
        length = bar_w * count / total if total else 0.0
        body.append(f'<text x="{_f(label_w - 8)}" y="{_f(y + 15)}" text-anchor="end"><title>{escape(label)}'
                    f"</title>{escape(shown)}</text>")
        body.append(f'<rect x="{_f(label_w)}" y="{_f(y + 3)}" width="{_f(length)}" height="{_f(row_h - 6)}" '
                    f'fill="{colour}"/>')
        share = 100 * count / total if total else 0.0
        body.append(_text(label_w + length + 6, y + 15, f"{count:,} ({share:.1f} %)"))
        marker = markers[i] if markers else None
        if marker is not None:
            x = label_w + bar_w * min(marker, 1.0)
            body.append(f'<line x1="{_f(x)}" y1="{_f(y + 1)}" x2="{_f(x)}" y2="{_f(y + row_h - 1)}" '
                        f'stroke="{THRESHOLD}" stroke-width="2"><title>{escape(_("threshold"))}</title></line>')
    return _svg(width, height, body, title)


def recommendation_bars(s: RollupSummary) -> str:
    rows = [(r.title, r.firms, BAR) for r in s.recommendations]
    return bars(rows, s.firms, _("Firms per recommendation"))


def _threshold_share(m: MeasureResult) -> float:
    return max(m.min_share, m.min_firms / m.total if m.total else 1.0)


def measure_bars(s: RollupSummary) -> str:
    rows = [(m.title, m.firms, OK if m.proposed else MUTED) for m in s.measures]
    return bars(rows, s.firms, _("Firms in need of each collective measure (red line: threshold)"),
                [_threshold_share(m) for m in s.measures])


def share_bar(sh: Share, s: RollupSummary | None = None) -> str:
    """One stacked bar: the firms by value of the fact, then the undetermined ones."""
    width, height, left = 640.0, 46.0, 0.0
    palette = ["#c62828", "#ef8f00", "#4f7cc4", "#2e7d32", "#7b1fa2"]
    parts = [(v, n) for v, n in sh.by_value.items()] + [(None, sh.undetermined)]

    def shown(value: str | None) -> str:
        if value is None:
            return _("undetermined")
        return _axis(s, sh.fact, value) if s is not None else value

    body, x = [], left
    for i, (value, count) in enumerate(parts):
        colour = MUTED if value is None else (palette[0] if value == sh.value else palette[1 + i % 4])
        w = width * count / sh.total if sh.total else 0.0
        body.append(f'<rect x="{_f(x)}" y="0" width="{_f(w)}" height="24" fill="{colour}">'
                    f"<title>{escape(f'{shown(value)}: {count:,}')}</title></rect>")
        if w > 60:
            body.append(_text(x + 4, 16, f"{shown(value)} {count:,}", extra=' style="fill:#fff"'))
        x += w
    body.append(_text(0, 40, _("{label}: {value}", label=sh.label, value=shown(sh.value)) + " "
                      + _("{firms} of {total} firms", firms=f"{sh.firms:,}", total=f"{sh.total:,}")))
    return _svg(width, height, body, _("{label}: firms by value", label=sh.label))
