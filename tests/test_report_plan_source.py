"""The plan adapter (services/reporting/plan_source.py): the shape the advice
engine's ``build_advice`` will give, derived from today's consultation."""

from __future__ import annotations

import dataclasses

import pytest
from report_cases import DATE, case_ids, consult_case

from gvc_advisor.engine.engines import engine_for
from gvc_advisor.engine.result import Conclusion, Contribution
from gvc_advisor.services import report
from gvc_advisor.services.reporting import build
from gvc_advisor.services.reporting.plan_source import (
    PLAN_MAX,
    PLAN_MIN,
    WORTH_CONSIDERING_BELOW,
    plan_from,
)


def _made(target: str, cf: float, rule_id: str) -> Conclusion:
    return Conclusion("recommendation", target, contributions=[Contribution(rule_id, cf, 1.0)])


@pytest.mark.parametrize("case_id", case_ids())
def test_plan_shape_on_every_worked_case(case_id):
    kb, consultation, _ = consult_case(case_id)
    source = plan_from(kb, consultation)
    items = [*source.plan, *source.worth_considering]
    assert min(PLAN_MIN, len(items)) <= len(source.plan) <= PLAN_MAX
    assert [i.priority for i in items] == list(range(1, len(items) + 1))
    assert [i.cf for i in items] == sorted((i.cf for i in items), reverse=True)
    assert all(i.cf < WORTH_CONSIDERING_BELOW or len(source.plan) == PLAN_MAX for i in source.worth_considering)
    for item in items:
        rec = kb.recommendations[item.rec_id]
        assert item.actors == tuple(a.value for a in rec.actors)
        assert item.horizon in {"now", "1-3-years", "longer"} and item.reason and "\n" not in item.reason
    assert [w.warning_id for w in source.warnings] == [w.target for w in consultation.raised_warnings]
    assert [d.fact for d in source.diagnosis][:3] == ["governance", "driver", "firm_status"]


def test_of_two_conflicting_recommendations_the_weaker_is_set_aside():
    kb, consultation, _ = consult_case("captive-garment-oem")
    design = consultation.recommendations["strengthen-industrial-design"]
    consultation.recommendations["strengthen-rd-modular-development"] = _made(
        "strengthen-rd-modular-development", design.cf - 0.1, "table3-producer")
    source = plan_from(kb, consultation)
    kept = {i.rec_id for i in [*source.plan, *source.worth_considering]}
    assert "strengthen-industrial-design" in kept and "strengthen-rd-modular-development" not in kept
    (aside,) = source.set_aside
    assert (aside.rec_id, aside.winner) == ("strengthen-rd-modular-development", "strengthen-industrial-design")
    assert "less certainty" in aside.why


def test_an_unmade_rival_is_shown_with_what_it_lacks():
    kb, consultation, firm = consult_case("captive-garment-oem")
    (aside,) = plan_from(kb, consultation).set_aside
    assert (aside.rec_id, aside.winner) == ("strengthen-rd-modular-development", "strengthen-industrial-design")
    assert "Producer-driven" in aside.why
    text = report.to_markdown(kb, consultation, firm, date=DATE)
    assert "### Alternatives not chosen" in text and "Chosen instead: Strengthen industrial design." in text


def test_a_close_runner_up_makes_the_diagnosis_contested():
    kb, consultation, firm = consult_case("sourcing-intermediary")
    governance = next(d for d in plan_from(kb, consultation).diagnosis if d.fact == "governance")
    assert governance.contested and governance.alternatives
    text = report.to_markdown(kb, consultation, firm, date=DATE).split("## Priority plan")[0]
    assert "; **contested** by Modular (0.80)" in text


def test_weak_advice_tops_the_plan_up_to_three_and_the_rest_is_worth_considering():
    kb, consultation, _ = consult_case("zhejiang-locked-sme")
    weak = sorted(consultation.recommendations)[:4]
    consultation.recommendations = {rec: _made(rec, 0.3 - n * 0.02, "hu-regional-brand-locked")
                                    for n, rec in enumerate(weak)}
    source = plan_from(kb, consultation)
    assert [i.rec_id for i in source.plan] == weak[:3]
    assert [i.rec_id for i in source.worth_considering] == weak[3:]


def test_renderers_show_choice_groups_and_continue_flags(monkeypatch):
    kb, consultation, firm = consult_case("captive-garment-oem")
    real = plan_from(kb, consultation)
    first, second, *rest = real.plan
    changed = dataclasses.replace(real, plan=(dataclasses.replace(first, continue_existing=True),
                                              dataclasses.replace(second, choice_group="brand route"), *rest))
    monkeypatch.setattr(build, "plan_from", lambda kb, c: changed)
    md = report.to_markdown(kb, consultation, firm, date=DATE)
    html = report.to_html(kb, consultation, firm, date=DATE)
    text = report.to_text(kb, consultation, firm, date=DATE)
    assert "1. **Continue and deepen: " in md and "(choose one: brand route)" in md
    assert "Continue and deepen: " in html and "choose one: brand route" in html
    assert "Continue and deepen: " in text and "choose one: brand route" in text


def test_no_advice_is_said_plainly_in_every_format():
    kb, _, _ = consult_case("captive-garment-oem")
    empty = engine_for(kb).consult({})
    for render in (report.to_markdown, report.to_html, report.to_text):
        assert "No recommendation reached the certainty threshold" in render(kb, empty, None, date=DATE)
    assert '"plan": []' in report.to_json(kb, empty, None, date=DATE)
    assert report.to_markdown(kb, empty, None, date=DATE).startswith("# Upgrading plan\n")
