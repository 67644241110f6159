"""Translated messages for the training screens: as Rich ``Text`` with parts
styled, and key descriptions in the current language.

A screen that shows "**Grounded in:** dai2009 §3" in bold cannot glue a bold
fragment to a plain one: another language puts the words in another order.  It
formats the whole message instead, and styles the message's own words or the
values of some placeholders, wherever the translation puts them.  Values are
appended as ``Text``, never parsed as markup (case texts may hold brackets).
"""

from __future__ import annotations

import string
from dataclasses import replace

from rich.text import Text
from textual.dom import DOMNode

from gvc_advisor.engine.i18n import _


def message_text(message: str, styles: dict[str, str] | None = None, words: str = "", /,
                 **values: object) -> Text:
    """``_(message)`` with ``values``: the placeholders named in ``styles`` styled
    (``{"title": "bold"}``), and the message's own words in the style ``words``."""
    styles = styles or {}
    text = Text()
    for literal, name, spec, conversion in string.Formatter().parse(_(message)):
        if literal:
            text.append(literal, style=words)
        if name is None:
            continue
        value = values[name]
        if conversion:
            value = repr(value) if conversion == "r" else str(value)
        text.append(format(value, spec or ""), style=styles.get(name, ""))
    return text


def translate_bindings(node: DOMNode) -> None:
    """The key descriptions of ``node`` in the current language.

    ``BINDINGS`` are class attributes, made when the module is imported, before
    any language is chosen: their descriptions are marked with ``N_`` and
    translated here, on the instance's own copy of its bindings, when the
    screen is made (Textual offers no hook to translate them when the footer
    shows them).
    """
    table = node._bindings.key_to_bindings
    for key, found in table.items():
        table[key] = [replace(binding, description=_(binding.description)) if binding.description else binding
                      for binding in found]
