"""Resume a saved session: firm, date, progress; warns on a changed knowledge base.

Files that cannot be resumed (corrupted, hand-edited, written by a newer
version) are listed too, greyed out with the reason, so the user knows they
exist; they cannot be selected or deleted from here and are never touched.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from gvc_advisor.engine.errors import shown
from gvc_advisor.engine.i18n import N_, _, ngettext
from gvc_advisor.services.sessions import SavedSession, UnreadableSession
from gvc_advisor.tui.text import clean, join, plain, styled


class SessionsScreen(Screen):
    needs_session = False
    BINDINGS = [("escape", "app.pop_screen", N_("Back")), ("delete", "delete", N_("Delete"))]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(join((_("Saved sessions"), "bold"), _(" (newest first) — Enter resumes, Delete removes")),
                     classes="title", id="sessions-title")
        yield OptionList(id="sessions")
        yield Static("", id="sessions-note")
        yield Footer()

    def on_mount(self) -> None:
        self.title = _("Saved sessions")
        self.refresh_list()

    async def language_changed(self) -> None:
        """Compose again in the new language; the highlighted session stays highlighted."""
        from gvc_advisor.tui.language import Entered

        entered = Entered.read(self)
        await self.recompose()
        self.on_mount()
        entered.restore(self)

    def refresh_list(self) -> None:
        from gvc_advisor.tui.language import language_names

        sessions, unreadable = self.app.store.list()
        names = language_names(self.app.kb_root)
        self.sessions: dict[str, SavedSession] = {s.id: s for s in sessions}
        menu = self.query_one("#sessions", OptionList)
        menu.clear_options()
        for s in sessions:
            done, remaining = s.progress
            changed = ("  " + _("(knowledge base changed)"), "$text-warning") if s.kb_changed(self.app.kb) else ""
            when = s.updated_at.strftime("%Y-%m-%d %H:%M")
            language = names.get(s.language, s.language)
            progress = _("{answered}, {remaining} to go", answered=ngettext("{n} answered", "{n} answered", done),
                         remaining=remaining)
            menu.add_option(Option(join(clean(shown(s.firm, 50), single_line=True),
                                        f" — {when} — {progress} — {language}", changed), id=s.id))
        for bad in unreadable:
            menu.add_option(Option(styled(_("{file} — unreadable, left untouched: {reason}",
                                            file=shown(bad.name, 40), reason=shown(bad.reason, 160)),
                                          "$text-muted"), disabled=True))
        note = "" if sessions else (_("No session can be resumed.") if unreadable else _("No saved sessions yet."))
        if unreadable:
            note += "\n" + ngettext("{n} file cannot be resumed (greyed out); gvc-advisor never changes or deletes it.",
                                    "{n} files cannot be resumed (greyed out); gvc-advisor never changes or "
                                    "deletes them.", len(unreadable))
        self.query_one("#sessions-note", Static).update(
            plain(note.strip() + "\n" + _("Folder: {folder}", folder=shown(self.app.store.directory, 200))))
        if sessions:
            menu.highlighted = 0
        menu.focus()

    async def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        saved = self.sessions.get(event.option.id or "")
        if saved is None:
            return
        if saved.language != self.app.kb.language:  # the session is resumed in its own language
            await self.app.switch_language(saved.language)
        answers, skipped, history, problems = saved.restore(self.app.kb)
        if saved.kb_changed(self.app.kb):
            self.app.notify(_("This session was saved with another version of the knowledge base; "
                              "the advice may differ."), severity="warning", timeout=8)
        for problem in problems:
            self.app.notify(clean(problem), severity="warning", timeout=8)
        self.app.pop_screen()
        self.app.start_session(saved.firm, answers, skipped, history, session=saved)

    def action_delete(self) -> None:
        menu = self.query_one("#sessions", OptionList)
        if menu.highlighted is None:
            return
        session_id = menu.get_option_at_index(menu.highlighted).id
        if session_id not in self.sessions:
            return
        try:
            self.app.store.delete(session_id)
        except (OSError, UnreadableSession) as exc:
            self.app.notify(clean(_("Not deleted: {reason}", reason=shown(exc, 160))), severity="error")
        else:
            self.app.notify(_("Session deleted."))
        self.refresh_list()
