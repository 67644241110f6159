"""``kill -9`` during an interview loses nothing that was saved, and breaks nothing.

The real ``gvc-advisor interview`` runs on a pseudo-terminal; keys answer
questions as fast as the application takes them (every answer autosaves),
and the process is killed with SIGKILL at a random moment.  After each kill:
every session file in the folder is a valid session (never half a file), the
answers seen saved before the kill are all still there, a leftover temporary
file of a save cut short is never listed, and the session resumes.
Two runs in the suite; ``GVC_KILL_RUNS=20`` for a longer campaign.
"""

from __future__ import annotations

import fcntl
import os
import pty
import random
import signal
import struct
import subprocess
import sys
import termios
import threading
import time

import pytest

from gvc_advisor.engine.kb.loader import default_kb_root, load_knowledge_base
from gvc_advisor.services.sessions import SessionStore

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")


def _drain(fd: int) -> None:
    """Read the application's screen output so that it never blocks on a full terminal."""
    while True:
        try:
            if not os.read(fd, 65536):
                return
        except OSError:
            return


def _saved(store: SessionStore) -> dict:
    """Answers of the only session, as last written (never a half-written file)."""
    sessions, unreadable = store.list()
    assert unreadable == [], unreadable
    return dict(sessions[0].answers) if sessions else {}


def _wait(condition, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the interview did not get there in time")
        time.sleep(0.05)


def _run_and_kill(store: SessionStore, env: dict, firm: str, keys: bytes, rng: random.Random) -> dict:
    """Start the interview, type ``keys``, kill -9 at a random moment; return what was saved before."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    process = subprocess.Popen(
        [sys.executable, "-m", "gvc_advisor", "interview", "--firm", firm],
        stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True, close_fds=True)
    os.close(slave)
    threading.Thread(target=_drain, args=(master,), daemon=True).start()
    try:
        _wait(lambda: store.directory.is_dir() and any(
            p.suffix == ".json" and not p.name.startswith(".") for p in store.directory.iterdir()))
        deadline = time.monotonic() + 60
        while len(_saved(store)) < 2:  # type slowly until two answers are certainly saved
            if time.monotonic() > deadline:
                raise TimeoutError("the interview did not take the answers in time")
            os.write(master, keys[:2])
            time.sleep(0.25)
        before = _saved(store)
        for key in keys:  # keep the application busy answering and saving ...
            os.write(master, bytes([key]))
        time.sleep(rng.uniform(0.0, 0.4))  # ... and kill it somewhere in the middle
        before = _saved(store) if len(_saved(store)) >= len(before) else before
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        os.close(master)
    assert process.returncode == -signal.SIGKILL
    return before


def test_kill_9_during_autosave_loses_nothing(tmp_path):
    kb = load_knowledge_base(default_kb_root())
    store = SessionStore(tmp_path / "data" / "sessions")
    env = {**os.environ, "GVC_ADVISOR_DATA_DIR": str(tmp_path / "data"), "TERM": "xterm-256color",
           "GVC_ADVISOR_NO_CACHE": "1"}
    env.pop("NO_COLOR", None)
    rng = random.Random(9)
    keys = b"5\r" * 12  # a choice question takes Enter (the first choice), a number question 5 + Enter
    leftovers = 0
    for run in range(int(os.environ.get("GVC_KILL_RUNS", 2))):
        for session_file in store.directory.glob("*.json") if store.directory.is_dir() else ():
            session_file.unlink()  # one session per run, so "the session" is unambiguous
        before = _run_and_kill(store, env, f"Killed {run}", keys, rng)
        after = _saved(store)  # every file is valid, temporary leftovers are not listed
        assert len(after) >= len(before) and all(after[name] == value for name, value in before.items())
        leftovers += sum(1 for p in store.directory.iterdir() if p.name.startswith(".tmp-"))
        session = store.list()[0][0]
        assert session.firm == f"Killed {run}"
        answers, _, _, problems = session.restore(kb)
        assert problems == [] and set(answers) == set(after)
        for leftover in store.directory.glob(".tmp-*"):
            leftover.unlink()
    print(f"temporary files left by a save cut short: {leftovers}")
