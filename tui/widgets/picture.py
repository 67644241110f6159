"""The emerging picture: the three dimensions (and the other derived facts)
as inferred so far, with their certainty, refreshed after every answer."""

from __future__ import annotations

from gvc_advisor.engine.knowledge_base import KnowledgeBase
from gvc_advisor.engine.result import Consultation
from rich.table import Table
from textual.widgets import Static

DIMENSIONS = ("governance", "driver", "firm_status")


def cf_bar(cf: float, width: int = 8) -> str:
    filled = max(0, min(width, round(cf * width)))
    return "█" * filled + "░" * (width - filled)


class EmergingPicture(Static):
    def show(self, kb: KnowledgeBase, consultation: Consultation) -> None:
        table = Table(box=None, show_header=False, expand=True, padding=(0, 1))
        table.add_column("fact", style="bold", no_wrap=True)
        table.add_column("value")
        table.add_column("cf", no_wrap=True)
        names = list(DIMENSIONS) + [f for f in kb.facts if f not in DIMENSIONS]
        for name in names:
            best = consultation.value_of(name)
            label = kb.facts[name].label
            if best is None:
                table.add_row(label, "[dim]not yet known[/dim]", "")
                continue
            value, cf = best
            stated = consultation.facts[name][value].stated is not None
            table.add_row(label, kb.value_label(name, value) + (" (stated)" if stated else ""),
                          f"{cf_bar(cf)} {cf:.2f}")
        self.update(table)
