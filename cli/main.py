"""The ``gvc-advisor`` command group: with no sub-command it opens the interview TUI.

Each command lives in the module of its concern; this group knows the commands
by name and imports a command's module only when that command runs (or when
``--help`` lists them all), so that launching the interview pays for neither
the other commands' modules nor the libraries they import.  A module imports
its heavy dependencies inside the command, so that ``--help`` and the batch
commands start fast and never load textual.
"""

from __future__ import annotations

from importlib import import_module
from pathlib import Path

import click

from gvc_advisor import __version__
from gvc_advisor.cli.base import kb_option
from gvc_advisor.cli.language import lang_option
from gvc_advisor.cli.translated_help import TranslatedGroup, route_click_messages
from gvc_advisor.engine.i18n import N_

route_click_messages()  # click's own words ("Usage:", "Missing argument") in the user's language

#: Every command, by name → the module (in ``gvc_advisor.cli``) whose ``COMMANDS`` has it.
#: tests/test_cli.py checks that this table and the modules agree.
COMMAND_MODULES = {
    "advise": "advice", "explain": "advice",
    "compare": "compare",
    "interview": "interview",
    "questions": "questions",
    "rollup": "rollup", "template": "rollup",
    "serve": "serve",
    "train": "train",
    "translations": "translations",
    "validate": "kb_tools", "rules": "kb_tools", "schema": "kb_tools", "coverage": "kb_tools",
}


def load_command(name: str) -> click.Command:
    """The command ``name``, importing its module (a KeyError for an unknown name)."""
    module = import_module(f"gvc_advisor.cli.{COMMAND_MODULES[name]}")
    found = {command.name: command for command in module.COMMANDS}
    return found[name]


class LazyGroup(TranslatedGroup):
    """A group whose commands are imported when they are asked for (click's
    documented pattern for lazily loaded subcommands)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *COMMAND_MODULES})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMAND_MODULES:
            command = load_command(cmd_name)
            if not any(param.name == "lang" for param in command.params):
                command.params.insert(0, lang_option())  # every command speaks every language
            self.add_command(command)
        return super().get_command(ctx, cmd_name)


@click.group(cls=LazyGroup, invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]},
             help=N_("Upgrading advice for cluster firms in global value chains.\n\n"
                     "Without a command, opens the interactive interview."))
@click.version_option(__version__, "--version", prog_name="gvc-advisor")
@kb_option
@click.option("--lang", default=None, expose_value=False, is_eager=True, callback=lang_option().callback,
              metavar="CODE", help=lang_option().help)
@click.pass_context
def cli(ctx: click.Context, kb_dir: Path | None) -> None:
    # (the help is given above, marked for translation: a docstring cannot be)
    if ctx.invoked_subcommand is None:
        ctx.invoke(load_command("interview"), kb_dir=kb_dir)


def main() -> None:
    try:
        cli(prog_name="gvc-advisor")
    except BrokenPipeError:  # output flushed by click after a command had returned
        from gvc_advisor.cli.base import _quiet_broken_pipe

        _quiet_broken_pipe()
