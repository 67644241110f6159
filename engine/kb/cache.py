"""Cache of validated knowledge bases, keyed by the bytes of their files.

Parsing and validating the shipped knowledge base takes about a tenth of a
second, and importing the validation machinery (pydantic, yaml) as much
again; launching the interview should pay for neither.  Only a knowledge base
that loaded *without errors* is cached; any change to any file, to
gvc-advisor or to the shape of the records gives a new key, so a stale entry
is never used.  Every failure to read or write the cache is ignored: it is an
optimisation, never a source of errors.  ``GVC_ADVISOR_CACHE_DIR`` moves the
cache; ``GVC_ADVISOR_NO_CACHE=1`` turns it off.

Safety: an entry is JSON, decoded into the runtime records
(:mod:`gvc_advisor.engine.kb.schema`) by class name from a fixed table, so
reading a file can never run code (the pickle this replaced ran whatever a
planted file said, under a predictable name).  The folder is created private
(0700) and is used only while it is a real directory owned by the user and
closed to others (gvc-advisor's own default folder, left open by the pickle
version, is closed; a folder named in ``GVC_ADVISOR_CACHE_DIR`` is never
changed, only refused); an entry is read only if it is a regular file owned
by the user, not a link.  An entry that is corrupt, from another format, or for
another key is ignored.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
import tempfile
from dataclasses import fields
from pathlib import Path
from typing import Any

from gvc_advisor import __version__
from gvc_advisor.engine.errors import Problem
from gvc_advisor.engine.kb.model import KnowledgeBase, Origin
from gvc_advisor.engine.kb.schema import (
    RECORDS,
    ChoiceGroup,
    DerivedFact,
    GlossaryEntry,
    KbMeta,
    Question,
    Recommendation,
    Rule,
    Source,
    UrgencyRule,
    WarningSpec,
    WorkedCase,
)

#: Bump when the encoding below changes (the record fields are in the key already).
FORMAT = 2
SUFFIX = ".json"
#: Entries larger than this are not read (the shipped knowledge base is ~0.3 MB).
MAX_BYTES = 256 * 1024 * 1024

_TYPES: dict[str, type] = {**RECORDS, "Origin": Origin, "Problem": Problem}
_FIELDS: dict[type, tuple[str, ...]] = {
    cls: getattr(cls, "_fields", None) or tuple(f.name for f in fields(cls)) for cls in _TYPES.values()}
#: The shape of every record, so that a change of fields changes every key.
_LAYOUT = repr(sorted((cls.__name__, names) for cls, names in _FIELDS.items()))


def _directory() -> tuple[Path, bool] | None:
    """The cache folder, and whether it is gvc-advisor's own default one."""
    if os.environ.get("GVC_ADVISOR_NO_CACHE"):
        return None
    override = os.environ.get("GVC_ADVISOR_CACHE_DIR")
    if override:
        return Path(override), False
    from platformdirs import user_cache_path

    return user_cache_path("gvc-advisor", appauthor=False) / "kb", True


def cache_key(root: Path, files: list[Path], variant: str = "") -> str:
    """The key of a knowledge base: its files' bytes, the records' shape and ``variant``
    (the language and the translated fields, for a translated knowledge base)."""
    digest = hashlib.sha256(f"{__version__}\0{FORMAT}\0{_LAYOUT}\0{root.resolve()}\0{variant}\0".encode())
    for path in files:
        try:
            digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
        except OSError:
            digest.update(b"unreadable\0")
    return digest.hexdigest()[:32]


# -- encoding ---------------------------------------------------------------
def _encode(value: Any) -> Any:
    """Plain JSON data; a record becomes ``{"@": name, field: value...}``."""
    kind = type(value)
    if value is None or kind in (str, int, float, bool):
        return value
    if kind in _FIELDS:
        encoded = {"@": kind.__name__}
        for name in _FIELDS[kind]:
            encoded[name] = _encode(getattr(value, name))
        return encoded
    if isinstance(value, str):  # enum members: decoded again by the record's __post_init__
        return str(value)
    if kind is list:
        return [_encode(item) for item in value]
    if kind is dict:
        if all(type(key) is str for key in value) and "@" not in value:
            return {key: _encode(item) for key, item in value.items()}
        return {"@": "dict", "items": [[_encode(k), _encode(v)] for k, v in value.items()]}
    raise TypeError(f"cannot cache a {kind.__name__}")  # the entry is then simply not written


def _decode_object(data: dict[str, Any]) -> Any:
    """``object_hook`` for json: records by name from the fixed table, nothing else."""
    tag = data.get("@")
    if tag is None:
        return data
    if tag == "dict":
        return {_hashable(key): value for key, value in data["items"]}
    cls = _TYPES[tag]  # KeyError for an unknown name: the entry is ignored
    del data["@"]
    if data.keys() == _RECORD_FIELDS.get(cls):
        # exactly the record's fields (in their order, as encode() wrote them): what the
        # record's __init__ does, without its per-field work (a third of reading the cache)
        made = _new(cls)
        made.__dict__.update(data)
        if cls._post_init is not None:
            made._post_init()
        return made
    return cls(**data)  # TypeError for missing or unknown fields: the entry is ignored


_new = object.__new__
#: The field names of each runtime record (made by ``schema.base.record``).
_RECORD_FIELDS: dict[type, frozenset[str]] = {cls: frozenset(cls._fields) for cls in RECORDS.values()}


def _hashable(key: Any) -> Any:
    if isinstance(key, list):
        raise ValueError("a dictionary key cannot be a list")
    return key


