"""Golden files: every report format, byte for byte, on two worked cases.

A change to the report, the knowledge base or the engine that changes a
single byte fails here, with a diff.  When the change is intended, regenerate
the files and review them with ``git diff tests/golden``::

    GVC_ADVISOR_REGEN_GOLDEN=1 .venv/bin/pytest tests/test_report_golden.py

(a regenerating run skips instead of passing, so it can never hide a difference).
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest
from report_cases import DATE, consult_case

from gvc_advisor.services import report

GOLDEN = Path(__file__).parent / "golden"
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
    produced = RENDER[suffix](kb, consultation, firm).encode("utf-8")
    path = GOLDEN / f"{case_id}.{suffix}"
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
