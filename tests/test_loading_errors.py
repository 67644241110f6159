"""Bad knowledge-base input: every problem reported at once, located, explained."""

from __future__ import annotations

from pathlib import Path

import pytest

from gvc_advisor.engine.errors import KnowledgeBaseError
from gvc_advisor.engine.kb.loader import load_knowledge_base
from gvc_advisor.engine.kb.yaml_reader import MAX_FILE_BYTES

KB_YAML = """\
kb: {name: t, version: "1", description: d}
sources:
  - {key: src, citation: A source.}
questions:
  - id: q0
    topic: t
    text: Q0?
    help: {meaning: m, why: w}
    type: choice
    choices: [{value: x, label: X}, {value: y, label: Y}]
  - id: size
    topic: t
    text: Size?
    help: {meaning: m, why: w}
    type: integer
facts:
  - id: status
    label: Status
    description: d
    values: [{value: big, label: Big}, {value: small, label: Small}]
recommendations:
  - id: rec
    title: R
    summary: s
    upgrading_type: process
    actions: [a, b, c]
    preconditions: [p]
    risks: [r]
    actors: [firm]
    horizon: now
    sources: [{key: src, section: "1"}]
"""

GOOD_RULE = """\
rules:
  - id: r1
    title: t
    because: b
    when: {fact: q0, equals: x}
    then:
      - {set: status, to: big, cf: 0.5}
      - {recommend: rec, cf: 0.5}
    sources: [{key: src, section: "1"}]
"""


def make(tmp_path: Path, rules: str = GOOD_RULE, kb: str = KB_YAML, extra: dict | None = None) -> Path:
    (tmp_path / "knowledge_base").mkdir()
    (tmp_path / "rules").mkdir()
    (tmp_path / "knowledge_base" / "kb.yaml").write_text(kb)
    (tmp_path / "rules" / "r.yaml").write_text(rules)
    for name, text in (extra or {}).items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text) if isinstance(text, str) else path.write_bytes(text)
    return tmp_path


def errors(root: Path) -> str:
    with pytest.raises(KnowledgeBaseError) as info:
        load_knowledge_base(root)
    return info.value.report()


def test_good_kb_loads(tmp_path):
    kb = load_knowledge_base(make(tmp_path))
    assert [r.id for r in kb.rules] == ["r1"]
    assert [p.message for p in kb.lint] == ["no rule reads question 'size'"]


@pytest.mark.parametrize(("rules", "expected"), [
    (GOOD_RULE.replace("equals: x", "equals: z"),
     "rules/r.yaml:5:22: 'q0' has no value 'z'; allowed: x, y"),
    (GOOD_RULE.replace("fact: q0", "fact: q00"),
     "rules/r.yaml:5:12: unknown question or fact 'q00'; did you mean 'q0'?"),
    (GOOD_RULE.replace("set: status", "set: statu"),
     "rules/r.yaml:7:10: unknown derived fact 'statu'; did you mean 'status'?"),
    (GOOD_RULE.replace("set: status", "set: q0"),
     "'q0' is a question; rules may only conclude derived facts"),
    (GOOD_RULE.replace("recommend: rec", "recommend: recc"),
     "unknown recommendation 'recc'; did you mean 'rec'?"),
    (GOOD_RULE.replace("key: src", "key: scr"), "unknown source 'scr'; did you mean 'src'?"),
    (GOOD_RULE.replace("{fact: q0, equals: x}", "{fact: q0, gt: 3}"),
     "'gt' compares numbers, but 'q0' is categorical"),
    (GOOD_RULE.replace("    because: b\n", "    because: b\n    becuase: c\n"),
     "rules/r.yaml:5:5: unknown key 'becuase'; did you mean 'because'?"),
    (GOOD_RULE.replace("{fact: q0, equals: x}", "{fact: q0, equals: x, in: [y]}"),
     "a fact test needs exactly one operator, found 2 (equals, in)"),
    (GOOD_RULE.replace("cf: 0.5}\n      - {recommend", "cf: 1.5}\n      - {recommend"),
     "rules/r.yaml:7:32: 'cf': Input should be less than or equal to 1"),
    (GOOD_RULE.replace("    title: t\n", ""), "rules/r.yaml:2:5: missing required key 'title'"),
    (GOOD_RULE.replace("id: r1", "id: R 1"), "it must be an identifier"),
    (GOOD_RULE.replace("when: {fact: q0, equals: x}", "when: [1]"), "a condition must be a mapping"),
    (GOOD_RULE + GOOD_RULE.replace("rules:\n", ""), "duplicate rule 'r1' (first defined at rules/r.yaml:2)"),
    (GOOD_RULE.replace("    title: t\n", "    title: t\n    title: u\n"),
     "rules/r.yaml:4:5: duplicate key 'title' (first defined on line 3)"),
    (GOOD_RULE.replace("when: {fact: q0, equals: x}", "when: &c {fact: q0, equals: x}"),
     "anchor &c is not allowed"),
    ("rules: [\n", "rules/r.yaml:2:1: YAML syntax"),
    ("- 1\n", "the file must be a YAML mapping of sections"),
    (GOOD_RULE.replace("rules:", "questions: []\nrules:"), "'questions' belongs in knowledge_base/"),
])
def test_rule_problems_are_located(tmp_path, rules, expected):
    assert expected in errors(make(tmp_path, rules=rules))


