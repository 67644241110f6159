"""``gvc-advisor interview``: the Textual TUI (the only module that imports it)."""

from __future__ import annotations

from pathlib import Path

import click

from gvc_advisor.cli.base import guarded, kb_option
from gvc_advisor.cli.translated_help import TranslatedCommand
from gvc_advisor.engine.errors import UserError
from gvc_advisor.engine.i18n import N_, _


@click.command(cls=TranslatedCommand, help=N_("Open the interview TUI."))
@kb_option
@click.option("--answers", "answers_path", type=click.Path(dir_okay=False), default=None,
              help=N_("Start from the answers in this file."))
@click.option("--firm", default=None,
              help=N_("Start a new interview for this firm at once (skips the home screen)."))
@click.option("--workshop", is_flag=True, hidden=True,
              help="A participant's interview under 'gvc-advisor serve': no access to the server's files.")
@guarded
def interview(kb_dir: Path | None, answers_path: str | None = None, firm: str | None = None,
              workshop: bool = False) -> None:
    from gvc_advisor.engine.kb.answers import firm_name_problem
    from gvc_advisor.engine.kb.bounded_read import names_standard_input
    from gvc_advisor.engine.rete.collector import collector_paused

    with collector_paused():  # imports make only what the process keeps (see run_app)
        from gvc_advisor.tui.app import run_app

    if firm is not None and (problem := firm_name_problem(firm)):
        raise UserError(problem.replace("'firm'", "'--firm'"), file="<command line>")
    if answers_path is not None and (answers_path == "-" or names_standard_input(Path(answers_path))):
        raise UserError(_("the interview reads its keys from the terminal, so '--answers' cannot be standard "
                          "input; give the path of an answers file"), file="<command line>")

    run_app(kb_dir=kb_dir, answers_path=Path(answers_path) if answers_path else None, firm=firm,
            workshop=workshop)


def open_training(kb, exercises: list, trainee: str | None, results: Path) -> None:
    """``gvc-advisor train``: the TUI at the training screen (the exercises given, in order, or a choice)."""
    from gvc_advisor.engine.errors import UserError
    from gvc_advisor.tui.training_app import run_training

    try:
        results.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(_("cannot create the results folder {folder}: {reason}", folder=results,
                          reason=exc.strerror), file="--results") from None
    run_training(kb, exercises, trainee, results)


COMMANDS = [interview]
