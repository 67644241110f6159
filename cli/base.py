"""What every command shares: typed errors → clean messages and exit codes, the
``--kb`` option, and reading an answers file into a consultation.

Every user error (bad answers file, invalid knowledge base, unknown id) is
printed as ``file:line:col: message`` lines on stderr with exit code 1;
internal bugs exit with 70 and a one-line request to report them
(``GVC_ADVISOR_DEBUG=1`` shows the traceback).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any

import click

from gvc_advisor.engine.errors import GvcAdvisorError, UserError, shown
from gvc_advisor.engine.i18n import N_, _

EXIT_USER_ERROR = 1
EXIT_INTERNAL_ERROR = 70
#: The reader of our output went away (``gvc-advisor rules | head``): what a
#: program killed by SIGPIPE reports, 128 + 13, as shells expect.
EXIT_BROKEN_PIPE = 141


def _quiet_broken_pipe() -> None:
    """Stop writing to a closed pipe, without a traceback at interpreter exit either
    (the recipe of the Python documentation, "Note on SIGPIPE")."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    sys.exit(EXIT_BROKEN_PIPE)


def guarded(func: Callable[..., Any]) -> Callable[..., Any]:
    """Turn our typed errors into clean messages and exit codes."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except UserError as exc:
            click.echo(exc.report(), err=True)
            sys.exit(EXIT_USER_ERROR)
        except BrokenPipeError:
            _quiet_broken_pipe()
        except (GvcAdvisorError, Exception) as exc:
            if isinstance(exc, click.exceptions.ClickException | click.exceptions.Exit | click.Abort):
                raise
            if os.environ.get("GVC_ADVISOR_DEBUG"):
                raise
            click.echo(_("gvc-advisor: internal error ({error}). This is a bug; please report it with "
                         "GVC_ADVISOR_DEBUG=1 output.", error=f"{type(exc).__name__}: {shown(exc, 200)}"), err=True)
            sys.exit(EXIT_INTERNAL_ERROR)

    return wrapper


kb_option = click.option(
    "--kb", "kb_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
    help=N_("Knowledge-base directory (with knowledge_base/ and rules/); default: the bundled one."),
)


def load_kb(kb_dir: Path | None):
    from gvc_advisor.engine.kb.loader import load_knowledge_base

    return load_knowledge_base(kb_dir)


def consult_answers(kb_dir: Path | None, answers_path: str):
    """(knowledge base, consultation, firm) for an answers file, read once."""
    from gvc_advisor.engine.engines import engine_for
    from gvc_advisor.engine.kb.answers import load_answers_document

    kb = load_kb(kb_dir)
    if answers_path == "-" and sys.stdin is not None and sys.stdin.isatty():
        click.echo(_("Reading the answers file from the terminal; end it with Ctrl+D."), err=True)
    answers, firm = load_answers_document(answers_path, kb)  # '-' reads standard input, bounded
    return kb, engine_for(kb).consult(answers), firm
