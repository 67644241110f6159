"""Shared fixtures: the small test knowledge base, the shipped one, helpers.

The suite never writes outside its own temporary folder: before anything is
imported, every place gvc-advisor or a library could write to (temporary
files, the KB cache, the session store, the XDG folders, in this process and
in the subprocesses tests start) is pointed into one folder for the session.
At the end :func:`pytest_sessionfinish` fails the run if a test left anything
there besides pytest's own ``tmp_path`` folders, then removes it.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

SESSION_TMP = Path(tempfile.mkdtemp(prefix="gvc-tests-"))
for _name, _sub in (("TMPDIR", "tmp"), ("GVC_ADVISOR_CACHE_DIR", "cache"), ("GVC_ADVISOR_DATA_DIR", "data"),
                    ("XDG_CACHE_HOME", "xdg-cache"), ("XDG_DATA_HOME", "xdg-data"),
                    ("XDG_STATE_HOME", "xdg-state"), ("XDG_CONFIG_HOME", "xdg-config")):
    (SESSION_TMP / _sub).mkdir()
    os.environ[_name] = str(SESSION_TMP / _sub)
tempfile.tempdir = os.environ["TMPDIR"]
# Tests load many throw-away knowledge bases: caching them would only cost time
# (tests/test_kb_cache.py turns the cache on, in a folder of its own).
os.environ["GVC_ADVISOR_NO_CACHE"] = "1"
# Tests read English unless they choose a language: the developer's own locale
# (zh_CN.UTF-8, say) must not change what a test sees.
for _name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE", "GVC_ADVISOR_LANG"):
    os.environ.pop(_name, None)
os.environ["LANG"] = "C.UTF-8"

import pytest  # noqa: E402  (after pointing every writable place into the session folder)

sys.path.insert(0, str(Path(__file__).parent))  # reference_evaluator, helpers

from gvc_advisor.engine.kb.answers import Answers, answers_from_mapping  # noqa: E402
from gvc_advisor.engine.kb.loader import default_kb_root, load_knowledge_base  # noqa: E402
from gvc_advisor.engine.kb.model import KnowledgeBase  # noqa: E402

SMALL_KB = Path(__file__).parent / "fixtures" / "small_kb"


@pytest.fixture(autouse=True)
def _english_by_default():
    """Every test starts in English and leaves the process in English."""
    from gvc_advisor.engine.i18n import set_language

    set_language("en")
    yield
    set_language("en")


@pytest.fixture(scope="session")
def small_kb() -> KnowledgeBase:
    return load_knowledge_base(SMALL_KB)


@pytest.fixture(scope="session")
def shipped_kb() -> KnowledgeBase:
    return load_knowledge_base(default_kb_root())


def answers_of(kb: KnowledgeBase, raw: dict) -> Answers:
    """Validate a plain dict of answers (raises on any problem)."""
    answers, problems = answers_from_mapping(kb, raw, "<test>")
    assert not problems, [p.format() for p in problems]
    return answers


def assert_one_diagnosis_no_contradiction(kb: KnowledgeBase, consultation) -> None:
    """Issue 8's invariant: no single-valued fact holds two values, and no two
    recommendations that conflict are made together."""
    for name, spec in kb.facts.items():
        if spec.single:
            assert len(consultation.established(name)) <= 1, (name, consultation.established(name))
    made = {c.target for c in consultation.recommended}
    for rec_id in made:
        assert not set(kb.recommendations[rec_id].conflicts_with) & made, rec_id


@pytest.fixture
def write_kb():
    """Write a tiny knowledge base: choice questions with values x/y, one rec 'rec'."""
    from gvc_advisor.services.synthetic import dump_yaml

    def write(root: Path, questions: list[str], rules: list[dict], facts: list[dict] | None = None,
              extra: dict | None = None) -> Path:
        (root / "knowledge_base").mkdir(parents=True, exist_ok=True)
        (root / "rules").mkdir(parents=True, exist_ok=True)
        kb = {
            "kb": {"name": "t", "version": "1", "description": "d"},
            "sources": [{"key": "src", "citation": "A source."}],
            "questions": [
                {"id": q, "topic": "t", "text": f"{q}?", "help": {"meaning": "m", "why": "w"},
                 "type": "choice", "choices": [{"value": "x", "label": "X"}, {"value": "y", "label": "Y"}]}
                for q in questions
            ],
            "facts": facts or [],
            "recommendations": [{
                "id": "rec", "title": "R", "summary": "s", "upgrading_type": "process",
                "actions": ["a", "b", "c"], "preconditions": ["p"], "risks": ["r"], "actors": ["firm"],
                "horizon": "now", "sources": [{"key": "src", "section": "1"}]}],
        }
        kb.update(extra or {})
        (root / "knowledge_base" / "kb.yaml").write_text(dump_yaml(kb))
        (root / "rules" / "r.yaml").write_text(dump_yaml({"rules": rules}))
        return root

    return write


def _leftovers() -> list[str]:
    """What tests left in the session folder (pytest's own tmp_path folders aside)."""
    found = []
    for sub in sorted(SESSION_TMP.iterdir()):
        for entry in sorted(sub.iterdir()):
            if not (sub.name == "tmp" and entry.name.startswith("pytest-of-")):
                found.append(str(entry.relative_to(SESSION_TMP)))
    return found


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    leftovers = _leftovers()
    if leftovers:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
        print(f"\ntests left files behind (they must use tmp_path or clean up): {leftovers[:10]}",
              file=sys.stderr)
    if exitstatus == 0 and not leftovers:
        shutil.rmtree(SESSION_TMP, ignore_errors=True)
    else:
        print(f"\ntemporary files of this run kept in {SESSION_TMP}", file=sys.stderr)
