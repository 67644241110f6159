"""Cross-reference checks across all files of a knowledge base.

Errors: references to unknown questions, facts, values, recommendations,
warnings or sources; operators that do not fit the fact's type; rules that
conclude an answered question; dependency cycles and chains of derivations
longer than ``MAX_CHAIN``; conditions the compiler
would refuse (too many alternatives); a fact value listed twice; advice in
conflict with itself.  Lint (warnings): advice no
rule can reach, questions no rule reads, catalogue entries never used.
"""

from __future__ import annotations

from gvc_advisor.engine.errors import Problem
from gvc_advisor.engine.kb.crossref_cases import case_source_problems, check_case
from gvc_advisor.engine.kb.crossref_plan import check_plan, lint_plan
from gvc_advisor.engine.kb.locator import Locator
from gvc_advisor.engine.kb.model import KnowledgeBase
from gvc_advisor.engine.kb.rule_graph import (
    MAX_BRANCHES,
    MAX_CHAIN,
    branch_count,
    deepest_chain,
    fact_tests,
    find_cycle,
)
from gvc_advisor.engine.kb.schema import FactTest, Rule
from gvc_advisor.engine.kb.schema.conditions import COMPARISONS
from gvc_advisor.engine.kb.schema.rules import RecommendAction, SetFact, WarnAction
from gvc_advisor.engine.kb.text_lint import text_lint
from gvc_advisor.engine.kb.validation_report import suggest


def _check_test(kb: KnowledgeBase, rule: Rule, test: FactTest, path: tuple, loc: Locator) -> list[Problem]:
    return check_test(kb, "rule", rule.id, ("when", *path), test, loc)


def check_test(kb: KnowledgeBase, kind: str, item_id: str, where: tuple, test: FactTest,
               loc: Locator) -> list[Problem]:
    """Problems of one fact test found at ``where`` below the item ``(kind, item_id)``."""
    names = list(kb.questions) + list(kb.facts)
    if test.fact not in kb.questions and test.fact not in kb.facts:
        return [loc.problem(kind, item_id, (*where, "fact"), (
            f"unknown question or fact '{test.fact}'{suggest(test.fact, names)}; "
            "conditions may test questions (knowledge_base/questions) and derived facts (facts)"))]
    op, operand = test.operator, test.operand
    if op in ("known", "unknown"):
        return []
    numeric = kb.is_numeric(test.fact)
    if op in COMPARISONS and not numeric:
        return [loc.problem(kind, item_id, (*where, op), (
            f"'{op}' compares numbers, but '{test.fact}' is categorical; use equals/in"))]
    values = operand if isinstance(operand, list) else [operand]
    problems = []
    for value in values:
        if numeric:
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                problems.append(loc.problem(kind, item_id, (*where, op), (
                    f"'{test.fact}' is a number; {value!r} is not")))
        elif value not in kb.allowed_values(test.fact):
            allowed = kb.allowed_values(test.fact)
            problems.append(loc.problem(kind, item_id, (*where, op), (
                f"'{test.fact}' has no value {value!r}{suggest(str(value), allowed)}; "
                f"allowed: {', '.join(allowed)}")))
    return problems


def _check_actions(kb: KnowledgeBase, rule: Rule, loc: Locator) -> list[Problem]:
    problems = []
    for i, action in enumerate(rule.then):
        path = ("then", i)
        if isinstance(action, SetFact):
            if action.set in kb.questions:
                problems.append(loc.problem("rule", rule.id, (*path, "set"), (
                    f"'{action.set}' is a question; rules may only conclude derived facts")))
            elif action.set not in kb.facts:
                problems.append(loc.problem("rule", rule.id, (*path, "set"), (
                    f"unknown derived fact '{action.set}'{suggest(action.set, kb.facts)}; "
                    f"declared facts: {', '.join(kb.facts)}")))
            elif action.to not in kb.facts[action.set].allowed_values:
                allowed = kb.facts[action.set].allowed_values
                problems.append(loc.problem("rule", rule.id, (*path, "to"), (
                    f"'{action.set}' has no value '{action.to}'{suggest(action.to, allowed)}; "
                    f"allowed: {', '.join(allowed)}")))
        elif isinstance(action, RecommendAction) and action.recommend not in kb.recommendations:
            problems.append(loc.problem("rule", rule.id, (*path, "recommend"), (
                f"unknown recommendation '{action.recommend}'"
                f"{suggest(action.recommend, kb.recommendations)}")))
        elif isinstance(action, WarnAction) and action.warn not in kb.warnings:
            problems.append(loc.problem("rule", rule.id, (*path, "warn"), (
                f"unknown warning '{action.warn}'{suggest(action.warn, kb.warnings)}")))
    return problems


def _check_sources(kb: KnowledgeBase, loc: Locator) -> list[Problem]:
    problems = []
    items = [("rule", r.id, r.sources) for r in kb.rules]
    items += [("recommendation", r.id, r.sources) for r in kb.recommendations.values()]
    items += [("warning", w.id, w.sources) for w in kb.warnings.values()]
    items += [("glossary", g.term, g.sources) for g in kb.glossary]
    for kind, item_id, sources in items:
        for i, ref in enumerate(sources):
            if ref.key not in kb.sources:
                problems.append(loc.problem(kind, item_id, ("sources", i, "key"), (
                    f"unknown source '{ref.key}'{suggest(ref.key, kb.sources)}; "
                    f"known: {', '.join(kb.sources)}")))
    return problems


