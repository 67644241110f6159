"""The roll-up's workbook sheets (openpyxl write-only): Summary, Grid (a heat map
in cell colours), Recommendations, Measures, then the per-firm sheet and the
skipped rows, which :class:`~.per_firm.XlsxFirmWriter` streams."""

from __future__ import annotations

from typing import Any

from gvc_advisor.services.rollup.summary import RollupSummary, percent, share

SHEETS = ("Summary", "Grid", "Recommendations", "Measures", "Firms", "Skipped rows")


def create_sheets(workbook: Any) -> dict[str, Any]:
    return {name: workbook.create_sheet(name) for name in SHEETS}


def _bold(sheet: Any, value: Any) -> Any:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    cell = WriteOnlyCell(sheet, value=value)
    cell.font = Font(bold=True)
    return cell


def header(sheet: Any, names: list[str], widths: dict[int, int] | None = None) -> None:
    """A bold, frozen, filterable header row (call before any other row)."""
    from openpyxl.utils import get_column_letter

    for index, width in (widths or {}).items():
        sheet.column_dimensions[get_column_letter(index + 1)].width = width
    sheet.freeze_panes = "A2"
    sheet.append([_bold(sheet, name) for name in names])


def _heat(sheet: Any, value: int, top: int) -> Any:
    """A count shaded from white (none) to dark blue (the fullest cell)."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font, PatternFill

    cell = WriteOnlyCell(sheet, value=value)
    level = value / top if top else 0.0
    shade = round(255 - 190 * level)
    colour = f"{shade:02X}{round(255 - 120 * level):02X}FF" if value else "FFFFFF"
    cell.fill = PatternFill("solid", fgColor=colour)
    if level > 0.6:
        cell.font = Font(color="FFFFFF", bold=True)
    return cell


def fill_summary(sheets: dict[str, Any], s: RollupSummary) -> None:
    summary = sheets["Summary"]
    summary.column_dimensions["A"].width = 44
    summary.column_dimensions["B"].width = 60
    rows: list[list[Any]] = [
        ["Knowledge base", f"{s.kb['name']} {s.kb['version']} ({s.kb['hash']})"],
        ["Inputs", "; ".join(s.inputs)],
        ["Firms rolled up", s.firms],
        ["Rows or files skipped (see 'Skipped rows')", s.skipped],
        ["Firms outside the grid (a dimension undetermined)", s.undetermined],
    ]
    for sh in s.shares:
        rows.append([f"{sh.label}: {sh.value_label}", f"{sh.firms} firms ({percent(sh.firms, sh.total)}); "
                     f"undetermined for {sh.undetermined}"])
    rows.append(["Collective measures proposed", ", ".join(m.title for m in s.proposed) or "none"])
    for row in rows:
        summary.append([_bold(summary, row[0]), row[1]])

    grid = sheets["Grid"]
    drivers, statuses = s.axes["driver"], s.axes["firm_status"]
    grid.column_dimensions["A"].width = 16
    grid.append([_bold(grid, "governance ↓ / driver →")] + [_bold(grid, d) for d in drivers for _unused in statuses])
    grid.append([_bold(grid, "firm status →")] + [_bold(grid, st) for _unused in drivers for st in statuses])
    top = max((c.firms for c in s.grid), default=0)
    for gov in s.axes["governance"]:
        grid.append([_bold(grid, gov)] + [_heat(grid, s.cell(gov, d, st), top) for d in drivers for st in statuses])
    grid.append([])
    grid.append([_bold(grid, "undetermined"), s.undetermined])

    recs = sheets["Recommendations"]
    header(recs, ["id", "title", "upgrading type", "who acts", "firms", "share", "first priority for",
                  "mean certainty"], widths={0: 34, 1: 60, 3: 28})
    for r in s.recommendations:
        recs.append([r.id, r.title, r.upgrading_type, ", ".join(r.actors), r.firms, share(r.firms, r.total),
                     r.first, r.mean_cf])

    measures = sheets["Measures"]
    header(measures, ["id", "measure", "for", "firms in need", "share", "threshold", "proposed", "needed when",
                      "actions", "sources"], widths={0: 26, 1: 36, 5: 34, 7: 60, 8: 80, 9: 40})
    for m in s.measures:
        needed = "; ".join(filter(None, ["recommended: " + ", ".join(m.recommended) if m.recommended else "",
                                         m.condition or ""]))
        measures.append([m.id, m.title, ", ".join(m.actors), m.firms, share(m.firms, m.total), m.threshold,
                         "yes" if m.proposed else "no", needed, " ".join(m.actions), "; ".join(m.sources)])
