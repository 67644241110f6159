"""What every runtime record shares, and the citation record.

The knowledge base the engine, the services and the TUI read is made of
*records*: immutable objects with the same names, fields and methods as the
pydantic models that validate the YAML files
(:mod:`gvc_advisor.engine.kb.schema.validation`).  Validation needs pydantic;
reading a validated knowledge base does not, so a launch that finds the
knowledge base in the cache (:mod:`gvc_advisor.engine.kb.cache`) never
imports it.  ``tests/test_kb_cache.py`` checks that every model and its record
have the same fields.
"""

from __future__ import annotations

from typing import Any, TypeVar

#: Every record class by name: the cache decodes records by these names.
RECORDS: dict[str, type] = {}

_T = TypeVar("_T")
_REQUIRED = object()


class _Factory:
    """A default made afresh for each record (``field(default_factory=list)``)."""

    __slots__ = ("make",)

    def __init__(self, make: Any) -> None:
        self.make = make


def field(*, default_factory: Any) -> Any:
    """As ``dataclasses.field(default_factory=...)``, for records."""
    return _Factory(default_factory)


def record(cls: type[_T]) -> type[_T]:
    """Make ``cls`` an immutable keyword-only record and register it by name.

    What ``@dataclass(frozen=True, kw_only=True)`` gives (``__init__`` with
    defaults, ``__eq__``, ``__hash__``, ``__repr__``, no assignment, an optional
    ``__post_init__``), with methods shared by every record instead of code
    generated for each class: generating it for the twenty records cost more
    than a tenth of the launch's import time.
    """
    own = cls.__dict__.get("__annotations__", {})  # noqa: RUF063  (inspect is slow to import)
    cls._fields = tuple(own)
    cls._defaults = tuple((name, cls.__dict__.get(name, _REQUIRED)) for name in own)
    cls._post_init = cls.__dict__.get("__post_init__")
    for name, method in (("__init__", _init), ("__eq__", _eq), ("__hash__", _hash), ("__repr__", _repr),
                         ("__setattr__", _frozen), ("__delattr__", _frozen)):
        setattr(cls, name, method)
    RECORDS[cls.__name__] = cls
    return cls


def replace(item: _T, **changes: Any) -> _T:
    """A copy of a record with some fields changed (as ``dataclasses.replace``)."""
    values = {name: getattr(item, name) for name in item._fields}  # type: ignore[attr-defined]
    return type(item)(**{**values, **changes})


def _init(self: Any, **values: Any) -> None:
    state = self.__dict__
    for name, default in self._defaults:
        if name in values:
            state[name] = values.pop(name)
        elif default is _REQUIRED:
            raise TypeError(f"{type(self).__name__}() missing required argument: '{name}'")
        else:
            state[name] = default.make() if type(default) is _Factory else default
    if values:
        raise TypeError(f"{type(self).__name__}() got unexpected arguments: {', '.join(map(str, values))}")
    if self._post_init is not None:
        self._post_init()


def _values(self: Any) -> tuple:
    state = self.__dict__
    return tuple(state[name] for name in self._fields)


def _eq(self: Any, other: Any) -> Any:
    if other.__class__ is not self.__class__:
        return NotImplemented
    return _values(self) == _values(other)


def _hash(self: Any) -> int:
    return hash((self.__class__, _values(self)))


def _repr(self: Any) -> str:
    return f"{type(self).__name__}({', '.join(f'{n}={getattr(self, n)!r}' for n in self._fields)})"


def _frozen(self: Any, name: str, *args: Any) -> None:
    raise AttributeError(f"cannot assign to field '{name}' of a {type(self).__name__} record")


@record
class SourceRef:
    """A citation of one paper (by its short key) and the section relied on."""

    key: str
    section: str
