"""A plan, not a list: urgency rules set the order, then horizon; choice
groups share a priority; weak advice is only worth considering; advice the
firm already follows is dropped or reworded; the data form is deterministic."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import answers_of

from gvc_advisor.engine.advice import build_advice
from gvc_advisor.engine.consult import InferenceEngine
from gvc_advisor.engine.explain import why_question
from gvc_advisor.engine.interview import Interview
from gvc_advisor.engine.kb.loader import load_knowledge_base

SRC = [{"key": "src", "section": "1"}]


def _rec(rid: str, horizon: str, **extra) -> dict:
    return {"id": rid, "title": rid.title(), "summary": "s", "upgrading_type": "process",
            "actions": ["a", "b", "c"], "preconditions": ["p"], "risks": ["r"], "actors": ["firm", "government"],
            "sources": SRC, "horizon": horizon, **extra}


def _kb(write_kb, tmp_path, recs: list[dict], cfs: dict[str, float], **sections):
    rules = [{"id": f"r-{rid}", "title": f"Why {rid}", "because": "b", "when": {"fact": "q1", "equals": "x"},
              "then": [{"recommend": rid, "cf": cf}], "sources": SRC} for rid, cf in cfs.items()]
    extra = {"kb": {"name": "t", "version": "1", "description": "d", "worth_considering": 0.4},
             "recommendations": recs, **sections}
    return load_knowledge_base(write_kb(tmp_path, ["q1", "q2"], rules, extra=extra))


def _advice(kb, **raw):
    return build_advice(kb, InferenceEngine(kb).consult(answers_of(kb, raw)))


def test_urgency_rules_not_rule_counts_set_the_order(write_kb, tmp_path):
    recs = [_rec("brand", "long_term"), _rec("relocate", "medium_term"), _rec("learn", "now")]
    urgency = [{"id": "costs-first", "title": "Costs first", "because": "Costs decide survival.",
                "when": {"fact": "q2", "equals": "x"}, "urgency": "urgent", "recommendations": ["relocate"],
                "sources": SRC}]
    kb = _kb(write_kb, tmp_path, recs, {"brand": 0.9, "relocate": 0.5, "learn": 0.6}, urgency=urgency)
    calm = _advice(kb, q1="x", q2="y")
    assert [(i.id, i.priority) for i in calm.plan] == [("learn", 1), ("relocate", 2), ("brand", 3)]  # horizon
    pressed = _advice(kb, q1="x", q2="x")
    assert [i.id for i in pressed.plan] == ["relocate", "learn", "brand"]
    first = pressed.plan[0]
    assert (first.priority, first.urgency, first.urgency_rule) == (1, "urgent", "costs-first")
    assert first.urgency_because == "Costs decide survival."
    assert first.horizon_label == "1–3 years" and first.actors == ("firm", "government")
    assert first.reason == "Why relocate (q1: X)"


def test_weak_advice_goes_to_worth_considering(write_kb, tmp_path):
    kb = _kb(write_kb, tmp_path, [_rec("strong", "now"), _rec("weak", "now")], {"strong": 0.8, "weak": 0.3})
    advice = _advice(kb, q1="x")
    assert [i.id for i in advice.plan] == ["strong"]
    assert [(i.id, i.priority) for i in advice.worth_considering] == [("weak", 2)]


def test_choice_group_members_are_presented_as_choose_one(write_kb, tmp_path):
    recs = [_rec("own", "long_term"), _rec("partner", "medium_term"), _rec("other", "now")]
    groups = [{"id": "brand-route", "title": "Route to a brand", "because": "Alternatives.",
               "members": ["own", "partner"], "sources": SRC}]
    kb = _kb(write_kb, tmp_path, recs, {"own": 0.7, "partner": 0.6, "other": 0.5}, choice_groups=groups)
    advice = _advice(kb, q1="x")
    # the group takes the place of its most pressing member (partner: 1–3 years),
    # and lists its options strongest first
    assert [(i.id, i.priority, i.choice_group) for i in advice.plan] == [
        ("other", 1, None), ("own", 2, "brand-route"), ("partner", 2, "brand-route")]
    (choice,) = advice.choices
    assert (choice.id, choice.options) == ("brand-route", ("own", "partner"))


def test_a_lone_member_of_a_choice_group_is_not_a_choice(write_kb, tmp_path):
    groups = [{"id": "g", "title": "G", "because": "b", "members": ["own", "partner"], "sources": SRC}]
    kb = _kb(write_kb, tmp_path, [_rec("own", "now"), _rec("partner", "now")], {"own": 0.7}, choice_groups=groups)
    advice = _advice(kb, q1="x")
    assert advice.plan[0].choice_group is None and advice.choices == ()


def test_advice_the_firm_already_follows_is_dropped_or_reworded(write_kb, tmp_path):
    recs = [_rec("stores", "now", already_followed={"when": {"fact": "q2", "equals": "x"}, "then": "deepen",
                                                    "text": "Keep opening stores.", "actions": ["Open abroad."],
                                                    "because": "It has stores."}),
            _rec("brand", "now", already_followed={"when": {"fact": "q2", "equals": "x"}, "then": "drop",
                                                   "because": "It has a brand."})]
    kb = _kb(write_kb, tmp_path, recs, {"stores": 0.8, "brand": 0.7})
    fresh = _advice(kb, q1="x", q2="y")
    assert [(i.id, i.continue_deepen) for i in fresh.plan] == [("stores", False), ("brand", False)]
    known = _advice(kb, q1="x", q2="x")
    assert [(i.id, i.continue_deepen, i.continue_text, i.actions) for i in known.plan] == [
        ("stores", True, "Keep opening stores.", ("Open abroad.",))]
    assert fresh.plan[0].actions == ("a", "b", "c")
    assert [(a.id, a.because) for a in known.already_followed] == [("brand", "It has a brand.")]


def test_the_interview_asks_what_decides_urgency_and_already_followed(write_kb, tmp_path):
    recs = [_rec("relocate", "now", already_followed={"when": {"fact": "q2", "equals": "y"}, "then": "drop",
                                                      "because": "Already moved."})]
    kb = _kb(write_kb, tmp_path, recs, {"relocate": 0.8})
    interview = Interview(kb)
    interview.answer("q1", "x")
    assert interview.relevance.questions == ["q2"]
    assert interview.relevance.waiting["q2"] == ["already-followed:relocate"]
    text = why_question(kb, interview.relevance.waiting["q2"]).to_text()
    assert "whether the firm already does this: Relocate" in text and "Already moved." in text


def test_advice_data_is_plain_and_identical_across_hash_seeds():
    script = (
        "import json, sys; sys.path.insert(0, 'tests');"
        "from conftest import answers_of;"
        "from gvc_advisor.engine.kb.loader import load_knowledge_base;"
        "from gvc_advisor.engine.engines import engine_for;"
        "from gvc_advisor.engine.advice import build_advice;"
        "kb = load_knowledge_base(); case = kb.cases[1];"
        "c = engine_for(kb).consult(answers_of(kb, case.answers));"
        "print(json.dumps(build_advice(kb, c).to_data(), ensure_ascii=False))"
    )
    outputs = set()
    for seed in ("0", "1", "12345"):
        env = {"PYTHONHASHSEED": seed, "GVC_ADVISOR_NO_CACHE": "1", "PATH": ""}
        outputs.add(subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                                   env=env, cwd=Path(__file__).parent.parent).stdout)
    assert len(outputs) == 1
    data = json.loads(outputs.pop())
    assert list(data) == ["levels", "diagnosis", "plan", "worth_considering", "already_followed", "not_chosen",
                          "choices", "warnings"]
    assert [d["fact"] for d in data["diagnosis"]][:3] == ["governance", "driver", "firm_status"]
