"""The emerging picture: the three dimensions (and the other derived facts)
as inferred so far, with their certainty, refreshed after every answer.

Laid out for the width it gets: a value and its certainty bar stay on one
line when they fit, and the bar with its number ("████░ 0.80") is never
split, so a certainty never wraps onto a line of its own.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual.content import Content
from textual.widget import Widget

from gvc_advisor.engine.i18n import _
from gvc_advisor.engine.kb.model import DIMENSIONS, KnowledgeBase
from gvc_advisor.engine.result import Consultation
from gvc_advisor.engine.text_wrap import wrap_cells
from gvc_advisor.tui.text import clean, plain, value_text

BAR = 8


def cf_bar(cf: float, width: int = BAR) -> str:
    filled = max(0, min(width, round(cf * width)))
    return "█" * filled + "░" * (width - filled)


def cf_badge(cf: float, width: int = BAR) -> str:
    """The bar and the number as one unit."""
    return f"{cf_bar(cf, width)} {cf:.2f}"


def wrap_words(text: str, width: int) -> list[str]:
    """Wrap to ``width`` terminal cells, between words and between Chinese characters, never
    before closing punctuation (:func:`gvc_advisor.engine.text_wrap.wrap_cells`, shared with the
    reports); a word wider than the line is cut into pieces."""
    return wrap_cells(" ".join(text.split()), width) or [""]


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
