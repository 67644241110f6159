"""A blank survey for ``gvc-advisor rollup``: one column per question, with the
question, its allowed values and its help text in comment rows (``#`` in the
first cell), which the roll-up skips.  The XLSX template also has drop-down
lists for the categorical questions, range checks for the numbers, a sheet
describing every question, and frozen headers."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from gvc_advisor.engine.i18n import _
from gvc_advisor.engine.kb.model import KnowledgeBase
from gvc_advisor.engine.kb.schema.questions import Question, QuestionType
from gvc_advisor.services.rollup.tables import SURVEY_SHEET, column_letter

#: Rows of the XLSX template that carry drop-downs and range checks.
LAST_ROW = 100_000


def allowed_text(question: Question) -> str:
    if question.type is QuestionType.YESNO:
        return "yes | no"
    if question.type is QuestionType.CHOICE:
        return " | ".join(question.allowed_values)
    low, high = question.bounds or (0, 0)
    unit = " (%)" if question.type is QuestionType.PERCENT else (f" ({question.unit})" if question.unit else "")
    if high < 10**9:
        return _("whole number {low}–{high}{unit}", low=low, high=high, unit=unit)
    return _("whole number ≥ {low}{unit}", low=low, unit=unit)


def comment_rows(kb: KnowledgeBase) -> list[list[str]]:
    questions = list(kb.questions.values())
    return [
        ["# " + _("question"), *[q.text for q in questions]],
        ["# " + _("allowed"), *[allowed_text(q) for q in questions]],
        ["# " + _("help"), *[q.help.meaning for q in questions]],
    ]


def header_row(kb: KnowledgeBase) -> list[str]:
    return ["firm", *kb.questions]


def csv_template(kb: KnowledgeBase) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header_row(kb))
    writer.writerows(comment_rows(kb))
    return buffer.getvalue()


def write_xlsx_template(kb: KnowledgeBase, target: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    from gvc_advisor.services.rollup.xlsx import save_workbook

    workbook = Workbook()
    survey = workbook.active
    survey.title = SURVEY_SHEET
    survey.append(header_row(kb))
    for row in comment_rows(kb):
        survey.append(row)
    first = 2 + len(comment_rows(kb))  # the first row to fill in
    for cell in survey[1]:
        cell.font = Font(bold=True)
    for row in survey.iter_rows(min_row=2, max_row=first - 1):
        for cell in row:
            cell.font = Font(italic=True, color="5C6670")
            cell.fill = PatternFill("solid", fgColor="F2F4F7")
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    survey.freeze_panes = f"B{first}"
    survey.column_dimensions["A"].width = 28
    lists = workbook.create_sheet("Lists")
    lists.sheet_state = "hidden"
    for index, question in enumerate(kb.questions.values(), start=1):
        letter = column_letter(index)
        survey.column_dimensions[letter].width = 22
        cells = f"{letter}{first}:{letter}{LAST_ROW}"
        validation = _validation(question, lists, index)
        validation.add(cells)
        survey.add_data_validation(validation)
    _questions_sheet(kb, workbook.create_sheet(_("Questions")[:31]))
    save_workbook(workbook, target)


def _validation(question: Question, lists: Any, index: int) -> Any:
    """A drop-down (values listed on the hidden Lists sheet) or a whole-number range check."""
    from openpyxl.worksheet.datavalidation import DataValidation

    prompt = question.text[:255]
    if question.type in (QuestionType.CHOICE, QuestionType.YESNO):
        values = question.allowed_values
        letter = column_letter(index - 1)
        for row, value in enumerate(values, start=1):
            lists.cell(row=row, column=index, value=value)
        formula = f"Lists!${letter}$1:${letter}${len(values)}"
        return DataValidation(type="list", formula1=formula, allow_blank=True, showErrorMessage=True,
                              errorTitle=_("Not an allowed value")[:32], promptTitle=question.id, prompt=prompt,
                              error=_("Allowed: {values}", values=", ".join(values))[:255], showInputMessage=True)
    low, high = question.bounds or (0, 0)
    return DataValidation(type="whole", operator="between", formula1=str(low), formula2=str(high),
                          allow_blank=True, showErrorMessage=True, errorTitle=_("Not a whole number in range")[:32],
                          error=_("A whole number from {low} to {high}", low=low, high=high), promptTitle=question.id,
                          prompt=prompt,
                          showInputMessage=True)


def _questions_sheet(kb: KnowledgeBase, sheet: Any) -> None:
    from openpyxl.styles import Font

    sheet.append(["id", _("question"), _("type"), _("allowed values"), _("meaning"), _("why it matters"),
                  _("examples")])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for question in kb.questions.values():
        choices = "; ".join(f"{v} = {question.label_of(v)}" for v in question.allowed_values)
        sheet.append([question.id, question.text, question.type.value, choices or allowed_text(question),
                      question.help.meaning, question.help.why, "; ".join(question.help.examples)])
    for letter, width in zip("ABCDEFG", (26, 50, 10, 50, 60, 60, 50), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "B2"
