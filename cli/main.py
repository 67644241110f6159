"""The ``gvc-advisor`` command line.

With no sub-command it opens the interview TUI.  Every user error (bad answers
file, invalid knowledge base, unknown id) is printed as ``file:line:col:
message`` lines on stderr with exit code 1; internal bugs exit with 70 and a
one-line request to report them (``GVC_ADVISOR_DEBUG=1`` shows the traceback).
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any

import click

from gvc_advisor import __version__
from gvc_advisor.engine.errors import GvcAdvisorError, UserError

EXIT_USER_ERROR = 1
EXIT_INTERNAL_ERROR = 70


def _guard(func: Callable[..., Any]) -> Callable[..., Any]:
    """Turn our typed errors into clean messages and exit codes."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except UserError as exc:
            click.echo(exc.report(), err=True)
            sys.exit(EXIT_USER_ERROR)
        except (GvcAdvisorError, Exception) as exc:
            if isinstance(exc, click.exceptions.ClickException | click.exceptions.Exit | click.Abort):
                raise
            if os.environ.get("GVC_ADVISOR_DEBUG"):
                raise
            click.echo(f"gvc-advisor: internal error ({type(exc).__name__}: {exc}). This is a bug; "
                       "please report it with GVC_ADVISOR_DEBUG=1 output.", err=True)
            sys.exit(EXIT_INTERNAL_ERROR)

    return wrapper


kb_option = click.option(
    "--kb", "kb_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
    help="Knowledge-base directory (with knowledge_base/ and rules/); default: the bundled one.",
)


def _kb(kb_dir: Path | None):
    from gvc_advisor.engine.loader import load_knowledge_base

    return load_knowledge_base(kb_dir)


def _consult(kb_dir: Path | None, answers_path: str):
    """(knowledge base, consultation, firm) for an answers file, read once."""
    from gvc_advisor.engine.answers import load_answers_document
    from gvc_advisor.engine.session_engine import engine_for

    kb = _kb(kb_dir)
    if answers_path == "-":
        answers, firm = load_answers_document("<stdin>", kb, text=sys.stdin.read())
    else:
        answers, firm = load_answers_document(answers_path, kb)
    return kb, engine_for(kb).consult(answers), firm


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="gvc-advisor")
@kb_option
@click.pass_context
def cli(ctx: click.Context, kb_dir: Path | None) -> None:
    """Upgrading advice for cluster firms in global value chains.

    Without a command, opens the interactive interview.
    """
    if ctx.invoked_subcommand is None:
        ctx.invoke(interview, kb_dir=kb_dir)


@cli.command()
@kb_option
@click.option("--answers", "answers_path", type=click.Path(dir_okay=False), default=None,
              help="Start from the answers in this file.")
@click.option("--firm", default=None, help="Start a new interview for this firm at once (skips the home screen).")
@_guard
def interview(kb_dir: Path | None, answers_path: str | None = None, firm: str | None = None) -> None:
    """Open the interview TUI."""
    from gvc_advisor.tui.app import run_app

    run_app(kb_dir=kb_dir, answers_path=Path(answers_path) if answers_path else None, firm=firm)


@cli.command()
@click.argument("answers_path", metavar="ANSWERS.yaml")
@click.option("--format", "fmt", type=click.Choice(["json", "markdown", "html"]), default="markdown",
              show_default=True)
@kb_option
@_guard
def advise(answers_path: str, fmt: str, kb_dir: Path | None) -> None:
    """Advise on the answers in ANSWERS.yaml ('-' reads standard input)."""
    from gvc_advisor.engine import report

    kb, consultation, firm = _consult(kb_dir, answers_path)
    render = {"json": report.to_json, "markdown": report.to_markdown, "html": report.to_html}[fmt]
    click.echo(render(kb, consultation, firm), nl=False)