def encode(kb: KnowledgeBase, key: str) -> bytes:
    body = {
        "meta": kb.meta, "content_hash": kb.content_hash, "questions": list(kb.questions.values()),
        "facts": list(kb.facts.values()), "rules": kb.rules,
        "recommendations": list(kb.recommendations.values()), "warnings": list(kb.warnings.values()),
        "sources": list(kb.sources.values()), "glossary": kb.glossary, "cases": kb.cases,
        "origins": [[kind, item, origin] for (kind, item), origin in kb.origins.items()], "lint": kb.lint,
        "choice_groups": list(kb.choice_groups.values()), "urgency_rules": kb.urgency_rules,
        "language": kb.language, "english_terms": kb.english_terms,
    }
    document = {"format": FORMAT, "key": key, "version": __version__, "kb": _encode(body)}
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode()


def decode(data: bytes, key: str, root: Path) -> KnowledgeBase | None:
    """The knowledge base in ``data``, or None unless it is a well-formed entry for ``key``."""
    try:
        document = json.loads(data, object_hook=_decode_object)
        if not (isinstance(document, dict) and document.get("format") == FORMAT and document.get("key") == key):
            return None
        body = document["kb"]
        kb = KnowledgeBase(
            meta=body["meta"], root=root, content_hash=body["content_hash"],
            questions={q.id: q for q in body["questions"]}, facts={f.id: f for f in body["facts"]},
            rules=body["rules"], recommendations={r.id: r for r in body["recommendations"]},
            warnings={w.id: w for w in body["warnings"]}, sources={s.key: s for s in body["sources"]},
            glossary=body["glossary"], cases=body["cases"],
            origins={(kind, item): origin for kind, item, origin in body["origins"]}, lint=body["lint"],
            choice_groups={g.id: g for g in body["choice_groups"]}, urgency_rules=body["urgency_rules"],
            language=str(body["language"]), english_terms=dict(body["english_terms"]),
        )
    except Exception:  # anything malformed: not our entry
        return None
    return kb if _well_typed(kb) else None


def _well_typed(kb: KnowledgeBase) -> bool:
    """The record types the rest of the program relies on, where JSON alone would not ensure them."""
    expected = [(kb.questions.values(), Question), (kb.facts.values(), DerivedFact), (kb.rules, Rule),
                (kb.recommendations.values(), Recommendation), (kb.warnings.values(), WarningSpec),
                (kb.sources.values(), Source), (kb.glossary, GlossaryEntry), (kb.cases, WorkedCase),
                (kb.origins.values(), Origin), (kb.lint, Problem),
                (kb.choice_groups.values(), ChoiceGroup), (kb.urgency_rules, UrgencyRule)]
    return isinstance(kb.meta, KbMeta) and all(isinstance(item, cls) for items, cls in expected for item in items)


# -- the folder ---------------------------------------------------------------
def _ours_alone(st: os.stat_result) -> bool:
    """Owned by this user and closed to group and others (POSIX; elsewhere not checked)."""
    getuid = getattr(os, "getuid", None)
    return getuid is None or (st.st_uid == getuid() and not st.st_mode & 0o077)


def _usable_directory(create: bool) -> Path | None:
    """The cache folder if it is a private directory of ours (made so when ``create``)."""
    found = _directory()
    if found is None:
        return None
    directory, default = found
    try:
        st = os.lstat(directory)
    except FileNotFoundError:
        if not create:
            return None
        directory.parent.mkdir(parents=True, exist_ok=True)
        directory.mkdir(mode=0o700)
        os.chmod(directory, 0o700)  # whatever the umask
        st = os.lstat(directory)
    if not stat.S_ISDIR(st.st_mode):
        return None  # a link or a file where the folder should be: never followed
    if not _ours_alone(st):
        getuid = getattr(os, "getuid", None)
        if not default or getuid is None or st.st_uid != getuid():
            return None  # someone else's, or a folder the user named that others can write to
        os.chmod(directory, 0o700)  # our own default folder, made by an older version: close it
    return directory


def read(key: str, root: Path) -> KnowledgeBase | None:
    """The cached knowledge base for ``key``, or None (never an error)."""
    data = read_entry(key)
    return None if data is None else decode(data, key, root)


def read_entry(key: str) -> bytes | None:
    """The bytes stored under ``key``, if the entry is safe to read (see above); never an error."""
    try:
        directory = _usable_directory(create=False)
        if directory is None:
            return None
        fd = os.open(directory / f"{key}{SUFFIX}", os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        with os.fdopen(fd, "rb") as handle:
            st = os.fstat(handle.fileno())
            if not stat.S_ISREG(st.st_mode) or not _ours_alone(st) or st.st_size > MAX_BYTES:
                return None
            return handle.read()
    except Exception:  # missing, unreadable, a link: no cache
        return None


def write(key: str, kb: KnowledgeBase) -> None:
    """Store ``kb`` under ``key`` (best effort: any failure leaves no entry)."""
    try:
        data = encode(kb, key)
    except Exception:  # caching is best effort
        return
    write_entry(key, data)


def write_entry(key: str, data: bytes) -> None:
    """Store ``data`` under ``key`` atomically (best effort: any failure leaves no entry)."""
    tmp: str | None = None
    try:
        directory = _usable_directory(create=True)
        if directory is None:
            return
        fd, tmp = tempfile.mkstemp(dir=directory, suffix=".tmp")  # created 0600
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, directory / f"{key}{SUFFIX}")
        tmp = None
        for old in directory.glob("*.pickle"):  # the old, unsafe format: never read again
            old.unlink(missing_ok=True)
    except Exception:  # caching is best effort
        if tmp is not None:
            with contextlib.suppress(OSError):
                Path(tmp).unlink(missing_ok=True)
