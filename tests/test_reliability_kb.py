"""Issue 9, knowledge-base side: every bad knowledge base is a clean, located error.

Each test here failed on the code before issue 9 (exit 70, a crash, or a
quirk accepted silently).
"""

from __future__ import annotations

import os

import pytest
from click.testing import CliRunner
from test_loading_errors import GOOD_RULE, KB_YAML, make

from gvc_advisor.cli import cli
from gvc_advisor.engine.errors import KnowledgeBaseError
from gvc_advisor.engine.kb.loader import load_knowledge_base
from gvc_advisor.engine.kb.rule_graph import MAX_BRANCHES, branch_count


def errors(root) -> str:
    with pytest.raises(KnowledgeBaseError) as info:
        load_knowledge_base(root)
    return info.value.report()


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def _rule_with(when: str) -> str:
    return GOOD_RULE.replace("when: {fact: q0, equals: x}", f"when: {when}")


# -- item 1: nesting is limited before anything is composed --------------------
@pytest.mark.parametrize("when", [
    "{not: " * 2000 + "{fact: q0, equals: x}" + "}" * 2000,
    "[" * 3000 + "]" * 3000,
])
def test_deep_nesting_in_a_rule_is_a_clean_error(tmp_path, when):
    report = errors(make(tmp_path, rules=_rule_with(when)))
    assert report.startswith("rules/r.yaml:5:") and "nested more than 64 levels deep" in report


# -- item 5: validate checks what the compiler checks ---------------------------
WIDE = "{all: [" + ", ".join(["{any: [{fact: q0, equals: x}, {fact: q0, equals: y}]}"] * 9) + "]}"


def test_condition_with_too_many_alternatives_fails_validate_with_its_position(tmp_path):
    root = make(tmp_path, rules=_rule_with(WIDE))
    result = run("validate", "--strict", "--kb", str(root))
    assert result.exit_code == 1
    assert result.output.startswith("rules/r.yaml:5:5: the condition of rule 'r1' expands to more than 256")


def test_branch_count_mirrors_the_normal_form(small_kb):
    from gvc_advisor.engine.kb.schema.validation import to_record
    from gvc_advisor.engine.kb.schema.validation.rules import Rule
    from gvc_advisor.engine.rete.normalize import dnf

    for rule in small_kb.rules:
        assert branch_count(rule.when) == len(dnf(rule.when))
    negated = to_record(Rule.model_validate({
        "id": "n", "title": "t", "because": "b", "sources": [{"key": "k", "section": "1"}],
        "then": [{"warn": "w"}],
        "when": {"not": {"any": [{"all": [{"fact": "a", "known": True}, {"fact": "b", "known": True}]},
                                 {"all": [{"fact": "c", "known": True}, {"fact": "d", "known": True}]}]}},
    }))
    assert branch_count(negated.when) == len(dnf(negated.when)) == 4
    assert MAX_BRANCHES == 256


def test_merge_key_in_a_knowledge_base_is_a_clean_error(tmp_path):
    rules = GOOD_RULE.replace("    title: t\n", "    <<: {title: t}\n")
    report = errors(make(tmp_path, rules=rules))
    assert "rules/r.yaml:3:5: merge keys (<<) are not allowed" in report


# -- item 11: silent loading quirks ---------------------------------------------
def test_symlinked_kb_file_is_refused_and_named(tmp_path):
    outside = tmp_path / "outside.yaml"
    outside.write_text(GOOD_RULE.replace("r1", "r2"))
    (tmp_path / "kb").mkdir()
    root = make(tmp_path / "kb")
    os.symlink(outside, root / "rules" / "linked.yaml")
    report = errors(root)
    assert f"rules/linked.yaml: is a symbolic link (to {outside})" in report
    assert "copy the file here instead" in report


def test_symlinked_rules_folder_is_refused(tmp_path):
    (tmp_path / "kb").mkdir()
    root = make(tmp_path / "kb")
    (root / "rules").rename(tmp_path / "real_rules")
    os.symlink(tmp_path / "real_rules", root / "rules")
    assert "rules: is a symbolic link" in errors(root)


