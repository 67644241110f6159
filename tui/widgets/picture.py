"""The emerging picture: the three dimensions (and the other derived facts)
as inferred so far, with their certainty, refreshed after every answer."""

from __future__ import annotations

from textual.widgets import Static

from gvc_advisor.engine.kb.model import DIMENSIONS, KnowledgeBase
from gvc_advisor.engine.result import Consultation


def cf_bar(cf: float, width: int = 8) -> str:
    filled = max(0, min(width, round(cf * width)))
    return "█" * filled + "░" * (width - filled)


class EmergingPicture(Static):
    """Two lines per fact (name, then value and certainty): fits a narrow side panel."""

    def show(self, kb: KnowledgeBase, consultation: Consultation) -> None:
        lines = []
        names = list(DIMENSIONS) + [f for f in kb.facts if f not in DIMENSIONS]
        for name in names:
            best = consultation.value_of(name)
            lines.append(f"[b]{kb.facts[name].label}[/b]")
            if best is None:
                lines.append("  [dim]not yet known[/dim]")
                continue
            value, cf = best
            stated = consultation.facts[name][value].stated is not None
            shown = kb.value_label(name, value).split(" (")[0] + (" (stated)" if stated else "")
            lines.append(f"  {shown}  {cf_bar(cf)} {cf:.2f}")
        self.update("\n".join(lines))
