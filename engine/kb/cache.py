"""Cache of validated knowledge bases, keyed by the bytes of their files.

Parsing and validating the shipped knowledge base takes about a tenth of a
second; launching the interview should not pay it every time.  Only a
knowledge base that loaded *without errors* is cached; any change to any
file, to gvc-advisor or to pydantic gives a new key, so a stale entry is
never used.  Every failure to read or write the cache is ignored: it is an
optimisation, never a source of errors.  ``GVC_ADVISOR_CACHE_DIR`` moves the
cache; ``GVC_ADVISOR_NO_CACHE=1`` turns it off.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import tempfile
from pathlib import Path

import pydantic

from gvc_advisor import __version__
from gvc_advisor.engine.kb.model import KnowledgeBase


def _directory() -> Path | None:
    if os.environ.get("GVC_ADVISOR_NO_CACHE"):
        return None
    override = os.environ.get("GVC_ADVISOR_CACHE_DIR")
    if override:
        return Path(override)
    from platformdirs import user_cache_path

    return user_cache_path("gvc-advisor", appauthor=False) / "kb"


def cache_key(root: Path, files: list[Path]) -> str:
    digest = hashlib.sha256(f"{__version__}\0{pydantic.VERSION}\0{root.resolve()}\0".encode())
    for path in files:
        try:
            digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
        except OSError:
            digest.update(b"unreadable\0")
    return digest.hexdigest()[:32]


def read(key: str) -> KnowledgeBase | None:
    directory = _directory()
    if directory is None:
        return None
    try:
        with open(directory / f"{key}.pickle", "rb") as handle:
            kb = pickle.load(handle)
    except Exception:
        return None
    return kb if isinstance(kb, KnowledgeBase) else None


def write(key: str, kb: KnowledgeBase) -> None:
    directory = _directory()
    if directory is None:
        return
    tmp: str | None = None
    try:
        directory.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=directory, suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(kb, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, directory / f"{key}.pickle")
    except Exception:  # caching is best effort
        if tmp is not None:
            with contextlib.suppress(OSError):
                Path(tmp).unlink(missing_ok=True)
