"""Translated messages as Rich ``Text`` with some of their placeholders styled.

A screen that shows "**Grounded in:** dai2009 §3" in bold cannot glue a bold
fragment to a plain one: another language puts the words in another order.  It
formats the whole message instead, and styles the values of the placeholders
named in ``styles``, wherever the translation puts them.  Values are appended as
``Text``, never parsed as markup (case texts may hold brackets).
"""

from __future__ import annotations

import string

from rich.text import Text

from gvc_advisor.engine.i18n import _


def message_text(message: str, styles: dict[str, str] | None = None, style: str = "", /,
                 **values: object) -> Text:
    """``_(message)`` with ``values``, the placeholders in ``styles`` styled (``{"title": "bold"}``)."""
    styles = styles or {}
    text = Text(style=style)
    for literal, name, spec, conversion in string.Formatter().parse(_(message)):
        if literal:
            text.append(literal)
        if name is None:
            continue
        value = values[name]
        if conversion:
            value = repr(value) if conversion == "r" else str(value)
        text.append(format(value, spec or ""), style=styles.get(name, ""))
    return text
