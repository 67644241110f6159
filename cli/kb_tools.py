"""Commands for knowledge-base authors: validate, rules, schema, coverage."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from gvc_advisor.cli.base import EXIT_USER_ERROR, guarded, kb_option, load_kb


@click.command()
@click.argument("case_files", nargs=-1, metavar="[CASE_FILE]…", type=click.Path(path_type=Path))
@kb_option
@click.option("--strict", is_flag=True, help="Treat lint warnings as errors.")
@guarded
def validate(case_files: tuple[Path, ...], kb_dir: Path | None, strict: bool) -> None:
    """Lint a knowledge base: schema, cross-references, reachability, and the
    worked cases (each must still produce the diagnosis and advice it expects).

    Each CASE_FILE (a trainer's exercise kept outside the knowledge base) is
    checked the same way against it.
    """
    from gvc_advisor.engine.cases import case_problems, expectation_problems
    from gvc_advisor.engine.errors import KnowledgeBaseError
    from gvc_advisor.engine.i18n.status import language_statuses
    from gvc_advisor.engine.kb.case_file import read_case_file
    from gvc_advisor.engine.kb.loader import load_knowledge_base

    kb = load_knowledge_base(kb_dir, language="en")  # the source texts; translations are checked below
    languages = language_statuses(kb)
    translation_findings = [p for status in languages for p in status.problems]
    warnings = [*kb.lint, *(p for p in translation_findings if p.severity != "error")]
    for problem in warnings:
        click.echo(problem.format(), err=True)
    failed = case_problems(kb) + [p for p in translation_findings if p.severity == "error"]
    for path in case_files:
        try:
            case, loaded = read_case_file(kb, path)
        except KnowledgeBaseError as exc:
            failed += exc.problems
            continue
        failed += expectation_problems(kb, case, loaded)
    if failed:
        raise KnowledgeBaseError(failed)
    counts = (f"{len(kb.questions)} questions, {len(kb.facts)} derived facts, {len(kb.rules)} rules, "
              f"{len(kb.recommendations)} recommendations, {len(kb.warnings)} warnings, "
              f"{len(kb.cases)} worked cases"
              + (f" and {len(case_files)} case file{'s' if len(case_files) != 1 else ''}" if case_files else "")
              + " (all produce what they expect)")
    counts += "".join(
        f"; {status.code}: {status.translated}/{status.texts} texts"
        + (f", {status.messages_translated}/{status.messages} UI messages" if status.messages else "")
        + " translated" for status in languages)
    if warnings and strict:
        # In the file: message form of every other line, so that each stderr line names where it is about.
        click.echo(f"{kb_dir if kb_dir is not None else 'bundled knowledge base'}: {len(warnings)} warning(s) "
                   f"in strict mode ({counts})", err=True)
        sys.exit(EXIT_USER_ERROR)
    click.echo(f"OK: {kb.meta.name} {kb.meta.version} (hash {kb.content_hash}): {counts}"
               + (f"; {len(warnings)} warning(s)" if warnings else ""))


@click.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@kb_option
@guarded
def rules(fmt: str, kb_dir: Path | None) -> None:
    """List the rules: id, title, conclusions and sources."""
    from gvc_advisor.engine.kb.schema.rules import conclusion_key

    kb = load_kb(kb_dir)
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


@click.command()
@click.option("--kind", type=click.Choice(["kb-file", "case-file", "answers-file"]), default="kb-file",
              show_default=True, help="answers-file: the answers a knowledge base accepts (see --kb).")
@kb_option
@guarded
def schema(kind: str, kb_dir: Path | None) -> None:
    """Print the JSON Schema of knowledge-base files or answers files (for editor validation)."""
    if kind == "answers-file":
        from gvc_advisor.engine.kb.schema.validation.answers_file import answers_file_schema

        kb = load_kb(kb_dir)
        click.echo(json.dumps(answers_file_schema(kb.questions.values(), kb.facts.values()), indent=2,
                              sort_keys=True, ensure_ascii=False))
        return
    from gvc_advisor.engine.kb.schema.validation.files import FILE_MODELS

    model = FILE_MODELS[kind]
    data = model.model_json_schema(by_alias=True)
    data["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    data["title"] = f"gvc-advisor {kind}"
    click.echo(json.dumps(data, indent=2, sort_keys=True))


@click.command()
@kb_option
@guarded
def coverage(kb_dir: Path | None) -> None:
    """The framework grid: advice in each governance × driver × status cell."""
    from gvc_advisor.services.coverage import coverage_grid, format_grid

    kb = load_kb(kb_dir)
    grid = coverage_grid(kb)
    click.echo(format_grid(kb, grid))
    if any(cell.empty or cell.contradictions for cell in grid):
        sys.exit(EXIT_USER_ERROR)


COMMANDS = [validate, rules, schema, coverage]
