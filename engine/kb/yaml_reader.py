"""Strict, position-aware YAML reading.

Why not ``yaml.safe_load``: it forgets where each value came from (we want
``file:line:col`` in every error), silently keeps the last of two duplicate
keys, expands anchors/aliases (a "billion laughs" risk and a source of
surprising sharing), and turns unquoted ``yes``/``no``/``on``/``off`` into
booleans (YAML 1.1), which would make ``own_brand: no`` mean ``False``.

Here only the safe loader's *composer* is used; we then build plain Python
data ourselves, recording the position of every mapping key and sequence item
under its path, e.g. ``("rules", 3, "when")``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from gvc_advisor.engine.errors import Problem

#: Files larger than this are refused: no knowledge-base or answers file needs it.
MAX_FILE_BYTES = 1_000_000

Path_ = tuple[str | int, ...]

_STANDARD_TAGS = {
    "tag:yaml.org,2002:" + t
    for t in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")
}


class RefusedConstruct(yaml.composer.ComposerError):
    """A construct that is valid YAML but not allowed in gvc-advisor files."""


class StrictLoader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2-style booleans and no anchors or aliases."""

    def compose_node(self, parent: Node | None, index: Any) -> Node:  # type: ignore[override]
        event = self.peek_event()
        if self.check_event(AliasEvent):
            raise RefusedConstruct(
                None, None,
                f"alias *{event.anchor} is not allowed; write the value out in full",
                event.start_mark,
            )
        if getattr(event, "anchor", None):
            raise RefusedConstruct(
                None, None,
                f"anchor &{event.anchor} is not allowed; anchors and aliases are not "
                "supported in gvc-advisor files",
                event.start_mark,
            )
        return super().compose_node(parent, index)


# Only true/false are booleans; yes/no/on/off stay strings.
StrictLoader.yaml_implicit_resolvers = {
    first: [
        (tag, regexp)
        for tag, regexp in resolvers
        if tag != "tag:yaml.org,2002:bool"
    ]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
StrictLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool",
    re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"),
)


if yaml.__with_libyaml__:

    class FastStrictLoader(yaml.CSafeLoader):  # type: ignore[misc,name-defined]
        """libyaml's C parser and composer with our resolvers: ~20× faster.

        The C composer cannot be intercepted node by node, so anchors and
        aliases are rejected in a first pass over the (equally fast) events.
        """

    FastStrictLoader.yaml_implicit_resolvers = StrictLoader.yaml_implicit_resolvers
else:  # pragma: no cover - PyYAML wheels ship libyaml on all common platforms
    FastStrictLoader = None


def _refuse_anchors(text: str) -> None:
    """Raise RefusedConstruct at the first anchor or alias (libyaml path)."""
    from yaml.events import CollectionStartEvent, ScalarEvent

    for event in yaml.parse(text, Loader=FastStrictLoader):
        if isinstance(event, AliasEvent):
            raise RefusedConstruct(None, None, f"alias *{event.anchor} is not allowed; write the value out in "
                                   "full", event.start_mark)
        if isinstance(event, (ScalarEvent, CollectionStartEvent)) and event.anchor:
            raise RefusedConstruct(None, None, f"anchor &{event.anchor} is not allowed; anchors and aliases are "
                                   "not supported in gvc-advisor files", event.start_mark)


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


def _mark(node: Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


class _Builder:
    def __init__(self, loader: StrictLoader, result: LoadedYaml) -> None:
        self.loader = loader
        self.result = result

    def build(self, node: Node, path: Path_) -> Any:
        self.result.positions.setdefault(path, _mark(node))
        if node.tag.startswith("tag:yaml.org,2002:") and node.tag not in _STANDARD_TAGS:
            self._problem(node, f"the tag {node.tag} is not allowed")
            return None
        if not node.tag.startswith("tag:yaml.org,2002:"):
            self._problem(node, f"the tag {node.tag} is not allowed; use plain YAML values")
            return None
        if isinstance(node, MappingNode):
            return self._mapping(node, path)
        if isinstance(node, SequenceNode):
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        assert isinstance(node, ScalarNode)
        value = self.loader.construct_object(node, deep=True)
        if node.tag == "tag:yaml.org,2002:timestamp":
            return str(node.value)  # dates stay text: no field of ours is a datetime
        return value

    def _mapping(self, node: MappingNode, path: Path_) -> dict[Any, Any]:
        out: dict[Any, Any] = {}
        first_seen: dict[Any, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                self._problem(key_node, "a mapping key must be a plain scalar, not a list or mapping")
                continue
            key = self.loader.construct_object(key_node)
            if key_node.tag == "tag:yaml.org,2002:merge":
                self._problem(key_node, "merge keys (<<) are not allowed")
                continue
            if not isinstance(key, (str, int)) or isinstance(key, bool):
                key = str(key_node.value)
            line, _ = _mark(key_node)
            if key in first_seen:
                self._problem(
                    key_node,
                    f"duplicate key {key!r} (first defined on line {first_seen[key]}); "
                    "each key may appear once",
                )
                continue
            first_seen[key] = line
            self.result.positions[(*path, key)] = _mark(key_node)
            out[key] = self.build(value_node, (*path, key))
            self.result.positions[(*path, key)] = _mark(key_node)
        return out

    def _problem(self, node: Node, message: str) -> None:
        line, column = _mark(node)
        self.result.problems.append(Problem(self.result.file, line, column, message))


def load_yaml_text(text: str, file: str) -> LoadedYaml:
    """Parse ``text``; syntax errors and structural problems land in ``problems``."""
    result = LoadedYaml(file=file, data=None)
    loader = FastStrictLoader(text) if FastStrictLoader is not None else StrictLoader(text)
    try:
        if FastStrictLoader is not None:
            _refuse_anchors(text)
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        what = exc.problem or exc.context or "invalid YAML"
        if not isinstance(exc, RefusedConstruct):
            what = f"YAML syntax: {what}"
        result.problems.append(Problem(file, line, column, what))
        return result
    except yaml.YAMLError as exc:  # pragma: no cover - non-marked scanner errors are rare
        result.problems.append(Problem(file, 0, 0, f"YAML syntax: {exc}"))
        return result
    finally:
        loader.dispose()
    if node is not None:
        result.data = _Builder(loader, result).build(node, ())
    return result


def load_yaml_file(path: Path, display: str | None = None) -> LoadedYaml:
    """Read a YAML file with the size cap; unreadable files become problems."""
    name = display or str(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return LoadedYaml(name, None, problems=[Problem(
                name, 0, 0,
                f"file is {size} bytes; the limit is {MAX_FILE_BYTES} bytes",
            )])
        raw = path.read_bytes()
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return LoadedYaml(name, None, problems=[Problem(
            name, 0, 0, f"not UTF-8 text ({exc.reason} at byte {exc.start})")])
    except OSError as exc:
        return LoadedYaml(name, None, problems=[Problem(name, 0, 0, f"cannot read: {exc.strerror}")])
    return load_yaml_text(text, name)
