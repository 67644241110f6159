"""``gvc-advisor train``: training exercises — the trainee reads a firm, commits to a
prediction, and the system reveals, explains and scores; and the trainer's
class summary (``--report``)."""

from __future__ import annotations

import dataclasses
import shutil
import sys
from pathlib import Path

import click

from gvc_advisor.cli.base import EXIT_USER_ERROR, guarded, kb_option, load_kb
from gvc_advisor.cli.output import write_output
from gvc_advisor.cli.translated_help import TranslatedCommand
from gvc_advisor.engine.i18n import N_, _

FORMATS = ("text", "json", "markdown", "html", "csv")
REPORT_FORMATS = ("markdown", "html", "csv")


def _width() -> int:
    return min(shutil.get_terminal_size().columns, 100) if sys.stdout.isatty() else 80


def _one(exercises: list, what: str):
    from gvc_advisor.engine.errors import UserError

    if len(exercises) != 1:
        raise UserError(_("{option} works on one exercise: give one case file or one --case ID (got {n})",
                          option=what, n=len(exercises)), file="<command line>")
    return exercises[0]


def _results_dir(results: Path | None) -> Path:
    from gvc_advisor.services.training.results import default_directory

    return results if results is not None else default_directory()


def _report(kb, folders: tuple[Path, ...], fmt: str, output: Path | None) -> None:
    from gvc_advisor.engine.errors import UserError
    from gvc_advisor.services.training.render_class import RENDERERS
    from gvc_advisor.services.training.results import collect_results
    from gvc_advisor.services.training.summary import summarise

    if fmt not in REPORT_FORMATS:
        raise UserError(_("--report writes {formats}, not {format}", formats=", ".join(REPORT_FORMATS), format=fmt),
                        file="<command line>")
    collected = collect_results(list(folders))
    for problem in collected.problems:
        click.echo(problem.format(), err=True)
    summary = summarise(kb, collected.results, collected.problems, collected.sessions, collected.files,
                        tuple(str(f) for f in folders))
    if not collected.results:
        raise UserError(_("no training results found in {folders} (result files end in .training.json)",
                          folders=", ".join(str(f) for f in folders)), file="<command line>")
    write_output(RENDERERS[fmt](summary), output)
    if output is not None:
        click.echo(_("wrote the class summary of {n} results to {file}", n=len(collected.results), file=output),
                   err=True)
    if collected.problems:
        click.echo("gvc-advisor: " + _("{n} problem(s) listed above; those files were skipped",
                                       n=len(collected.problems)), err=True)
        sys.exit(EXIT_USER_ERROR)


def _list(kb) -> None:
    from gvc_advisor.services.training.exercises import bundled_exercises
    from gvc_advisor.services.training.explanation import reference

    for exercise in bundled_exercises(kb):
        training = exercise.case.training
        if training is None:
            click.echo(f"{exercise.id}: {exercise.title}")
        elif training.disagreement:
            click.echo(_("{id}: {title} — grounded in {reference} (papers disagree)", id=exercise.id,
                         title=exercise.title, reference=reference(training.passage)))
        else:
            click.echo(_("{id}: {title} — grounded in {reference}", id=exercise.id, title=exercise.title,
                         reference=reference(training.passage)))


@click.command(cls=TranslatedCommand, help=N_(
    "Training exercises: read a firm's profile, commit to a prediction (governance, driver, status, low-end "
    "lock-in, the three strategies you would put first), then see the system's diagnosis and plan beside it, "
    "each point marked right, close or wrong, why, and the case's teaching note.\n\n"
    "Without options, opens the exercises in the TUI: the CASE_FILEs (a trainer's own case files) and --case "
    "IDs in order, as a course, or else the list of worked cases to choose from. Each exercise done is saved as "
    "a result file; --report DIR turns a class's result files into a summary (Markdown, HTML or CSV)."))
@click.argument("case_files", nargs=-1, metavar="[CASE_FILE]…", type=click.Path(path_type=Path))
@click.option("--case", "case_ids", multiple=True, metavar="ID", help=N_(
    "A worked case of the knowledge base (repeat for a course of several)."))
@click.option("--trainee", default=None, help=N_(
    "The trainee's name, written into the result files."))
@click.option("--results", "results", type=click.Path(file_okay=False, path_type=Path),
              default=None, help=N_("Folder for result files (default: the user data folder's training/, or "
                                    "GVC_ADVISOR_DATA_DIR/training)."))
@click.option("--list", "list_", is_flag=True, help=N_(
    "List the worked cases available as exercises."))
@click.option("--profile", "profile", is_flag=True, help=N_(
    "Print the firm's profile (for an exercise on paper)."))
@click.option("--details", is_flag=True, help=N_(
    "With --profile: add the answers question by question."))
@click.option("--prediction", "prediction", type=click.Path(dir_okay=False, path_type=Path),
              default=None, help=N_("Score the prediction in this YAML file without the TUI: print the reveal, save "
                                    "the result."))
