"""Cross-checks of one worked case: its answers, the ids its expectations name,
and its training notes.

The loader runs them on every case of a knowledge base; a trainer's case file
outside the knowledge base (``gvc-advisor validate CASE.yaml``,
``gvc-advisor train CASE.yaml``) goes through the same checks, so an exercise
is held to the same standard wherever it lives.  Each problem points at the
line of the case file it is about.
"""

from __future__ import annotations

from gvc_advisor.engine.errors import Problem
from gvc_advisor.engine.kb.answers import parse_answers
from gvc_advisor.engine.kb.locator import Locator
from gvc_advisor.engine.kb.model import KnowledgeBase
from gvc_advisor.engine.kb.schema import WorkedCase
from gvc_advisor.engine.kb.schema.base import SourceRef
from gvc_advisor.engine.kb.validation_report import suggest


def _unknown_source(kb: KnowledgeBase, ref: SourceRef) -> str | None:
    if ref.key in kb.sources:
        return None
    return f"unknown source '{ref.key}'{suggest(ref.key, kb.sources)}; known: {', '.join(kb.sources)}"


def case_source_problems(kb: KnowledgeBase, case: WorkedCase, loc: Locator) -> list[Problem]:
    """Unknown papers in the case's ``sources``."""
    return [loc.problem("case", case.id, ("sources", i, "key"), message)
            for i, ref in enumerate(case.sources) if (message := _unknown_source(kb, ref))]


def _training_problems(kb: KnowledgeBase, case: WorkedCase, loc: Locator) -> list[Problem]:
    training = case.training
    if training is None:
        return []
    problems = []
    note = case.teaching_note.lower()
    refs = [(("training", "passage"), training.passage)]
    refs += [(("training", "disagreement", i), ref) for i, ref in enumerate(training.disagreement)]
    for path, ref in refs:
        message = _unknown_source(kb, ref)
        if message:
            problems.append(loc.problem("case", case.id, (*path, "key"), message))
        elif ref.key.lower() not in note:
            problems.append(loc.problem("case", case.id, (*path, "key"), (
                f"the teaching note does not name '{ref.key}'; name the paper (and the section, "
                f"§{ref.section}) the trainee is sent to read")))
    papers = {ref.key for ref in training.disagreement}
    if training.disagreement and len(papers) < 2:
        problems.append(loc.problem("case", case.id, ("training", "disagreement"), (
            "a disagreement needs passages of at least two different papers "
            f"(found only {', '.join(sorted(papers))})")))
    return problems


def check_case(kb: KnowledgeBase, case: WorkedCase, loc: Locator) -> list[Problem]:
    """Answers the knowledge base does not accept, unknown ids in the
    expectations, and training notes that point nowhere (not ``sources``: see
    :func:`case_source_problems`)."""
    loaded, path = loc.items[("case", case.id)]
    _, problems = parse_answers(loaded, kb, (*path, "answers"))
    exp = case.expected
    for name, value in exp.facts.items():
        if name not in kb.facts or value not in kb.facts[name].allowed_values:
            allowed = (f"; '{name}' may be {', '.join(kb.facts[name].allowed_values)}" if name in kb.facts
                       else f"{suggest(name, kb.facts)}")
            problems.append(loc.problem("case", case.id, ("expected", "facts", name),
                                        f"unknown derived fact or value {name}: {value}{allowed}"))
    for key in ("recommended", "not_recommended", "worth_considering", "not_chosen", "continue_deepen"):
        for i, rec in enumerate(getattr(exp, key)):
            if rec not in kb.recommendations:
                problems.append(loc.problem("case", case.id, ("expected", key, i), (
                    f"unknown recommendation '{rec}'{suggest(rec, kb.recommendations)}")))
    for rec in exp.priority:
        if rec not in kb.recommendations:
            problems.append(loc.problem("case", case.id, ("expected", "priority", rec), (
                f"unknown recommendation '{rec}'{suggest(rec, kb.recommendations)}")))
    for i, warn in enumerate(exp.warnings):
        if warn not in kb.warnings:
            problems.append(loc.problem("case", case.id, ("expected", "warnings", i),
                                        f"unknown warning '{warn}'{suggest(warn, kb.warnings)}"))
    for i, fact in enumerate(exp.contested):
        if fact not in kb.facts or not kb.facts[fact].single:
            problems.append(loc.problem("case", case.id, ("expected", "contested", i), (
                f"'{fact}' is not a single-valued derived fact; only those can be contested")))
    return problems + _training_problems(kb, case, loc)
