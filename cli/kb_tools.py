"""Commands for knowledge-base authors: validate, rules, schema, coverage."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from gvc_advisor.cli.base import EXIT_USER_ERROR, guarded, kb_option, load_kb
from gvc_advisor.cli.translated_help import TranslatedCommand
from gvc_advisor.engine.i18n import N_, _, ngettext


@click.command(cls=TranslatedCommand, help=N_(
    "Lint a knowledge base: schema, cross-references, reachability, and the worked cases (each must still "
    "produce the diagnosis and advice it expects).\n\nEach CASE_FILE (a trainer's exercise kept outside the "
    "knowledge base) is checked the same way against it."))
@click.argument("case_files", nargs=-1, metavar="[CASE_FILE]…", type=click.Path(path_type=Path))
@kb_option
@click.option("--strict", is_flag=True, help=N_("Treat lint warnings as errors."))
@guarded
def validate(case_files: tuple[Path, ...], kb_dir: Path | None, strict: bool) -> None:
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
    numbers = dict(questions=len(kb.questions), facts=len(kb.facts), rules=len(kb.rules),
                   recommendations=len(kb.recommendations), warnings=len(kb.warnings), cases=len(kb.cases))
    if case_files:
        counts = ngettext("{questions} questions, {facts} derived facts, {rules} rules, {recommendations} "
                          "recommendations, {warnings} warnings, {cases} worked cases and {n} case file (all "
                          "produce what they expect)",
                          "{questions} questions, {facts} derived facts, {rules} rules, {recommendations} "
                          "recommendations, {warnings} warnings, {cases} worked cases and {n} case files (all "
                          "produce what they expect)", len(case_files), **numbers)
    else:
        counts = _("{questions} questions, {facts} derived facts, {rules} rules, {recommendations} "
                   "recommendations, {warnings} warnings, {cases} worked cases (all produce what they expect)",
                   **numbers)
    for status in languages:
        counts += (_("; {code}: {translated}/{texts} texts, {messages_translated}/{messages} UI messages translated",
                     code=status.code, translated=status.translated, texts=status.texts,
                     messages_translated=status.messages_translated, messages=status.messages)
                   if status.messages else
                   _("; {code}: {translated}/{texts} texts translated", code=status.code,
                     translated=status.translated, texts=status.texts))
    if warnings and strict:
        # In the file: message form of every other line, so that each stderr line names where it is about.
        click.echo(_("{where}: {n} warning(s) in strict mode ({counts})",
                     where=kb_dir if kb_dir is not None else _("bundled knowledge base"), n=len(warnings),
                     counts=counts), err=True)
        sys.exit(EXIT_USER_ERROR)
    ok = _("OK: {name} {version} (hash {hash}): {counts}", name=kb.meta.name, version=kb.meta.version,
           hash=kb.content_hash, counts=counts)
    click.echo(_("{summary}; {n} warning(s)", summary=ok, n=len(warnings)) if warnings else ok)


@click.command(cls=TranslatedCommand, help=N_("List the rules: id, title, conclusions and sources."))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help=N_("text: one rule per paragraph; json: the same list as data."))
@kb_option
@guarded
def rules(fmt: str, kb_dir: Path | None) -> None:
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
        click.echo(_("{id}: {title}\n    → {conclusions}\n    sources: {sources}", id=row["id"], title=row["title"],
                     conclusions=concl, sources="; ".join(row["sources"])))


@click.command(cls=TranslatedCommand, help=N_(
    "Print the JSON Schema of knowledge-base files or answers files (for editor validation)."))
@click.option("--kind", type=click.Choice(["kb-file", "case-file", "answers-file"]), default="kb-file",
              show_default=True, help=N_("answers-file: the answers a knowledge base accepts (see --kb)."))
@kb_option
@guarded
def schema(kind: str, kb_dir: Path | None) -> None:
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


@click.command(cls=TranslatedCommand, help=N_(
    "The framework grid: advice in each governance × driver × status cell."))
@kb_option
@guarded
def coverage(kb_dir: Path | None) -> None:
    from gvc_advisor.services.coverage import coverage_grid, format_grid

    kb = load_kb(kb_dir)
    grid = coverage_grid(kb)
    click.echo(format_grid(kb, grid))
    if any(cell.empty or cell.contradictions for cell in grid):
        sys.exit(EXIT_USER_ERROR)


COMMANDS = [validate, rules, schema, coverage]
