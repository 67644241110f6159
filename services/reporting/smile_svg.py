"""The smile curve as inline SVG: value added along the chain, where the firm
is now, and arrows to where each plan item leads.

Colours are CSS classes (see ``report.css``) so the drawing follows the
page's light or dark scheme and prints in black on white.  Coordinates are
rounded to one decimal, so the bytes are the same on every platform.
"""

from __future__ import annotations

from gvc_advisor.engine.i18n import _
from gvc_advisor.engine.kb.schema.catalog import SMILE_STAGES
from gvc_advisor.services.reporting.escape import html_text
from gvc_advisor.services.reporting.labels import comma, semicolon, stage
from gvc_advisor.services.reporting.model import SmilePosition

WIDTH, HEIGHT = 640, 300
LEFT, RIGHT, BASE, STEP_UP = 60, 40, 205, 32
#: Height of the curve at each stage (0 = the bottom of the smile).
LEVEL = {"rd": 4, "design": 3, "components": 1, "manufacturing": 0, "logistics": 1, "marketing": 3, "brand": 4}


def _point(stage: str) -> tuple[float, float]:
    step = (WIDTH - LEFT - RIGHT) / (len(SMILE_STAGES) - 1)
    return LEFT + SMILE_STAGES.index(stage) * step, BASE - LEVEL[stage] * STEP_UP


def _n(value: float) -> str:
    return f"{round(value, 1):g}"


def _curve() -> str:
    """A smooth path through the stage points (Catmull-Rom as cubic Béziers)."""
    pts = [_point(s) for s in SMILE_STAGES]
    path = [f"M{_n(pts[0][0])} {_n(pts[0][1])}"]
    for i in range(len(pts) - 1):
        p0, p1, p2 = pts[max(i - 1, 0)], pts[i], pts[i + 1]
        p3 = pts[min(i + 2, len(pts) - 1)]
        c1 = (p1[0] + (p2[0] - p0[0]) / 6, p1[1] + (p2[1] - p0[1]) / 6)
        c2 = (p2[0] - (p3[0] - p1[0]) / 6, p2[1] - (p3[1] - p1[1]) / 6)
        path.append(f"C{_n(c1[0])} {_n(c1[1])} {_n(c2[0])} {_n(c2[1])} {_n(p2[0])} {_n(p2[1])}")
    return f'<path class="smile-curve" d="{" ".join(path)}"/>'


def _arrow(start: tuple[float, float], end: tuple[float, float]) -> str:
    """A curved arrow above the curve; a loop when the move stays at the same stage."""
    (x1, y1), (x2, y2) = start, end
    if abs(x1 - x2) < 1:
        return (f'<path class="smile-arrow" d="M{_n(x1 - 8)} {_n(y1 - 10)} C{_n(x1 - 30)} {_n(y1 - 55)} '
                f'{_n(x1 + 30)} {_n(y1 - 55)} {_n(x1 + 8)} {_n(y1 - 12)}" marker-end="url(#smile-head)"/>')
    lift = 40 + abs(x2 - x1) / 6
    cx, cy = (x1 + x2) / 2, max(min(y1, y2) - lift, 0)
    shorten = 12 if x2 > x1 else -12
    return (f'<path class="smile-arrow" d="M{_n(x1)} {_n(y1 - 8)} Q{_n(cx)} {_n(cy)} {_n(x2 - shorten)} '
            f'{_n(y2 - 10)}" marker-end="url(#smile-head)"/>')


def _description(position: SmilePosition) -> str:
    here = stage(position.current)
    moves: dict[str, list[str]] = {}
    for priority, target in position.targets:
        moves.setdefault(target, []).append(str(priority))
    parts = [_("{stage} (plan {items})", stage=_("in place") if s == position.current else stage(s),
               items=comma().join(n)) for s, n in moves.items()]
    return _("The firm is at {stage}. ", stage=here) + (
        _("The plan leads to: {moves}.", moves=semicolon().join(parts)) if parts else _("No plan."))


def smile_svg(position: SmilePosition) -> str:
    here = _point(position.current)
    by_stage: dict[str, list[str]] = {}
    for priority, target in position.targets:
        by_stage.setdefault(target, []).append(str(priority))
    parts = [
        f'<svg class="smile" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-labelledby="smile-title smile-desc" '
        'xmlns="http://www.w3.org/2000/svg">',
        '<title id="smile-title">' + _("The smile curve: value added along the chain") + "</title>",
        f'<desc id="smile-desc">{html_text(_description(position))}</desc>',
        '<defs><marker id="smile-head" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="7" markerHeight="7" '
        'orient="auto-start-reverse"><path class="smile-head" d="M0 0L10 5L0 10z"/></marker></defs>',
        f'<line class="smile-axis" x1="{LEFT - 30}" y1="{BASE + 22}" x2="{WIDTH - 10}" y2="{BASE + 22}"/>',
        f'<line class="smile-axis" x1="{LEFT - 30}" y1="{BASE + 22}" x2="{LEFT - 30}" y2="20"/>',
        f'<text class="smile-axis-label" transform="translate({LEFT - 40} {BASE - 40}) rotate(-90)" '
        'text-anchor="middle">' + _("value added") + "</text>",
        _curve(),
    ]
    for name in SMILE_STAGES:
        x, y = _point(name)
        parts.append(f'<circle class="smile-stage" cx="{_n(x)}" cy="{_n(y)}" r="3"/>')
        parts.append(f'<text class="smile-label" x="{_n(x)}" y="{BASE + 48}" text-anchor="middle">'
                     f"{html_text(stage(name))}</text>")
    for target in by_stage:
        parts.append(_arrow(here, _point(target)))
    for target, numbers in by_stage.items():
        x, y = _point(target)
        if target != position.current:
            parts.append(f'<rect class="smile-target" x="{_n(x - 6)}" y="{_n(y - 6)}" width="12" height="12" '
                         f'transform="rotate(45 {_n(x)} {_n(y)})"/>')
        at = (x, y - 58, "middle") if target == position.current else (x + 11, y + 5, "start")
        parts.append(f'<text class="smile-number" x="{_n(at[0])}" y="{_n(at[1])}" text-anchor="{at[2]}">'
                     f"{', '.join(numbers)}</text>")
    parts.append(f'<circle class="smile-now" cx="{_n(here[0])}" cy="{_n(here[1])}" r="8"/>')
    legend = BASE + 80
    parts += [f'<circle class="smile-now" cx="{LEFT}" cy="{legend - 4}" r="6"/>',
              f'<text class="smile-legend" x="{LEFT + 12}" y="{legend}">' + _("the firm now") + "</text>",
              f'<rect class="smile-target" x="{LEFT + 150}" y="{legend - 9}" width="10" height="10" '
              f'transform="rotate(45 {LEFT + 155} {legend - 4})"/>',
              f'<text class="smile-legend" x="{LEFT + 166}" y="{legend}">'
              + _("where plan item n leads; a loop: upgrading in place") + "</text>"]
    parts.append("</svg>")
    return "\n".join(parts)
