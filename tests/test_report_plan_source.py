"""The plan adapter (services/reporting/plan_source.py): the report takes the
diagnosis and the plan of the advice engine's ``build_advice`` as they are."""

from __future__ import annotations

import dataclasses

import pytest
from report_cases import DATE, case_ids, consult_case

from gvc_advisor.engine.advice import NotChosen, build_advice
from gvc_advisor.engine.engines import engine_for
from gvc_advisor.services import report
from gvc_advisor.services.reporting import build
from gvc_advisor.services.reporting.build import PAGE_ONE_PRIORITIES
from gvc_advisor.services.reporting.plan_source import from_advice, plan_from


@pytest.mark.parametrize("case_id", case_ids())
def test_the_report_follows_the_advice_engine_on_every_worked_case(case_id):
    kb, consultation, _ = consult_case(case_id)
    advice = build_advice(kb, consultation)
    source = plan_from(kb, consultation)
    assert [(i.rec_id, i.priority) for i in source.plan] == [(i.id, i.priority) for i in advice.plan]
    assert [i.rec_id for i in source.worth_considering] == [i.id for i in advice.worth_considering]
    for ours, theirs in zip(source.plan, advice.plan, strict=True):
        assert ours.actors == theirs.actors and ours.reason == theirs.reason and "\n" not in ours.reason
        assert ours.horizon in {"now", "1-3-years", "longer"}
        assert ours.actions == theirs.actions and ours.continue_existing == theirs.continue_deepen
        assert ours.choice_group == theirs.choice_group
    assert [w.warning_id for w in source.warnings] == [w.id for w in advice.warnings]
    assert [d.fact for d in source.diagnosis] == [d.fact for d in advice.diagnosis]
    assert [d.fact for d in source.diagnosis][:3] == ["governance", "driver", "firm_status"]


@pytest.mark.parametrize("case_id", case_ids())
def test_page_one_names_at_most_five_priorities_and_the_rest_as_later(case_id):
    kb, consultation, firm = consult_case(case_id)
    advice = build_advice(kb, consultation)
    made = build.build_report(kb, consultation, firm, DATE)
    assert {line.priority for line in made.plan} <= set(range(1, PAGE_ONE_PRIORITIES + 1))
    assert [line.rec_id for line in made.plan + made.later] == [i.id for i in advice.plan]
    assert [s.rec_id for s in made.strategies] == [i.id for i in advice.plan]
    page_one = report.to_markdown(kb, consultation, firm, date=DATE).split("## The strategies in detail")[0]
    for line in made.later:
        assert f"{line.priority}. {line.title}" in page_one


def test_advice_not_chosen_and_already_followed_are_set_aside_with_why():
    kb, consultation, _ = consult_case("captive-garment-oem")
    advice = build_advice(kb, consultation)
    beaten = NotChosen("strengthen-rd-modular-development", "Strengthen R&D", 0.3,
                       "strengthen-industrial-design", 0.6, "the chain is buyer-driven")
    source = from_advice(dataclasses.replace(advice, not_chosen=(beaten,)))
    (aside,) = source.set_aside
    assert (aside.rec_id, aside.winner, aside.why) == (
        "strengthen-rd-modular-development", "strengthen-industrial-design", "the chain is buyer-driven")


def test_a_contested_diagnosis_is_marked_with_its_runner_up():
    kb, consultation, firm = consult_case("contested-governance")
    governance = next(d for d in plan_from(kb, consultation).diagnosis if d.fact == "governance")
    assert governance.contested and governance.alternatives
    runner_up = kb.value_label("governance", governance.alternatives[0][0])
    text = report.to_markdown(kb, consultation, firm, date=DATE).split("## Priority plan")[0]
    assert f"**contested** by {runner_up}" in text
    assert any(w.warning_id == "contested:governance" for w in plan_from(kb, consultation).warnings)


def test_a_continue_item_shows_its_own_wording_and_actions():
    kb, consultation, firm = consult_case("sports-shoe-domestic-brand")
    advice = build_advice(kb, consultation)
    item = next(i for i in advice.plan if i.continue_deepen)
    made = build.build_report(kb, consultation, firm, DATE)
    strategy = next(s for s in made.strategies if s.rec_id == item.id)
    assert strategy.actions == item.actions
    assert strategy.summary == item.continue_text and item.continue_text


def test_renderers_show_choice_groups_and_continue_flags(monkeypatch):
    kb, consultation, firm = consult_case("captive-garment-oem")
    real = plan_from(kb, consultation)
    first, second, *rest = real.plan
    changed = dataclasses.replace(real, plan=(dataclasses.replace(first, continue_existing=True),
                                              dataclasses.replace(second, choice_group="brand-route"), *rest))
    monkeypatch.setattr(build, "plan_from", lambda kb, c: changed)
    md = report.to_markdown(kb, consultation, firm, date=DATE)
    html = report.to_html(kb, consultation, firm, date=DATE)
    text = report.to_text(kb, consultation, firm, date=DATE)
    group = kb.choice_groups["brand-route"].title
    assert "1. **Continue and deepen: " in md and "(choose one: Route to an international brand:" in md
    assert "Continue and deepen: " in html and "choose one: Route to an international brand:" in html
    assert "Continue and deepen: " in text and "choose one: Route to an international brand:" in " ".join(text.split())
    assert group.startswith("Route to an international brand:")


def test_no_advice_is_said_plainly_in_every_format():
    kb, _, _ = consult_case("captive-garment-oem")
    empty = engine_for(kb).consult({})
    for render in (report.to_markdown, report.to_html, report.to_text):
        assert "No recommendation reached the certainty threshold" in render(kb, empty, None, date=DATE)
    assert '"plan": []' in report.to_json(kb, empty, None, date=DATE)
    assert report.to_markdown(kb, empty, None, date=DATE).startswith("# Upgrading plan\n")
