"""One survey row → one firm's answers, or the problems that make it unusable.

A value is taken as it is, or normalised only where the reading is certain:
surrounding spaces, the case of a categorical value or its label (``Yes``,
``Buyer-driven``), a whole number written ``70.0``, a percentage written
``70 %``.  Anything else is a problem reported as ``file:row:column`` and the
whole row is skipped: a firm is never rolled up on a guessed answer.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from gvc_advisor.engine.errors import Problem
from gvc_advisor.engine.i18n import _
from gvc_advisor.engine.kb.answers import Answer, Answers, check_value
from gvc_advisor.engine.kb.model import KnowledgeBase
from gvc_advisor.engine.kb.schema.questions import QuestionType
from gvc_advisor.services.firm_files import FirmInput
from gvc_advisor.services.rollup.tables import Row, SurveyColumns, blank, column_letter

_WHOLE_FLOAT = re.compile(r"^[+-]?\d+\.0*$")


class ValueReader:
    """Normalises cell values for one knowledge base (label lookups prepared once)."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self._by_lower: dict[str, dict[str, str]] = {}
        for name in [*kb.questions, *kb.facts]:
            allowed = kb.allowed_values(name)
            lookup: dict[str, str] = {}
            for value in allowed:
                for spelling in {value.lower(), kb.value_label(name, value).lower()}:
                    # a spelling shared by two values would be a guess: keep neither
                    lookup[spelling] = value if lookup.get(spelling, value) == value else ""
            self._by_lower[name] = {k: v for k, v in lookup.items() if v}

    def value(self, name: str, raw: Any) -> tuple[Any, str | None]:
        kb = self.kb
        question = kb.questions.get(name)
        numeric = question is not None and question.type in (QuestionType.INTEGER, QuestionType.PERCENT)
        if isinstance(raw, float) and raw.is_integer():
            raw = int(raw)
        if isinstance(raw, str):
            raw = raw.strip()
            if numeric:
                if question.type is QuestionType.PERCENT and raw.endswith("%"):
                    raw = raw[:-1].strip()
                if _WHOLE_FLOAT.match(raw):
                    raw = raw.split(".")[0]
            elif raw not in kb.allowed_values(name):
                raw = self._by_lower[name].get(raw.lower(), raw)
        return check_value(kb, name, raw)


def row_firm(reader: ValueReader, columns: SurveyColumns, number: int, row: Row) -> tuple[FirmInput | None,
                                                                                         list[Problem]]:
    """The firm of one row, or the problems that make the row unusable (then None)."""
    answers: Answers = {}
    problems: list[Problem] = []
    names = columns.names
    for index, raw in enumerate(row):
        if blank(raw) or index in columns.notes or index == columns.firm:
            continue
        where = _("cell {cell}: ", cell=f"{column_letter(index)}{number}") if columns.spreadsheet else ""
        name = names[index] if index < len(names) else None
        if name is None:
            problems.append(Problem(columns.file, number, index + 1,
                                    where + _("a value ({value}) in a column without a question id in the header",
                                              value=repr(raw))))
            continue
        value, error = reader.value(name, raw)
        if error:
            problems.append(Problem(columns.file, number, index + 1, where + error))
        else:
            answers[name] = Answer(value)
    if problems:
        return None, problems
    firm_cell = row[columns.firm] if columns.firm is not None and columns.firm < len(row) else None
    firm = (str(firm_cell).strip() if not blank(firm_cell)
            else _("{file} row {row}", file=Path(columns.file).name, row=number))
    return FirmInput(f"{columns.file}:{number}", firm, answers), []
