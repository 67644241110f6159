"""What every screen of the app shares: the key bar, presentation mode, and
redrawing only when the interview changed.

The app counts changes (:attr:`AdvisorApp.revision`, bumped by
``app.changed()`` after every answer, skip, back or edit).  A screen redraws
its state-dependent parts in :meth:`AdvisorScreen.redraw`, which
:meth:`sync` calls only when the count moved since the last drawing: on
mount, on resume (returning from a dialog or another screen), and when the
screen itself changed something.  So a dialog that changed nothing costs
nothing on its way out, and a change is drawn exactly once.
"""

from __future__ import annotations

from textual.screen import ModalScreen, Screen

from gvc_advisor.tui.widgets.keybar import Key, bindings

__all__ = ["AdvisorModal", "AdvisorScreen", "Key", "bindings"]


class _Shared:
    #: Keys of this screen, most important first (see widgets.keybar).
    KEYS: list[Key] = []
    #: Whether the screen needs an interview in progress.
    needs_session = False

    _drawn_revision: int | None = None

    def _sync_presenting(self) -> None:
        self.set_class(bool(getattr(self.app, "presenting", False)), "-presenting")

    async def sync(self, force: bool = False) -> None:
        """Redraw if the interview changed since the last drawing (or if forced)."""
        revision = getattr(self.app, "revision", 0)
        if force or self._drawn_revision != revision:
            self._drawn_revision = revision
            await self.redraw()

    async def redraw(self) -> None:
        """Draw everything that depends on the interview; screens override it."""

    async def language_changed(self) -> None:
        """The language changed (see :mod:`gvc_advisor.tui.language`): compose again in
        it, keep what the user entered, redo what mounting did, and redraw."""
        from gvc_advisor.tui.language import Entered

        entered = Entered.read(self)
        await self.recompose()
        await self.remounted()
        self._drawn_revision = None
        await self.sync()
        entered.restore(self)

    async def remounted(self) -> None:
        """Redo, after composing again, what ``on_mount`` did beyond drawing
        (titles, lists filled once); screens override it."""

    def presentation_changed(self) -> None:
        """Called when presentation mode is switched on or off."""
        self._sync_presenting()


class AdvisorScreen(_Shared, Screen):
    async def on_mount(self) -> None:
        """Draw now, unless ``compose`` already drew this revision (it sets ``_drawn_revision``)."""
        self._sync_presenting()
        await self.sync()

    async def on_screen_resume(self) -> None:
        self._sync_presenting()
        await self.sync()


class AdvisorModal(_Shared, ModalScreen):
    def on_mount(self) -> None:
        self._sync_presenting()
