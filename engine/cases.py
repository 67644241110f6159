"""Worked cases as checks: does the knowledge base still produce what each
case expects?  ``gvc-advisor validate`` and the golden tests both use this.

A case expects declared fact values, recommendations made (or not), warnings,
contested diagnoses, conflicts lost, "continue / deepen" rewordings and
priority numbers (see :class:`~gvc_advisor.engine.kb.schema.CaseExpectation`).
Each mismatch is a :class:`Problem` located at the expectation in the case
file, saying what was expected and what the consultation gave instead.
"""

from __future__ import annotations

from pathlib import Path

from gvc_advisor.engine.advice import Advice, build_advice
from gvc_advisor.engine.engines import engine_for
from gvc_advisor.engine.errors import Problem
from gvc_advisor.engine.i18n import _
from gvc_advisor.engine.kb.answers import answers_from_mapping
from gvc_advisor.engine.kb.model import KnowledgeBase
from gvc_advisor.engine.kb.schema import WorkedCase
from gvc_advisor.engine.kb.yaml_reader import LoadedYaml, load_yaml_file
from gvc_advisor.engine.result import Consultation


def _locate(kb: KnowledgeBase, case: WorkedCase) -> LoadedYaml | None:
    origin = kb.origin("case", case.id)
    if origin is None:
        return None
    loaded = load_yaml_file(Path(kb.root) / origin.file, origin.file)
    return None if loaded.problems else loaded


def _shown(kb: KnowledgeBase, c: Consultation, fact: str) -> str:
    best = c.value_of(fact)
    if best is None:
        return _("leaves it undetermined")
    others = ", ".join(f"{v} {cf:.2f}" for v, cf in c.alternatives(fact))
    if others:
        return _("gives {value} ({cf}; alternatives {others})", value=best[0], cf=f"{best[1]:.2f}", others=others)
    return _("gives {value} ({cf})", value=best[0], cf=f"{best[1]:.2f}")


def mismatches(kb: KnowledgeBase, case: WorkedCase, c: Consultation, advice: Advice) -> list[tuple[tuple, str]]:
    """(YAML path below ``case:``, message) for every unmet expectation."""
    exp, found = case.expected, []
    made = {i.id: i for i in advice.plan + advice.worth_considering}
    followed = {a.id for a in advice.already_followed}
    for fact, value in exp.facts.items():
        best = c.value_of(fact)
        if best is None or best[0] != value:
            found.append((("expected", "facts", fact), _("expects {fact} = {value}, but the consultation {outcome}",
                                                          fact=fact, value=value, outcome=_shown(kb, c, fact))))
    for i, rec in enumerate(exp.recommended):
        if rec not in made:
            if rec in followed:
                text = _("expects '{id}' to be recommended, but it is not (dropped: the firm already follows it)",
                         id=rec)
            elif rec in c.beaten:
                text = _("expects '{id}' to be recommended, but it is not (lost a conflict to {winner})", id=rec,
                         winner=c.beaten[rec])
            else:
                text = _("expects '{id}' to be recommended, but it is not", id=rec)
            found.append((("expected", "recommended", i), text))
    for i, rec in enumerate(exp.not_recommended):
        if rec in made:
            found.append((("expected", "not_recommended", i),
                          _("expects '{id}' not to be recommended, but it is (cf {cf})", id=rec,
                            cf=f"{made[rec].cf:.2f}")))
    raised = {w.target for w in c.raised_warnings}
    for i, warning in enumerate(exp.warnings):
        if warning not in raised:
            found.append((("expected", "warnings", i), _("expects warning '{id}', but it is not raised", id=warning)))
    for i, fact in enumerate(exp.contested):
        if c.contest(fact) is None:
            found.append((("expected", "contested", i), _(
                "expects {fact} to be contested, but the consultation {outcome} with no close runner-up", fact=fact,
                outcome=_shown(kb, c, fact))))
    worth = {i.id for i in advice.worth_considering}
    for i, rec in enumerate(exp.worth_considering):
        if rec not in worth:
            found.append((("expected", "worth_considering", i),
                          _("expects '{id}' to be only worth considering, but it is in the plan", id=rec) if rec in made
                          else _("expects '{id}' to be only worth considering, but it is not recommended", id=rec)))
    for i, rec in enumerate(exp.not_chosen):
        if rec not in c.beaten:
            found.append((("expected", "not_chosen", i), _("expects '{id}' to lose a conflict, but it does not",
                                                            id=rec)))
    for i, rec in enumerate(exp.continue_deepen):
        if rec not in made or not made[rec].continue_deepen:
            found.append((("expected", "continue_deepen", i),
                          _("expects '{id}' to be reworded as continue / deepen, but it is not", id=rec)))
    for rec, number in exp.priority.items():
        got = made[rec].priority if rec in made else None
        if got != number:
            found.append((("expected", "priority", rec),
                          _("expects '{id}' at priority {number}, but it is at {got}", id=rec, number=number, got=got)
                          if got is not None else
                          _("expects '{id}' at priority {number}, but it is not recommended", id=rec, number=number)))
    return found


def expectation_problems(kb: KnowledgeBase, case: WorkedCase, loaded: LoadedYaml | None) -> list[Problem]:
    """Every unmet expectation of one case, located in ``loaded`` (its file) when known."""
    answers, invalid = answers_from_mapping(kb, case.answers, f"case {case.id}")
    if invalid:  # already reported by the cross-checks; never reached on a checked case
        return invalid
    c = engine_for(kb).consult(answers)
    problems = []
    for path, message in mismatches(kb, case, c, build_advice(kb, c)):
        text = _("worked case '{case}' {expectation}", case=case.id, expectation=message)
        if loaded is not None:
            problems.append(loaded.problem(("case", *path), text))
        else:
            origin = kb.origin("case", case.id)
            problems.append(Problem(origin.file if origin else f"case {case.id}",
                                    origin.line if origin else 0, 0, text))
    return problems


def case_problems(kb: KnowledgeBase) -> list[Problem]:
    """Every unmet expectation of every worked case, located in its file."""
    return [problem for case in kb.cases for problem in expectation_problems(kb, case, _locate(kb, case))]
