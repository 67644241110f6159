"""Typed errors: a *user error* is something the person can fix in their input
(a YAML file, an answers file, a command-line value) and is reported as
``file:line:col: message`` lines with a non-zero exit code, never a traceback.
An *internal error* is a bug in gvc-advisor itself and should be reported.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

#: Written as readable escapes: what could break a one-line message or make it lie.
_NAMED_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def printable(text: object) -> str:
    """``text`` with every character Python does not call printable written as an
    escape (``\\n``, ``\\x1b``, ``\\u2028``, ``\\xa0``): line and paragraph
    separators, C0/C1 controls (ESC starts terminal escape sequences), format
    characters (bidirectional overrides make a line read differently from what it
    says), unusual spaces that look like nothing, unassigned code points.  Anything
    echoed from the input so stays on one line, visible and inert."""
    text = str(text)
    if text.isprintable():
        return text
    out = []
    for char in text:
        if char.isprintable():
            out.append(char)
        elif char in _NAMED_ESCAPES:
            out.append(_NAMED_ESCAPES[char])
        else:
            code = ord(char)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}")
    return "".join(out)


def shown(value: object, limit: int = 60) -> str:
    """A piece of user input to quote in a message: made printable and cut to ``limit``
    characters, so that a megabyte-long key cannot become a megabyte-long message."""
    text = printable(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the input, located as precisely as we can."""

    file: str
    line: int = 0
    column: int = 0
    message: str = ""
    severity: str = field(default="error", compare=False)

    def format(self) -> str:
        where = self.file
        if self.line:
            where += f":{self.line}"
            if self.column:
                where += f":{self.column}"
        prefix = "" if self.severity == "error" else f"{self.severity}: "
        # Escaped here, once for every message: whatever a message quotes from
        # the input, each problem stays exactly one line.
        return printable(f"{where}: {prefix}{self.message}")


class GvcAdvisorError(Exception):
    """Base of all errors raised on purpose by gvc-advisor."""


class UserError(GvcAdvisorError):
    """Bad input. Carries every problem found, so that all are reported at once."""

    def __init__(self, problems: list[Problem] | Problem | str, *, file: str | Path = "") -> None:
        if isinstance(problems, str):
            problems = [Problem(str(file) or "<input>", message=problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems = sorted(problems)
        super().__init__(self.report())

    def report(self) -> str:
        return "\n".join(p.format() for p in self.problems)


class KnowledgeBaseError(UserError):
    """The knowledge base (rules/ or knowledge_base/) is invalid."""


class AnswersError(UserError):
    """An answers file or an answer typed by the user is invalid."""


class InternalError(GvcAdvisorError):
    """A bug in gvc-advisor: an invariant that valid input can never break."""
