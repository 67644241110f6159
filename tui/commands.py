"""The command palette (Ctrl+P): the app's commands, Textual's own, and one entry
per language, every title and help in the current language.

The language entries keep the word "Language" and name each language in its
own words ("Language: 简体中文"), so that a user who cannot read the current
language still finds the way back to theirs.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import partial

from textual.app import SystemCommand

from gvc_advisor.engine.i18n import N_, _

#: The command palette's entries: title, help, screen name (see :func:`screens.by_name`).
COMMANDS = [
    (N_("New interview"), N_("Start interviewing a new firm"), "new"),
    (N_("Resume a session"), N_("Continue a saved interview"), "sessions"),
    (N_("Results"), N_("Recommendations for the current firm"), "results"),
    (N_("All answers"), N_("Every question by topic; change any answer"), "answers"),
    (N_("What-if"), N_("Change answers and compare the advice"), "whatif"),
    (N_("Export"), N_("Write the consultation as Markdown, JSON or HTML"), "export"),
    (N_("Worked cases"), N_("Browse the firm profiles from the papers"), "cases"),
    (N_("Glossary"), N_("Concepts of the framework"), "glossary"),
    (N_("Training exercise"), N_("Diagnose a firm, commit, then see the system's answer and why"), "training"),
    (N_("Compare firms"), N_("Diagnoses and plans side by side, and why they differ"), "compare"),
    (N_("Cluster roll-up"), N_("A survey, a workshop folder or answers files rolled up"), "rollup"),
]
#: Textual's own commands, translated where the palette shows them.
TEXTUAL_COMMANDS = (
    N_("Theme"), N_("Change the current theme"), N_("Quit"), N_("Quit the application as soon as possible"),
    N_("Keys"), N_("Hide the keys and widget help panel"),
    N_("Show help for the focused widget and a summary of available keys"), N_("Minimize"),
    N_("Minimize the widget and restore to normal size"), N_("Maximize"), N_("Maximize the focused widget"),
    N_("Screenshot"), N_("Save an SVG 'screenshot' of the current screen"),
    N_("palette"),  # the command palette's key in Textual's footer
)



def palette(app, inherited: Iterable[SystemCommand]) -> Iterator[SystemCommand]:
    """Textual's commands (translated), a language switch per language, then the app's."""
    from gvc_advisor.tui.language import language_names

    for command in inherited:
        yield SystemCommand(_(command.title), _(command.help), command.callback, command.discover)
    for code, name in language_names(app.kb_root).items():
        yield SystemCommand(f"Language: {name}", _("Show everything in {name}; answers are kept", name=name),
                            partial(app.run_worker_language, code))
    for title, help_text, target in COMMANDS:
        yield SystemCommand(_(title), _(help_text), partial(app._push, target))
    yield SystemCommand(_("Presentation mode"), _("Large, high-contrast view for a projector (F9)"),
                        app.action_present)
