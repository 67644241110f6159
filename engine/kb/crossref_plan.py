"""Cross-checks of the plan declarations (see ``schema/plan.py``).

Errors: unknown recommendations, warnings or sources in choice groups,
urgency rules, disagreements and ``against`` lists; bad conditions in urgency
rules and ``already_followed`` (the same checks as rule conditions).  Lint: a
recommendation without a horizon (the plan cannot place it in time).

The fact-test checker is passed in by :mod:`crossref`, which owns it (so this
module does not import its caller).
"""

from __future__ import annotations

from collections.abc import Callable

from gvc_advisor.engine.errors import Problem
from gvc_advisor.engine.kb.locator import Locator
from gvc_advisor.engine.kb.model import KnowledgeBase
from gvc_advisor.engine.kb.rule_graph import fact_tests
from gvc_advisor.engine.kb.schema import Condition
from gvc_advisor.engine.kb.schema.base import SourceRef
from gvc_advisor.engine.kb.validation_report import suggest

TestChecker = Callable[..., list[Problem]]


def _recs(kb: KnowledgeBase, loc: Locator, kind: str, item_id: str, path: tuple, ids: list[str]) -> list[Problem]:
    return [loc.problem(kind, item_id, (*path, i), f"unknown recommendation '{rid}'{suggest(rid, kb.recommendations)}")
            for i, rid in enumerate(ids) if rid not in kb.recommendations]


def _sources(kb: KnowledgeBase, loc: Locator, kind: str, item_id: str, path: tuple,
             refs: list[SourceRef]) -> list[Problem]:
    return [loc.problem(kind, item_id, (*path, i, "key"), (
        f"unknown source '{ref.key}'{suggest(ref.key, kb.sources)}; known: {', '.join(kb.sources)}"))
        for i, ref in enumerate(refs) if ref.key not in kb.sources]


def _condition(kb: KnowledgeBase, loc: Locator, kind: str, item_id: str, path: tuple, condition: Condition,
               check_test: TestChecker) -> list[Problem]:
    return [p for test, sub in fact_tests(condition) for p in check_test(kb, kind, item_id, (*path, *sub), test, loc)]


def check_plan(kb: KnowledgeBase, loc: Locator, check_test: TestChecker) -> list[Problem]:
    problems: list[Problem] = []
    for group in kb.choice_groups.values():
        problems += _recs(kb, loc, "choice_group", group.id, ("members",), group.members)
        problems += _sources(kb, loc, "choice_group", group.id, ("sources",), group.sources)
    grouped: dict[str, str] = {}
    for group in kb.choice_groups.values():
        for i, member in enumerate(group.members):
            if member in grouped:
                problems.append(loc.problem("choice_group", group.id, ("members", i), (
                    f"'{member}' is already in choice group '{grouped[member]}'; a recommendation "
                    "belongs to one choice group at most")))
            grouped.setdefault(member, group.id)
    for rule in kb.urgency_rules:
        problems += _recs(kb, loc, "urgency", rule.id, ("recommendations",), rule.recommendations)
        problems += _sources(kb, loc, "urgency", rule.id, ("sources",), rule.sources)
        problems += _condition(kb, loc, "urgency", rule.id, ("when",), rule.when, check_test)
    for rec in kb.recommendations.values():
        if rec.already_followed is not None:
            problems += _condition(kb, loc, "recommendation", rec.id, ("already_followed", "when"),
                                   rec.already_followed.when, check_test)
        for i, disagreement in enumerate(rec.disagreements):
            path = ("disagreements", i)
            problems += _sources(kb, loc, "recommendation", rec.id, (*path, "sources"), disagreement.sources)
            problems += [loc.problem("recommendation", rec.id, (*path, "hedges", j), (
                f"unknown warning '{wid}'{suggest(wid, kb.warnings)}")) for j, wid in enumerate(disagreement.hedges)
                if wid not in kb.warnings]
    for warning in kb.warnings.values():
        problems += _recs(kb, loc, "warning", warning.id, ("against",), warning.against)
    for case in kb.cases:
        exp = case.expected
        for key in ("not_chosen", "continue_deepen", "worth_considering"):
            problems += _recs(kb, loc, "case", case.id, ("expected", key), getattr(exp, key))
        problems += [loc.problem("case", case.id, ("expected", "priority", rid), (
            f"unknown recommendation '{rid}'{suggest(rid, kb.recommendations)}"))
            for rid in exp.priority if rid not in kb.recommendations]
        problems += [loc.problem("case", case.id, ("expected", "contested", i), (
            f"'{fact}' is not a single-valued derived fact; only those can be contested"))
            for i, fact in enumerate(exp.contested) if fact not in kb.facts or not kb.facts[fact].single]
    return problems


def lint_plan(kb: KnowledgeBase, loc: Locator) -> list[Problem]:
    return [loc.problem("recommendation", rec.id, (), (
        f"recommendation '{rec.id}' declares no 'horizon' (now, medium_term or long_term); "
        "the plan cannot place it in time"), "warning")
        for rec in kb.recommendations.values() if rec.horizon is None]
