"""The shipped knowledge base: worked cases as golden tests, every rule fires,
every recommendation is reachable, the framework grid is complete, and short
interviews reach the advice of a full one."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import answers_of, assert_one_diagnosis_no_contradiction

from gvc_advisor.engine.advice import build_advice
from gvc_advisor.engine.cases import mismatches
from gvc_advisor.engine.engines import engine_for
from gvc_advisor.engine.interview import Interview
from gvc_advisor.engine.kb.loader import default_kb_root, load_knowledge_base
from gvc_advisor.engine.kb.schema.rules import RecommendAction
from gvc_advisor.services.coverage import coverage_grid

KB = load_knowledge_base(default_kb_root())
PROBES = yaml.safe_load((Path(__file__).parent / "fixtures" / "rule_probes.yaml").read_text())["probes"]


def consult(raw: dict):
    return engine_for(KB).consult(answers_of(KB, raw))


def test_shipped_kb_is_lint_clean():
    assert KB.lint == []
    assert 30 <= len(KB.questions) <= 50
    assert len(KB.rules) >= 60
    assert len(KB.cases) >= 8


CANONICAL_RECOMMENDATIONS = {
    "dynamic-oem-odm-obm", "assembly-to-modularization", "manufacturing-to-service-outsourcing",
    "strengthen-rd-modular-development", "strengthen-industrial-design",
    "develop-domestic-and-emerging-markets", "control-logistics-system", "process-upgrading-with-buyer",
    "innovation-alliance", "talent-and-incentives", "aircraft-carrier-alliance",
    "specialize-around-leading-firms", "own-brand-high-end", "partner-international-brand",
    "acquire-foreign-brand", "patent-sharing-alliance", "common-technology-platform", "regional-brand",
    "build-leading-enterprise", "relocate-labor-intensive-links",
}


def test_canonical_vocabulary_is_present():
    assert set(KB.recommendations) >= CANONICAL_RECOMMENDATIONS
    assert set(KB.facts["governance"].allowed_values) == {"market", "modular", "relational", "captive", "hierarchy"}
    assert set(KB.facts["driver"].allowed_values) == {"producer", "buyer", "mixed"}
    assert set(KB.facts["firm_status"].allowed_values) == {"leading", "large", "sme"}
    for qid in ("transaction_complexity", "codifiability", "supplier_competence", "largest_buyer_share",
                "vertically_integrated", "industry", "own_brand", "rd_capability", "employees"):
        assert qid in KB.questions
    assert {"apparel", "footwear", "toys", "textiles", "auto_parts", "machinery", "steel", "electronics",
            "household_appliances", "other"} <= set(KB.questions["industry"].allowed_values)


@pytest.mark.parametrize("case", KB.cases, ids=lambda c: c.id)
def test_worked_case(case):
    result = consult(case.answers)
    assert [message for _, message in mismatches(KB, case, result, build_advice(KB, result))] == []
    assert_one_diagnosis_no_contradiction(KB, result)


def _fired_everywhere() -> set[str]:
    fired: set[str] = set()
    for raw in [c.answers for c in KB.cases] + [p["answers"] for p in PROBES]:
        fired |= {f.rule_id for f in consult(raw).trace}
    return fired


def test_every_rule_fires_in_some_test():
    never = sorted({r.id for r in KB.rules} - _fired_everywhere())
    assert never == []


def test_every_recommendation_is_reachable():
    reachable = {a.recommend for r in KB.rules for a in r.then if isinstance(a, RecommendAction)}
    assert reachable == set(KB.recommendations)
    made = set()
    for raw in [c.answers for c in KB.cases] + [p["answers"] for p in PROBES]:
        made |= {c.target for c in consult(raw).recommended}
    assert made == set(KB.recommendations)


@pytest.mark.parametrize("probe", PROBES, ids=lambda p: p["id"])
def test_probe_expectations(probe):
    result = consult(probe["answers"])
    made = {c.target for c in result.recommended}
    assert set(probe.get("recommended", [])) <= made
    assert not set(probe.get("not_recommended", [])) & made
    assert set(probe.get("warnings", [])) <= {w.target for w in result.raised_warnings}
    for fact, value in probe.get("facts", {}).items():
        assert (result.value_of(fact) or [None])[0] == value


def test_framework_grid_is_complete_and_consistent():
    grid = coverage_grid(KB)
    assert len(grid) == 45
    assert [c for c in grid if c.empty] == []
    assert [(c.governance, c.driver, c.firm_status, c.contradictions) for c in grid if c.contradictions] == []


def test_grid_follows_table_three():
    cells = {(c.governance, c.driver, c.firm_status): {r for r, _ in c.recommended} for c in coverage_grid(KB)}
    assert "strengthen-rd-modular-development" in cells[("market", "producer", "sme")]
    assert "strengthen-industrial-design" in cells[("market", "buyer", "sme")]
    assert "control-logistics-system" in cells[("market", "mixed", "large")]
    assert "manufacturing-to-service-outsourcing" in cells[("captive", "buyer", "leading")]
    assert "manufacturing-to-service-outsourcing" not in cells[("relational", "buyer", "leading")]
    assert "strengthen-industrial-design" not in cells[("captive", "buyer", "leading")]


@pytest.mark.parametrize("case", KB.cases, ids=lambda c: c.id)
def test_interview_on_case_reaches_full_advice_with_fewer_questions(case):
    full = consult(case.answers)
    interview = Interview(KB)
    asked = 0
    while not interview.finished:
        question = interview.next_question
        asked += 1
        if question.id in case.answers:
            interview.answer(question.id, case.answers[question.id])
        else:
            interview.skip(question.id)
    assert interview.consultation.advice() == full.advice()
    assert build_advice(KB, interview.consultation).outcome() == build_advice(KB, full).outcome()
    assert asked < len(KB.questions)


def test_stated_governance_overrides_inference():
    raw = dict(KB.cases[0].answers)
    raw["governance"] = "relational"
    result = consult(raw)
    assert result.value_of("governance") == ("relational", 1.0)
    assert result.facts["governance"]["captive"].cf == 0.0
    assert "manufacturing-to-service-outsourcing" not in {c.target for c in result.recommended}
