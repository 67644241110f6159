"""``advise`` and ``explain``: advice and explanations for an answers file."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sys
from pathlib import Path

import click

from gvc_advisor.cli.base import consult_answers, guarded, kb_option
from gvc_advisor.cli.translated_help import TranslatedCommand
from gvc_advisor.engine.errors import UserError
from gvc_advisor.engine.i18n import N_, _


def report_date(given: dt.datetime | None) -> dt.date:
    """The date printed on a report: --date, else SOURCE_DATE_EPOCH (reproducible builds), else today."""
    if given is not None:
        return given.date()
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        if not epoch.isdigit():
            raise UserError(_("SOURCE_DATE_EPOCH must be a whole number of seconds, not {value}", value=repr(epoch)),
                            file="<environment>")
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return dt.date.today()


def more_hint(answers_path: str) -> str:
    """The last line of page one in the terminal: where the rest of the report is."""
    return _("The strategies in detail, the evidence and the sources: {command}",
             command=f"gvc-advisor advise {answers_path} --format html > plan.html")


@click.command(cls=TranslatedCommand, help=N_("Advise on the answers in ANSWERS.yaml ('-' reads standard input)."))
@click.argument("answers_path", metavar="ANSWERS.yaml")
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "html", "json"]), default=None,
              help=N_("text: page one for the terminal (the default on a terminal); markdown: the whole report "
                      "(the default when the output is a pipe or a file); html: one self-contained page that "
                      "prints on A4; json: the data, deterministic."))
@click.option("--date", "date", type=click.DateTime(formats=["%Y-%m-%d"]), default=None, metavar="YYYY-MM-DD",
              help=N_("Date printed on the report (default: SOURCE_DATE_EPOCH if set, else today)."))
@kb_option
@guarded
def advise(answers_path: str, fmt: str | None, date: dt.datetime | None, kb_dir: Path | None) -> None:
    from gvc_advisor.services import report

    terminal = sys.stdout.isatty()
    fmt = fmt or ("text" if terminal else "markdown")
    when = report_date(date)
    kb, consultation, firm = consult_answers(kb_dir, answers_path)
    if fmt == "text":
        width = min(shutil.get_terminal_size((80, 24)).columns, 100) if terminal else 80
        text = report.to_text(kb, consultation, firm, date=when, width=max(width, 40),
                              color=terminal and not os.environ.get("NO_COLOR"), hint=more_hint(answers_path))
    else:
        text = report.FORMATS[fmt][1](kb, consultation, firm, date=when)
    click.echo(text, nl=False)


@click.command(cls=TranslatedCommand,
               help=N_("Explain a fact, recommendation or warning ID (or why it was not reached)."))
@click.argument("answers_path", metavar="ANSWERS.yaml")
@click.argument("target", metavar="ID")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help=N_("text: the explanation as an indented tree; json: the same tree as data."))
@kb_option
@guarded
def explain(answers_path: str, target: str, fmt: str, kb_dir: Path | None) -> None:
    from gvc_advisor.engine.explain import explain as explain_target
    from gvc_advisor.engine.kb.answers import closest

    kb, consultation, _firm = consult_answers(kb_dir, answers_path)
    try:
        node = explain_target(kb, consultation, target)
    except KeyError:
        known = list(kb.recommendations) + list(kb.facts) + list(kb.warnings) + list(kb.questions)
        match = closest(target, known)
        message = (_("unknown id '{id}'; did you mean '{match}'?; give a recommendation, warning, derived fact "
                     "(optionally fact=value) or question id", id=target, match=match) if match
                   else _("unknown id '{id}'; give a recommendation, warning, derived fact (optionally fact=value) "
                          "or question id", id=target))
        raise UserError(message, file="<command line>") from None
    click.echo(json.dumps(node.to_data(), indent=2) if fmt == "json" else node.to_text())


COMMANDS = [advise, explain]
