"""Home: start, resume, open an answers file, browse cases and the glossary."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Button, Header, Input, OptionList, Static
from textual.widgets.option_list import Option

from gvc_advisor.tui.screens.base import AdvisorModal, AdvisorScreen, Key, bindings
from gvc_advisor.tui.text import join, lines, plain, styled
from gvc_advisor.tui.widgets.fields import OrderedInput
from gvc_advisor.tui.widgets.keybar import KeyBar

ACTIONS = [
    ("new", "Start a new interview"),
    ("sessions", "Resume a saved session"),
    ("open", "Open an answers file"),
    ("cases", "Browse the worked cases"),
    ("training", "Training exercise"),
    ("glossary", "Glossary of concepts"),
    ("quit", "Quit"),
]


class HomeScreen(AdvisorScreen):
    needs_session = False
    KEYS = [Key("enter", "choose", "Choose"), Key("ctrl+t", "app.toggle_theme", "Theme")]
    BINDINGS = bindings(*KEYS)

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="home"):
            kb = self.app.kb
            intro = lines([join(plain(kb.meta.name, "bold"), " ", plain(kb.meta.version)), plain(kb.meta.description)])
            yield Static(intro, id="home-intro")
            actions = [(k, label) for k, label in ACTIONS if not (self.app.workshop and k == "open")]
            yield OptionList(*[Option(plain(label), id=key) for key, label in actions], id="home-menu")
        yield KeyBar()

    def action_choose(self) -> None:
        menu = self.query_one("#home-menu", OptionList)
        if menu.highlighted_option is not None:
            menu.action_select()

    def on_mount(self) -> None:
        menu = self.query_one("#home-menu", OptionList)
        menu.highlighted = 0
        menu.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        key = event.option.id
        if key == "quit":
            self.app.exit()
        elif key == "open":
            from gvc_advisor.tui.screens.open_answers import OpenAnswersScreen

            self.app.push_screen(OpenAnswersScreen())
        else:
            self.app._push(key)


class NewInterviewScreen(AdvisorModal):
    """Ask for the firm's name, then start."""

    needs_session = False
    BINDINGS = [("escape", "dismiss", "Cancel")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(lines([styled("New interview", "bold"),
                                plain("Name of the firm (used to list and export the session):")]))
            yield OrderedInput(placeholder="e.g. Hangzhou shirt maker", id="firm")
            yield Button("Start", variant="primary", id="start")

    def on_mount(self) -> None:
        self.query_one("#firm").focus()

    def _start(self) -> None:
        firm = self.query_one("#firm", Input).value.strip() or "Unnamed firm"
        self.dismiss()
        self.app.start_session(firm)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self._start()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self._start()
