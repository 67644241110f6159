"""Autosaved interview sessions, one JSON file each, written atomically.

Sessions live in the platform's user data folder (``GVC_ADVISOR_DATA_DIR``
overrides it, e.g. for tests).  Each records the knowledge base's name,
version and content hash, so that resuming against a changed knowledge base
can warn; answers the changed knowledge base no longer accepts are reported,
never silently dropped from the file.
"""

from __future__ import annotations

import json
import os
import tempfile
import uuid
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from gvc_advisor.engine.interview import Interview
from gvc_advisor.engine.kb.answers import Answer, Answers, check_value
from gvc_advisor.engine.kb.model import KnowledgeBase

FORMAT_VERSION = 1


def default_directory() -> Path:
    override = os.environ.get("GVC_ADVISOR_DATA_DIR")
    if override:
        return Path(override) / "sessions"
    from platformdirs import user_data_path

    return user_data_path("gvc-advisor", appauthor=False) / "sessions"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass
class SavedSession:
    id: str
    firm: str
    created: str
    updated: str
    kb: dict[str, str]
    answers: dict[str, Any] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)
    history: list[str] = field(default_factory=list)
    progress: tuple[int, int] = (0, 0)
    format: int = FORMAT_VERSION
    #: Saved answers the current knowledge base does not accept; written back
    #: unchanged on every save so that nothing the user entered is lost.
    unrestored: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def new(cls, firm: str, kb: KnowledgeBase) -> SavedSession:
        stamp = _now()
        return cls(uuid.uuid4().hex[:12], firm.strip() or "Unnamed firm", stamp, stamp, kb.version_info)

    def capture(self, interview: Interview) -> None:
        """Copy the interview's state into this record."""
        kept = {k: v for k, v in self.unrestored.items() if k not in interview.answers}
        self.answers = {**kept, **{k: v.to_data() for k, v in interview.answers.items()}}
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
            value, cf = (raw.get("value"), float(raw.get("certainty", 1.0))) if isinstance(raw, dict) else (raw, 1.0)
            if name not in kb.questions and name not in kb.facts:
                problems.append(f"'{name}' is no longer a question of this knowledge base (kept in the file)")
                self.unrestored[name] = raw
                continue
            checked, error = check_value(kb, name, value)
            if error:
                problems.append(error + " (kept in the file)")
                self.unrestored[name] = raw
                continue
            answers[name] = Answer(checked, cf)
        skipped = {q for q in self.skipped if q in kb.questions}
        history = [q for q in self.history if q in answers or q in skipped]
        return answers, skipped, history, problems


class SessionStore:
    def __init__(self, directory: Path | None = None) -> None:
        self.directory = directory or default_directory()

    def path(self, session_id: str) -> Path:
        return self.directory / f"{session_id}.json"

    def save(self, session: SavedSession) -> Path:
        """Write atomically: a crash leaves the old file or the new one, never half of one."""
        self.directory.mkdir(parents=True, exist_ok=True)
        target = self.path(session.id)
        data = asdict(session)
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

    def load(self, session_id: str) -> SavedSession:
        data = json.loads(self.path(session_id).read_text(encoding="utf-8"))
        data["progress"] = tuple(data.get("progress", (0, 0)))
        return SavedSession(**data)

    def list(self) -> tuple[list[SavedSession], list[str]]:
        """Saved sessions, newest first, and the files that could not be read."""
        sessions, unreadable = [], []
        if not self.directory.is_dir():
            return [], []
        for path in self.directory.glob("*.json"):
            try:
                sessions.append(self.load(path.stem))
            except (OSError, ValueError, TypeError) as exc:
                unreadable.append(f"{path}: {exc}")
        sessions.sort(key=lambda s: s.updated, reverse=True)
        return sessions, unreadable

    def delete(self, session_id: str) -> None:
        self.path(session_id).unlink(missing_ok=True)
