"""Resume a saved session: firm, date, progress; warns on a changed knowledge base."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from gvc_advisor.tui.text import clean, join, plain


class SessionsScreen(Screen):
    needs_session = False
    BINDINGS = [("escape", "app.pop_screen", "Back"), ("delete", "delete", "Delete")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("[b]Saved sessions[/b] (newest first) — Enter resumes, Delete removes", classes="title")
        yield OptionList(id="sessions")
        yield Static("", id="sessions-note")
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_list()

    def refresh_list(self) -> None:
        sessions, unreadable = self.app.store.list()
        self.sessions = {s.id: s for s in sessions}
        menu = self.query_one("#sessions", OptionList)
        menu.clear_options()
        for s in sessions:
            done, remaining = s.progress
            changed = ("  (knowledge base changed)", "$text-warning") if s.kb_changed(self.app.kb) else ""
            menu.add_option(Option(join(clean(s.firm, single_line=True), f" — {s.updated.replace('T', ' ')[:16]} — "
                                        f"{done} answered, {remaining} to go", changed), id=s.id))
        note = "" if sessions else "No saved sessions yet."
        if unreadable:
            note += "\nUnreadable files (left untouched): " + "; ".join(unreadable)
        self.query_one("#sessions-note", Static).update(plain(note + f"\nFolder: {self.app.store.directory}"))
        if menu.option_count:
            menu.highlighted = 0
        menu.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        saved = self.sessions[event.option.id]
        answers, skipped, history, problems = saved.restore(self.app.kb)
        if saved.kb_changed(self.app.kb):
            self.app.notify("This session was saved with another version of the knowledge base; "
                            "the advice may differ.", severity="warning", timeout=8)
        for problem in problems:
            self.app.notify(problem, severity="warning", timeout=8)
        self.app.pop_screen()
        self.app.start_session(saved.firm, answers, skipped, history, session=saved)

    def action_delete(self) -> None:
        menu = self.query_one("#sessions", OptionList)
        if menu.highlighted is None:
            return
        session_id = menu.get_option_at_index(menu.highlighted).id
        self.app.store.delete(session_id)
        self.app.notify("Session deleted.")
        self.refresh_list()
