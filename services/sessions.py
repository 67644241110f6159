"""Autosaved interview sessions, one JSON file each, written atomically.

Sessions live in the platform's user data folder (``GVC_ADVISOR_DATA_DIR``
overrides it, e.g. for tests).  Each records the knowledge base's name,
version and content hash, so that resuming against a changed knowledge base
can warn; answers the changed knowledge base no longer accepts are reported,
never silently dropped from the file.

A session file is *input*: it may be half-written by a crash, edited by hand,
copied from someone else or planted.  So:

* a session's id is its file name (checked against :data:`SESSION_ID`); no
  path is ever formed from what a file contains;
* every file is validated by a pydantic model; a file that fails, is too
  large, is a symbolic link, or was written by a newer gvc-advisor is listed
  as *unreadable* with the reason, and left untouched;
* hidden files (``.tmp-*.json`` left by a save killed mid-write) are never listed;
* nothing is ever deleted but a valid session the user chose to delete.

A session in memory is a plain record (:class:`SavedSession`); the pydantic
model that validates a file (:mod:`gvc_advisor.services.session_file`) is
imported only when a file is read.  Starting an interview creates and saves a
session, and importing pydantic and building the model for it took a quarter
of the launch (``benchmarks/bench.py``).
"""

from __future__ import annotations

import json
import os
import re
import stat
import tempfile
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gvc_advisor.engine.errors import shown
from gvc_advisor.engine.i18n import _, ngettext
from gvc_advisor.engine.i18n.languages import SOURCE_LANGUAGE
from gvc_advisor.engine.interview import Interview
from gvc_advisor.engine.kb.answers import MAX_FIRM_LENGTH, Answer, Answers, check_value
from gvc_advisor.engine.kb.model import KnowledgeBase

if TYPE_CHECKING:
    from pydantic import ValidationError

FORMAT_VERSION = 1
#: A session id, and so a session file's name without ``.json``.
SESSION_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")
#: No session needs more (a complete interview takes a few kilobytes).
MAX_SESSION_BYTES = 1_000_000


def default_directory() -> Path:
    override = os.environ.get("GVC_ADVISOR_DATA_DIR")
    if override:
        return Path(override) / "sessions"
    from platformdirs import user_data_path

    return user_data_path("gvc-advisor", appauthor=False) / "sessions"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class CertainAnswer:
    """An answer given with less than full certainty (see ``Answer.to_data``)."""

    value: int | str
    certainty: float


SavedValue = int | str | CertainAnswer


def _data(value: Any) -> Any:
    return {"value": value.value, "certainty": value.certainty} if isinstance(value, CertainAnswer) else value