@cli.command()
@click.argument("answers_path", metavar="ANSWERS.yaml")
@click.argument("target", metavar="ID")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@kb_option
@_guard
def explain(answers_path: str, target: str, fmt: str, kb_dir: Path | None) -> None:
    """Explain a fact, recommendation or warning ID (or why it was not reached)."""
    from gvc_advisor.engine.explain import explain as explain_target
    from gvc_advisor.engine.validation_report import suggest

    kb, consultation, _ = _consult(kb_dir, answers_path)
    try:
        node = explain_target(kb, consultation, target)
    except KeyError:
        known = list(kb.recommendations) + list(kb.facts) + list(kb.warnings) + list(kb.questions)
        raise UserError(f"unknown id '{target}'{suggest(target, known)}; give a recommendation, "
                        "warning, derived fact (optionally fact=value) or question id",
                        file="<command line>") from None
    click.echo(json.dumps(node.to_data(), indent=2) if fmt == "json" else node.to_text())


@cli.command()
@kb_option
@click.option("--strict", is_flag=True, help="Treat lint warnings as errors.")
@_guard
def validate(kb_dir: Path | None, strict: bool) -> None:
    """Lint a knowledge base: schema, cross-references, reachability."""
    kb = _kb(kb_dir)
    for problem in kb.lint:
        click.echo(problem.format(), err=True)
    counts = (f"{len(kb.questions)} questions, {len(kb.facts)} derived facts, {len(kb.rules)} rules, "
              f"{len(kb.recommendations)} recommendations, {len(kb.warnings)} warnings, "
              f"{len(kb.cases)} worked cases")
    if kb.lint and strict:
        click.echo(f"{len(kb.lint)} warning(s) in strict mode ({counts})", err=True)
        sys.exit(EXIT_USER_ERROR)
    click.echo(f"OK: {kb.meta.name} {kb.meta.version} (hash {kb.content_hash}): {counts}"
               + (f"; {len(kb.lint)} warning(s)" if kb.lint else ""))


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@kb_option
@_guard
def rules(fmt: str, kb_dir: Path | None) -> None:
    """List the rules: id, title, conclusions and sources."""
    from gvc_advisor.engine.schema.rules import conclusion_key

    kb = _kb(kb_dir)
    rows = []
    for rule in kb.rules:
        conclusions = []
        for action in rule.then:
            kind, target, value = conclusion_key(action)
            text = f"{target}={value}" if kind == "fact" else f"{kind}:{target}"
            conclusions.append({"conclusion": text, "cf": action.cf})
        rows.append({
            "id": rule.id, "title": rule.title, "conclusions": conclusions,
            "sources": [f"{s.key} §{s.section}" for s in rule.sources],
            "defined_at": str(kb.origin("rule", rule.id)),
        })
    if fmt == "json":
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    for row in rows:
        concl = ", ".join(f"{c['conclusion']} ({c['cf']:+.2f})" for c in row["conclusions"])
        click.echo(f"{row['id']}: {row['title']}\n    → {concl}\n    sources: {'; '.join(row['sources'])}")


@cli.command()
@click.option("--kind", type=click.Choice(["kb-file", "case-file"]), default="kb-file", show_default=True)
def schema(kind: str) -> None:
    """Print the JSON Schema of knowledge-base files (for editor validation)."""
    from gvc_advisor.engine.schema import FILE_MODELS

    model = FILE_MODELS[kind]
    data = model.model_json_schema(by_alias=True)
    data["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    data["title"] = f"gvc-advisor {kind}"
    click.echo(json.dumps(data, indent=2, sort_keys=True))


@cli.command()
@kb_option
@_guard
def coverage(kb_dir: Path | None) -> None:
    """The framework grid: advice in each governance × driver × status cell."""
    from gvc_advisor.engine.coverage import coverage_grid, format_grid

    kb = _kb(kb_dir)
    grid = coverage_grid(kb)
    click.echo(format_grid(kb, grid))
    if any(cell.empty or cell.contradictions for cell in grid):
        sys.exit(EXIT_USER_ERROR)


def main() -> None:
    cli(prog_name="gvc-advisor")
