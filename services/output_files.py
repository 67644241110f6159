"""Output files written atomically: a report, a per-firm table or a survey template
appears complete or not at all, so that an interrupted run (Ctrl+C, a full disk)
never leaves half a file where the user expects a whole one."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from gvc_advisor.engine.errors import UserError
from gvc_advisor.engine.i18n import _


@contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path next to ``target``; it replaces ``target`` only on success."""
    directory = target.parent
    if not directory.is_dir():
        raise UserError(_("cannot write {target}: the folder {folder} does not exist", target=target,
                          folder=directory), file="<command line>")
    if target.is_dir():
        raise UserError(_("cannot write {target}: it is a folder", target=target), file="<command line>")
    try:
        fd, name = tempfile.mkstemp(dir=directory, prefix=".tmp-", suffix=target.suffix)
    except OSError as exc:
        raise UserError(_("cannot write in {folder}: {reason}", folder=directory, reason=exc.strerror),
                        file="<command line>") from None
    os.close(fd)
    temporary = Path(name)
    try:
        yield temporary
        os.replace(temporary, target)
    except OSError as exc:
        raise UserError(_("cannot write {target}: {reason}", target=target, reason=exc.strerror),
                        file="<command line>") from None
    finally:
        temporary.unlink(missing_ok=True)


def write_text_atomically(target: Path, text: str) -> None:
    with atomic_path(target) as temporary:
        temporary.write_text(text, encoding="utf-8")
