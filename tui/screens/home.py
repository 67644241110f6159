"""Home: start, resume, open an answers file, browse cases and the glossary."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Button, Header, Input, OptionList, Static
from textual.widgets.option_list import Option

from gvc_advisor.engine.i18n import N_, _, current_language
from gvc_advisor.tui.screens.base import AdvisorModal, AdvisorScreen, Key, bindings
from gvc_advisor.tui.text import join, lines, plain, styled
from gvc_advisor.tui.widgets.fields import OrderedInput
from gvc_advisor.tui.widgets.keybar import KeyBar

ACTIONS = [
    ("new", N_("Start a new interview")),
    ("sessions", N_("Resume a saved session")),
    ("open", N_("Open an answers file")),
    ("cases", N_("Browse the worked cases")),
    ("training", N_("Training exercise")),
    ("glossary", N_("Glossary of concepts")),
    ("quit", N_("Quit")),
]
#: Menu ids of the language choices: ``language:zh``.
LANGUAGE = "language:"


def language_options(kb_root=None) -> list[Option]:
    """One line per other language, named in its own words ("Language: 简体中文"), so
    that whoever cannot read the current language still finds theirs."""
    from gvc_advisor.tui.language import language_names

    return [Option(plain(f"Language: {name}"), id=LANGUAGE + code)
            for code, name in language_names(kb_root).items() if code != current_language()]


class HomeScreen(AdvisorScreen):
    needs_session = False
    KEYS = [Key("enter", "choose", N_("Choose")), Key("ctrl+t", "app.toggle_theme", N_("Theme"))]
    BINDINGS = bindings(*KEYS)

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="home"):
            kb = self.app.kb
            intro = lines([join(plain(kb.meta.name, "bold"), " ", plain(kb.meta.version)), plain(kb.meta.description)])
            yield Static(intro, id="home-intro")
            actions = [(k, label) for k, label in ACTIONS if not (self.app.workshop and k == "open")]
            options = [Option(plain(_(label)), id=key) for key, label in actions]
            yield OptionList(*options[:-1], *language_options(self.app.kb_root), options[-1], id="home-menu")
        yield KeyBar()

    def action_choose(self) -> None:
        menu = self.query_one("#home-menu", OptionList)
        if menu.highlighted_option is not None:
            menu.action_select()

    def on_mount(self) -> None:
        menu = self.query_one("#home-menu", OptionList)
        menu.highlighted = 0
        menu.focus()

    async def language_changed(self) -> None:
        """Compose again; the highlight stays where it was (on the language line if the
        switch was made there, so that Enter switches back)."""
        menu = self.query_one("#home-menu", OptionList)
        before = menu.highlighted_option.id if menu.highlighted_option is not None else None
        await self.recompose()
        menu = self.query_one("#home-menu", OptionList)
        ids = [option.id or "" for option in menu.options]
        if before and before.startswith(LANGUAGE):
            menu.highlighted = next(i for i, key in enumerate(ids) if key.startswith(LANGUAGE))
        else:
            menu.highlighted = ids.index(before) if before in ids else 0
        menu.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        key = event.option.id
        if key == "quit":
            self.app.exit()
        elif key.startswith(LANGUAGE):
            self.app.run_worker_language(key.removeprefix(LANGUAGE))
        elif key == "open":
            from gvc_advisor.tui.screens.open_answers import OpenAnswersScreen

            self.app.push_screen(OpenAnswersScreen())
        else:
            self.app._push(key)


class NewInterviewScreen(AdvisorModal):
    """Ask for the firm's name, then start."""

    needs_session = False
    BINDINGS = [("escape", "dismiss", N_("Cancel"))]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(lines([styled(_("New interview"), "bold"),
                                plain(_("Name of the firm (used to list and export the session):"))]))
            yield OrderedInput(placeholder=_("e.g. Hangzhou shirt maker"), id="firm")
            yield Button(_("Start"), variant="primary", id="start")

    def on_mount(self) -> None:
        self.query_one("#firm").focus()

    def _start(self) -> None:
        firm = self.query_one("#firm", Input).value.strip() or _("Unnamed firm")
        self.dismiss()
        self.app.start_session(firm)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self._start()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self._start()