def test_all_problems_reported_at_once(tmp_path):
    bad = GOOD_RULE.replace("equals: x", "equals: z").replace("recommend: rec", "recommend: nope")
    report = errors(make(tmp_path, rules=bad))
    assert "'q0' has no value 'z'" in report and "unknown recommendation 'nope'" in report


def test_cycle_is_reported(tmp_path):
    kb = KB_YAML.replace("facts:\n", """facts:
  - id: other
    label: Other
    description: d
    values: [{value: a, label: A}, {value: b, label: B}]
""")
    rules = GOOD_RULE + """\
  - id: r2
    title: t
    because: b
    when: {fact: status, equals: big}
    then: [{set: other, to: a, cf: 0.5}]
    sources: [{key: src, section: "1"}]
  - id: r3
    title: t
    because: b
    when: {fact: other, equals: a}
    then: [{set: status, to: small, cf: 0.5}]
    sources: [{key: src, section: "1"}]
"""
    assert "cycle: other → status → other" in errors(make(tmp_path, rules=rules, kb=kb))


def test_unquoted_yes_no_stay_strings(tmp_path):
    kb = KB_YAML.replace("type: choice\n    choices: [{value: x, label: X}, {value: y, label: Y}]",
                         "type: yesno")
    rules = GOOD_RULE.replace("equals: x", "equals: yes")
    loaded = load_knowledge_base(make(tmp_path, rules=rules, kb=kb))
    assert loaded.rules[0].when.equals == "yes"


def test_size_cap(tmp_path):
    big = "# padding\n" * (MAX_FILE_BYTES // 10 + 10)
    report = errors(make(tmp_path, extra={"knowledge_base/big.yaml": big}))
    assert "knowledge_base/big.yaml: file is" in report and "the limit is" in report


def test_not_utf8(tmp_path):
    assert "not UTF-8 text" in errors(make(tmp_path, extra={"rules/bin.yaml": b"rules: \xff\xfe\n"}))


def test_missing_folders(tmp_path):
    assert "no 'knowledge_base/' folder here" in errors(tmp_path)


def test_missing_kb_meta(tmp_path):
    assert "found 0 'kb:' sections" in errors(make(tmp_path, kb=KB_YAML.replace(
        'kb: {name: t, version: "1", description: d}\n', "")))


def test_python_tags_refused(tmp_path):
    rules = GOOD_RULE.replace("title: t", "title: !!python/object/apply:os.system [echo]")
    assert "is not allowed" in errors(make(tmp_path, rules=rules))


def test_unreachable_recommendation_is_linted(tmp_path):
    rules = GOOD_RULE.replace("      - {recommend: rec, cf: 0.5}\n", "")
    kb = load_knowledge_base(make(tmp_path, rules=rules))
    assert any("no rule recommends 'rec'" in p.message for p in kb.lint)


def test_case_answers_are_checked(tmp_path):
    case = """\
case:
  id: c1
  title: T
  firm: F
  situation: S
  answers: {q0: z, size: -1}
  expected: {recommended: [rex]}
  teaching_note: N
"""
    report = errors(make(tmp_path, extra={"knowledge_base/cases/c1.yaml": case}))
    assert "knowledge_base/cases/c1.yaml:6:13: 'q0' cannot be 'z'" in report
    assert "unknown recommendation 'rex'; did you mean 'rec'?" in report


def test_pure_python_yaml_path_has_the_same_rules(monkeypatch):
    """Without libyaml the pure-Python composer must refuse and keep the same things."""
    from gvc_advisor.engine.kb import yaml_reader

    monkeypatch.setattr(yaml_reader, "FastStrictLoader", None)
    load = yaml_reader.load_yaml_text
    assert load("a: yes\nb: no\nc: on\nd: true\n", "t").data == {"a": "yes", "b": "no", "c": "on", "d": True}
    assert "anchor &x is not allowed" in load("a: &x 1\n", "t").problems[0].message
    assert "alias *x is not allowed" in load("a: 1\nb: *x\n", "t").problems[0].message
    assert "duplicate key 'a'" in load("a: 1\na: 2\n", "t").problems[0].message
    assert load("a: [1\n", "t").problems[0].message.startswith("YAML syntax")
