"""Survey tables (CSV or XLSX): one row per firm, columns named by question id.

The header is the first row that is neither empty nor a comment.  Its columns
are question ids (or ids of facts a consultant may state, such as
``governance``), optionally one ``firm`` (or ``name``) column, and any number of
note columns whose header starts with ``#``; anything else is an error, reported
for the whole header at once before any row is read.  A row whose first cell
starts with ``#`` is a comment (the template's question and help rows); an empty
row is ignored.  Rows are *streamed*: neither reader holds more than one row.
"""

from __future__ import annotations

import csv
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from gvc_advisor.engine.errors import Problem, UserError
from gvc_advisor.engine.i18n import _
from gvc_advisor.engine.kb.model import KnowledgeBase
from gvc_advisor.engine.kb.validation_report import suggest

FIRM_HEADERS = ("firm", "name")
COMMENT = "#"
SURVEY_SHEET = "Survey"
TABLE_SUFFIXES = (".csv", ".xlsx")
Row = tuple[Any, ...]


@dataclass(frozen=True)
class SurveyColumns:
    file: str
    names: tuple[str | None, ...]  # per column: question or fact id; None for the firm, note and blank columns
    firm: int | None
    notes: frozenset[int]
    header_row: int
    spreadsheet: bool  # an XLSX file: messages name the cell (D7) too


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA (as spreadsheets name columns)."""
    name, index = "", index + 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _is_comment(row: Row) -> bool:
    first = next((cell for cell in row if not blank(cell)), None)
    return isinstance(first, str) and first.strip().startswith(COMMENT)


# -- reading raw rows ------------------------------------------------------------
def _csv_rows(path: Path, display: str) -> Iterator[tuple[int, Row]]:
    with path.open(newline="", encoding="utf-8-sig") as handle:
        first = handle.readline()
        delimiter = ";" if first.count(";") > first.count(",") else ("\t" if "\t" in first else ",")
        handle.seek(0)
        for number, row in enumerate(csv.reader(handle, delimiter=delimiter), 1):
            yield number, tuple(row)


def _xlsx_value(cell: Any) -> Any:
    value = getattr(cell, "value", None)
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, (int, float)) and "%" in (getattr(cell, "number_format", "") or ""):
        value = round(value * 100, 9)  # a cell formatted as a percentage: 0.7 shown as 70 % means 70
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    return value


def _open_workbook(path: Path, display: str) -> Any:
    """The workbook in read-only mode (streamed); files that are not .xlsx workbooks are user errors."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        return load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError) as exc:
        raise UserError(_("not an Excel workbook that can be read ({reason}); save it as .xlsx (an .xls or "
                          "another format will not do)", reason=exc), file=display) from None


def _xlsx_rows(path: Path, display: str) -> Iterator[tuple[int, Row]]:
    workbook = _open_workbook(path, display)
    try:
        sheet = workbook[SURVEY_SHEET] if SURVEY_SHEET in workbook.sheetnames else workbook.worksheets[0]
        for number, row in enumerate(sheet.iter_rows(min_row=1), 1):
            yield number, tuple(_xlsx_value(cell) for cell in row)
    finally:
        workbook.close()


def raw_rows(path: Path, display: str) -> Iterator[tuple[int, Row]]:
    """(row number, cells) of every row; unreadable files become a UserError."""
    reader = _xlsx_rows if path.suffix.lower() == ".xlsx" else _csv_rows
    try:
        yield from reader(path, display)
    except UnicodeDecodeError as exc:
        raise UserError(_("not UTF-8 text ({reason}); save the table as 'CSV UTF-8'", reason=exc.reason),
                        file=display) from None
    except csv.Error as exc:
        raise UserError(_("not a readable CSV table: {reason}", reason=exc), file=display) from None
    except OSError as exc:
        raise UserError(_("cannot read: {reason}", reason=exc.strerror or exc), file=display) from None


def data_rows(path: Path, columns: SurveyColumns) -> Iterator[tuple[int, Row]]:
    """The rows below the header that hold a firm (not empty, not a comment)."""
    for number, row in raw_rows(path, columns.file):
        if number <= columns.header_row or all(blank(c) for c in row) or _is_comment(row):
            continue
        yield number, row


def estimate_firm_rows(path: Path, columns: SurveyColumns) -> int | None:
    """How many firm rows the table holds, for a progress bar: exact for CSV (a quick pass),
    from the sheet's recorded size for XLSX (comment rows included), None when unknown."""
    if not columns.spreadsheet:
        return sum(1 for _unused in data_rows(path, columns))
    workbook = _open_workbook(path, columns.file)
    try:
        sheet = workbook[SURVEY_SHEET] if SURVEY_SHEET in workbook.sheetnames else workbook.worksheets[0]
        return max(0, sheet.max_row - columns.header_row) if sheet.max_row else None
    finally:
        workbook.close()


# -- the header --------------------------------------------------------------------
def read_header(kb: KnowledgeBase, path: Path, display: str) -> SurveyColumns:
    """The survey's columns; every header problem at once as a UserError."""
    for number, row in raw_rows(path, display):
        if all(blank(c) for c in row) or _is_comment(row):
            continue
        return _columns(kb, display, number, row, path.suffix.lower() == ".xlsx")
    raise UserError(_("the table is empty: its first row must name the columns (firm, then question ids); "
                      "'gvc-advisor template' writes a blank survey"), file=display)


def _columns(kb: KnowledgeBase, display: str, number: int, row: Row, spreadsheet: bool) -> SurveyColumns:
    statable = [f for f, spec in kb.facts.items() if spec.statable]
    known = {name.lower(): name for name in [*kb.questions, *statable]}
    names: list[str | None] = []
    notes, problems, firm, seen = set(), [], None, {}
    for index, cell in enumerate(row):
        text = "" if blank(cell) else str(cell).strip()
        where = _("cell {cell}: ", cell=f"{column_letter(index)}{number}") if spreadsheet else ""
        names.append(None)
        if not text:
            continue
        if text.startswith(COMMENT):
            notes.add(index)
        elif text.lower() in FIRM_HEADERS:
            if firm is not None:
                problems.append(Problem(display, number, index + 1, where + _(
                    "a second firm column '{name}' (the first is column {first}); keep one", name=text,
                    first=firm + 1)))
            firm = index
        elif text.lower() in known:
            name = known[text.lower()]
            if name in seen:
                problems.append(Problem(display, number, index + 1, where + _(
                    "the column '{name}' appears twice (first in column {first}); keep one", name=name,
                    first=seen[name] + 1)))
            seen.setdefault(name, index)
            names[index] = name
        else:
            problems.append(Problem(display, number, index + 1, where + _(
                "unknown column '{name}'{suggestion}; a column is a question id (see 'gvc-advisor template'), a "
                "fact stated directly ({facts}), 'firm' or 'name', or a note whose header starts with '#'",
                name=text, suggestion=suggest(text.lower(), list(known)), facts=", ".join(statable))))
    if problems:
        raise UserError(problems)
    if not seen:
        raise UserError([Problem(display, number, 1, _("no column names a question; the header row must hold "
                                                       "question ids such as {ids}",
                                                       ids=", ".join(list(kb.questions)[:3])))])
    return SurveyColumns(display, tuple(names), firm, frozenset(notes), number, spreadsheet)
