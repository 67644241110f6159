"""Making text from a user or a knowledge base safe for each output format.

Everything a report prints that did not come from the report code itself (the
firm's name, answers, the knowledge base's titles and messages) goes through
one of these functions, so that a hostile firm name cannot inject a Markdown
heading or link, an HTML tag, or a terminal escape sequence.

* :func:`clean` – for every format: removes control characters and terminal
  escape sequences, and turns line breaks into spaces (inline text never
  starts a new line, so it can never start a block).
* :func:`md` – inline Markdown: :func:`clean`, then backslash-escapes every
  character that could start emphasis, code, a link, an autolink, raw HTML,
  an entity or a table cell, and neutralises a line start that would begin a
  heading, list, quote or thematic break if the text ever ends up first.
* :func:`html_text` – HTML text and attribute values.
"""

from __future__ import annotations

import html
import re
import unicodedata

#: CSI (``ESC [ … final``), OSC (``ESC ] … BEL`` or ``ESC \\``) and two-character ESC sequences.
_ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-Z\\-_]|\x9b[0-?]*[ -/]*[@-~]")
#: Characters that end a line somewhere (Python's splitlines set).
_LINE_BREAKS = re.compile(r"[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029\t]")
#: Bidirectional overrides and isolates: they make text display in another order than it is read.
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
_SPACES = re.compile(r" {2,}")


def clean(text: object) -> str:
    """Printable single-line text: no control characters, escape sequences or line breaks."""
    value = _ANSI.sub("", str(text))
    value = _BIDI.sub("", _LINE_BREAKS.sub(" ", value))
    value = "".join(ch for ch in value if unicodedata.category(ch) != "Cc")
    return _SPACES.sub(" ", value).strip()


#: Characters that mean something inline in CommonMark or GFM (links and images need
#: ``[``, emphasis, code, HTML, tables, strikethrough, headings' closing sequence).
_MD_INLINE = re.compile(r"([\\`*_\[\]<>#|~])")
#: ``&name;`` / ``&#123;`` would be read as an HTML entity.
_MD_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
#: GFM extended autolinks: ``http://``, ``www.``, e-mail addresses.
_MD_AUTOLINK = re.compile(r"(?<=[A-Za-z]):(?=//)|(?<=www)\.|@", re.IGNORECASE)
#: A line start that would open a block: a bullet, a thematic break or setext underline
#: (``-``, ``+``, ``=``), an ordered-list number (``1.`` or ``1)`` then a space).
_MD_BLOCK_START = re.compile(r"^([-+=])|^(\d{1,9})([.)])(?=\s|$)")


def md(text: object) -> str:
    """Inline Markdown text that renders as exactly the characters given."""
    value = _MD_INLINE.sub(r"\\\1", clean(text))
    value = _MD_ENTITY.sub(r"\\&", value)
    value = _MD_AUTOLINK.sub(lambda m: "\\" + m.group(0), value)
    return _MD_BLOCK_START.sub(lambda m: f"\\{m.group(1)}" if m.group(1) else f"{m.group(2)}\\{m.group(3)}",
                               value)


def html_text(text: object) -> str:
    """Text for an HTML element or a quoted attribute value."""
    return html.escape(clean(text), quote=True)