@dataclass(kw_only=True)
class SavedSession:
    """One interview as saved on disk (format :data:`FORMAT_VERSION`); a file is
    validated by :class:`gvc_advisor.services.session_file.SessionFile`, which has
    the same fields (``tests/test_session_store.py`` checks it)."""

    #: Set from the file name on load; written for people reading the file only.
    id: str = ""
    firm: str
    created: str
    updated: str
    kb: dict[str, str]
    answers: dict[str, SavedValue] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)
    history: list[str] = field(default_factory=list)
    progress: tuple[int, int] = (0, 0)
    format: int = FORMAT_VERSION
    #: The language the interview was held in (resuming switches to it); answers do not depend on it.
    language: str = SOURCE_LANGUAGE
    #: Saved answers the current knowledge base does not accept; kept in ``answers``
    #: on every save so that nothing the user entered is lost (never written on its own).
    unrestored: dict[str, SavedValue] = field(default_factory=dict)

    def to_data(self) -> dict[str, Any]:
        """The JSON form of the file (everything but ``unrestored``)."""
        return {
            "id": self.id, "firm": self.firm, "created": self.created, "updated": self.updated,
            "kb": dict(self.kb), "answers": {name: _data(value) for name, value in self.answers.items()},
            "skipped": list(self.skipped), "history": list(self.history), "progress": list(self.progress),
            "format": self.format, "language": self.language,
        }

    @classmethod
    def new(cls, firm: str, kb: KnowledgeBase, language: str = SOURCE_LANGUAGE) -> SavedSession:
        stamp = _now()
        return cls(id=uuid.uuid4().hex[:12], firm=firm.strip()[:MAX_FIRM_LENGTH] or "Unnamed firm",
                   created=stamp, updated=stamp, kb=kb.version_info, language=language)

    def capture(self, interview: Interview) -> None:
        """Copy the interview's state into this record."""
        kept = {k: v for k, v in self.unrestored.items() if k not in interview.answers}
        self.answers = {**kept, **{k: _saved_value(v) for k, v in interview.answers.items()}}
        self.skipped = sorted(interview.skipped)
        self.history = list(interview.history)
        self.progress = interview.progress
        self.kb = interview.kb.version_info
        self.updated = _now()

    def kb_changed(self, kb: KnowledgeBase) -> bool:
        return self.kb.get("hash") != kb.content_hash

    def restore(self, kb: KnowledgeBase) -> tuple[Answers, set[str], list[str], list[str]]:
        """(answers, skipped, history, problems) valid for ``kb``."""
        answers: Answers = {}
        problems: list[str] = []
        self.unrestored = {}
        for name, raw in self.answers.items():
            value, cf = (raw.value, raw.certainty) if isinstance(raw, CertainAnswer) else (raw, 1.0)
            known = name in kb.questions or (name in kb.facts and kb.facts[name].statable)
            if not known:
                problems.append(_("'{name}' is no longer a question of this knowledge base (kept in the file)",
                                  name=shown(name)))
                self.unrestored[name] = raw
                continue
            checked, error = check_value(kb, name, value)
            if error:
                problems.append(error + _(" (kept in the file)"))
                self.unrestored[name] = raw
                continue
            answers[name] = Answer(checked, cf)
        skipped = {q for q in self.skipped if q in kb.questions}
        history = [q for q in self.history if q in answers or q in skipped]
        return answers, skipped, history, problems

    @property
    def updated_at(self) -> datetime:
        moment = datetime.fromisoformat(self.updated)
        return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _saved_value(answer: Answer) -> SavedValue:
    data = answer.to_data()
    return CertainAnswer(**data) if isinstance(data, dict) else data


class UnreadableSession(Exception):
    """A session file that cannot be resumed; the message says why (and, for a JSON
    syntax error, where: ``line`` and ``column``, 1-based, else 0)."""

    def __init__(self, message: str, line: int = 0, column: int = 0) -> None:
        super().__init__(message)
        self.line, self.column = line, column


@dataclass(frozen=True)
class UnreadableFile:
    """A file in the sessions folder that is listed but cannot be resumed."""

    name: str
    reason: str


def check_session_id(session_id: str) -> str:
    if not isinstance(session_id, str) or not SESSION_ID.fullmatch(session_id):
        raise UnreadableSession(_("'{id}' is not a session id (letters, digits, '-' and '_', at most 64)",
                                  id=shown(session_id)))
    return session_id


def _describe(exc: ValidationError) -> str:
    errors = exc.errors()
    first = errors[0]
    where = ".".join(str(part) for part in first["loc"]) or _("the file")
    more = ngettext(" (and {n} more problem)", " (and {n} more problems)", len(errors) - 1) if len(errors) > 1 else ""
    return f"{shown(where, 40)}: {first['msg']}{more}"