def _check_cases(kb: KnowledgeBase, loc: Locator) -> list[Problem]:
    return [problem for case in kb.cases for problem in check_case(kb, case, loc)]


def _check_applicability(kb: KnowledgeBase, loc: Locator) -> list[Problem]:
    problems = []
    for rec in kb.recommendations.values():
        for fact, values in rec.applies_to.items():
            allowed = kb.allowed_values(fact)
            if fact not in kb.facts:
                problems.append(loc.problem("recommendation", rec.id, ("applies_to", fact), (
                    f"unknown derived fact '{fact}'{suggest(fact, kb.facts)}")))
            for value in values:
                if fact in kb.facts and value not in allowed:
                    problems.append(loc.problem("recommendation", rec.id, ("applies_to", fact), (
                        f"'{fact}' has no value '{value}'; allowed: {', '.join(allowed)}")))
        for other in rec.conflicts_with:
            if other not in kb.recommendations:
                problems.append(loc.problem("recommendation", rec.id, ("conflicts_with",), (
                    f"unknown recommendation '{other}'{suggest(other, kb.recommendations)}")))
    return problems


def _check_rule_size(rule: Rule, loc: Locator) -> list[Problem]:
    """What the compiler would refuse: a condition with too many alternatives."""
    if branch_count(rule.when) <= MAX_BRANCHES:
        return []
    return [loc.problem("rule", rule.id, ("when",), (
        f"the condition of rule '{rule.id}' expands to more than {MAX_BRANCHES} alternatives "
        f"(each 'any' inside an 'all' multiplies them); at most {MAX_BRANCHES} are allowed: split the "
        "rule, or conclude a derived fact from part of the condition and test that"))]


def _check_catalogue(kb: KnowledgeBase, loc: Locator) -> list[Problem]:
    """Entries that load but cannot mean what they say: a fact value listed twice,
    advice that conflicts with itself."""
    problems = []
    for fact in kb.facts.values():
        first: dict[str, int] = {}
        for i, value in enumerate(fact.allowed_values):
            if value in first:
                problems.append(loc.problem("fact", fact.id, ("values", i, "value"), (
                    f"fact '{fact.id}' lists the value '{value}' twice (first as value {first[value] + 1}); "
                    "each value may appear once")))
            first.setdefault(value, i)
    for rec in kb.recommendations.values():
        for i, other in enumerate(rec.conflicts_with):
            if other == rec.id:
                problems.append(loc.problem("recommendation", rec.id, ("conflicts_with", i), (
                    f"recommendation '{rec.id}' names itself in 'conflicts_with'; list only other "
                    "recommendations")))
    return problems


def _lint(kb: KnowledgeBase, loc: Locator) -> list[Problem]:
    read = {t.fact for r in kb.rules for t, _ in fact_tests(r.when)}
    concluded = {a.recommend for r in kb.rules for a in r.then if isinstance(a, RecommendAction)}
    warned = {a.warn for r in kb.rules for a in r.then if isinstance(a, WarnAction)}
    set_facts = {a.set for r in kb.rules for a in r.then if isinstance(a, SetFact)}
    out = []
    for qid in kb.questions:
        if qid not in read:
            out.append(loc.problem("question", qid, (), f"no rule reads question '{qid}'", "warning"))
    for rid in kb.recommendations:
        if rid not in concluded:
            out.append(loc.problem("recommendation", rid, (),
                                   f"no rule recommends '{rid}': it can never be reached", "warning"))
    for wid in kb.warnings:
        if wid not in warned:
            out.append(loc.problem("warning", wid, (), f"no rule raises warning '{wid}'", "warning"))
    for fid in kb.facts:
        if fid not in set_facts:
            out.append(loc.problem("fact", fid, (), f"no rule concludes fact '{fid}'", "warning"))
    return out + text_lint(loc)


def cross_check(kb: KnowledgeBase, loc: Locator) -> list[Problem]:
    problems: list[Problem] = []
    for qid in kb.questions:
        if qid in kb.facts:
            problems.append(loc.problem("fact", qid, (), f"'{qid}' is both a question and a derived fact"))
    for rule in kb.rules:
        for test, path in fact_tests(rule.when):
            problems.extend(_check_test(kb, rule, test, path, loc))
        problems.extend(_check_actions(kb, rule, loc))
        problems.extend(_check_rule_size(rule, loc))
    problems.extend(_check_catalogue(kb, loc))
    problems.extend(_check_sources(kb, loc))
    problems.extend(p for case in kb.cases for p in case_source_problems(kb, case, loc))
    problems.extend(_check_applicability(kb, loc))
    problems.extend(check_plan(kb, loc, check_test))
    if not problems:
        cycle = find_cycle(kb.rules)
        if cycle:
            first_rule = next(r for r in kb.rules if cycle[0] in {a.set for a in r.then if isinstance(a, SetFact)})
            problems.append(loc.problem("rule", first_rule.id, (), (
                f"rules depend on each other in a cycle: {' → '.join(cycle)}; "
                "a derived fact may not depend on itself")))
        elif (deepest := deepest_chain(kb.rules)) and deepest[1] > MAX_CHAIN:
            problems.append(loc.problem("rule", deepest[0].id, (), (
                f"rule '{deepest[0].id}' ends a chain of {deepest[1]} rules, each reading a fact the one "
                f"before concludes; at most {MAX_CHAIN} are allowed (an explanation that deep cannot be "
                "followed): derive the facts from the answers in fewer steps")))
        problems.extend(_check_cases(kb, loc))
    return problems + _lint(kb, loc) + lint_plan(kb, loc)
