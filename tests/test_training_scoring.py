"""Scoring a prediction: each point right, close or wrong, as defined in
services/training/scoring.py, on the real knowledge base and worked cases."""

from __future__ import annotations

from dataclasses import replace

import pytest

from gvc_advisor.engine.advice import AlreadyFollowed, NotChosen, build_advice
from gvc_advisor.engine.engines import engine_for
from gvc_advisor.engine.errors import UserError
from gvc_advisor.engine.kb.answers import answers_from_mapping
from gvc_advisor.engine.kb.loader import default_kb_root, load_knowledge_base
from gvc_advisor.engine.kb.schema.base import replace as replace_record
from gvc_advisor.services.training.exercises import Exercise, bundled_exercises, solve
from gvc_advisor.services.training.prediction import UNDETERMINED, make_prediction
from gvc_advisor.services.training.reveal import reveal
from gvc_advisor.services.training.scoring import CLOSE, GIVEN, RIGHT, WRONG, score

KB = load_knowledge_base(default_kb_root())
EXERCISES = {e.id: e for e in bundled_exercises(KB)}


def advice_for(answers: dict):
    checked, problems = answers_from_mapping(KB, answers)
    assert not problems
    return build_advice(KB, engine_for(KB).consult(checked))


def predict(governance="captive", driver="buyer", firm_status="sme", low_end_lock="yes",
            strategies=("process-upgrading-with-buyer", "regional-brand", "talent-and-incentives")):
    return make_prediction(KB, {"governance": governance, "driver": driver, "firm_status": firm_status,
                                "low_end_lock": low_end_lock}, list(strategies))


def marks(case_id: str, prediction):
    result = score(KB, solve(KB, EXERCISES[case_id]).advice, prediction)
    return {m.dimension: m for m in result.facts}, result


def test_a_perfect_prediction_scores_everything_right():
    advice = solve(KB, EXERCISES["captive-garment-oem"]).advice
    first = [i.id for i in advice.plan if i.priority <= 3]
    facts, result = marks("captive-garment-oem", predict(strategies=first[:3]))
    assert {m.mark for m in facts.values()} == {RIGHT}
    assert [p.mark for p in result.strategies.picks] == [RIGHT] * 3
    assert result.strategies.mark == RIGHT and result.total == 1.0


def test_the_runner_up_of_a_contested_fact_is_close_and_an_unsupported_value_wrong():
    # contested-governance: captive 0.75 against relational 0.65
    facts, _ = marks("contested-governance", predict(governance="relational", driver="producer"))
    assert facts["governance"].mark == CLOSE and facts["governance"].points == 0.5
    assert "runner-up" in facts["governance"].why
    facts, _ = marks("contested-governance", predict(governance="market", driver="producer"))
    assert facts["governance"].mark == WRONG and facts["governance"].points == 0.0


def test_cannot_be_told_is_close_for_a_contested_diagnosis_and_wrong_for_a_clear_one():
    facts, _ = marks("contested-governance", predict(governance=UNDETERMINED, driver="producer"))
    assert facts["governance"].mark == CLOSE
    facts, _ = marks("captive-garment-oem", predict(governance=UNDETERMINED))
    assert facts["governance"].mark == WRONG


def test_cannot_be_told_is_right_when_the_answers_establish_no_value():
    # critical-factor-costs has no answer about the buyers: governance is undetermined
    facts, _ = marks("critical-factor-costs", predict(governance=UNDETERMINED, firm_status="large"))
    assert facts["governance"].mark == RIGHT
    assert facts["governance"].system == UNDETERMINED
    facts, _ = marks("critical-factor-costs", predict(governance="captive", firm_status="large"))
    assert facts["governance"].mark == WRONG


def test_an_alternative_below_the_runner_up_is_close_too():
    # mnc-subsidiary: mixed 0.82, producer 0.30 is an established alternative (not contested)
    facts, _ = marks("mnc-subsidiary", predict(governance="hierarchy", driver="producer", firm_status="large",
                                               low_end_lock="no"))
    assert facts["driver"].mark == CLOSE


def test_a_fact_stated_in_the_case_is_given_and_not_scored():
    advice = advice_for({"governance": "market", "industry": "steel", "employees": 200})
    result = score(KB, advice, predict(governance="captive", driver="producer"))
    governance = result.facts[0]
    assert governance.mark == GIVEN and governance.points is None
    assert result.points()["governance"] is None
    scored = [p for p in result.points().values() if p is not None]
    assert result.total == pytest.approx(sum(scored) / len(scored))


def test_a_later_plan_item_is_close_and_an_unadvised_one_wrong():
    advice = solve(KB, EXERCISES["captive-garment-oem"]).advice
    later = next(i for i in advice.plan if i.priority > 3)
    first = [i.id for i in advice.plan if i.priority <= 3]
    result = score(KB, advice, predict(strategies=(first[0], later.id, "acquire-foreign-brand")))
    right, close, wrong = result.strategies.picks
    assert (right.mark, close.mark, wrong.mark) == (RIGHT, CLOSE, WRONG)
    assert f"priority {later.priority}" in close.why
    assert result.strategies.points == pytest.approx(0.5)
    assert result.strategies.mark == CLOSE


