"""``advise``: the format chosen by default, the date on the report, and the
same bytes in every process."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from report_cases import DETAILS, shipped

from gvc_advisor.cli import cli

CASE = next(c for c in shipped().cases if c.id == "sourcing-intermediary")


@pytest.fixture
def answers_file(tmp_path) -> str:
    path = tmp_path / "answers.yaml"
    path.write_text(yaml.safe_dump({"firm": CASE.firm, "answers": dict(CASE.answers)}))
    return str(path)


def run(*args: str, env: dict | None = None):
    return CliRunner(env=env).invoke(cli, list(args), catch_exceptions=False)


def test_markdown_stays_the_default_for_pipes_and_files(answers_file):
    result = run("advise", answers_file, "--date", "2025-01-31")
    assert result.exit_code == 0
    assert result.output.startswith(f"# Upgrading plan for {CASE.firm}\n\n2025-01-31 ")
    assert DETAILS in result.output and "## Appendix" in result.output


def _on_a_terminal(args: list[str], env: dict) -> str:
    """Run the installed CLI with its stdout on a pseudo-terminal, as a user would."""
    controller, terminal = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "gvc_advisor", *args], stdout=terminal, stderr=subprocess.PIPE,
                            env={**os.environ, **env}, close_fds=True)
    os.close(terminal)
    chunks = []
    while True:
        try:
            chunk = os.read(controller, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    proc.wait(timeout=60)
    os.close(controller)
    assert proc.returncode == 0, proc.stderr.read().decode()
    return b"".join(chunks).decode("utf-8", "replace")


def test_text_is_the_default_on_a_terminal(answers_file):
    screen = _on_a_terminal(["advise", answers_file, "--date", "2025-01-31"],
                            {"COLUMNS": "80", "LINES": "24", "NO_COLOR": "1"})
    assert "Priority plan" in screen and "## " not in screen and "Appendix" not in screen
    assert "--format html" in screen  # where the rest of the report is
    assert "\x1b[" not in screen  # NO_COLOR
    coloured = _on_a_terminal(["advise", answers_file, "--date", "2025-01-31"], {"COLUMNS": "80"})
    assert "\x1b[" in coloured


def test_date_from_option_or_source_date_epoch(answers_file):
    assert "\n2024-02-29 · " in run("advise", answers_file, "--date", "2024-02-29").output
    assert "\n2023-11-14 · " in run("advise", answers_file, env={"SOURCE_DATE_EPOCH": "1700000000"}).output
    bad = run("advise", answers_file, env={"SOURCE_DATE_EPOCH": "yesterday"})
    assert bad.exit_code == 1 and "SOURCE_DATE_EPOCH must be a whole number" in bad.output
    wrong = run("advise", answers_file, "--date", "31/01/2025")
    assert wrong.exit_code == 2 and "Invalid value for '--date'" in wrong.output


RENDER_ALL = """
import sys
from gvc_advisor.cli import cli
for fmt in ("json", "markdown", "html", "text"):
    try:
        cli(["advise", sys.argv[1], "--format", fmt, "--date", "2025-01-31"], prog_name="gvc-advisor")
    except SystemExit as stop:
        assert not stop.code, stop.code
"""


def test_same_bytes_in_every_process_and_hash_seed(answers_file):
    outputs = set()
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        out = subprocess.run([sys.executable, "-c", RENDER_ALL, answers_file], capture_output=True, env=env,
                             check=True, cwd=Path.cwd())
        assert b"<!DOCTYPE html>" in out.stdout and b'"trace": [' in out.stdout
        outputs.add(out.stdout)
    assert len(outputs) == 1
