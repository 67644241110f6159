"""Strict, position-aware, bounded YAML reading.

Why not ``yaml.safe_load``: it forgets where each value came from (we want
``file:line:col`` in every error), silently keeps the last of two duplicate
keys, expands anchors/aliases (a "billion laughs" risk and a source of
surprising sharing), and reads scalars with YAML 1.1's surprises (``no`` is
``False``, ``070`` is 56; see :mod:`yaml_scalars`).

Why not PyYAML's composer either: it is recursive, so deep nesting overflows
the stack (libyaml's C composer crashes the process with a segmentation
fault on a 60 KB file of brackets; the Python one raises RecursionError).

So only the *parser* is used (libyaml's when available: it is iterative and
fast), and plain Python data is built from its event stream with an explicit
stack: nesting beyond :data:`MAX_DEPTH` is refused before anything deeper is
built, and the position of every mapping key and sequence item is recorded
under its path, e.g. ``("rules", 3, "when")``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    CollectionStartEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    NodeEvent,
    ScalarEvent,
    SequenceEndEvent,
)

from gvc_advisor.engine.errors import Problem, shown
from gvc_advisor.engine.kb import yaml_scalars as scalars
from gvc_advisor.engine.kb.bounded_read import MAX_INPUT_BYTES, read_text

#: Files larger than this are refused: no knowledge-base or answers file needs it.
MAX_FILE_BYTES = MAX_INPUT_BYTES
#: Deepest nesting of mappings and lists; a rule's condition nested ~30 levels
#: deep is already unreadable, and the limit keeps every later recursive walk
#: (validation, normal form, explanations) far from Python's recursion limit.
MAX_DEPTH = 64
#: At most this many bad characters are listed one by one.
MAX_CHARACTER_PROBLEMS = 20

Path_ = tuple[str | int, ...]

#: The event parser: libyaml's (iterative, ~20× faster) or PyYAML's pure-Python one.
FastStrictLoader: type | None = getattr(yaml, "CBaseLoader", None) if yaml.__with_libyaml__ else None

# YAML 1.1 allows only these characters in a stream (tab, line breaks, printable).
_NOT_ALLOWED = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@dataclass
class LoadedYaml:
    """Plain data plus where each piece of it stands in the file."""

    file: str
    data: Any
    positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def position(self, path: Path_) -> tuple[int, int]:
        """Line and column of the deepest known prefix of ``path`` (1-based)."""
        path = tuple(path)
        while path:
            if path in self.positions:
                return self.positions[path]
            path = path[:-1]
        return self.positions.get((), (1, 1))

    def problem(self, path: Path_, message: str, severity: str = "error") -> Problem:
        line, column = self.position(path)
        return Problem(self.file, line, column, message, severity)


class _Stop(Exception):
    """A problem after which the rest of the stream cannot be read sensibly."""


def _mark(event: Any) -> tuple[int, int]:
    return event.start_mark.line + 1, event.start_mark.column + 1


def _short_tag(tag: str) -> str:
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org,2002:") else tag


@dataclass
class _Frame:
    """A mapping or list being built."""

    data: dict | list
    path: Path_
    key: Any = None
    expecting_key: bool = True
    skip_value: bool = False
    key_mark: tuple[int, int] = (0, 0)
    first_seen: dict[Any, int] = field(default_factory=dict)

    def child_path(self) -> Path_:
        if isinstance(self.data, list):
            return (*self.path, len(self.data))
        return self.path if self.expecting_key else (*self.path, self.key)


_NOTHING = object()


class _Composer:
    """Builds plain data from parser events, with an explicit stack."""

    def __init__(self, result: LoadedYaml, text_only: bool = False) -> None:
        self.result = result
        self.text_only = text_only
        self.stack: list[_Frame] = []
        self.root: Any = _NOTHING
        self.documents = 0
        self.scalar_failed = False

    def _problem(self, event: Any, message: str) -> None:
        line, column = _mark(event)
        self.result.problems.append(Problem(self.result.file, line, column, message))

    def feed(self, event: Any) -> None:
        if isinstance(event, DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                self._problem(event, "a second YAML document starts here; a gvc-advisor file holds one "
                                     "document (remove the '---' line)")
                raise _Stop
            return
        if isinstance(event, (MappingEndEvent, SequenceEndEvent)):
            frame = self.stack.pop()
            self._deliver(frame.data, None)
            return
        if not isinstance(event, NodeEvent):
            return  # stream and document boundaries
        self._check_node(event)
        path = self.stack[-1].child_path() if self.stack else ()
        if self.stack and self.stack[-1].expecting_key and isinstance(self.stack[-1].data, dict):
            self.stack[-1].key_mark = _mark(event)
        else:
            self.result.positions.setdefault(path, _mark(event))
        if isinstance(event, ScalarEvent):
            self._deliver(self._scalar(event), event)
        elif isinstance(event, CollectionStartEvent):
            is_map = isinstance(event, MappingStartEvent)
            wanted = scalars.MAP_TAG if is_map else scalars.SEQ_TAG
            if event.tag in (scalars.STANDARD_SCALAR_TAGS | {scalars.MAP_TAG, scalars.SEQ_TAG}) - {wanted}:
                self._problem(event, self._tag_message(event.tag, "a mapping" if is_map else "a list"))
            elif event.tag not in (None, "!", wanted):
                self._problem(event, f"the tag {shown(_short_tag(event.tag))} is not allowed; use plain YAML values")
            self.stack.append(_Frame({} if is_map else [], path))

    def _check_node(self, event: Any) -> None:
        if isinstance(event, AliasEvent):
            self._problem(event, f"alias *{shown(event.anchor)} is not allowed; write the value out in full")
            raise _Stop
        if event.anchor:
            self._problem(event, f"anchor &{shown(event.anchor)} is not allowed; anchors and aliases are not "
                                 "supported in gvc-advisor files")
            raise _Stop
        if isinstance(event, CollectionStartEvent) and len(self.stack) >= MAX_DEPTH:
            self._problem(event, f"nested more than {MAX_DEPTH} levels deep; gvc-advisor files allow at most "
                                 f"{MAX_DEPTH} levels of nested lists and mappings (split a deep rule condition "
                                 "into derived facts)")
            raise _Stop

    @staticmethod
    def _tag_message(tag: str, kind: str) -> str:
        return f"the tag {shown(_short_tag(tag))} does not fit {kind}; leave the tag out"

    def _scalar(self, event: ScalarEvent) -> Any:
        count = len(self.result.problems)
        value = self._construct(event)
        self.scalar_failed = len(self.result.problems) > count
        return value

    def _construct(self, event: ScalarEvent) -> Any:
        tag = event.tag
        if tag is None:
            plain = event.implicit[0] and not self.text_only
            tag = scalars.resolve_plain(event.value) if plain else scalars.STR_TAG
        elif tag == "!":  # the non-specific tag: text
            tag = scalars.STR_TAG
        elif tag in (scalars.MAP_TAG, scalars.SEQ_TAG):
            self._problem(event, self._tag_message(tag, "a single value"))
            return None
        elif tag == scalars.MERGE_TAG:
            self._problem(event, "merge keys (<<) are not allowed; write the keys out in full")
            return None
        elif tag == scalars.TIMESTAMP_TAG:
            self._problem(event, "the tag !!timestamp is not allowed; write dates as plain text")
            return None
        value, error = scalars.construct_scalar(tag, event.value)
        if error:
            self._problem(event, shown(error, 300))
        return value

    def _deliver(self, value: Any, event: Any) -> None:
        """Hand a finished value (a scalar or a closed collection) to its parent."""
        if not self.stack:
            self.root = value
            return
        frame = self.stack[-1]
        if isinstance(frame.data, list):
            frame.data.append(value)
        elif frame.expecting_key:
            frame.expecting_key = False
            frame.skip_value = not self._accept_key(frame, value, event)
            if frame.skip_value:
                frame.key = ("<refused key>",)  # the value is read, kept nowhere, and its positions
                # are filed under a path no data has
        else:
            frame.expecting_key = True
            if not frame.skip_value:
                frame.data[frame.key] = value

    def _accept_key(self, frame: _Frame, key: Any, event: Any) -> bool:
        if event is None:  # a list or mapping used as a key
            line, column = frame.key_mark
            self.result.problems.append(Problem(self.result.file, line, column,
                                                "a mapping key must be a plain scalar, not a list or mapping"))
            return False
        if event.tag is None and event.implicit[0] and event.value == "<<":
            self._problem(event, "merge keys (<<) are not allowed; write the keys out in full")
            return False
        if self.scalar_failed:
            return False  # already reported
        if not isinstance(key, (str, int)) or isinstance(key, bool):
            key = event.value
        if key in frame.first_seen:
            self._problem(event, f"duplicate key '{shown(key)}' (first defined on line {frame.first_seen[key]}); "
                                 "each key may appear once")
            return False
        frame.first_seen[key] = _mark(event)[0]
        frame.key = key
        self.result.positions[(*frame.path, key)] = _mark(event)
        return True


def _character_problems(text: str, file: str) -> list[Problem]:
    """Every character YAML forbids (controls, surrogates), with line and column."""
    problems = []
    for count, match in enumerate(_NOT_ALLOWED.finditer(text)):
        if count == MAX_CHARACTER_PROBLEMS:
            rest = len(_NOT_ALLOWED.findall(text, match.start()))
            problems.append(Problem(file, 0, 0, f"{rest} more characters that are not allowed"))
            break
        before = text[: match.start()]
        line = before.count("\n") + 1
        column = match.start() - (before.rfind("\n") + 1) + 1
        code = ord(match.group())
        problems.append(Problem(file, line, column, (
            f"the character U+{code:04X} (a control character) is not allowed in YAML; remove it "
            "(write a tab or line break as \\t or \\n inside double quotes)")))
    return problems


def load_yaml_text(text: str, file: str, *, text_only: bool = False) -> LoadedYaml:
    """Parse ``text``; syntax errors and structural problems land in ``problems``.

    ``text_only``: every untagged scalar is text (files that hold only texts,
    such as translations, where a hash like ``5147517e7823`` must not become a number).
    """
    result = LoadedYaml(file=file, data=None)
    result.problems.extend(_character_problems(text, file))
    if result.problems:
        return result
    loader = FastStrictLoader(text) if FastStrictLoader is not None else yaml.BaseLoader(text)
    composer = _Composer(result, text_only)
    try:
        while loader.check_event():
            composer.feed(loader.get_event())
    except _Stop:
        return result
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        what = exc.problem or exc.context or "invalid YAML"
        result.problems.append(Problem(file, line, column, f"YAML syntax: {what}"))
        return result
    except yaml.YAMLError as exc:  # pragma: no cover - characters are checked above
        result.problems.append(Problem(file, 0, 0, f"YAML syntax: {exc}"))
        return result
    finally:
        loader.dispose()
    if composer.root is not _NOTHING:
        result.data = composer.root
    return result


def load_yaml_file(path: Path | None, display: str | None = None, *, text_only: bool = False) -> LoadedYaml:
    """Read a YAML file (None: standard input) within the bounds of :mod:`bounded_read`."""
    name = display or str(path)
    text, problem = read_text(path, name)
    if problem is not None:
        return LoadedYaml(name, None, problems=[problem])
    assert text is not None
    return load_yaml_text(text, name, text_only=text_only)
