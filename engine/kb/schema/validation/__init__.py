"""Pydantic models of every YAML file in a knowledge base, and their conversion
into the runtime records (:mod:`gvc_advisor.engine.kb.schema`).

All models are strict (no silent type coercion) and reject unknown keys, so a
misspelt key is an error rather than an ignored line.  Only loading files
from disk imports this package (and pydantic); a knowledge base read from the
cache never does.

Each model has a record of the same name with the same fields
(``tests/test_kb_cache.py`` checks it), so :func:`to_record` needs no code per
class.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from gvc_advisor.engine.kb.schema.base import RECORDS


def to_record(value: Any) -> Any:
    """The runtime form of a validated value: models become records, recursively."""
    if isinstance(value, BaseModel):
        record = RECORDS[type(value).__name__]
        return record(**{name: to_record(getattr(value, name)) for name in type(value).model_fields})
    if isinstance(value, list):
        return [to_record(item) for item in value]
    if isinstance(value, dict):
        return {key: to_record(item) for key, item in value.items()}
    return value
