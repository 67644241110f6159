"""validate warns about markup-like text and control characters in KB strings."""

from __future__ import annotations

from gvc_advisor.engine.kb.loader import load_knowledge_base


def rule(title: str) -> dict:
    return {"id": "r1", "title": title, "because": "b", "sources": [{"key": "src", "section": "1"}],
            "when": {"fact": "q1", "equals": "x"}, "then": [{"recommend": "rec", "cf": 0.8}]}


def test_markup_and_control_characters_are_reported_where_they_are(tmp_path, write_kb):
    root = write_kb(tmp_path, ["q1"], [rule("Do [b]this[/b] \x1b]0;t\x07now")],
                    extra={"glossary": [{"term": "Value [/bogus]", "definition": "d"}]})
    kb = load_knowledge_base(root)
    found = [p.format() for p in kb.lint if "markup" in p.message or "control character" in p.message]
    assert any("rules/r.yaml:" in f and "'[b]'" in f for f in found), found
    assert any("rules/r.yaml:" in f and "U+001B" in f for f in found), found
    assert any("knowledge_base/kb.yaml:" in f and "'[/bogus]'" in f for f in found), found
    assert all(p.severity == "warning" for p in kb.lint)


def test_brackets_that_are_not_markup_pass(tmp_path, write_kb):
    root = write_kb(tmp_path, ["q1"], [rule("Sales [1] and [2]: 50 % (approx.)")])
    kb = load_knowledge_base(root)
    assert not [p for p in kb.lint if "markup" in p.message]


def test_the_shipped_knowledge_base_is_clean(shipped_kb):
    assert not [p for p in shipped_kb.lint if "markup" in p.message or "control character" in p.message]
