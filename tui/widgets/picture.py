"""The emerging picture: the three dimensions (and the other derived facts)
as inferred so far, with their certainty, refreshed after every answer.

Laid out for the width it gets: a value and its certainty bar stay on one
line when they fit, and the bar with its number ("████░ 0.80") is never
split, so a certainty never wraps onto a line of its own.
"""

from __future__ import annotations

import re

from rich.cells import cell_len
from textual.content import Content
from textual.widget import Widget

from gvc_advisor.engine.i18n import _
from gvc_advisor.engine.kb.model import DIMENSIONS, KnowledgeBase
from gvc_advisor.engine.result import Consultation
from gvc_advisor.tui.text import clean, plain, value_text

BAR = 8


def cf_bar(cf: float, width: int = BAR) -> str:
    filled = max(0, min(width, round(cf * width)))
    return "█" * filled + "░" * (width - filled)


def cf_badge(cf: float, width: int = BAR) -> str:
    """The bar and the number as one unit."""
    return f"{cf_bar(cf, width)} {cf:.2f}"


#: A Chinese (or Japanese) character, with the closing punctuation that must not start a line.
_WIDE = "\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef"
_CLOSING = "，。；：？！、）》」』”’"
_TOKEN = re.compile(rf"(\s*)((?:[{_WIDE}]|[^\s{_WIDE}]+)[{_CLOSING}]*)")


def _cut(word: str, width: int) -> list[str]:
    """A word wider than ``width`` cells, in pieces of at most ``width`` cells."""
    pieces, piece = [], ""
    for char in word:
        if piece and cell_len(piece + char) > width:
            pieces.append(piece)
            piece = ""
        piece += char
    return [*pieces, piece] if piece else pieces


def wrap_words(text: str, width: int) -> list[str]:
    """Greedy wrap to ``width`` terminal cells: between words, and between any two Chinese
    characters (which take two cells each and need no space to break); a word wider
    than the line is cut into pieces."""
    lines: list[str] = []
    line = ""
    for space, word in _TOKEN.findall(text):
        joiner = " " if space and line else ""
        if cell_len(line) + len(joiner) + cell_len(word) <= width:
            line += joiner + word
            continue
        if line:
            lines.append(line)
        *whole, line = _cut(word, width) or [""]
        lines += whole
    if line:
        lines.append(line)
    return lines or [""]


def labelled_value(label: str, badge: str, width: int, indent: int = 2) -> list[Content]:
    """``label`` then ``badge`` on the same line if both fit, else the badge on the next line."""
    pad = " " * indent
    room = max(8, width - indent)
    words = wrap_words(label, room)
    if cell_len(words[-1]) + 2 + cell_len(badge) <= room:
        last = Content.assemble(pad + words[-1] + "  ", (badge, "$text-muted"))
        return [Content(pad + w) for w in words[:-1]] + [last]
    return [Content(pad + w) for w in words] + [Content.styled(pad + badge, "$text-muted")]


class EmergingPicture(Widget):
    """Two lines or so per fact: its name, then its value and certainty."""

    DEFAULT_CSS = "EmergingPicture { height: auto; }"

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._rows: list[tuple[str, str | None, float, bool]] = []

    def show(self, kb: KnowledgeBase, consultation: Consultation) -> None:
        """Take the facts to show; repaint only if something changed."""
        rows = []
        for name in list(DIMENSIONS) + [f for f in kb.facts if f not in DIMENSIONS]:
            best = consultation.value_of(name)
            if best is None:
                rows.append((clean(kb.facts[name].label, True), None, 0.0, False))
                continue
            value, cf = best
            stated = consultation.facts[name][value].stated is not None
            rows.append((clean(kb.facts[name].label, True), value_text(kb, name, value), cf, stated))
        if rows != self._rows:
            self._rows = rows
            self.refresh(layout=True)

    def _lines(self, width: int) -> list[Content]:
        out: list[Content] = []
        for label, value, cf, stated in self._rows:
            out += [plain(line, "bold") for line in wrap_words(label, max(8, width))]
            if value is None:
                out.append(Content.styled("  " + _("not yet known"), "$text-muted"))
            else:
                out += labelled_value(value + (_(" (stated)") if stated else ""), cf_badge(cf), width)
        return out

    def get_content_height(self, container, viewport, width: int) -> int:
        return len(self._lines(width))

    def render(self) -> Content:
        return Content("\n").join(self._lines(self.size.width or 30))
