"""Property: whatever a knowledge base's files hold, the commands keep the contract.

Each example mutates one file of the small test knowledge base, either as
text (see :mod:`fuzz_contract`) or as data (a node replaced by a value of
another type, deleted, duplicated, deeply nested, wrapped in a negation),
then runs ``validate --strict`` and ``advise``: both must exit 0 or 1 with
clean problem lines, and what ``validate`` accepts, ``advise`` must run.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

import yaml
from click.testing import CliRunner
from fuzz_contract import assert_contract, fuzz_settings, mutated
from hypothesis import event, given
from hypothesis import strategies as st

from gvc_advisor.cli import cli
from gvc_advisor.engine.interview import Interview
from gvc_advisor.engine.kb.loader import load_knowledge_base
from gvc_advisor.services.synthetic import dump_yaml

SMALL_KB = Path(__file__).parent / "fixtures" / "small_kb"
FILES = sorted(p.relative_to(SMALL_KB).as_posix() for p in SMALL_KB.rglob("*.yaml"))
ANSWERS = """\
firm: Fuzz Co
answers:
  transaction_complexity: high
  codifiability: high
  supplier_competence: low
  largest_buyer_share: 70
  industry: apparel
  employees: 150
"""

REPLACEMENTS: list[Any] = [
    None, True, False, 0, -1, 1.5, 10**40, "", "x", "apparel", "captive", "gov-market", "liu2007",
    [], {}, [None], {"a": 1}, {"not": {"fact": "industry", "equals": "apparel"}},
    {"any": [{"fact": "industry", "equals": "apparel"}] * 3}, {"fact": "industry", "gt": 5},
    {"fact": "governance", "in": []}, {"fact": "largest_buyer_share", "equals": "high"},
    "é\u2028\x1b[31m", "x" * 300,
]


def _paths(node: Any, path: tuple = ()) -> list[tuple]:
    found = [path]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found += _paths(value, (*path, i))
    return found


def _nested(depth: int) -> Any:
    node: Any = {"fact": "industry", "equals": "apparel"}
    for _ in range(depth):
        node = {"not": node}
    return node


@st.composite
def structural(draw, text: str) -> bytes:
    """Parse the file, change one node's shape or type, write it back."""
    data = yaml.safe_load(text)
    target = draw(st.sampled_from(_paths(data)))
    if not target:
        return dump_yaml(draw(st.sampled_from(REPLACEMENTS))).encode()
    parent = data
    for part in target[:-1]:
        parent = parent[part]
    last = target[-1]
    kind = draw(st.sampled_from(["replace", "replace", "delete", "duplicate", "nest", "negate", "rename"]))
    event(f"kb structural: {kind}")
    if kind == "replace":
        parent[last] = draw(st.sampled_from(REPLACEMENTS))
    elif kind == "delete":
        del parent[last]
    elif kind == "duplicate" and isinstance(parent, list):
        parent.insert(last, parent[last])
    elif kind == "nest":
        parent[last] = _nested(draw(st.sampled_from([10, 31, 32, 40, 100])))
    elif kind == "negate":
        parent[last] = {"not": parent[last]}
    elif isinstance(parent, dict):
        parent[draw(st.sampled_from(["id", "when", "then", "values", "cf", "fact", "Id", "in"]))] = parent.pop(last)
    return dump_yaml(data).encode()


def _check(file: str, raw: bytes) -> None:
    with tempfile.TemporaryDirectory(prefix="gvc-fuzz-kb-") as folder:
        root = Path(folder) / "kb"
        shutil.copytree(SMALL_KB, root)
        (root / file).write_bytes(raw)
        answers = Path(folder) / "answers.yaml"
        answers.write_text(ANSWERS)
        runner = CliRunner()
        validated = runner.invoke(cli, ["validate", "--strict", "--kb", str(root)])
        assert_contract(validated, f"validate {file}: {raw[:300]!r}")
        advised = runner.invoke(cli, ["advise", str(answers), "--format", "json", "--kb", str(root)])
        assert_contract(advised, f"advise {file}: {raw[:300]!r}")
        event(f"kb validate exit {validated.exit_code}, advise exit {advised.exit_code}")
        if validated.exit_code == 0:
            assert advised.exit_code == 0 or "answers.yaml:" in advised.stderr, advised.stderr
            _use_valid_kb(root, answers, runner)


def _use_valid_kb(root: Path, answers: Path, runner: CliRunner) -> None:
    """What validate accepts, every other command and a whole interview must handle."""
    for args in (["explain", str(answers), "governance"], ["explain", str(answers), "no-such-id"],
                 ["rules", "--format", "json"], ["coverage"]):
        result = runner.invoke(cli, [*args, "--kb", str(root)])
        assert_contract(result, " ".join(args), problems_on_stderr=args[0] != "coverage")
    interview = Interview(load_knowledge_base(root))
    for _ in range(30):
        question = interview.next_question
        if question is None:
            break
        values = question.allowed_values or ((question.bounds or (0, 0))[1],)
        interview.answer(question.id, values[-1])
    assert interview.progress[0] <= len(interview.kb.questions)


@fuzz_settings(default_examples=20)
@given(data=st.data(), file=st.sampled_from(FILES))
def test_knowledge_base_files_mutated_as_text_keep_the_contract(data, file):
    _check(file, data.draw(mutated((SMALL_KB / file).read_text())))


@fuzz_settings(default_examples=20)
@given(data=st.data(), file=st.sampled_from(FILES))
def test_knowledge_base_files_mutated_as_data_keep_the_contract(data, file):
    _check(file, data.draw(structural((SMALL_KB / file).read_text())))
