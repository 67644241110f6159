"""The roll-up's workbook sheets (openpyxl write-only): Summary, Grid (a heat map
in cell colours), Recommendations, Measures, then the per-firm sheet and the
skipped rows, which :class:`~.per_firm.XlsxFirmWriter` streams.

Sheet names, the summary's labels and the header rows people read are in the
current language; the per-firm sheet's header is column ids (machine-read,
the same in every language), and ids stay ids in the first column of each
table."""

from __future__ import annotations

from typing import Any

from gvc_advisor.engine.i18n import N_, _
from gvc_advisor.services.reporting.labels import actors as actor_labels
from gvc_advisor.services.reporting.labels import upgrading_kind
from gvc_advisor.services.rollup.render_text import needed_text
from gvc_advisor.services.rollup.summary import RollupSummary, percent, share, short_axis

#: The sheets, keyed by their English names; each is titled in the current language.
SHEETS = (N_("Summary"), N_("Grid"), N_("Recommendations"), N_("Measures"), N_("Firms"), N_("Skipped rows"))


def create_sheets(workbook: Any) -> dict[str, Any]:
    """Excel allows 31 characters in a sheet name and none of ``[]:*?/\\``."""
    return {name: workbook.create_sheet(_(name)[:31]) for name in SHEETS}


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
        [_("Knowledge base"), f"{s.kb['name']} {s.kb['version']} ({s.kb['hash']})"],
        [_("Inputs"), "; ".join(s.inputs)],
        [_("Firms rolled up"), s.firms],
        [_("Rows or files skipped (see '{sheet}')", sheet=_("Skipped rows")), s.skipped],
        [_("Firms outside the grid (a dimension undetermined)"), s.undetermined],
    ]
    for sh in s.shares:
        rows.append([_("{label}: {value}", label=sh.label, value=sh.value_label), _(
            "{firms} firms ({percent}); undetermined for {undetermined}", firms=sh.firms,
            percent=percent(sh.firms, sh.total), undetermined=sh.undetermined)])
    rows.append([_("Collective measures proposed"), _(", ").join(m.title for m in s.proposed) or _("none")])
    for row in rows:
        summary.append([_bold(summary, row[0]), row[1]])

    grid = sheets["Grid"]
    drivers, statuses = s.axes["driver"], s.axes["firm_status"]
    grid.column_dimensions["A"].width = 16
    grid.append([_bold(grid, _("governance ↓ / driver →"))]
                + [_bold(grid, short_axis(s, "driver", d)) for d in drivers for _unused in statuses])
    grid.append([_bold(grid, _("firm status →"))]
                + [_bold(grid, short_axis(s, "firm_status", st)) for _unused in drivers for st in statuses])
    top = max((c.firms for c in s.grid), default=0)
    for gov in s.axes["governance"]:
        grid.append([_bold(grid, short_axis(s, "governance", gov))]
                    + [_heat(grid, s.cell(gov, d, st), top) for d in drivers for st in statuses])
    grid.append([])
    grid.append([_bold(grid, _("undetermined")), s.undetermined])

    recs = sheets["Recommendations"]
    header(recs, ["id", _("title"), _("upgrading type"), _("who acts"), _("firms"), _("share"),
                  _("first priority for"), _("mean certainty")], widths={0: 34, 1: 60, 3: 28})
    for r in s.recommendations:
        recs.append([r.id, r.title, upgrading_kind(r.upgrading_type), actor_labels(r.actors), r.firms,
                     share(r.firms, r.total), r.first, r.mean_cf])

    measures = sheets["Measures"]
    header(measures, ["id", _("measure"), _("for"), _("firms in need"), _("share"), _("threshold"), _("proposed"),
                      _("needed when"), _("actions"), _("sources")], widths={0: 26, 1: 36, 5: 34, 7: 60, 8: 80, 9: 40})
    for m in s.measures:
        measures.append([m.id, m.title, actor_labels(m.actors), m.firms, share(m.firms, m.total), m.threshold,
                         _("yes") if m.proposed else _("no"), needed_text(m), " ".join(m.actions),
                         "; ".join(m.sources)])

