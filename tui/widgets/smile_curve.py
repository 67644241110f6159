"""A text sketch of the smile curve: value added along the chain, where the
firm sits now (●) and where the recommended moves would take it (◆)."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from gvc_advisor.engine.kb.model import KnowledgeBase
from gvc_advisor.engine.kb.schema.catalog import SMILE_STAGES
from gvc_advisor.engine.result import Consultation

LABELS = {"rd": "R&D", "design": "design", "components": "parts", "manufacturing": "make",
          "logistics": "logist", "marketing": "market", "brand": "brand"}
#: Height of the curve at each stage (0 = bottom): high at both ends.
HEIGHT = {"rd": 4, "design": 3, "components": 1, "manufacturing": 0, "logistics": 1, "marketing": 3, "brand": 4}
MODE_STAGE = {"assembly": "manufacturing", "oem": "manufacturing", "odm": "design", "obm": "brand"}
MARGIN = 6


def current_stage(consultation: Consultation) -> str:
    mode = consultation.answers.get("production_mode")
    return MODE_STAGE.get(str(mode.value), "manufacturing") if mode else "manufacturing"


def render_curve(kb: KnowledgeBase, consultation: Consultation, width: int = 69) -> Text:
    """The curve drawn to fit ``width`` columns (7 stages of 4 to 12 columns each)."""
    column = max(4, min(12, (width - MARGIN) // len(SMILE_STAGES)))
    targets = {kb.recommendations[c.target].smile_stage for c in consultation.recommended}
    here = current_stage(consultation)
    rows = []
    for level in range(4, -1, -1):
        line = Text("value " if level == 4 else " " * MARGIN, style="dim")
        for stage in SMILE_STAGES:
            cell = " " * column
            if HEIGHT[stage] == level:
                mark = "●" if stage == here else ("◆" if stage in targets else "·")
                style = "bold green" if mark == "●" else ("bold yellow" if mark == "◆" else "dim")
                line.append(cell[: column // 2])
                line.append(mark, style=style)
                line.append(cell[column // 2 + 1:])
            else:
                line.append(cell)
        rows.append(line)
    axis = Text(" " * MARGIN + "".join(LABELS[s][:column - 1].center(column) for s in SMILE_STAGES),
                style="bold")
    legend = Text("● the firm now  ◆ where the advice leads", style="dim")
    return Text("\n").join([*rows, axis, legend])


class SmileCurve(Static):
    """Redrawn to the widget's width whenever it is shown or resized."""

    def show(self, kb: KnowledgeBase, consultation: Consultation) -> None:
        self._data = (kb, consultation)
        self._draw()

    def _draw(self) -> None:
        if getattr(self, "_data", None) is not None:
            width = self.size.width or self.app.size.width // 2
            self.update(render_curve(*self._data, width=width))

    def on_resize(self) -> None:
        self._draw()
