"""Shared fixtures: the small test knowledge base, the shipped one, helpers."""

from __future__ import annotations

import os
import sys
from pathlib import Path

# Tests load many throw-away knowledge bases: keep them out of the user's cache.
os.environ.setdefault("GVC_ADVISOR_NO_CACHE", "1")

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # reference_evaluator, helpers

from gvc_advisor.engine.kb.answers import Answers, answers_from_mapping
from gvc_advisor.engine.kb.loader import default_kb_root, load_knowledge_base
from gvc_advisor.engine.kb.model import KnowledgeBase

SMALL_KB = Path(__file__).parent / "fixtures" / "small_kb"


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
