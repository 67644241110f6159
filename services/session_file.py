"""The pydantic model that validates a session file (see :mod:`sessions`).

Only reading a file needs it: a session in memory is the plain
:class:`~gvc_advisor.services.sessions.SavedSession` record, with the same
fields, so that starting an interview does not import pydantic.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from gvc_advisor.engine.i18n.languages import SOURCE_LANGUAGE, available_languages
from gvc_advisor.engine.kb.answers import MAX_FIRM_LENGTH

#: ``sessions.FORMAT_VERSION`` (this module cannot import it: sessions imports this one).
FORMAT_VERSION = 1


def _iso_time(text: str) -> str:
    datetime.fromisoformat(text)  # raises ValueError: pydantic reports it
    return text


IsoTime = Annotated[str, AfterValidator(_iso_time)]
def _known_language(code: str) -> str:
    known = available_languages()
    if code not in known:
        raise ValueError(f"unknown language {code[:20]!r}; known: {', '.join(known)}")
    return code


#: Written since languages came; a file without it was an English interview.
LanguageCode = Annotated[str, AfterValidator(_known_language)]
Name = Annotated[str, Field(min_length=1, max_length=200)]


class CertainAnswer(BaseModel):
    """An answer given with less than full certainty (see ``Answer.to_data``)."""

    model_config = ConfigDict(extra="forbid", strict=True)
    value: int | str
    certainty: Annotated[float, Field(gt=0.0, le=1.0)]


SavedValue = int | str | CertainAnswer


class SessionFile(BaseModel):
    """A session file's content: the fields of :class:`~gvc_advisor.services.sessions.SavedSession`."""

    model_config = ConfigDict(extra="forbid", strict=True)

    #: Set from the file name on load; written for people reading the file only.
    id: str = ""
    firm: Annotated[str, Field(min_length=1, max_length=MAX_FIRM_LENGTH)]
    created: IsoTime
    updated: IsoTime
    kb: dict[Name, str]
    answers: dict[Name, SavedValue] = Field(default_factory=dict)
    skipped: list[Name] = Field(default_factory=list)
    history: list[Name] = Field(default_factory=list)
    progress: tuple[Annotated[int, Field(ge=0)], Annotated[int, Field(ge=0)]] = (0, 0)
    format: int = FORMAT_VERSION
    language: LanguageCode = SOURCE_LANGUAGE
    #: Accepted as the earlier model accepted it, never written.
    unrestored: dict[Name, SavedValue] = Field(default_factory=dict, exclude=True)
