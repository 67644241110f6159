"""Read one firm from a file: an answers file (YAML) or a saved session (JSON).

The comparison and the roll-up both take firms from files; a saved session is
read through :mod:`gvc_advisor.services.sessions` (the store's own loader and
``restore``), so a session whose answers the knowledge base no longer accepts
is refused with the reasons, never half-read.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from gvc_advisor.engine.errors import AnswersError, Problem
from gvc_advisor.engine.i18n import _
from gvc_advisor.engine.kb.answers import Answers, load_answers_document
from gvc_advisor.engine.kb.bounded_read import read_text
from gvc_advisor.engine.kb.model import KnowledgeBase
from gvc_advisor.services.sessions import UnreadableSession, parse_session

SESSION_SUFFIXES = (".json",)
ANSWERS_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class FirmInput:
    source: str  # the file as the user named it
    firm: str
    answers: Answers


def is_session_file(path: Path) -> bool:
    return path.suffix.lower() in SESSION_SUFFIXES


def read_session(path: Path, kb: KnowledgeBase) -> FirmInput:
    """A saved interview session (any file name, as the user gives it); raise
    AnswersError when it cannot be used as it is."""
    name = str(path)
    text, problem = read_text(path, name)  # bounded, regular files and pipes only
    if problem is not None:
        raise AnswersError([problem])
    try:
        session = parse_session(text.encode("utf-8"), "external")
    except UnreadableSession as exc:
        raise AnswersError([Problem(name, exc.line, exc.column, _("not a saved session: {reason}", reason=exc))]) \
            from None
    answers, _unused, _unused2, problems = session.restore(kb)
    if problems:
        raise AnswersError([Problem(name, message=_("{problem}; the session was saved with knowledge base {version}",
                                                    problem=text, version=session.kb.get("version", "?")))
                            for text in problems])
    return FirmInput(name, session.firm, answers)


def read_firm_file(path: Path, kb: KnowledgeBase) -> FirmInput:
    """An answers file or a saved session, by its suffix (``.json`` is a session)."""
    if is_session_file(path):
        return read_session(path, kb)
    answers, firm = load_answers_document(path, kb)
    return FirmInput(str(path), firm or path.stem, answers)
