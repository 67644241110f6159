"""What the fuzz tests share: the CLI contract and the mutations that attack it.

The contract (README, issue 9): a command exits 0 or 1, never 70 and never
with a traceback, and on exit 1 prints one printable ``file:line:col: message``
line per problem on stderr.

``GVC_FUZZ_EXAMPLES`` raises the number of examples for a long campaign
(``GVC_FUZZ_EXAMPLES=3000 pytest tests/test_fuzz_*.py``); the default keeps
the suite fast.
"""

from __future__ import annotations

import os
import re

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

PROBLEM_LINE = re.compile(r"^[^\n]+?(:\d+(:\d+)?)?: \S.*$")


def fuzz_settings(default_examples: int):
    return settings(
        max_examples=int(os.environ.get("GVC_FUZZ_EXAMPLES", default_examples)),
        deadline=None,
        derandomize=not os.environ.get("GVC_FUZZ_EXAMPLES"),  # the suite: the same inputs every run
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        database=None,
    )


def assert_contract(result, what: str = "", problems_on_stderr: bool = True) -> None:
    """Exit 0 or 1, no traceback, and one clean problem line per line of stderr on exit 1
    (``coverage`` exits 1 on an empty cell with its grid on stdout: ``problems_on_stderr=False``)."""
    context = (what, result.exit_code, result.output[-1500:])
    assert result.exit_code in (0, 1), context
    assert result.exception is None or isinstance(result.exception, SystemExit), (context, result.exception)
    assert "Traceback" not in result.output and "internal error" not in result.output, context
    if result.exit_code == 1 and (problems_on_stderr or result.stderr):
        lines = result.stderr.splitlines()
        assert lines, context
        for line in lines:
            assert PROBLEM_LINE.match(line) and line.isprintable(), (context, line)


#: Pieces of YAML and text that have broken parsers, resolvers and terminals.
TOKENS = [
    "[", "]", "{", "}", ": ", ":", "- ", ", ", "? ", "|\n  ", ">\n  ", "'", '"', "#", "\n", "\n  ", "\t", "\r",
    "&a ", "*a", "!!", "!!int ", "!!bool ", "!!float ", "!!str ", "!!null ", "!!timestamp ", "!!binary ",
    "!!map ", "!!seq ", "!!set ", "!!merge ", "!local ", "! ", "!!python/object/apply:os.system ",
    "<<: ", "<<: {a: 1}\n", "---\n", "...\n", "%YAML 1.1\n---\n", "%TAG !e! tag:e.com,2000:\n---\n",
    "~", "null", "true", "yes", "no", "on", "Off", "070", "0x40", "0o17", "0b101", "1:10", "6_0", "+60",
    "-0", ".5", "1e3", "1e999", ".inf", "-.inf", ".nan", "9" * 400, "9" * 4301, "0.0000001", "-1",
    "²", "٦٠", "６０", "\u00a0", "\u2028", "\u2029", "\x85", "\ufeff", "\u202e", "\x00", "\x01", "\x1b[31m",
    "\x7f", "\ud800", "\U0001f600", "é", "\\", "\\n", "\\e", "\\u2028", "%", "@", "`",
    "value", "unsure", "certainty", "firm", "answers", "industry", "apparel", "largest_buyer_share",
]


@st.composite
def mutated(draw, base: str) -> bytes:
    """``base`` with a few insertions, deletions, duplications, deep nests or raw bytes."""
    data = bytearray(base.encode())
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data)))
        kind = draw(st.sampled_from(["token", "token", "token", "delete", "duplicate", "nest", "bytes", "text"]))
        if kind == "token":
            piece = draw(st.sampled_from(TOKENS)).encode("utf-8", "surrogatepass")
            data[at:at] = piece
        elif kind == "delete":
            data[at:at + draw(st.integers(1, 40))] = b""
        elif kind == "duplicate":
            data[at:at] = data[at:at + draw(st.integers(1, 80))] * draw(st.integers(1, 3))
        elif kind == "nest":
            depth = draw(st.sampled_from([2, 63, 64, 65, 200, 5000]))
            opener, closer = draw(st.sampled_from([("[", "]"), ("{a: ", "}"), ("- ", "")]))
            data[at:at] = (opener * depth + "x" + closer * depth).encode()
        elif kind == "bytes":
            data[at:at] = draw(st.binary(min_size=1, max_size=8))
        else:
            data[at:at] = draw(st.text(min_size=1, max_size=12)).encode("utf-8", "surrogatepass")
    return bytes(data)
