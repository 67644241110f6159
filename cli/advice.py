"""``advise`` and ``explain``: advice and explanations for an answers file."""

from __future__ import annotations

import json
from pathlib import Path

import click

from gvc_advisor.cli.base import consult_answers, guarded, kb_option
from gvc_advisor.engine.errors import UserError


@click.command()
@click.argument("answers_path", metavar="ANSWERS.yaml")
@click.option("--format", "fmt", type=click.Choice(["json", "markdown", "html"]), default="markdown",
              show_default=True)
@kb_option
@guarded
def advise(answers_path: str, fmt: str, kb_dir: Path | None) -> None:
    """Advise on the answers in ANSWERS.yaml ('-' reads standard input)."""
    from gvc_advisor.services import report

    kb, consultation, firm = consult_answers(kb_dir, answers_path)
    render = {"json": report.to_json, "markdown": report.to_markdown, "html": report.to_html}[fmt]
    click.echo(render(kb, consultation, firm), nl=False)


@click.command()
@click.argument("answers_path", metavar="ANSWERS.yaml")
@click.argument("target", metavar="ID")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@kb_option
@guarded
def explain(answers_path: str, target: str, fmt: str, kb_dir: Path | None) -> None:
    """Explain a fact, recommendation or warning ID (or why it was not reached)."""
    from gvc_advisor.engine.explain import explain as explain_target
    from gvc_advisor.engine.kb.validation_report import suggest

    kb, consultation, _ = consult_answers(kb_dir, answers_path)
    try:
        node = explain_target(kb, consultation, target)
    except KeyError:
        known = list(kb.recommendations) + list(kb.facts) + list(kb.warnings) + list(kb.questions)
        raise UserError(f"unknown id '{target}'{suggest(target, known)}; give a recommendation, "
                        "warning, derived fact (optionally fact=value) or question id",
                        file="<command line>") from None
    click.echo(json.dumps(node.to_data(), indent=2) if fmt == "json" else node.to_text())


COMMANDS = [advise, explain]
