"""Issue 9, item 12: ``interview --answers FILE`` takes the firm from the file."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from gvc_advisor.cli import cli
from gvc_advisor.tui import app as app_module


@pytest.fixture
def started(monkeypatch, tmp_path):
    """Record what the TUI would start with, instead of running it."""
    seen: dict = {}

    def run(self, *args, **kwargs):
        seen["answers"], seen["firm"] = self._initial

    monkeypatch.setattr(app_module.AdvisorApp, "run", run)
    monkeypatch.setenv("GVC_ADVISOR_DATA_DIR", str(tmp_path / "data"))
    return seen


def _interview(tmp_path, text: str, *extra: str):
    path = tmp_path / "acme-answers.yaml"
    path.write_text(text)
    return CliRunner().invoke(cli, ["interview", "--answers", str(path), *extra])


def test_firm_comes_from_the_file(tmp_path, started):
    result = _interview(tmp_path, "firm: Acme Shirts Ltd\nanswers:\n  industry: apparel\n")
    assert result.exit_code == 0, result.output
    assert started["firm"] == "Acme Shirts Ltd" and started["answers"]["industry"].value == "apparel"


def test_file_name_only_when_the_file_has_no_firm(tmp_path, started):
    assert _interview(tmp_path, "answers:\n  industry: apparel\n").exit_code == 0
    assert started["firm"] == "acme-answers"


def test_command_line_firm_wins(tmp_path, started):
    assert _interview(tmp_path, "firm: In File\nanswers: {industry: apparel}\n", "--firm", "Typed").exit_code == 0
    assert started["firm"] == "Typed"


def test_bad_firm_in_the_file_is_a_clean_error(tmp_path, started):
    result = _interview(tmp_path, "firm: 42\nanswers: {industry: apparel}\n")
    assert result.exit_code == 1 and "'firm' must be text" in result.stderr and "firm" not in started


def test_answers_cannot_come_from_standard_input(tmp_path, started):
    for path in ("-", "/dev/stdin"):
        result = CliRunner().invoke(cli, ["interview", "--answers", path], input="answers: {}\n")
        assert result.exit_code == 1 and "'--answers' cannot be standard input" in result.stderr
        assert "firm" not in started


@pytest.mark.parametrize("firm", ["a\nb", "\x1b[31mred", "x" * 201])
def test_firm_on_the_command_line_is_checked_like_the_file(started, firm):
    result = CliRunner().invoke(cli, ["interview", "--firm", firm])
    assert result.exit_code == 1 and result.stderr.startswith("<command line>: '--firm' ")
    assert "firm" not in started
