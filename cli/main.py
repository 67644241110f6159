"""The ``gvc-advisor`` command group: with no sub-command it opens the interview TUI.

Each command lives in the module of its concern and is registered here; a
module imports its heavy dependencies inside the command, so that
``--help`` and the batch commands start fast and never load textual.
"""

from __future__ import annotations

from pathlib import Path

import click

from gvc_advisor import __version__
from gvc_advisor.cli import advice, compare, kb_tools, questions, rollup, serve, train
from gvc_advisor.cli import interview as interview_module
from gvc_advisor.cli.base import kb_option


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="gvc-advisor")
@kb_option
@click.pass_context
def cli(ctx: click.Context, kb_dir: Path | None) -> None:
    """Upgrading advice for cluster firms in global value chains.

    Without a command, opens the interactive interview.
    """
    if ctx.invoked_subcommand is None:
        ctx.invoke(interview_module.interview, kb_dir=kb_dir)


for _module in (interview_module, advice, questions, kb_tools, compare, rollup, serve, train):
    for _command in _module.COMMANDS:
        cli.add_command(_command)


def main() -> None:
    cli(prog_name="gvc-advisor")
