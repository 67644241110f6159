"""Read an input file, standard input or a pipe as UTF-8 text, with bounds.

Every gvc-advisor input is a small YAML file, so no read may take unbounded
memory or time, whatever the path names:

* at most :data:`MAX_INPUT_BYTES` are read from anything (``/dev/zero`` and
  ``/dev/urandom`` fail at once instead of filling memory);
* a named pipe or process substitution (``advise <(cmd)``) is opened without
  blocking and read while data keeps coming; one that stays silent for
  :data:`PIPE_IDLE_SECONDS` (e.g. a FIFO nobody writes to) is an error, not a
  hang;
* standard input (``-``, or ``/dev/stdin`` and ``/dev/fd/0``, which name the
  same thing) is read to its end like any Unix filter does: the user chose
  the producer, and may be typing; Ctrl+C stops it cleanly;
* folders and block devices are refused; bytes that are not UTF-8 are
  reported with their line and column.
"""

from __future__ import annotations

import os
import select
import stat
import sys
from pathlib import Path
from typing import BinaryIO

from gvc_advisor.engine.errors import Problem
from gvc_advisor.engine.i18n.translate import _

#: No knowledge-base or answers file needs more.
MAX_INPUT_BYTES = 1_000_000
#: How long a pipe may stay silent before reading it is given up.
PIPE_IDLE_SECONDS = 15.0
_CHUNK = 65536

STDIN_NAME = "<stdin>"


class _TooLarge(Exception):
    def __init__(self, size: int | None = None) -> None:
        super().__init__()
        self.size = size


def _limit_text() -> str:
    return _("{size} bytes", size=f"{MAX_INPUT_BYTES:,}")


def names_standard_input(path: Path) -> bool:
    """Does ``path`` name this process's standard input (``/dev/stdin``, ``/dev/fd/0``)?"""
    try:
        return os.path.samestat(os.stat(path), os.fstat(0))
    except (OSError, ValueError):
        return False


def _read_stream(stream: BinaryIO) -> bytes:
    data = stream.read(MAX_INPUT_BYTES + 1)
    if len(data) > MAX_INPUT_BYTES:
        raise _TooLarge
    return data


def _read_pipe(fd: int) -> bytes:
    """Read a pipe opened non-blocking, giving up after a silence of PIPE_IDLE_SECONDS."""
    chunks: list[bytes] = []
    total = 0
    poller = select.poll()
    poller.register(fd, select.POLLIN)
    while True:
        if not poller.poll(PIPE_IDLE_SECONDS * 1000):
            raise TimeoutError(_("nothing was written to it for {seconds} seconds; is a program writing to it?",
                                 seconds=f"{PIPE_IDLE_SECONDS:g}"))
        try:
            chunk = os.read(fd, min(_CHUNK, MAX_INPUT_BYTES + 1 - total))
        except BlockingIOError:
            continue
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        total += len(chunk)
        if total > MAX_INPUT_BYTES:
            raise _TooLarge


def _read_bytes(path: Path) -> bytes:
    if names_standard_input(path):
        return read_standard_input_bytes()
    info = os.stat(path)
    if stat.S_ISDIR(info.st_mode):
        raise IsADirectoryError(0, _("it is a folder, not a file"))
    if stat.S_ISBLK(info.st_mode):
        raise OSError(0, _("it is a block device, not a file"))
    if stat.S_ISREG(info.st_mode) and info.st_size > MAX_INPUT_BYTES:
        raise _TooLarge(info.st_size)
    if stat.S_ISFIFO(info.st_mode) or stat.S_ISSOCK(info.st_mode):
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        try:
            return _read_pipe(fd)
        finally:
            os.close(fd)
    with open(path, "rb") as handle:  # a regular file (it may grow) or a character device
        return _read_stream(handle)


def read_standard_input_bytes() -> bytes:
    """Standard input up to the size limit (raises OSError if it is closed)."""
    stream = sys.stdin
    if stream is None:
        raise OSError(0, _("standard input is closed"))
    return _read_stream(stream.buffer if hasattr(stream, "buffer") else stream)  # type: ignore[arg-type]


def decode(data: bytes, name: str) -> tuple[str | None, Problem | None]:
    """UTF-8 text (without a leading byte-order mark), or a problem saying where it is not."""
    try:
        return data.decode("utf-8").removeprefix("\ufeff"), None
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1:].decode("utf-8", "replace")) + 1
        return None, Problem(name, line, column, _(
            "not UTF-8 text: byte 0x{byte} {reason}; save the file as UTF-8", byte=f"{data[exc.start]:02x}",
            reason=exc.reason))


def read_text(path: Path | None, name: str) -> tuple[str | None, Problem | None]:
    """The text of ``path`` (None: standard input), or a problem naming what went wrong."""
    try:
        data = read_standard_input_bytes() if path is None else _read_bytes(path)
    except _TooLarge as exc:
        if exc.size:
            message = _("file is {size} bytes; the limit is {limit} (no answers or knowledge-base file needs more)",
                        size=f"{exc.size:,}", limit=_limit_text())
        else:
            message = _("more than {limit}; the limit is {limit} (no answers or knowledge-base file needs more)",
                        limit=_limit_text())
        return None, Problem(name, 0, 0, message)
    except TimeoutError as exc:
        return None, Problem(name, 0, 0, _("cannot read: {reason}", reason=exc))
    except OSError as exc:
        reason = exc.strerror or str(exc)
        return None, Problem(name, 0, 0, _("cannot read: {reason}", reason=reason))
    return decode(data, name)
