"""Issue 9, answers files: every bad answers file is a clean, located, one-line error.

Items 1 (nesting), 4 (exit 70 on bad values), 8 (silently wrong values) and
9 (one line per problem); each test failed on the code before issue 9.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from gvc_advisor.cli import cli

SMALL_KB = str(Path(__file__).parent / "fixtures" / "small_kb")
#: ``file:line:col: message`` (line and column optional), printable, one per problem.
PROBLEM_LINE = re.compile(r"^[^\n]+?(:\d+(:\d+)?)?: \S.*$")


def advise(tmp_path: Path, text: str | bytes, *extra: str):
    path = tmp_path / "answers.yaml"
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    # color=True: as on a terminal, where click does not strip escape sequences from what it prints
    return CliRunner().invoke(cli, ["advise", str(path), "--format", "json", "--kb", SMALL_KB, *extra], color=True)


def assert_clean_error(result, *expected: str) -> list[str]:
    """Exit 1, no traceback, every stderr line a printable ``file:line:col: message``."""
    assert result.exit_code == 1, (result.exit_code, result.output, result.exception)
    lines = result.stderr.splitlines()
    assert lines and all(PROBLEM_LINE.match(line) and line.isprintable() for line in lines), lines
    assert "Traceback" not in result.output and "internal error" not in result.output
    for text in expected:
        assert any(text in line for line in lines), (text, lines)
    return lines


def answer(value: str, name: str = "largest_buyer_share") -> str:
    return f"firm: T\nanswers:\n  {name}: {value}\n"


# -- item 1 ---------------------------------------------------------------------
def test_60_kb_of_brackets_is_a_clean_error_not_a_segfault(tmp_path):
    """Run in a real process: on the old code libyaml's composer crashed it (signal 11)."""
    path = tmp_path / "deep.yaml"
    path.write_text("answers: " + "[" * 30000 + "]" * 30000 + "\n")
    done = subprocess.run([sys.executable, "-m", "gvc_advisor", "advise", str(path), "--kb", SMALL_KB],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 1, (done.returncode, done.stderr[-500:])
    assert done.stderr == f"{path}:1:73: nested more than 64 levels deep; gvc-advisor files allow at most 64 " \
                          "levels of nested lists and mappings (split a deep rule condition into derived facts)\n"


@pytest.mark.parametrize("depth", [65, 500, 3000, 10000])
def test_deep_nesting_is_refused_before_composing(tmp_path, depth):
    assert_clean_error(advise(tmp_path, "answers: " + "{a: " * depth + "1" + "}" * depth), "nested more than 64")


def test_nesting_up_to_the_limit_is_fine(tmp_path):
    result = advise(tmp_path, "answers:\n  industry: " + "[" * 62 + "]" * 62 + "\n")
    assert_clean_error(result, "'industry' cannot be [[[")


# -- item 4: values that used to exit 70 -------------------------------------------
@pytest.mark.parametrize(("value", "message"), [
    ('"²"', "must be a whole number from 0 to 100 in decimal digits, not '²'"),
    ('"--5"', "not '--5'"),
    ("9" * 4301, "a number of 4301 digits is too long"),
    ('"' + "9" * 5000 + '"', "'largest_buyer_share' is 9999"),
    ("!!bool x", "'x' is not a boolean (tag !!bool); write true or false"),
    ("!!float high", "'high' is not a number (tag !!float)"),
    ("!!timestamp x", "the tag !!timestamp is not allowed"),
    ("!!int 0x40", "'0x40' is not a number gvc-advisor reads: base prefixes"),
    ("!!binary aGk=", "the tag !!binary is not allowed"),
    ("!!map x", "the tag !!map does not fit a single value"),
])
def test_values_that_used_to_crash(tmp_path, value, message):
    assert_clean_error(advise(tmp_path, answer(value)), message)


def test_tag_on_a_key(tmp_path):
    assert_clean_error(advise(tmp_path, "answers:\n  !!int largest_buyer_share: 60\n"),
                       ":2:3: 'largest_buyer_share' is not a whole number (tag !!int)")
    assert_clean_error(advise(tmp_path, "answers:\n  !!python/name:os.system x: 60\n"),
                       ":2:3: the tag !!python/name:os.system is not allowed")


def test_merge_key(tmp_path):
    assert_clean_error(advise(tmp_path, "answers:\n  <<: {industry: apparel}\n"),
                       ":2:3: merge keys (<<) are not allowed")


# -- item 8: values that used to be silently wrong ---------------------------------
@pytest.mark.parametrize(("value", "reason"), [
    ("070", "a leading zero is ambiguous"),
    ("1:10", "base-60 numbers like 1:10 are not allowed"),
    ("0x40", "base prefixes (0x, 0o, 0b) are not allowed"),
    ("0o100", "base prefixes"),
    ("0b1000000", "base prefixes"),
    ("6_0", "'_' separators are not allowed"),
    ("+60", "a '+' sign is not allowed"),
    (".inf", "infinity and NaN"),
])
def test_ambiguous_numbers_are_refused_with_what_is_allowed(tmp_path, value, reason):
    lines = assert_clean_error(advise(tmp_path, answer(value)), reason)
    assert "write numbers in plain decimal, like 60, -3 or 0.5" in lines[0]


@pytest.mark.parametrize("value", ['"６０"', '"٦٠"', '"۶۰"', '"60.0"', '"6 0"', "60.5"])
def test_digits_other_than_ascii_decimal_are_refused(tmp_path, value):
    assert_clean_error(advise(tmp_path, answer(value)), "must be a whole number from 0 to 100 in decimal digits")


@pytest.mark.parametrize(("value", "expected"), [("60", 60), ('"60"', 60), ('" 60 "', 60), ('"070"', 70), ("-0", 0)])
def test_plain_decimal_numbers_are_read_as_written(tmp_path, value, expected):
    import json

    result = advise(tmp_path, answer(value))
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["answers"]["largest_buyer_share"] == expected


@pytest.mark.parametrize("firm", ["123", "[a, b]", "{x: 1}", "true", '"a\\nb"', '"\\e[31mred"'])
def test_a_firm_that_is_not_one_line_of_text_is_an_error(tmp_path, firm):
    assert_clean_error(advise(tmp_path, f"firm: {firm}\nanswers:\n  industry: apparel\n"), ":1:1: 'firm' must be")


def test_unsure_and_certainty_together_are_refused(tmp_path):
    text = "answers:\n  industry: {value: apparel, unsure: true, certainty: 0.9}\n"
    assert_clean_error(advise(tmp_path, text), "give either 'unsure' or 'certainty', not both")


# -- item 9: one line per problem ---------------------------------------------------
def test_control_character_gives_one_located_line(tmp_path):
    lines = assert_clean_error(advise(tmp_path, "answers:\n  industry: app\x01arel\n"))
    assert lines == [f"{tmp_path / 'answers.yaml'}:2:16: the character U+0001 (a control character) is not "
                     "allowed in YAML; remove it (write a tab or line break as \\t or \\n inside double quotes)"]


@pytest.mark.parametrize("key", ['"a\\nb"', '"a\\u2028b"', '"a\\u2029b"', '"\\e[2J\\e[31m"', '"a\\rb"',
                                 '"\\u202eevil"', '"x\\x85y"', '"' + "k" * 1000 + '"'])
def test_echoed_keys_and_values_are_escaped(tmp_path, key):
    text = f"answers:\n  {key}: 1\n  industry: {key}\n"
    lines = assert_clean_error(advise(tmp_path, text), "unknown question or fact", "'industry' cannot be")
    assert len(lines) == 2 and all(len(line) < 600 for line in lines)
    assert "\x1b" not in "".join(lines)


def test_every_problem_is_reported_at_once(tmp_path):
    text = "firm: 5\nanswers:\n  industry: 0x1\n  largest_buyer_share: '²'\n  nope: 1\nextra: 1\n"
    lines = assert_clean_error(advise(tmp_path, text))
    assert len(lines) == 1 and "0x1" in lines[0]  # a bad scalar stops at the reader ...
    text = "firm: 5\nanswers:\n  industry: wood\n  largest_buyer_share: '²'\n  nope: 1\nextra: 1\n"
    assert len(assert_clean_error(advise(tmp_path, text))) == 5  # ... the rest are all listed together
