"""Golden files: every report format, byte for byte, on two worked cases (and one in Chinese).

A change to the report, the knowledge base or the engine that changes a
single byte fails here, with a diff.  When the change is intended, regenerate
the files and review them with ``git diff tests/golden``::

    GVC_ADVISOR_REGEN_GOLDEN=1 .venv/bin/pytest tests/test_report_golden.py

(a regenerating run skips instead of passing, so it can never hide a difference).
The README's page one (between its ``report-page-one`` markers) is checked and
regenerated the same way.
"""

from __future__ import annotations

import difflib
import os
import re
from pathlib import Path

import pytest
from report_cases import DATE, consult_case

from gvc_advisor.cli.advice import more_hint
from gvc_advisor.engine.engines import engine_for
from gvc_advisor.engine.i18n import set_language
from gvc_advisor.engine.kb.answers import answers_from_mapping
from gvc_advisor.engine.kb.loader import default_kb_root, load_knowledge_base
from gvc_advisor.services import report

GOLDEN = Path(__file__).parent / "golden"
README = Path(__file__).parent.parent / "README.md"
README_BLOCK = re.compile(r"(<!-- report-page-one -->\n```\n)(.*?)(```\n<!-- /report-page-one -->)", re.DOTALL)
#: A captive SME with four warnings; a leading firm whose governance is contested.
CASES = ["captive-garment-oem", "sourcing-intermediary"]
RENDER = {
    "txt": lambda kb, c, firm: report.to_text(kb, c, firm, date=DATE, width=80),
    "md": lambda kb, c, firm: report.to_markdown(kb, c, firm, date=DATE),
    "html": lambda kb, c, firm: report.to_html(kb, c, firm, date=DATE),
    "json": lambda kb, c, firm: report.to_json(kb, c, firm, date=DATE),
}


@pytest.mark.parametrize("suffix", sorted(RENDER))
@pytest.mark.parametrize("case_id", CASES)
def test_report_matches_golden_file(case_id, suffix):
    kb, consultation, firm = consult_case(case_id)
    _check(GOLDEN / f"{case_id}.{suffix}", RENDER[suffix](kb, consultation, firm).encode("utf-8"))


@pytest.mark.parametrize("suffix", sorted(RENDER))
def test_chinese_report_matches_golden_file(suffix):
    """The whole report in Chinese: the knowledge base's translation and the UI catalog."""
    set_language("zh")
    kb = load_knowledge_base(default_kb_root(), language="zh")
    case = next(c for c in kb.cases if c.id == "captive-garment-oem")
    answers, problems = answers_from_mapping(kb, case.answers, case.id)
    assert not problems
    consultation = engine_for(kb).consult(answers)
    _check(GOLDEN / f"captive-garment-oem.zh.{suffix}", RENDER[suffix](kb, consultation, case.firm).encode("utf-8"))


def _check(path: Path, produced: bytes) -> None:
    if os.environ.get("GVC_ADVISOR_REGEN_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(produced)
        pytest.skip(f"regenerated {path.name}")
    assert path.exists(), f"{path} is missing; see this module's docstring to generate it"
    expected = path.read_bytes()
    if produced != expected:
        diff = difflib.unified_diff(expected.decode("utf-8", "replace").splitlines(),
                                    produced.decode("utf-8", "replace").splitlines(),
                                    f"golden/{path.name}", "produced", lineterm="", n=2)
        pytest.fail("report differs from its golden file:\n" + "\n".join(list(diff)[:80]))


def test_readme_shows_page_one_of_a_real_report():
    kb, consultation, firm = consult_case("captive-garment-oem")
    produced = report.to_text(kb, consultation, firm, date=DATE, width=80, hint=more_hint("answers.yaml"))
    readme = README.read_text(encoding="utf-8")
    match = README_BLOCK.search(readme)
    assert match, "README.md lost its report-page-one block"
    if os.environ.get("GVC_ADVISOR_REGEN_GOLDEN"):
        README.write_text(readme[:match.start(2)] + produced + readme[match.end(2):], encoding="utf-8")
        pytest.skip("regenerated the README's page one")
    assert match.group(2) == produced, "README's page one is stale; see this module's docstring"
