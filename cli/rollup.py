"""``rollup`` (a cluster from answers files, sessions or a survey table) and
``template`` (a blank survey to fill in)."""

from __future__ import annotations

import shutil
import sys
from contextlib import ExitStack
from pathlib import Path

import click

from gvc_advisor.cli.base import EXIT_USER_ERROR, guarded, kb_option, load_kb
from gvc_advisor.cli.output import write_output
from gvc_advisor.cli.translated_help import TranslatedCommand
from gvc_advisor.engine.i18n import N_, _, ngettext

SUMMARY_FORMATS = ("text", "markdown", "html", "json")
TABLE_FORMATS = ("csv", "xlsx")


def _table_sink(stack: ExitStack, kb, fmt: str, target: Path | None):
    """A per-firm writer for ``fmt`` on ``target`` (standard output for CSV when None)."""
    from gvc_advisor.services.rollup.per_firm import CsvFirmFile, CsvFirmWriter, XlsxFirmWriter

    if fmt == "csv" and target is None:
        return CsvFirmWriter(kb, sys.stdout)
    assert target is not None
    sink = XlsxFirmWriter(kb, target) if fmt == "xlsx" else CsvFirmFile(kb, target)
    stack.callback(sink.abort)  # runs last: after finish() it has nothing left to remove
    return sink


def _per_firm_format(path: Path) -> str:
    from gvc_advisor.engine.errors import UserError

    suffix = path.suffix.lower().lstrip(".")
    if suffix not in TABLE_FORMATS:
        raise UserError(_("--per-firm {path}: the file must end in .csv or .xlsx", path=path), file="<command line>")
    return suffix


@click.command(cls=TranslatedCommand, help=N_(
    "Roll up a cluster: firms in the governance × driver × status grid, the shares locked in at the low end "
    "and under critical factor-cost pressure, the most frequent advice, and the collective measures enough "
    "firms need.\n\nEach INPUT is an answers file (.yaml), a saved session (.json), a folder of them (a "
    "workshop), or a survey table (.csv, .xlsx) with one row per firm and columns named by question id. Rows "
    "with bad values are reported as file:row:column and skipped (exit status 1 when any was)."))
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT…", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(SUMMARY_FORMATS + TABLE_FORMATS), default="text",
              show_default=True, help=N_("The summary (text, markdown, html, json) or the per-firm table (csv, "
                                         "xlsx; the workbook also holds the summary sheets)."))
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help=N_("Worker processes; default: all cores."))
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help=N_("Write to FILE instead of standard output (required for xlsx)."))
@click.option("--per-firm", "per_firm", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help=N_("Also write the per-firm results to FILE (.csv or .xlsx), as the firms are rolled up."))
@click.option("--measures", "measures_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help=N_("A YAML file of collective measures and their thresholds (default: the built-in one)."))
@kb_option
@guarded
def rollup(inputs: tuple[Path, ...], fmt: str, jobs: int | None, output: Path | None, per_firm: Path | None,
           measures_path: Path | None, kb_dir: Path | None) -> None:
    from gvc_advisor.engine.errors import UserError
    from gvc_advisor.services.rollup.measures import load_measures
    from gvc_advisor.services.rollup.render import render_summary
    from gvc_advisor.services.rollup.run import run_rollup

    if fmt == "xlsx" and output is None:
        raise UserError(_("--format xlsx writes a workbook: give --output FILE.xlsx"), file="<command line>")
    kb = load_kb(kb_dir)
    measures = load_measures(kb, measures_path)
    with ExitStack() as stack:
        sinks = []
        if fmt in TABLE_FORMATS:
            sinks.append(_table_sink(stack, kb, fmt, output))
        if per_firm is not None:
            sinks.append(_table_sink(stack, kb, _per_firm_format(per_firm), per_firm))
        from gvc_advisor.cli.rollup_progress import ProgressReporter

        reporter = stack.enter_context(ProgressReporter(enabled=sys.stderr.isatty()))
        summary = run_rollup(kb, list(inputs), jobs=jobs, measures=measures, sinks=sinks,
                             on_skipped=reporter.skipped, progress=reporter.progress)
        for sink in sinks:
            if hasattr(sink, "finish"):
                sink.finish(summary)
    if fmt in SUMMARY_FORMATS:
        to_terminal = output is None and sys.stdout.isatty()
        width = shutil.get_terminal_size().columns if to_terminal else 80
        write_output(render_summary(summary, fmt, width=width, color=to_terminal), output)
    elif output is not None or fmt == "xlsx":
        click.echo(_("rolled up {firms} firms into {output}", firms=f"{summary.firms:,}", output=output), err=True)
    if summary.skipped:
        skipped = ngettext("{count} row or file", "{count} rows or files", summary.skipped,
                           count=f"{summary.skipped:,}")
        problems = ngettext("{count} problem", "{count} problems", summary.problem_count,
                            count=f"{summary.problem_count:,}")
        click.echo(_("gvc-advisor: {skipped} skipped ({problems} listed above); the results cover the other firms",
                     skipped=skipped, problems=problems), err=True)
        sys.exit(EXIT_USER_ERROR)


@click.command(cls=TranslatedCommand, help=N_(
    "Write a blank survey for 'rollup': one column per question, with the question, its allowed values and its "
    "help in comment rows ('#'); the XLSX template adds drop-down lists."))
@click.option("--format", "fmt", type=click.Choice(TABLE_FORMATS), default="csv", show_default=True,
              help=N_("csv: a table any spreadsheet opens; xlsx: a workbook with drop-down lists."))
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help=N_("Write to FILE instead of standard output (required for xlsx)."))
@kb_option
@guarded
def template(fmt: str, output: Path | None, kb_dir: Path | None) -> None:
    from gvc_advisor.engine.errors import UserError
    from gvc_advisor.services.output_files import atomic_path
    from gvc_advisor.services.rollup.template import csv_template, write_xlsx_template

    kb = load_kb(kb_dir)
    if fmt == "xlsx":
        if output is None:
            raise UserError(_("--format xlsx writes a workbook: give --output FILE.xlsx"), file="<command line>")
        write_xlsx_template(kb, output)
    elif output is None:
        click.echo(csv_template(kb), nl=False)
    else:
        with atomic_path(output) as temporary:
            temporary.write_text(csv_template(kb), encoding="utf-8-sig")
    if output is not None:
        click.echo(_("wrote the survey template to {output}", output=output), err=True)


COMMANDS = [rollup, template]
