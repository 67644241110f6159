"""Everything the TUI shows from the knowledge base or the user goes through here.

Two dangers, one module:

* **Terminal control sequences.**  A firm name read from an answers file or a
  saved session (or any knowledge-base string) may hold ``ESC ] 0 ; … BEL``
  and friends; written to the terminal they retitle the window, move the
  cursor or worse.  Textual strips only a handful of C0 codes, so
  :func:`clean` removes whole escape sequences, every other C0/C1 control
  character and the bidirectional overrides that reorder what is displayed.
* **Markup.**  Textual parses a ``str`` given to ``Static`` or ``Option`` as
  markup, so a title such as ``[/bogus]`` raises.  :func:`plain` returns
  :class:`~textual.content.Content`, which is never parsed; screens compose
  their own styling with :func:`styled` and :func:`join` and never pass
  user or knowledge-base text as a ``str``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rich.cells import cell_len
from textual.content import Content

from gvc_advisor.engine.i18n import N_, _
from gvc_advisor.engine.narrative import value_words

#: The question bank's topics (ids in the knowledge base) as headings.
TOPICS = {"industry": N_("Industry and chain"), "buyers": N_("Buyers"), "firm": N_("The firm"),
          "cluster": N_("The cluster"), "pressures": N_("Costs and pressures"), "lockin": N_("Low-end lock-in"),
          "diagnosis": N_("Facts stated directly")}
#: Upgrading types (ids of the framework) as the screens name them.
UPGRADING = {"process": N_("process upgrading"), "product": N_("product upgrading"),
             "functional": N_("functional upgrading"), "chain": N_("chain upgrading")}

#: ANSI/VT escape sequences (CSI, OSC, DCS/SOS/PM/APC strings, two-byte ESC x)
#: first, so that their parameters go with them; then any remaining control.
_SEQUENCE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]?"  # CSI … final byte
    r"|\x1b\][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"  # OSC … BEL or ST
    r"|\x1b[PX^_][^\x1b\x9c]*(?:\x1b\\|\x9c)?"  # DCS, SOS, PM, APC strings
    r"|\x9b[0-?]*[ -/]*[@-~]?"  # 8-bit CSI
    r"|\x9d[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"  # 8-bit OSC
    r"|\x1b.?"  # any other escape
)
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def clean(text: object, single_line: bool = False) -> str:
    """``text`` without escape sequences or control characters (tabs become spaces)."""
    shown = _CONTROL.sub("", _SEQUENCE.sub("", str(text).replace("\t", " ").replace("\r\n", "\n")))
    return " ".join(shown.split()) if single_line else shown


def plain(text: object, style: str = "") -> Content:
    """Cleaned text as Content: shown literally, whatever brackets it holds."""
    shown = clean(text)
    return Content.styled(shown, style) if style else Content(shown)


def styled(text: object, style: str) -> Content:
    """Our own label (or any text) in a style; ``style`` may use theme variables."""
    return plain(text, style)


def join(*parts: Content | str | tuple[str, str]) -> Content:
    """Assemble Content from pieces; bare ``str`` pieces are cleaned, never parsed."""
    pieces: list[Content | tuple[str, str]] = []
    for part in parts:
        if isinstance(part, tuple):
            pieces.append((clean(part[0]), part[1]))
        elif isinstance(part, Content):
            pieces.append(part)
        else:
            pieces.append(Content(clean(part)))
    return Content.assemble(*pieces)


def lines(items: Iterable[Content | str]) -> Content:
    """Content lines joined by newlines."""
    return Content("\n").join(item if isinstance(item, Content) else plain(item) for item in items)


def value_text(kb, name: str, value: object) -> str:
    """The label of an answer or fact value: numbers with separators and the right unit."""
    return clean(value_words(kb, name, value), single_line=True)


def lead(prefix: str, text: object) -> str:
    """``prefix`` (a bullet, a number) then ``text``, kept on one line with it.

    Textual breaks lines only at spaces, and Chinese has none: after "  • " a Chinese
    sentence longer than the line would go whole to the next line, leaving the
    bullet alone above it.  Before Chinese text the prefix's trailing space is left
    out, so the sentence starts beside its bullet and folds from there.
    """
    shown = clean(text)
    return spacer(prefix, shown) + shown


def spacer(prefix: str, text: str) -> str:
    """``prefix`` as :func:`lead` puts it before ``text`` (for text styled apart from it)."""
    return prefix.rstrip(" ") if text and cell_len(text[0]) == 2 else prefix


def topic_label(topic: str) -> str:
    """A topic id as a heading in the current language."""
    return _(TOPICS[topic]) if topic in TOPICS else clean(topic.replace("_", " ").capitalize(), single_line=True)


def upgrading_label(kind: str) -> str:
    """``functional`` → "functional upgrading" (功能升级)."""
    return _(UPGRADING[kind]) if kind in UPGRADING else _("{kind} upgrading", kind=clean(kind, single_line=True))
