"""Knowledge-base declarations for the plan and the policy: finite numbers,
levels in order, horizons, urgency rules, choice groups, disagreements."""

from __future__ import annotations

import math

import pytest

from gvc_advisor.engine.errors import KnowledgeBaseError
from gvc_advisor.engine.kb.loader import load_knowledge_base

SRC = [{"key": "src", "section": "1"}]


def test_kb_numbers_must_be_finite(write_kb, tmp_path):
    rules = [{"id": "r", "title": "R", "because": "b", "when": {"fact": "q1", "equals": math.nan},
              "then": [{"recommend": "rec", "cf": math.inf}], "sources": SRC}]
    extra = {"kb": {"name": "t", "version": "1", "description": "d", "threshold": math.nan}}
    with pytest.raises(KnowledgeBaseError) as raised:
        load_knowledge_base(write_kb(tmp_path, ["q1"], rules, extra=extra))
    text = str(raised.value)
    assert text.count("finite number") == 3, text
    assert "nan is not a finite number; .nan and .inf are not allowed" in text


def test_worth_considering_below_the_threshold_is_refused(write_kb, tmp_path):
    extra = {"kb": {"name": "t", "version": "1", "description": "d", "threshold": 0.3, "worth_considering": 0.25}}
    with pytest.raises(KnowledgeBaseError, match="must be at least the 'threshold'"):
        load_knowledge_base(write_kb(tmp_path, ["q1"], [], extra=extra))
