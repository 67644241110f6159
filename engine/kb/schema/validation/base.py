"""Shared building blocks of the validation models (pydantic)."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

#: Identifiers: lower-case words joined by ``_`` or ``-`` (stable, grep-able, URL-safe).
Identifier = Annotated[
    str, StringConstraints(pattern=r"^[a-z][a-z0-9]*(?:[_-][a-z0-9]+)*$", max_length=80)
]
NonEmptyText = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]
#: A MYCIN certainty factor: -1 (certainly not) … 0 (no evidence) … 1 (certain).
CertaintyFactor = Annotated[float, Field(ge=-1.0, le=1.0)]


class StrictModel(BaseModel):
    """Strict types, unknown keys rejected, immutable once loaded.

    Validators are built on first use (``defer_build``): validating one small
    file (an answers file, a case) should not pay for building them all.
    Numbers must be finite (``allow_inf_nan=False``): ``.nan`` and ``.inf``
    would otherwise slip through every range check (a comparison with NaN is
    always false).  The YAML reader refuses them already; this holds for data
    that does not come from YAML too.
    """

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, defer_build=True,
                              allow_inf_nan=False)


class SourceRef(StrictModel):
    """A citation of one paper (by its short key) and the section relied on."""

    key: Identifier
    section: NonEmptyText
