"""``gvc-advisor serve``: the interview in the participants' browsers, for a
workshop (the server itself is in ``gvc_advisor.web``).

Everything that can be wrong with the options (passcode, folder, address,
port, knowledge base) is checked before the server starts and reported all
at once, exit code 1; Ctrl+C stops the server and every interview cleanly,
exit code 0.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

import click

from gvc_advisor.cli.base import guarded, kb_option, load_kb
from gvc_advisor.cli.translated_help import TranslatedCommand
from gvc_advisor.engine.errors import Problem, UserError
from gvc_advisor.engine.i18n import N_, _, ngettext

WHERE = "<command line>"
DEFAULT_MAX_SESSIONS = 30


@click.command(cls=TranslatedCommand, help=N_(
    "Run the interview in the participants' browsers, one interview per browser tab."))
@click.option("--workshop", "folder", required=True, type=click.Path(file_okay=False, path_type=Path),
              help=N_("Folder for the participants' sessions (created if needed; reuse it to resume a workshop)."))
@click.option("--host", default="127.0.0.1", show_default=True,
              help=N_("Address to listen on: this computer only by default; the LAN address (or 0.0.0.0) "
                      "for a workshop, which then requires a passcode."))
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535),
              help=N_("Port to listen on (0: any free port)."))
@click.option("--passcode", envvar="GVC_ADVISOR_PASSCODE", default=None,
              help=N_("Passcode participants type (default: generated and printed when not on 127.0.0.1). "
                      "Also read from GVC_ADVISOR_PASSCODE, which keeps it out of the process list."))
@click.option("--max-sessions", default=DEFAULT_MAX_SESSIONS, show_default=True, type=click.IntRange(min=1),
              help=N_("Most interviews running at once; further browsers are asked to wait."))
@kb_option
@guarded
def serve(folder: Path, host: str, port: int, passcode: str | None, max_sessions: int,
          kb_dir: Path | None) -> None:
    try:
        from gvc_advisor.web import listen, tokens
        from gvc_advisor.web.interviews import writable_problem
        from gvc_advisor.web.server import WorkshopServer, WorkshopSettings, configure_logging
    except ImportError as exc:  # only with an install made without the dependencies
        raise UserError(_("gvc-advisor serve needs the web server packages ({package} is missing); "
                          "install them with: pip install 'textual-serve~=1.1.3'", package=exc.name),
                        file=WHERE) from None

    folder = folder.expanduser().resolve()
    # The interviews run in the participants' folders: a relative path would not reach them.
    kb_dir = kb_dir.expanduser().resolve() if kb_dir else None
    problems: list[Problem] = []
    if passcode is not None and (why := tokens.passcode_problem(passcode)):
        problems.append(Problem(WHERE, message=_("--passcode: {problem}", problem=why)))
    if why := writable_problem(folder):
        problems.append(Problem(WHERE, message=why))
    try:
        load_kb(kb_dir)  # a broken knowledge base is reported here, not in every browser
    except UserError as exc:
        problems.extend(exc.problems)
    sock = None
    try:
        loopback = listen.is_loopback(host, port)
        sock = listen.open_listening_socket(host, port)
    except UserError as exc:
        problems.extend(exc.problems)
    if problems:
        if sock is not None:
            sock.close()
        raise UserError(problems)

    generated = passcode is None and not loopback
    if generated:
        passcode = tokens.generate_passcode()
    settings = WorkshopSettings(folder=folder, passcode=passcode, max_sessions=max_sessions,
                                loopback_only=loopback, kb_dir=kb_dir)
    server = WorkshopServer(settings)
    _announce(listen.urls(host, sock), settings, generated)
    configure_logging()
    server.run(sock)
    with contextlib.suppress(OSError):  # the terminal may be gone (its window was closed: SIGHUP)
        click.echo(ngettext("gvc-advisor serve: stopped, {n} interview closed; every session is saved in {folder}",
                            "gvc-advisor serve: stopped, {n} interviews closed; every session is saved in {folder}",
                            server.closed_at_shutdown, folder=folder / "participants"))


def _announce(urls: list[str], settings, generated: bool) -> None:
    click.echo(_("gvc-advisor workshop server"))
    click.echo(_("  Open in the participants' browsers: {addresses}", addresses=_("  or  ").join(urls)))
    if settings.passcode is None:
        click.echo(_("  Passcode: none (this computer only)"))
    elif generated:
        click.echo(_("  Passcode: {passcode}", passcode=settings.passcode))
    else:
        click.echo(_("  Passcode: the one given with --passcode"))
    click.echo(_("  Sessions: {folder}", folder=settings.folder / "participants"))
    click.echo(ngettext("  At most {n} interview at a time. Press Ctrl+C to stop.",
                        "  At most {n} interviews at a time. Press Ctrl+C to stop.", settings.max_sessions))


COMMANDS = [serve]
