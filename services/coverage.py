"""The framework grid: 5 governance models × 3 drivers × 3 firm statuses.

For each of the 45 cells the three dimensions are *stated* (as a consultant
would) and the knowledge base is consulted with no other answer.  A cell is
*empty* when nothing is recommended, and *contradictory* when advice is given
outside the ``applies_to`` the recommendation declares, when two advices that
``conflicts_with`` each other are given together, or when a recommendation is
given next to a warning of the same cell that argues ``against`` it without a
declared disagreement between the papers that ``hedges`` that warning.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import product

from rich.cells import cell_len

from gvc_advisor.engine.engines import engine_for
from gvc_advisor.engine.errors import Problem, UserError
from gvc_advisor.engine.kb.answers import Answer
from gvc_advisor.engine.kb.model import DIMENSIONS, KnowledgeBase


@dataclass
class Cell:
    governance: str
    driver: str
    firm_status: str
    recommended: list[tuple[str, float]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    contradictions: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.recommended


def coverage_grid(kb: KnowledgeBase) -> list[Cell]:
    missing = [d for d in DIMENSIONS if d not in kb.facts]
    if missing:
        raise UserError([Problem(str(kb.root), 0, 0, (
            f"the coverage grid needs the derived facts {', '.join(DIMENSIONS)} (the framework's three "
            f"dimensions); this knowledge base has no {', '.join(repr(d) for d in missing)}"))])
    engine = engine_for(kb)
    cells = []
    for gov, drv, status in product(*(kb.facts[d].allowed_values for d in DIMENSIONS)):
        stated = {"governance": gov, "driver": drv, "firm_status": status}
        result = engine.consult({k: Answer(v) for k, v in stated.items()})
        cell = Cell(gov, drv, status)
        cell.recommended = [(c.target, c.cf) for c in result.recommended]
        cell.warnings = [w.target for w in result.raised_warnings]
        made = {rid for rid, _unused in cell.recommended}
        for rid in sorted(made):
            rec = kb.recommendations[rid]
            for dim, allowed in rec.applies_to.items():
                if dim in stated and stated[dim] not in allowed:
                    cell.contradictions.append(f"{rid} is meant for {dim} in {allowed}")
            for other in rec.conflicts_with:
                if other in made and rid < other:
                    cell.contradictions.append(f"{rid} conflicts with {other}")
            hedged = {w for d in rec.disagreements for w in d.hedges}
            for warning in cell.warnings:
                if rid in kb.warnings[warning].against and warning not in hedged:
                    cell.contradictions.append(f"{rid} is given next to warning {warning}, which argues "
                                               "against it (no disagreement between the papers hedges it)")
        cells.append(cell)
    return cells


def _pad(text: str, cells: int) -> str:
    """``text`` padded to ``cells`` terminal cells (a CJK character takes two; ``ljust`` counts one)."""
    return text + " " * max(0, cells - cell_len(text))


def format_grid(kb: KnowledgeBase, cells: list[Cell]) -> str:
    lines = []
    for cell in cells:
        flag = "EMPTY " if cell.empty else ("CONTRA" if cell.contradictions else "ok    ")
        recs = ", ".join(f"{rid} ({cf:.2f})" for rid, cf in cell.recommended) or "-"
        lines.append(f"{flag} {_pad(cell.governance, 10)} {_pad(cell.driver, 8)} {_pad(cell.firm_status, 8)} {recs}")
        lines += [f"         ! {text}" for text in cell.contradictions]
    empty = sum(c.empty for c in cells)
    contra = sum(bool(c.contradictions) for c in cells)
    lines.append(f"{len(cells)} cells: {empty} empty, {contra} contradictory")
    return "\n".join(lines)
