"""Typed errors: a *user error* is something the person can fix in their input
(a YAML file, an answers file, a command-line value) and is reported as
``file:line:col: message`` lines with a non-zero exit code, never a traceback.
An *internal error* is a bug in gvc-advisor itself and should be reported.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


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
        return f"{where}: {prefix}{self.message}"


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
