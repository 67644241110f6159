"""The smile curve: value added along the chain, drawn as a real curve.

The curve is plotted in braille dots (2×4 per cell, so it is smooth at any
width), high at R&D and brand, lowest at manufacturing.  The firm sits at
●; each step of the plan has its number where it leads, the stretch of curve
from the firm to it is highlighted, and an arrowhead (↖ ↗) shows the way.
Stage names are written in full, on two staggered rows so that they never
overlap.  Below :data:`MIN_WIDTH` columns the widget says how much room it
needs instead of drawing something unreadable.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual.content import Content
from textual.widget import Widget

from gvc_advisor.engine.i18n import N_, _, ngettext
from gvc_advisor.engine.kb.schema.catalog import SMILE_STAGES
from gvc_advisor.engine.result import Consultation
from gvc_advisor.tui.plan import PlanItem
from gvc_advisor.tui.text import clean, upgrading_label

LABELS = {"rd": N_("R&D"), "design": N_("design"), "components": N_("components"),
          "manufacturing": N_("manufacturing"), "logistics": N_("logistics"), "marketing": N_("marketing"),
          "brand": N_("brand")}
MODE_STAGE = {"assembly": "manufacturing", "oem": "manufacturing", "odm": "design", "obm": "brand"}
#: Two staggered label rows need this many plot columns (longest label 13, every other stage per row).
MIN_WIDTH = 48
ROWS = 6
#: The plan's first steps drawn on the curve (the legend names the others).
SHOWN_STEPS = 5
CURVE, PATH, HERE, TARGET = "$text-muted", "bold $text-accent", "bold $text-success", "bold reverse $text-accent"


def current_stage(consultation: Consultation) -> str:
    mode = consultation.answers.get("production_mode")
    return MODE_STAGE.get(str(mode.value), "manufacturing") if mode else "manufacturing"


class _Grid:
    def __init__(self, width: int, height: int) -> None:
        self.chars = [[" "] * width for _row in range(height)]
        self.styles = [[""] * width for _row in range(height)]
        self.width, self.height = width, height

    def put(self, x: int, y: int, text: str, style: str = "") -> None:
        """Write ``text`` from cell ``x``; a wide (Chinese) character fills two cells, the
        second left empty, and is dropped whole where it would not fit."""
        if not 0 <= y < self.height:
            return
        row = self.chars[y]
        for char in text:
            wide = cell_len(char)
            if x >= 0 and x + wide <= self.width:
                if row[x] == "" and x:  # over the right half of a wide character: it goes
                    row[x - 1] = " "
                if x + wide < self.width and row[x + wide] == "":  # over the left half of one
                    row[x + wide] = " "
                row[x] = char
                self.styles[y][x] = style
                for extra in range(1, wide):
                    self.chars[y][x + extra] = ""
                    self.styles[y][x + extra] = style
            x += wide

    def lines(self) -> list[Content]:
        out = []
        for chars, styles in zip(self.chars, self.styles, strict=True):
            parts: list[tuple[str, str]] = []
            for char, style in zip(chars, styles, strict=True):
                if parts and parts[-1][1] == style:
                    parts[-1] = (parts[-1][0] + char, style)
                else:
                    parts.append((char, style))
            out.append(Content.assemble(*parts).rstrip())
        return out


_DOT = ((0x01, 0x08), (0x02, 0x10), (0x04, 0x20), (0x40, 0x80))  # [row][column] of a braille cell


def _curve_pixels(columns: int) -> list[int]:
    """The pixel row (0 = top) of the curve at each pixel column."""
    pixels, rows = columns * 2, ROWS * 4
    return [round((1 - ((px / (pixels - 1)) * 2 - 1) ** 2) * (rows - 1)) for px in range(pixels)]


def smile_lines(width: int, here: str, plan: list[PlanItem]) -> list[Content]:
    """The curve with axis, stage labels, the firm and the plan's destinations."""
    if width < MIN_WIDTH:
        return [Content.styled(_("The smile curve needs {needed} columns; the window gives it {width}. "
                                 "Widen the window, or press F9 (presentation mode) to use the whole screen.",
                                 needed=MIN_WIDTH, width=width), "$text-warning")]
    plot = width - 3  # "│ " axis on the left, one column spare on the right
    ys = _curve_pixels(plot)
    stage_x = {s: round(i * (plot - 1) / (len(SMILE_STAGES) - 1)) for i, s in enumerate(SMILE_STAGES)}
    top = 2  # the axis title, then a row above the curve for numbers and "you"
    grid = _Grid(width, ROWS + top + 3)
    cells: dict[tuple[int, int], int] = {}
    for px in range(len(ys)):
        low, high = sorted((ys[px], ys[px - 1] if px else ys[px]))
        for py in range(low, high + 1):  # join steep stretches
            key = (px // 2, py // 4)
            cells[key] = cells.get(key, 0) | _DOT[py % 4][px % 2]
    here_x = stage_x[here]
    destinations: dict[str, list[int]] = {}
    for item in plan[:SHOWN_STEPS]:
        destinations.setdefault(item.smile_stage, []).append(item.priority)
    path = {x for stage in destinations for x in range(min(here_x, stage_x[stage]), max(here_x, stage_x[stage]) + 1)}
    for (x, y), bits in cells.items():
        grid.put(2 + x, top + y, chr(0x2800 + bits), PATH if x in path else CURVE)
    row_of = {x: min(y for (cx, y) in cells if cx == x) for x in stage_x.values()}
    grid.put(0, top, "▲", CURVE)
    for y in range(top + 1, top + ROWS):
        grid.put(0, y, "│", CURVE)
    grid.put(0, top + ROWS, "└" + "─" * (width - 3) + "▶", CURVE)
    for i, stage in enumerate(SMILE_STAGES):
        label = _(LABELS[stage])
        x = 2 + stage_x[stage] - cell_len(label) // 2
        x = max(2, min(width - cell_len(label), x))
        grid.put(x, top + ROWS + 1 + i % 2, label, "bold" if stage == here else "")
    for stage, numbers in destinations.items():
        x = stage_x[stage]
        tag = ",".join(str(n) for n in numbers)
        if stage == here:
            continue
        arrow = "↖" if x < here_x else "↗"
        grid.put(2 + x, top + row_of[x], arrow, PATH)
        label_x = 2 + x + (1 if x < here_x else -len(tag))
        grid.put(max(2, min(width - len(tag), label_x)), top + row_of[x] - 1, tag, TARGET)
    grid.put(2 + here_x, top + row_of[here_x], "●", HERE)
    stays = destinations.get(here)
    you = _("you") + (" · " + _("{steps} here", steps=",".join(map(str, stays))) if stays else "")
    you_x = max(2, min(width - cell_len(you), 2 + here_x - cell_len(you) // 2))
    grid.put(you_x, top + row_of[here_x] - 1, you, HERE)
    grid.put(2, 0, _("value added"), CURVE)
    return grid.lines()


def legend(here: str, plan: list[PlanItem]) -> list[Content]:
    out = [Content.assemble(("● ", HERE), _("you: {stage}", stage=_(LABELS[here])))]
    for item in plan[:SHOWN_STEPS]:
        stage = _(LABELS[item.smile_stage])
        where = (_(" stays at {stage}: ", stage=stage) if item.smile_stage == here
                 else _(" leads to {stage}: ", stage=stage))
        out.append(Content.assemble((f"{item.priority}", TARGET), where, (clean(item.title, single_line=True), "bold"),
                                    " " + _("({kind})", kind=upgrading_label(item.upgrading_type))))
    if len(plan) > SHOWN_STEPS:
        further = len(plan) - SHOWN_STEPS
        out.append(Content.styled(ngettext("… and {n} further step of the plan on the results screen.",
                                           "… and {n} further steps of the plan on the results screen.", further),
                                  "$text-muted"))
    return out


class SmileCurve(Widget):
    """Redrawn to its width on every paint."""

    DEFAULT_CSS = "SmileCurve { height: auto; }"

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.here = "manufacturing"
        self.plan: list[PlanItem] = []

    def show(self, consultation: Consultation, plan: list[PlanItem]) -> None:
        self.here, self.plan = current_stage(consultation), plan
        self.refresh(layout=True)

    def _lines(self, width: int) -> list[Content]:
        return [*smile_lines(width, self.here, self.plan), Content(""), *legend(self.here, self.plan)]

    def get_content_height(self, container, viewport, width: int) -> int:
        return sum(max(1, line.get_height(self.styles, width)) for line in self._lines(width))

    def render(self) -> Content:
        return Content("\n").join(self._lines(self.size.width or 80))
