"""The current language's messages and the functions that read them: ``_``, ``N_``, ``ngettext``.

Kept apart from :mod:`.catalog` (which reads the catalog files with the YAML
reader) and importing nothing, so that the lowest layers — the bounded file
reader, the answers-file checks — can translate their messages without an
import cycle through the YAML reader.
"""

from __future__ import annotations

SOURCE_LANGUAGE = "en"

_current = SOURCE_LANGUAGE
_messages: dict[str, str] = {}


def N_(message: str) -> str:  # the gettext name every extractor knows
    """Mark ``message`` for translation without translating it yet."""
    return message


def _(message: str, /, **values: object) -> str:
    """``message`` in the current language, with ``values`` filled in."""
    text = _messages.get(message, message) if _messages else message
    return text.format(**values) if values else text


def ngettext(singular: str, plural: str, count: int, /, **values: object) -> str:
    """Singular or plural by ``count`` (``{n}`` is filled with it).

    Languages without grammatical number translate the plural message only;
    its translation serves every count.
    """
    if _messages and plural in _messages:
        return _messages[plural].format(n=count, **values)
    chosen = singular if count == 1 else plural
    return _(chosen, n=count, **values)


def current_language() -> str:
    return _current


def install(code: str, messages: dict[str, str]) -> None:
    """Make ``code`` (with its ``messages``) the current language of this process."""
    global _current, _messages
    _current = code
    _messages = messages
