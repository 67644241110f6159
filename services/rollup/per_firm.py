"""Per-firm results, one row per firm, written as the firms come (never held).

The columns: where the firm comes from, its cell in the grid, each diagnosed
fact with its certainty, the plan (recommendation ids in priority order), the
warnings, the collective measures it needs, and one ``priority:<id>`` column
per recommendation (its priority for the firm, empty when not given) so that
spreadsheet users can filter and pivot.
"""

from __future__ import annotations

import csv
import os
import tempfile
from pathlib import Path
from typing import IO, Any

from gvc_advisor.engine.errors import UserError
from gvc_advisor.engine.i18n import _
from gvc_advisor.engine.kb.model import DIMENSIONS, KnowledgeBase
from gvc_advisor.services.firm_advice import diagnosed_facts
from gvc_advisor.services.rollup.summary import RollupSummary
from gvc_advisor.services.rollup.worker import FirmRecord, Skipped

UNDETERMINED = "undetermined"


def firm_columns(kb: KnowledgeBase) -> list[str]:
    columns = ["source", "firm", "grid_cell"]
    for fact in diagnosed_facts(kb):
        columns += [fact, f"{fact}_cf"]
    columns += ["recommendations", "warnings", "collective_needs"]
    return columns + [f"priority:{rid}" for rid in kb.recommendations]


def grid_cell(record: FirmRecord) -> str:
    dims = [record.advice.value(d) for d in DIMENSIONS]
    return UNDETERMINED if None in dims else "/".join(str(d) for d in dims)


def firm_row(kb: KnowledgeBase, record: FirmRecord) -> list[Any]:
    advice = record.advice
    row: list[Any] = [record.source, record.firm, grid_cell(record)]
    for diagnosis in advice.diagnosis:
        row += [diagnosis.value or "", diagnosis.cf if diagnosis.value else ""]
    row += ["; ".join(step.recommendation for step in advice.plan),
            "; ".join(w for w, _unused in advice.warnings),
            "; ".join(record.needs)]
    priority = {step.recommendation: step.priority for step in advice.plan}
    return row + [priority.get(rid, "") for rid in kb.recommendations]


class CsvFirmWriter:
    """Per-firm CSV on an open text stream (the caller owns the stream)."""

    def __init__(self, kb: KnowledgeBase, stream: IO[str]) -> None:
        self.kb = kb
        self.writer = csv.writer(stream, lineterminator="\n")
        self.writer.writerow(firm_columns(kb))

    def firm(self, record: FirmRecord) -> None:
        self.writer.writerow(firm_row(self.kb, record))

    def skipped(self, skipped: Skipped) -> None:
        """Skipped rows are not firms: they go to the problem report, not the table."""


class CsvFirmFile(CsvFirmWriter):
    """Per-firm CSV into a file: written as the firms come into a temporary file beside the
    target, moved into place by :meth:`finish` (with the byte-order mark Excel needs to
    read UTF-8), removed by :meth:`abort`."""

    def __init__(self, kb: KnowledgeBase, target: Path) -> None:
        if not target.parent.is_dir():
            raise UserError(_("cannot write {target}: the folder {folder} does not exist", target=target,
                              folder=target.parent), file="<command line>")
        try:
            fd, name = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=".csv")
        except OSError as exc:
            raise UserError(_("cannot write in {folder}: {reason}", folder=target.parent, reason=exc.strerror),
                            file="<command line>") from None
        self.target = target
        self.temporary = Path(name)
        self.stream = os.fdopen(fd, "w", encoding="utf-8-sig", newline="")
        super().__init__(kb, self.stream)

    def finish(self, summary: RollupSummary) -> None:
        self.stream.close()
        os.replace(self.temporary, self.target)

    def abort(self) -> None:
        """Drop the partial file (nothing to do once :meth:`finish` has moved it into place)."""
        self.stream.close()
        self.temporary.unlink(missing_ok=True)


class XlsxFirmWriter:
    """A workbook streamed to disk (openpyxl write-only): the per-firm sheet grows row by
    row; the summary sheets are filled at the end.  Saved atomically, with fixed dates."""

    def __init__(self, kb: KnowledgeBase, target: Path) -> None:
        from openpyxl import Workbook

        from gvc_advisor.services.rollup import render_xlsx

        self.kb = kb
        self.target = target
        self.workbook = Workbook(write_only=True)
        self.sheets = render_xlsx.create_sheets(self.workbook)
        self.firms = self.sheets["Firms"]
        self.problems = self.sheets["Skipped rows"]
        render_xlsx.header(self.firms, firm_columns(kb), widths={0: 28, 1: 28, 2: 26})
        render_xlsx.header(self.problems, [_("file"), _("row"), _("column"), _("problem")], widths={0: 30, 3: 90})

    def firm(self, record: FirmRecord) -> None:
        self.firms.append(firm_row(self.kb, record))

    def skipped(self, skipped: Skipped) -> None:
        for problem in skipped.problems:
            self.problems.append([problem.file, problem.line or None, problem.column or None, problem.message])

    def finish(self, summary: RollupSummary) -> None:
        from gvc_advisor.services.rollup import render_xlsx
        from gvc_advisor.services.rollup.xlsx import save_workbook

        render_xlsx.fill_summary(self.sheets, summary)
        save_workbook(self.workbook, self.target)

    def abort(self) -> None:
        """Nothing was written to the target: the workbook is only saved by :meth:`finish`."""