def test_a_pipe_among_the_kb_files_is_refused_not_read(tmp_path):
    root = make(tmp_path)
    os.mkfifo(root / "rules" / "pipe.yaml")  # reading it would block for ever
    (root / "knowledge_base" / "folder.yaml").mkdir()
    report = errors(root)
    assert "rules/pipe.yaml: is not a regular file" in report
    assert "knowledge_base/folder.yaml: is not a regular file" in report


def test_yml_files_are_not_silently_ignored(tmp_path):
    root = make(tmp_path, extra={"rules/more.yml": GOOD_RULE.replace("r1", "r9")})
    assert "rules/more.yml: '.yml' files are not read; rename it to 'more.yaml'" in errors(root)


def test_duplicate_fact_values_are_refused(tmp_path):
    kb = KB_YAML.replace("{value: small, label: Small}", "{value: big, label: Big again}")
    report = errors(make(tmp_path, kb=kb))
    assert "knowledge_base/kb.yaml:20:41: fact 'status' lists the value 'big' twice" in report


def test_conflicts_with_itself_is_refused(tmp_path):
    kb = KB_YAML.replace("    sources: [{key: src, section: \"1\"}]\n",
                         "    sources: [{key: src, section: \"1\"}]\n    conflicts_with: [rec]\n", 1)
    assert "recommendation 'rec' names itself in 'conflicts_with'" in errors(make(tmp_path, kb=kb))


CASE = """\
case:
  id: c1
  title: T
  firm: F
  situation: S
  answers: {q0: x}
  expected: {recommended: [rec]}
  teaching_note: N
"""


def test_duplicate_case_ids_are_refused(tmp_path):
    root = make(tmp_path, extra={"knowledge_base/cases/a.yaml": CASE, "knowledge_base/cases/b.yaml": CASE})
    report = errors(root)
    assert ("knowledge_base/cases/b.yaml:2:3: duplicate case 'c1' (first defined in "
            "knowledge_base/cases/a.yaml)") in report


# -- item 9: anything echoed from a knowledge base stays on one line -----------------
def test_echoed_keys_are_escaped(tmp_path):
    rules = GOOD_RULE.replace("    title: t\n", '    title: t\n    "bad\\nkey\\u2028\\e[31m": 1\n')
    report = errors(make(tmp_path, rules=rules))
    assert len(report.splitlines()) == 1
    assert "unknown key 'bad\\nkey\\u2028\\x1b[31m'" in report


# -- found while probing: a long chain of derived facts --------------------------------
def _chain(tmp_path, length: int):
    """q0 → f1 → f2 → ... → f<length>, named so that the end of the chain sorts first."""
    name = [f"f{length - i:05d}" for i in range(length)]
    facts = "".join(f"  - {{id: {n}, label: F, description: d, values: [{{value: a, label: A}}, "
                    "{value: b, label: B}]}\n" for n in name)
    rules = ["rules:"]
    for i in reversed(range(length)):
        when = "{fact: q0, equals: x}" if i == 0 else f"{{fact: {name[i - 1]}, equals: a}}"
        rules.append(f"  - {{id: r{i}, title: t, because: b, when: {when}, then: [{{set: {name[i]}, to: a, "
                     "cf: 1.0}], sources: [{key: src, section: '1'}]}")
    rules.append(f"  - {{id: rz, title: t, because: b, when: {{fact: {name[-1]}, equals: a}}, then: "
                 "[{recommend: rec, cf: 0.9}, {set: status, to: big, cf: 0.5}], sources: [{key: src, section: '1'}]}")
    return make(tmp_path, rules="\n".join(rules) + "\n", kb=KB_YAML.replace("facts:\n", "facts:\n" + facts))


def test_a_chain_of_1200_derivations_is_a_clean_error_not_a_recursion_error(tmp_path):
    result = run("validate", "--kb", str(_chain(tmp_path, 1200)))
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith("rules/r.yaml:1202:5: rule 'rz' ends a chain of 1201 rules")


def test_a_chain_within_the_limit_loads_and_runs(tmp_path):
    root = _chain(tmp_path, 60)
    (tmp_path / "a.yaml").write_text("answers: {q0: x}\n")
    result = run("explain", str(tmp_path / "a.yaml"), "rec", "--kb", str(root))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("recommended: R")  # (explain shows the first levels of the chain)
