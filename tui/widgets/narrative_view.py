"""Shows a :mod:`~gvc_advisor.engine.narrative` (an explanation in a manager's
words) wrapped to the widget's width, with hanging indents so that a long
line continues under its own text, not under its bullet."""

from __future__ import annotations

from rich.cells import cell_len
from textual.content import Content
from textual.widget import Widget

from gvc_advisor.engine.narrative import BULLETS, Line
from gvc_advisor.tui.text import clean
from gvc_advisor.tui.widgets.picture import wrap_words

STYLES = {
    "headline": "bold", "certainty": "$text-success", "general": "bold", "because": "italic",
    "fits": "$text-muted", "said": "", "found": "", "stated": "", "absent": "$text-muted",
    "unmet": "$text-error", "note": "$text-warning", "sources": "$text-muted",
}
BULLETED = ("said", "found", "stated", "absent", "unmet")


def wrapped(narrative: list[Line], width: int) -> list[Content]:
    """The narrative as display lines of at most ``width`` cells."""
    out: list[Content] = []
    for line in narrative:
        if out and line.depth == 0 and line.kind in ("headline", "general", "sources"):
            out.append(Content(""))
        indent = "  " * line.depth
        bullet = BULLETS.get(line.depth, "") if line.kind in BULLETED else ""
        hang = indent + " " * len(bullet)
        room = max(10, width - cell_len(hang))
        style = STYLES.get(line.kind, "")
        for i, part in enumerate(wrap_words(clean(line.text, single_line=True), room)):
            lead = indent + bullet if i == 0 else hang
            out.append(Content.assemble(lead, (part, style)) if style else Content(lead + part))
    return out


def render_lines(narrative: list[Line], width: int = 0) -> Content:
    """For a plain ``Static`` (no hanging indents): one Content, Textual wraps it."""
    if width:
        return Content("\n").join(wrapped(narrative, width))
    parts = []
    for line in narrative:
        bullet = BULLETS.get(line.depth, "") if line.kind in BULLETED else ""
        style = STYLES.get(line.kind, "")
        text = "  " * line.depth + bullet + clean(line.text, single_line=True)
        parts.append(Content.styled(text, style) if style else Content(text))
    return Content("\n").join(parts)


class NarrativeView(Widget):
    """A narrative, re-wrapped whenever the width changes."""

    DEFAULT_CSS = "NarrativeView { height: auto; }"

    def __init__(self, narrative: list[Line] | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.narrative = narrative or []

    def show(self, narrative: list[Line]) -> None:
        self.narrative = narrative
        self.refresh(layout=True)

    @property
    def text(self) -> str:
        """Everything shown, as plain text (for tests and copying)."""
        return "\n".join(line.text for line in self.narrative)

    def get_content_height(self, container, viewport, width: int) -> int:
        return len(wrapped(self.narrative, width))

    def render(self) -> Content:
        return Content("\n").join(wrapped(self.narrative, self.size.width or 80))
