"""Input widgets that keep keystrokes in order, and numbers as people type them.

Textual runs an ``Input``'s own key bindings (Backspace, Delete, arrows,
Enter) only after the key has bubbled up to the app, while printable keys are
inserted at once.  Typed fast (or pasted by a terminal as keystrokes),
``9 9 ⌫ ⌫ 1 2 0 0`` therefore became ``9912``: the characters went in before
the deletions.  :class:`OrderedInput` runs its own bindings as the key
arrives, so keys act in the order they were typed.
"""

from __future__ import annotations

import re

from textual import events
from textual.widgets import Checkbox, Input, RadioButton

from gvc_advisor.engine.i18n import _


class OrderedInput(Input):
    """An ``Input`` whose editing keys act in order with typed characters."""

    async def _on_key(self, event: events.Key) -> None:
        if not event.is_printable:
            bound = self._bindings.key_to_bindings.get(event.key)
            if bound:
                event.stop()
                event.prevent_default()
                await self.run_action(bound[0].action)
                return
        await super()._on_key(event)


class Tick(Checkbox):
    """A checkbox that shows ✓ when ticked and nothing otherwise (Textual's faint
    "X" for *off* is unreadable in a light theme and reads as "ticked")."""

    @property
    def _button(self):
        self.BUTTON_INNER = "✓" if self.value else " "
        return super()._button


class Pick(RadioButton):
    """A radio button whose state shows in its shape (● or empty), not only its colour."""

    @property
    def _button(self):
        self.BUTTON_INNER = "●" if self.value else " "
        return super()._button


#: Digit-group separators people type or paste: comma, space, no-break and thin
#: spaces, apostrophe, underscore.
_GROUPED = re.compile(r"[+-]?\d{1,3}(?:([,  '’_ ])\d{3})(?:\1\d{3})*")


def parse_whole_number(text: str, low: int, high: int, unit: str = "") -> tuple[int | None, str]:
    """The number typed (thousands separators and a trailing % allowed), or why not."""
    raw = text.strip()
    if unit == "%" and raw.endswith("%"):
        raw = raw[:-1].strip()
    span = _("from {low} to {high}", low=f"{low:,}", high=f"{high:,}") + (" " + unit if unit else "")
    if not raw:
        return None, _("Please type a whole number {span}.", span=span)
    if re.fullmatch(r"[+-]?\d+", raw):
        digits = raw
    elif _GROUPED.fullmatch(raw):
        digits = re.sub(r"[,  '’_ ]", "", raw)
    elif re.fullmatch(r"[+-]?[\d,.  '’_ ]+", raw) and re.search(r"\d[.,]\d{1,2}$", raw):
        return None, _("“{raw}” is not a whole number: please round it ({span}).", raw=raw, span=span)
    elif re.fullmatch(r"[+-]?[\d,.  '’_ ]+", raw):
        return None, _("“{raw}” is ambiguous: type 1200 or 1,200 for a thousand two hundred "
                       "(no decimals); {span}.", raw=raw, span=span)
    else:
        return None, _("“{raw}” is not a number: please type digits only ({span}).", raw=raw, span=span)
    number = int(digits)
    if not low <= number <= high:
        return None, _("{number} is out of range: please type a whole number {span}.", number=f"{number:,}",
                       span=span)
    return number, ""
