"""Switching the language of the running TUI without losing anything.

A switch makes the language current (:func:`set_language`), loads the knowledge
base in it (the same root the app was started with), moves the interview over
to it with the same answers (answers are ids and numbers: they do not depend on
the language), and asks every screen on the stack to draw itself again.

Screens draw their own labels with ``_()`` when they compose, so a screen is
composed again; what the user typed or chose in its widgets (a firm name, a
path, a number not yet submitted, a ticked box, the highlighted line, the focus)
is read before and put back after, so that nothing entered is lost.  A screen
that keeps more state than its widgets show overrides ``language_changed``.

Key descriptions (``BINDINGS``) are English in the classes; each screen and the
app get a translated copy (:func:`translate_bindings`), which Textual's footer
and key panel read.
"""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from textual.dom import DOMNode

from gvc_advisor.engine.errors import UserError
from gvc_advisor.engine.i18n import _, current_language, set_language

if TYPE_CHECKING:
    from textual.screen import Screen


def translate_bindings(node: DOMNode) -> None:
    """``node``'s key descriptions in the current language (translated from the English
    they had when first seen, so that switching back and forth never loses it)."""
    table = node._bindings.key_to_bindings
    english = getattr(node, "_english_bindings", None)
    if english is None:  # first seen: the descriptions are still the English of the code
        english = {(b.key, b.action): b.description for found in table.values() for b in found}
        node._english_bindings = english
    for key, found in table.items():
        table[key] = [replace(b, description=_(english.get((b.key, b.action), b.description)))
                      if b.description else b for b in found]
    if hasattr(node, "refresh_bindings"):
        node.refresh_bindings()


@dataclass
class Entered:
    """What the user typed or chose in a screen's widgets, by widget id."""

    texts: dict[str, str] = field(default_factory=dict)
    ticks: dict[str, bool] = field(default_factory=dict)
    highlighted: dict[str, str] = field(default_factory=dict)
    focused: str | None = None

    @classmethod
    def read(cls, screen: Screen) -> Entered:
        from textual.widgets import Checkbox, Input, OptionList, RadioButton  # not needed at launch

        entered = cls()
        for widget in screen.query(Input):
            if widget.id:
                entered.texts[widget.id] = widget.value
        for box in screen.query(Checkbox):
            if box.id and not isinstance(box, RadioButton):
                entered.ticks[box.id] = box.value
        for radio in screen.query(RadioButton):
            if radio.id and radio.value:
                entered.ticks[radio.id] = True
        for menu in screen.query(OptionList):
            option = menu.highlighted_option
            if menu.id and option is not None and option.id is not None:
                entered.highlighted[menu.id] = option.id
        focused = screen.focused
        entered.focused = focused.id if focused is not None else None
        return entered

    def restore(self, screen: Screen) -> None:
        from textual.widgets import Checkbox, Input, OptionList, RadioButton
        from textual.widgets.option_list import OptionDoesNotExist

        for widget in screen.query(Input):
            if widget.id in self.texts and widget.value != self.texts[widget.id]:
                with widget.prevent(Input.Changed):
                    widget.value = self.texts[widget.id]
        for box in screen.query(Checkbox):
            if box.id in self.ticks:
                box.value = self.ticks[box.id]
        for radio in screen.query(RadioButton):
            if radio.id in self.ticks:
                radio.value = True
        for menu in screen.query(OptionList):
            wanted = self.highlighted.get(menu.id or "")
            if wanted is not None:
                with suppress(OptionDoesNotExist):  # the option is gone: keep the new highlight
                    menu.highlighted = menu.get_option_index(wanted)
        if self.focused:
            found = screen.query(f"#{self.focused}")
            if found:
                found.first().focus()


def language_names(kb_root=None) -> dict[str, str]:
    """code → the language's own name (简体中文, English), as the menus show it."""
    from gvc_advisor.engine.i18n.languages import available_languages

    return {code: language.native_name for code, language in available_languages(kb_root).items()}


async def switch_language(app, code: str) -> bool:
    """Make ``code`` the app's language; False (with a message) if it is unknown."""
    from gvc_advisor.engine.interview import Interview
    from gvc_advisor.engine.kb.loader import load_knowledge_base

    names = language_names(app.kb_root)
    if code not in names:
        app.notify(_("Unknown language: {code}", code=code), severity="error")
        return False
    if code == current_language() and app.kb.language == code:
        return True
    previous = current_language()
    set_language(code)
    kb = app.knowledge_bases.get(code)
    if kb is None:
        try:
            kb = load_knowledge_base(app.kb_root, language=code)
        except UserError as exc:  # it does not load: say where, and stay in the old language
            set_language(previous)
            app.notify(_("Cannot switch to {name}: {problems}", name=names[code], problems=exc.report()),
                       severity="error", timeout=15)
            return False
        app.knowledge_bases[code] = kb
    app.kb = kb
    if app.interview is not None:
        old = app.interview
        app.interview = Interview(kb)
        app.interview.load(dict(old.answers), set(old.skipped), list(old.history))
    if app.session is not None:
        app.session.language = code
    app.revision += 1
    app.autosave()
    app.relabel()
    for screen in list(app.screen_stack):
        translate_bindings(screen)
        changed = getattr(screen, "language_changed", None)
        if changed is not None and screen.is_attached:
            await changed()
        for widget in screen.query("KeyBar"):
            widget.refresh()
    return True


async def recompose_keeping_input(screen: Screen) -> Entered:
    """Compose ``screen`` again in the current language; what was entered is kept."""
    entered = Entered.read(screen)
    await screen.recompose()
    entered.restore(screen)
    return entered
