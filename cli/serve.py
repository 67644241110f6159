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
from gvc_advisor.engine.errors import Problem, UserError

WHERE = "<command line>"
DEFAULT_MAX_SESSIONS = 30


@click.command()
@click.option("--workshop", "folder", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder for the participants' sessions (created if needed; reuse it to resume a workshop).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on: this computer only by default; the LAN address (or 0.0.0.0) "
                   "for a workshop, which then requires a passcode.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535),
              help="Port to listen on (0: any free port).")
@click.option("--passcode", envvar="GVC_ADVISOR_PASSCODE", default=None,
              help="Passcode participants type (default: generated and printed when not on 127.0.0.1). "
                   "Also read from GVC_ADVISOR_PASSCODE, which keeps it out of the process list.")
@click.option("--max-sessions", default=DEFAULT_MAX_SESSIONS, show_default=True, type=click.IntRange(min=1),
              help="Most interviews running at once; further browsers are asked to wait.")
@kb_option
@guarded
def serve(folder: Path, host: str, port: int, passcode: str | None, max_sessions: int,
          kb_dir: Path | None) -> None:
    """Run the interview in the participants' browsers, one interview per browser tab."""
    try:
        from gvc_advisor.web import listen, tokens
        from gvc_advisor.web.interviews import writable_problem
        from gvc_advisor.web.server import WorkshopServer, WorkshopSettings, configure_logging
    except ImportError as exc:  # only with an install made without the dependencies
        raise UserError(f"gvc-advisor serve needs the web server packages ({exc.name} is missing); "
                        "install them with: pip install 'textual-serve~=1.1.3'", file=WHERE) from None

    folder = folder.expanduser().resolve()
    # The interviews run in the participants' folders: a relative path would not reach them.
    kb_dir = kb_dir.expanduser().resolve() if kb_dir else None
    problems: list[Problem] = []
    if passcode is not None and (why := tokens.passcode_problem(passcode)):
        problems.append(Problem(WHERE, message=f"--passcode: {why}"))
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
        click.echo(f"gvc-advisor serve: stopped, {_count(server.closed_at_shutdown, 'interview')} closed; "
                   f"every session is saved in {folder / 'participants'}")


def _announce(urls: list[str], settings, generated: bool) -> None:
    click.echo("gvc-advisor workshop server")
    click.echo("  Open in the participants' browsers: " + "  or  ".join(urls))
    if settings.passcode is None:
        click.echo("  Passcode: none (this computer only)")
    elif generated:
        click.echo(f"  Passcode: {settings.passcode}")
    else:
        click.echo("  Passcode: the one given with --passcode")
    click.echo(f"  Sessions: {settings.folder / 'participants'}")
    click.echo(f"  At most {_count(settings.max_sessions, 'interview')} at a time. Press Ctrl+C to stop.")


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" + ("" if number == 1 else "s")


COMMANDS = [serve]
