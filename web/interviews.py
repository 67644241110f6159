"""The interview processes: one ``gvc-advisor interview --workshop`` per browser
tab, run by textual-serve's ``AppService``, and the cap on how many run at once.

Each process gets the participant's own data folder through
``GVC_ADVISOR_DATA_DIR`` (so Home → Resume lists that participant's sessions
only) and runs in a session of its own, so that the facilitator's Ctrl+C
reaches the server only, which then closes every interview in order.  Every
answer is autosaved by the TUI as it is given, so stopping or killing a
process loses nothing.
"""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import logging
import os
import signal
import sys
from asyncio.subprocess import Process
from collections.abc import Callable
from pathlib import Path

from textual_serve.app_service import AppService

from gvc_advisor.engine.i18n import _, current_language

log = logging.getLogger("gvc_advisor.web")

#: Never handed to an interview process: what a participant could make the TUI show.
PRIVATE_VARIABLES = ("GVC_ADVISOR_PASSCODE",)
#: Seconds an interview has to quit on request, then to die on SIGTERM, before SIGKILL.
QUIT_GRACE = 3.0
TERM_GRACE = 2.0


def interview_command(kb_dir: Path | None) -> list[str]:
    """The command line of one interview, with this very interpreter and install."""
    # The server's language (its --lang, or its locale) is every participant's: said explicitly,
    # since an interview's environment may name another locale.
    command = [sys.executable, "-m", "gvc_advisor", "interview", "--workshop", "--lang", current_language()]
    return [*command, "--kb", str(kb_dir)] if kb_dir else command


def _die_with_the_server() -> Callable[[], None] | None:
    """On Linux, what the interview runs before exec so that it gets SIGTERM (and
    quits cleanly) if the server is killed without a chance to stop it."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None
    pr_set_pdeathsig, sigterm = 1, int(signal.SIGTERM)

    def arm() -> None:  # runs in the forked child: no imports, no locks
        prctl(pr_set_pdeathsig, sigterm)

    return arm


DIE_WITH_THE_SERVER = _die_with_the_server()


class InterviewProcess(AppService):
    """One participant's interview: textual-serve's protocol, our process handling."""

    def __init__(self, command: list[str], data_dir: Path, **kwargs) -> None:
        super().__init__(" ".join(command), **kwargs)
        self.argv = command
        self.data_dir = data_dir
        self._stopping: asyncio.Future[None] | None = None

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    def _build_environment(self, width: int = 80, height: int = 24) -> dict[str, str]:
        environment = super()._build_environment(width=width, height=height)
        for name in PRIVATE_VARIABLES:
            environment.pop(name, None)
        environment["GVC_ADVISOR_DATA_DIR"] = str(self.data_dir)
        return environment

    async def _open_app_process(self, width: int = 80, height: int = 24) -> Process:
        """As textual-serve does, without a shell in between (signals reach the app) and
        in a session of its own (the terminal's Ctrl+C is the server's to handle)."""
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self._process = process = await asyncio.create_subprocess_exec(
            *self.argv,
            stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
            env=self._build_environment(width=width, height=height), cwd=self.data_dir, start_new_session=True,
            preexec_fn=DIE_WITH_THE_SERVER,
        )
        assert process.stdin is not None
        self._stdin = process.stdin
        return process

    async def run(self) -> None:
        """textual-serve's reader, then close the tab's connection however the process
        ended: an interview that crashed or was killed must not hold its place."""
        try:
            await super().run()
        finally:
            with contextlib.suppress(Exception):
                await self.remote_close()

    async def stop(self) -> None:
        """Ask the interview to quit, then insist; safe to call more than once."""
        if self._stopping is None:
            if self._task is None:  # not started (yet): a later call does the work
                return
            self._stopping = asyncio.ensure_future(self._stop())
        await asyncio.shield(self._stopping)

    async def _stop(self) -> None:
        task, self._task = self._task, None
        process = self._process
        assert task is not None and process is not None
        await self._download_manager.cancel_app_downloads(app_service_id=self.app_service_id)
        if process.returncode is None:
            await self.send_meta({"type": "quit"})
        for grace, escalate in ((QUIT_GRACE, process.terminate), (TERM_GRACE, process.kill), (None, None)):
            try:
                await asyncio.wait_for(process.wait(), grace)
                break
            except TimeoutError:
                log.warning("interview %s did not stop in %.0f s; sending %s", process.pid, grace,
                            "SIGTERM" if escalate == process.terminate else "SIGKILL")
                with contextlib.suppress(ProcessLookupError):
                    escalate()
        # The reader task ends on end-of-output; it is never left behind.
        try:
            await asyncio.wait_for(task, TERM_GRACE)
        except TimeoutError:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task


class Slots:
    """How many interviews run, against the facilitator's cap."""

    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self.running: set[InterviewProcess] = set()
        self._reserved = 0

    @property
    def in_use(self) -> int:
        return len(self.running) + self._reserved

    @property
    def full(self) -> bool:
        return self.in_use >= self.capacity

    def reserve(self) -> bool:
        """Take a place (synchronously, so two tabs can never take the last one)."""
        if self.full:
            return False
        self._reserved += 1
        return True

    def occupy(self, interview: InterviewProcess) -> None:
        self._reserved -= 1
        self.running.add(interview)

    def release(self, interview: InterviewProcess | None) -> None:
        if interview is None:
            self._reserved -= 1
        else:
            self.running.discard(interview)

    async def stop_all(self) -> int:
        """Stop every interview at once; the number stopped."""
        interviews = list(self.running)
        await asyncio.gather(*(i.stop() for i in interviews), return_exceptions=True)
        return len(interviews)


def participant_folder(workshop: Path, participant: str) -> Path:
    """Where one participant's sessions live: ``participants/<id>/sessions/``."""
    return workshop / "participants" / participant


def writable_problem(folder: Path) -> str | None:
    """Why sessions cannot be written in ``folder``, or None (creates it if needed)."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / f".write-test-{os.getpid()}"
        probe.write_text("ok", encoding="ascii")
        probe.unlink()
    except OSError as exc:
        return _("--workshop {folder}: cannot write there ({reason}); choose a folder you can write to",
                 folder=folder, reason=exc.strerror or exc)
    return None
