"""Issue 9, item 4: standard input, devices and pipes are read with bounds.

Non-UTF-8 bytes, ``/dev/zero``, ``/dev/urandom``, 12 MB on stdin and a FIFO
nobody writes to used to exit 70, eat memory, take minutes or hang.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_reliability_answers import SMALL_KB, assert_clean_error

from gvc_advisor.cli import cli
from gvc_advisor.engine.kb import bounded_read

GOOD = "firm: Piped Co\nanswers:\n  industry: apparel\n  largest_buyer_share: 70\n"


def advise(*args: str, stdin: bytes | None = None):
    return CliRunner().invoke(cli, ["advise", *args, "--format", "json", "--kb", SMALL_KB], input=stdin)


def test_standard_input_is_read():
    result = advise("-", stdin=GOOD.encode())
    assert result.exit_code == 0 and '"firm": "Piped Co"' in result.stdout


@pytest.mark.parametrize("data", [
    b"answers:\n  industry: \xff\xfe\n",
    b"answers:\n  industry: caf\xe9\n",
    b"\xc3\x28: 1\n",
    b"answers: {industry: \xed\xa0\x80}\n",  # an encoded surrogate
    b"answers:\n  industry: ok\n\x80",
])
def test_non_utf8_standard_input_is_located(data):
    lines = assert_clean_error(advise("-", stdin=data), "not UTF-8 text: byte 0x")
    assert lines[0].startswith("<stdin>:")


def test_standard_input_has_a_size_cap():
    result = advise("-", stdin=b"#" * (bounded_read.MAX_INPUT_BYTES + 1))
    assert_clean_error(result, "<stdin>: more than 1,000,000 bytes; the limit is 1,000,000 bytes")


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_endless_devices_are_cut_at_the_cap(device):
    assert_clean_error(advise(device), f"{device}: more than 1,000,000 bytes")


def test_a_folder_is_refused():
    assert_clean_error(advise(SMALL_KB), f"{SMALL_KB}: cannot read: it is a folder, not a file")


def test_fifo_nobody_writes_to_does_not_hang(tmp_path, monkeypatch):
    monkeypatch.setattr(bounded_read, "PIPE_IDLE_SECONDS", 0.3)
    fifo = tmp_path / "answers.fifo"
    os.mkfifo(fifo)
    assert_clean_error(advise(str(fifo)), "cannot read: nothing was written to it for 0.3 seconds")


def test_fifo_with_a_writer_is_read(tmp_path):
    fifo = tmp_path / "answers.fifo"
    os.mkfifo(fifo)

    def write() -> None:
        with open(fifo, "wb") as handle:
            handle.write(GOOD.encode())

    writer = threading.Thread(target=write)
    writer.start()
    result = advise(str(fifo))
    writer.join(timeout=10)
    assert result.exit_code == 0, result.output
    assert '"firm": "Piped Co"' in result.stdout


def test_dev_stdin_means_standard_input(tmp_path):
    """``advise /dev/stdin`` behaves as ``advise -`` (a real process: /dev/stdin is its pipe)."""
    done = subprocess.run([sys.executable, "-m", "gvc_advisor", "advise", "/dev/stdin", "--format", "json",
                           "--kb", SMALL_KB], input=GOOD, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert '"firm": "Piped Co"' in done.stdout


def test_bounded_read_of_a_regular_file_that_is_too_large(tmp_path):
    path = tmp_path / "big.yaml"
    path.write_bytes(b"#" * (bounded_read.MAX_INPUT_BYTES + 10))
    text, problem = bounded_read.read_text(Path(path), "big.yaml")
    assert text is None and problem.format() == (
        "big.yaml: file is 1,000,010 bytes; the limit is 1,000,000 bytes (no answers or knowledge-base file "
        "needs more)")
