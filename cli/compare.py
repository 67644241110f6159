"""``compare``: firms side by side — diagnoses, plans, and what differs and why."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import click

from gvc_advisor.cli.base import guarded, kb_option, load_kb
from gvc_advisor.cli.output import write_output
from gvc_advisor.cli.translated_help import TranslatedCommand
from gvc_advisor.engine.i18n import N_, _


@click.command(cls=TranslatedCommand, help=N_(
    "Compare firms: their diagnoses and plans side by side, and which answers lead to which different advice."
    "\n\nEach FIRM_FILE is an answers file (YAML, as for 'advise') or a saved interview session (.json)."))
@click.argument("paths", nargs=-1, required=True, metavar="FIRM_FILE FIRM_FILE [FIRM_FILE…]",
                type=click.Path(dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "html", "json"]), default="text",
              show_default=True, help=N_("text for the terminal, markdown, html (one page) or json (the data)."))
@click.option("--output", "-o", "output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help=N_("Write to FILE instead of standard output."))
@kb_option
@guarded
def compare(paths: tuple[Path, ...], fmt: str, output: Path | None, kb_dir: Path | None) -> None:
    from gvc_advisor.engine.errors import UserError
    from gvc_advisor.services.compare_firms import compare_firms, render
    from gvc_advisor.services.firm_files import read_firm_file

    if len(paths) < 2:
        raise UserError(_("give at least two files to compare (answers files or saved sessions)"),
                        file="<command line>")
    kb = load_kb(kb_dir)
    firms, problems = [], []
    for path in paths:
        try:
            firms.append(read_firm_file(path, kb))
        except UserError as exc:
            problems += exc.problems
    if problems:
        raise UserError(problems)
    comparison = compare_firms(kb, firms)
    to_terminal = output is None and sys.stdout.isatty()
    width = shutil.get_terminal_size().columns if to_terminal else 80
    write_output(render(kb, comparison, fmt, width=width, color=to_terminal), output)


COMMANDS = [compare]
