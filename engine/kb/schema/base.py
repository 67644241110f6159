"""What every runtime record shares, and the citation record.

The knowledge base the engine, the services and the TUI read is made of
*records*: frozen, slotted dataclasses with the same names, fields and
methods as the pydantic models that validate the YAML files
(:mod:`gvc_advisor.engine.kb.schema.validation`).  Validation needs pydantic;
reading a validated knowledge base does not, so a launch that finds the
knowledge base in the cache (:mod:`gvc_advisor.engine.kb.cache`) never
imports it.  ``tests/test_kb_cache.py`` checks that every model and its record
have the same fields.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar

#: Every record class by name: the cache decodes records by these names.
RECORDS: dict[str, type] = {}

_T = TypeVar("_T")


def record(cls: type[_T]) -> type[_T]:
    """Make ``cls`` a frozen, slotted, keyword-only dataclass and register it."""
    made = dataclass(frozen=True, slots=True, kw_only=True)(cls)
    RECORDS[made.__name__] = made
    return made


@record
class SourceRef:
    """A citation of one paper (by its short key) and the section relied on."""

    key: str
    section: str
