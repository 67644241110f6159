"""A one-line key bar that always fits, instead of Textual's ``Footer``.

Why not ``Footer``: it recomposes a widget per key whenever the focus moves,
which cost most of each transition's time, and at 80 columns it cuts the
last keys off (F7 and F8 were lost).  Here each screen lists its keys once,
most important first, each with a long and a short label; the bar shows the
long labels if they fit, else the short ones, else drops keys from the end
(F1 lists them all).  A click on a key presses it.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.widget import Widget

from gvc_advisor.engine.i18n import N_, _

GAP = "  "


@dataclass(frozen=True)
class Key:
    """A key of a screen: its binding and how the key bar names it."""

    keys: str  # Textual key names, comma-separated: "f2,w"
    action: str
    label: str  # English, marked with N_(); shown with _()
    short: str = ""
    show: bool = True
    display: str = ""

    @property
    def shown_key(self) -> str:
        if self.display:
            return self.display
        first = self.keys.split(",")[0]
        names = {"escape": "Esc", "enter": "Enter", "delete": "Del", "space": "Space"}
        if first in names:
            return names[first]
        if first.startswith("ctrl+"):
            return "^" + first[5:].upper()
        if len(first) == 1:
            return first
        return first.upper() if len(first) <= 3 else first.capitalize()

    def binding(self) -> Binding:
        return Binding(self.keys, self.action, self.label, show=False)  # translated per screen

    @property
    def long_text(self) -> str:
        return _(self.label)

    @property
    def short_text(self) -> str:
        return _(self.short) if self.short else self.long_text


def bindings(*keys: Key) -> list[Binding]:
    return [key.binding() for key in keys]


#: Keys every screen has (the app binds them); shown after the screen's own.
GLOBAL = (Key("f1", "app.help", N_("Help")), Key("ctrl+p", "app.command_palette", N_("Menu")),
          Key("ctrl+q", "app.quit", N_("Quit")))


def layout(keys: list[Key], width: int) -> list[tuple[Key, str]]:
    """The keys and labels that fit in ``width`` cells, most important first."""
    shown = [k for k in keys if k.show]
    for use_short in (False, True):
        items = [(k, k.short_text if use_short else k.long_text) for k in shown]
        if _width(items) <= width:
            return items
    items = [(k, k.short_text) for k in shown]
    while items and _width(items) > width:
        # Keep Help to the end: it lists every key that had to go.
        drop = next((i for i in range(len(items) - 1, -1, -1) if items[i][0].keys != "f1"), len(items) - 1)
        items.pop(drop)
    return items


def _width(items: list[tuple[Key, str]]) -> int:
    """Cells, not characters: a Chinese label takes two cells per character."""
    gaps = len(GAP) * max(0, len(items) - 1)
    return sum(cell_len(k.shown_key) + 1 + cell_len(label) for k, label in items) + gaps + 1


class KeyBar(Widget):
    """Renders ``screen.KEYS`` (plus Help and Menu) in one line."""

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        background: $panel;
        color: $foreground;
    }
    """

    def __init__(self, keys: list[Key] | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self._keys = keys
        self._spans: list[tuple[int, int, Key]] = []

    @property
    def keys(self) -> list[Key]:
        own = self._keys if self._keys is not None else list(getattr(self.screen, "KEYS", ()))
        return own + [k for k in GLOBAL if k.action not in {o.action for o in own}]

    def set_keys(self, keys: list[Key]) -> None:
        self._keys = keys
        self.refresh()

    def render(self) -> Content:
        parts: list[Content | tuple[str, str] | str] = [" "]
        self._spans = []
        position = 1
        for i, (key, label) in enumerate(layout(self.keys, self.size.width or 80)):
            if i:
                parts.append(GAP)
                position += len(GAP)
            text = f"{key.shown_key} {label}"
            parts.append((key.shown_key, "bold $text-accent"))
            parts.append(" " + label)
            self._spans.append((position, position + cell_len(text), key))
            position += cell_len(text)
        return Content.assemble(*parts)

    def on_click(self, event: events.Click) -> None:
        for start, end, key in self._spans:
            if start <= event.x < end:
                self.app.simulate_key(key.keys.split(",")[0])
                return
