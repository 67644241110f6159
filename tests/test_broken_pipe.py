"""``gvc-advisor rules | head -1``: a reader that stops early is not an internal error."""

from __future__ import annotations

import subprocess
import sys

from gvc_advisor.cli.base import EXIT_BROKEN_PIPE


def test_a_closed_pipe_ends_quietly_with_the_sigpipe_code():
    process = subprocess.Popen(
        [sys.executable, "-c", "from gvc_advisor.cli import main; main()", "rules"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, bufsize=0)
    assert process.stdout is not None and process.stderr is not None
    # The reader goes away before the first write (as `head` does once it has its lines;
    # closing first makes it certain that a write meets the closed pipe).
    process.stdout.close()
    stderr = process.stderr.read().decode()
    process.wait(timeout=60)
    assert process.returncode == EXIT_BROKEN_PIPE, stderr
    assert "internal error" not in stderr and "Traceback" not in stderr
