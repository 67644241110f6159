"""Property: whatever bytes an answers file holds, ``advise`` keeps the contract.

Mutations of valid answers files (YAML tokens, tags, anchors, numbers in
every notation, control and bidirectional characters, invalid UTF-8, deep
nesting, duplication, deletion) go through standard input, which also
exercises the bounded reader; see :mod:`fuzz_contract`.
"""

from __future__ import annotations

from pathlib import Path
from unittest import mock

from click.testing import CliRunner
from fuzz_contract import assert_contract, fuzz_settings, mutated
from hypothesis import given
from hypothesis import strategies as st

from gvc_advisor.cli import cli
from gvc_advisor.engine.kb.loader import load_knowledge_base

SMALL_KB = str(Path(__file__).parent / "fixtures" / "small_kb")
#: Loaded once: the answers file is what is fuzzed here, not the knowledge base.
KB = load_knowledge_base(SMALL_KB)

BASES = [
    """\
firm: Test Garments
answers:
  transaction_complexity: high
  codifiability: high
  supplier_competence: low
  largest_buyer_share: 70
  industry: apparel
  employees: 150
""",
    """\
answers:
  industry: {value: electronics, unsure: true}
  largest_buyer_share: {value: "35", certainty: 0.8}
  governance: modular
""",
    'firm: "Café \\u00e9"\nanswers: {industry: steel, employees: "12", codifiability: low}\n',
]


@fuzz_settings(default_examples=150)
@given(data=st.data(), base=st.sampled_from(BASES), fmt=st.sampled_from(["json", "markdown", "html"]))
def test_mutated_answers_files_keep_the_contract(data, base, fmt):
    text = data.draw(mutated(base))
    with mock.patch("gvc_advisor.cli.base.load_kb", return_value=KB):
        result = CliRunner().invoke(cli, ["advise", "-", "--format", fmt, "--kb", SMALL_KB], input=text)
    assert_contract(result, repr(text[:300]))
    if result.exit_code == 0:
        assert result.stdout.strip()
