"""A text sketch of the smile curve: value added along the chain, where the
firm sits now (●) and where the recommended moves would take it (◆)."""

from __future__ import annotations

from gvc_advisor.engine.knowledge_base import KnowledgeBase
from gvc_advisor.engine.result import Consultation
from gvc_advisor.engine.schema.catalog import SMILE_STAGES
from rich.text import Text
from textual.widgets import Static

LABELS = {"rd": "R&D", "design": "design", "components": "parts", "manufacturing": "make",
          "logistics": "logist.", "marketing": "market", "brand": "brand"}
#: Height of the curve at each stage (0 = bottom): high at both ends.
HEIGHT = {"rd": 4, "design": 3, "components": 1, "manufacturing": 0, "logistics": 1, "marketing": 3, "brand": 4}
MODE_STAGE = {"assembly": "manufacturing", "oem": "manufacturing", "odm": "design", "obm": "brand"}
COLUMN = 9


def current_stage(consultation: Consultation) -> str:
    mode = consultation.answers.get("production_mode")
    return MODE_STAGE.get(str(mode.value), "manufacturing") if mode else "manufacturing"


def render_curve(kb: KnowledgeBase, consultation: Consultation) -> Text:
    targets = {kb.recommendations[c.target].smile_stage for c in consultation.recommended}
    here = current_stage(consultation)
    rows = []
    for level in range(4, -1, -1):
        line = Text("value " if level == 4 else "      ", style="dim")
        for stage in SMILE_STAGES:
            cell = " " * COLUMN
            if HEIGHT[stage] == level:
                mark = "●" if stage == here else ("◆" if stage in targets else "·")
                style = "bold green" if mark == "●" else ("bold yellow" if mark == "◆" else "dim")
                line.append(cell[: COLUMN // 2])
                line.append(mark, style=style)
                line.append(cell[COLUMN // 2 + 1:])
            else:
                line.append(cell)
        rows.append(line)
    axis = Text("      " + "".join(LABELS[s].center(COLUMN) for s in SMILE_STAGES), style="bold")
    legend = Text("      ● the firm now   ◆ where the recommended moves lead   "
                  "(left: technology, right: market)", style="dim")
    return Text("\n").join([*rows, axis, legend])


class SmileCurve(Static):
    def show(self, kb: KnowledgeBase, consultation: Consultation) -> None:
        self.update(render_curve(kb, consultation))
