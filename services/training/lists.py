"""Lists in running text, joined as the current language joins them.

English writes ``a; b; c`` and ``a, b``; Chinese writes ``a；b；c`` and
``a、b``.  Each join is a whole message with two placeholders (the list so far
and the next item), so a translation sets its own punctuation and spacing and
no code glues a separator that only suits English.
"""

from __future__ import annotations

from collections.abc import Iterable

from gvc_advisor.engine.i18n import N_, _

_SEMICOLON = N_("{list}; {item}")
_COMMA = N_("{list}, {item}")
_OR = N_("{list} or {item}")


def _joined(items: Iterable[str], message: str) -> str:
    joined = None
    for item in items:
        joined = item if joined is None else _(message, list=joined, item=item)
    return joined or ""


def semicolon_list(items: Iterable[str]) -> str:
    """Clauses or references: ``a; b; c``."""
    return _joined(items, _SEMICOLON)


def comma_list(items: Iterable[str]) -> str:
    """Names and titles: ``a, b, c``."""
    return _joined(items, _COMMA)


def or_list(items: Iterable[str]) -> str:
    """Alternatives: ``a or b or c``."""
    return _joined(items, _OR)