def test_a_second_option_of_one_choose_one_group_is_close():
    # sports-shoe-domestic-brand: the three brand routes share priority 3 ("choose one")
    advice = solve(KB, EXERCISES["sports-shoe-domestic-brand"]).advice
    group = [i.id for i in advice.plan if i.choice_group == "brand-route"]
    assert len(group) == 3 and {i.priority for i in advice.plan if i.id in group} == {3}
    result = score(KB, advice, predict(strategies=(group[0], group[1], "talent-and-incentives")))
    assert [p.mark for p in result.strategies.picks] == [RIGHT, CLOSE, RIGHT]
    assert "choose one" in result.strategies.picks[1].why


def test_an_unadvised_option_of_a_group_the_plan_puts_first_is_close():
    advice = solve(KB, EXERCISES["critical-factor-costs"]).advice
    assert advice.item("upgrade-in-place") is not None
    trimmed = replace(advice, plan=tuple(i for i in advice.plan if i.id != "upgrade-in-place"))
    result = score(KB, trimmed, predict(strategies=("upgrade-in-place", "talent-and-incentives",
                                                    "acquire-foreign-brand")))
    assert result.strategies.picks[0].mark == CLOSE
    assert "alternative route" in result.strategies.picks[0].why


def test_advice_set_aside_is_close_lost_conflicts_and_advice_already_followed():
    advice = solve(KB, EXERCISES["sports-shoe-domestic-brand"]).advice
    followed = replace(advice, already_followed=(AlreadyFollowed(
        "regional-brand", "Create a regional brand", 0.5, "The cluster already has one."),))
    result = score(KB, followed, predict(strategies=("regional-brand", "talent-and-incentives",
                                                     "common-technology-platform")))
    assert result.strategies.picks[0].mark == CLOSE and "already does it" in result.strategies.picks[0].why
    lost = replace(advice, not_chosen=(NotChosen("regional-brand", "Create a regional brand", 0.5,
                                                 "own-brand-high-end", 0.6, "conflicts with x"),))
    result = score(KB, lost, predict(strategies=("regional-brand", "talent-and-incentives",
                                                 "common-technology-platform")))
    assert result.strategies.picks[0].mark == CLOSE and "set aside" in result.strategies.picks[0].why
    assert result.strategies.picks[2].mark == WRONG


def test_a_plan_of_fewer_than_three_moves_scores_the_best_picks_only():
    advice = advice_for({"industry": "steel", "employees": 200})
    assert [i.id for i in advice.plan] == ["strengthen-rd-modular-development"]
    result = score(KB, advice, predict(strategies=("strengthen-rd-modular-development", "regional-brand",
                                                   "acquire-foreign-brand")))
    assert [p.mark for p in result.strategies.picks] == [RIGHT, WRONG, WRONG]
    assert result.strategies.points == 1.0 and result.strategies.mark == RIGHT


def test_a_plan_with_nothing_advised_is_not_scored():
    advice = advice_for({"employees": 200})
    result = score(KB, advice, predict())
    assert result.strategies.points is None and result.strategies.mark == GIVEN
    assert "strategies" not in {d for d, p in result.points().items() if p is not None}


def test_predictions_are_checked():
    with pytest.raises(UserError) as info:
        make_prediction(KB, {"governance": "captve", "driver": "buyer", "firm_status": "sme"},
                        ["regional-brand", "regional-brand"])
    text = info.value.report()
    assert "did you mean 'captive'" in text and "'low_end_lock' is missing" in text
    assert "exactly 3 different strategies" in text and "with repeats" in text


def test_the_reveal_explains_every_miss_with_answers_rules_and_papers():
    exercise = EXERCISES["captive-garment-oem"]
    shown = reveal(KB, exercise, solve(KB, exercise),
                   predict(governance="modular", firm_status="large",
                           strategies=("own-brand-high-end", "process-upgrading-with-buyer", "regional-brand")))
    titles = [m.title for m in shown.misses]
    assert any(t.startswith("GVC governance model") for t in titles)
    assert any("Build an own brand for the high end" in t for t in titles)
    governance = next(m for m in shown.misses if m.dimension == "governance")
    answers = [a for r in governance.system_reasons for a in r.answers]
    assert any("largest customer" in a or "depend on the buyer's help" in a for a in answers)
    assert "No rule concludes Modular" in governance.your_answer
    assert any("needs" in text for r in governance.your_reasons for text in r.missing)
    assert {r.key for r in governance.read} >= {"liu2007"}
    assert shown.teaching_note.startswith("The three determinants")
    assert shown.passage is not None and shown.passage.key == "liu2007"
    assert set(shown.papers) >= {"liu2007"}


def test_the_reveal_of_an_undetermined_fact_lists_the_questions_that_would_decide_it():
    exercise = EXERCISES["critical-factor-costs"]
    shown = reveal(KB, exercise, solve(KB, exercise), predict(governance="captive", firm_status="large"))
    governance = next(m for m in shown.misses if m.dimension == "governance")
    assert "do not settle it" in governance.title
    assert any("detailed information" in q for q in governance.open_questions)


def test_an_exercise_is_scored_against_the_engine_not_the_case_expectations():
    case = EXERCISES["captive-garment-oem"].case
    doctored = Exercise(replace_record(case, expected=replace_record(case.expected, facts={"governance": "market"})),
                        "knowledge base")
    facts, _ = marks("captive-garment-oem", predict())
    result = score(KB, solve(KB, doctored).advice, predict())
    assert result.facts[0].mark == facts["governance"].mark == RIGHT