def parse_session(raw: bytes, session_id: str) -> SavedSession:
    """Validate the bytes of a session file; raise UnreadableSession saying what is wrong."""
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise UnreadableSession(_("not a JSON session file (JSON syntax: {error})", error=shown(exc.msg, 80)),
                                exc.lineno, exc.colno) from None
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise UnreadableSession(_("not a JSON session file ({error})", error=shown(exc, 80))) from None
    if not isinstance(data, dict):
        raise UnreadableSession(_("not a session: the file holds {kind}, not a JSON object", kind=type(data).__name__))
    version = data.get("format", FORMAT_VERSION)
    if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
        raise UnreadableSession(_("saved by a newer gvc-advisor (session format {version}; this version reads "
                                  "format {known}): update gvc-advisor to resume it", version=version,
                                  known=FORMAT_VERSION))
    if version != FORMAT_VERSION or isinstance(version, bool):
        raise UnreadableSession(_("unknown session format {version}; this version reads format {known}",
                                  version=shown(repr(version), 20), known=FORMAT_VERSION))
    from pydantic import ValidationError

    from gvc_advisor.services.session_file import SessionFile

    try:
        valid = SessionFile.model_validate_json(raw)
    except ValidationError as exc:
        raise UnreadableSession(_describe(exc)) from None
    return SavedSession(
        id=session_id, firm=valid.firm, created=valid.created, updated=valid.updated, kb=valid.kb,
        answers=_records(valid.answers), skipped=valid.skipped, history=valid.history, progress=valid.progress,
        format=valid.format, language=valid.language, unrestored=_records(valid.unrestored))


def _records(answers: dict[str, Any]) -> dict[str, SavedValue]:
    """Saved values as records (the validation model's certain answers are pydantic models)."""
    return {name: value if isinstance(value, int | str) else CertainAnswer(value.value, value.certainty)
            for name, value in answers.items()}


class SessionStore:
    def __init__(self, directory: Path | None = None) -> None:
        self.directory = directory or default_directory()

    def path(self, session_id: str) -> Path:
        """The file of a session: always directly inside the folder (the id is checked)."""
        return self.directory / f"{check_session_id(session_id)}.json"

    def save(self, session: SavedSession) -> Path:
        """Write atomically: a crash leaves the old file or the new one, never half of one."""
        target = self.path(session.id)
        self.directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        data = session.to_data()
        fd, tmp = tempfile.mkstemp(dir=self.directory, prefix=".tmp-", suffix=".json")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(data, handle, indent=2, ensure_ascii=False, sort_keys=True)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return target

    def _read(self, session_id: str) -> bytes:
        path = self.path(session_id)
        try:
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
        except OSError as exc:
            if path.is_symlink():
                raise UnreadableSession(_("a symbolic link, not a session file")) from None
            raise UnreadableSession(_("cannot read it: {reason}", reason=exc.strerror)) from None
        with os.fdopen(fd, "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode):
                raise UnreadableSession(_("not a regular file"))
            raw = handle.read(MAX_SESSION_BYTES + 1)
        if len(raw) > MAX_SESSION_BYTES:
            raise UnreadableSession(_("larger than {size} bytes; no session is that large",
                                      size=f"{MAX_SESSION_BYTES:,}"))
        return raw

    def load(self, session_id: str) -> SavedSession:
        """The valid session of that id; raise UnreadableSession otherwise."""
        return parse_session(self._read(session_id), session_id)

    def list(self) -> tuple[list[SavedSession], list[UnreadableFile]]:
        """Saved sessions, newest first, and the files that cannot be resumed (with why)."""
        sessions: list[SavedSession] = []
        unreadable: list[UnreadableFile] = []
        try:
            names = sorted(entry.name for entry in os.scandir(self.directory))
        except OSError:
            return [], []
        for name in names:
            if name.startswith(".") or not name.endswith(".json"):
                continue  # hidden files: temporary files of an interrupted save
            try:
                sessions.append(self.load(name.removesuffix(".json")))
            except UnreadableSession as exc:
                unreadable.append(UnreadableFile(name, str(exc)))
        sessions.sort(key=lambda s: (s.updated_at, s.id), reverse=True)
        return sessions, unreadable

    def delete(self, session_id: str) -> None:
        """Delete a *valid* session file (raises UnreadableSession for anything else)."""
        self.load(session_id)
        self.path(session_id).unlink(missing_ok=True)