@click.option("--summary", is_flag=True, help=N_(
    "Print the trainee's course summary (needs --trainee)."))
@click.option("--report", "report", multiple=True, type=click.Path(path_type=Path),
              metavar="DIR", help=N_("Collect the result files in DIR (and its subfolders; repeat for several) into "
                                     "a class summary."))
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None, help=N_(
    "--report: markdown (default), html or csv; --prediction: text (default) or json."))
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help=N_("Write the report to FILE instead of standard output."))
@kb_option
@guarded
def train(case_files: tuple[Path, ...], case_ids: tuple[str, ...], trainee: str | None, results: Path | None,
          list_: bool, profile: bool, details: bool, prediction: Path | None, summary: bool,
          report: tuple[Path, ...], fmt: str | None, output: Path | None, kb_dir: Path | None) -> None:
    """Training exercises (the help is the command's ``help``, translated when shown)."""
    from gvc_advisor.engine.errors import UserError
    from gvc_advisor.services.training.exercises import select_exercises

    kb = load_kb(kb_dir)
    if report:
        _report(kb, report, fmt or "markdown", output)
        return
    if list_:
        _list(kb)
        return
    if summary:
        _summary(kb, trainee, _results_dir(results))
        return
    exercises = select_exercises(kb, case_ids, case_files)
    _warn_unmet_expectations(kb, case_files)
    if profile:
        _profile(kb, _one(exercises, "--profile"), details)
    elif prediction is not None:
        _batch(kb, _one(exercises, "--prediction"), prediction, trainee, _results_dir(results), fmt or "text")
    else:
        if fmt or output:
            raise UserError(_("--format and --output go with --report or --prediction"), file="<command line>")
        from gvc_advisor.cli.interview import open_training

        open_training(kb, exercises, trainee, _results_dir(results))


def _warn_unmet_expectations(kb, case_files: tuple[Path, ...]) -> None:
    """A trainer's case whose ``expected:`` no longer matches is still usable (the trainee is scored
    against the engine), but the trainer should know: as ``validate`` would say it, as warnings."""
    from gvc_advisor.engine.cases import expectation_problems
    from gvc_advisor.engine.kb.case_file import read_case_file

    for path in case_files:
        case, loaded = read_case_file(kb, path)
        for problem in expectation_problems(kb, case, loaded):
            click.echo(dataclasses.replace(problem, severity="warning").format(), err=True)


def _profile(kb, exercise, details: bool) -> None:
    from gvc_advisor.engine.kb.answers import answers_from_mapping
    from gvc_advisor.services.training.profile import firm_profile
    from gvc_advisor.services.training.render_text import profile_lines

    answers, _problems = answers_from_mapping(kb, exercise.case.answers)
    text = firm_profile(kb, exercise.case.firm, exercise.case.situation, answers)
    click.echo("\n".join(profile_lines(text, _width(), details)))


def _batch(kb, exercise, prediction_path: Path, trainee: str | None, results: Path, fmt: str) -> None:
    from gvc_advisor.engine.errors import UserError
    from gvc_advisor.services.training.exercises import solve
    from gvc_advisor.services.training.prediction import read_prediction_file
    from gvc_advisor.services.training.render_text import reveal_lines
    from gvc_advisor.services.training.results import result_from_reveal, result_json, save_result
    from gvc_advisor.services.training.reveal import reveal

    if fmt not in ("text", "json"):
        raise UserError(_("--prediction prints text or json, not {format}", format=fmt), file="<command line>")
    if not trainee or not trainee.strip():
        raise UserError(_("give --trainee NAME: the result file records whose prediction it is"),
                        file="<command line>")
    predicted = read_prediction_file(kb, prediction_path)
    shown = reveal(kb, exercise, solve(kb, exercise), predicted)
    result = result_from_reveal(kb, shown, trainee)
    saved = save_result(result, results)
    if fmt == "json":
        click.echo(result_json(result), nl=False)
    else:
        click.echo("\n".join(reveal_lines(kb, shown, _width())))
    click.echo(_("saved the result to {file}", file=saved), err=True)


def _summary(kb, trainee: str | None, results: Path) -> None:
    from gvc_advisor.engine.errors import UserError
    from gvc_advisor.services.training.render_text import course_lines
    from gvc_advisor.services.training.results import collect_results
    from gvc_advisor.services.training.summary import course

    if not trainee or not trainee.strip():
        raise UserError(_("give --trainee NAME for the course summary (or --report DIR for the whole class)"),
                        file="<command line>")
    collected = collect_results([results]) if results.exists() else None
    for problem in collected.problems if collected else []:
        click.echo(problem.format(), err=True)
    group = course(kb, collected.results, trainee) if collected else None
    if group is None:
        raise UserError(_("no results of '{name}' in {folder}", name=" ".join(trainee.split()), folder=results),
                        file="<command line>")
    click.echo("\n".join(course_lines(group, _width())))


COMMANDS = [train]
