"""What a trainee commits to before the reveal, and the choices offered.

The trainee predicts the three framework dimensions and whether the firm is
locked in at the low end — each a value of the derived fact, or "cannot be
told from these answers" — and the three strategies they would put first,
picked from the recommendation catalogue.  A prediction may also come from a
small YAML file (``gvc-advisor train --prediction FILE``), read with the strict
reader and checked with ``file:line`` errors.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gvc_advisor.engine.errors import Problem, UserError
from gvc_advisor.engine.i18n import N_, _
from gvc_advisor.engine.kb.model import KnowledgeBase
from gvc_advisor.engine.kb.validation_report import suggest
from gvc_advisor.engine.kb.yaml_reader import LoadedYaml, load_yaml_file

#: The fact dimensions a trainee predicts, in the order they are asked.
FACT_DIMENSIONS = ("governance", "driver", "firm_status", "low_end_lock")
STRATEGIES = "strategies"
DIMENSIONS = (*FACT_DIMENSIONS, STRATEGIES)
#: A prediction that the answers do not settle the fact.
UNDETERMINED = "undetermined"
UNDETERMINED_LABEL = N_("Cannot be told from these answers")
PICKS = 3


@dataclass(frozen=True)
class Prediction:
    facts: dict[str, str]  # dimension → value or UNDETERMINED
    strategies: tuple[str, ...]  # recommendation ids, the trainee's order

    def to_data(self) -> dict[str, Any]:
        return {**{d: self.facts[d] for d in FACT_DIMENSIONS if d in self.facts}, STRATEGIES: list(self.strategies)}


@dataclass(frozen=True)
class StrategyOption:
    id: str
    title: str
    summary: str
    upgrading_type: str

    def matches(self, query: str) -> bool:
        """Every word of ``query`` appears in the id, title, summary or upgrading type."""
        haystack = f"{self.id} {self.title} {self.summary} {self.upgrading_type}".casefold()
        return all(word in haystack for word in query.casefold().split())


def dimension_label(kb: KnowledgeBase, dimension: str) -> str:
    return _("First three strategies") if dimension == STRATEGIES else kb.label(dimension)


def fact_options(kb: KnowledgeBase, dimension: str) -> list[tuple[str, str]]:
    """(value, label) a trainee may predict for a fact dimension: its values, then 'cannot be told'."""
    return [(v, kb.value_label(dimension, v)) for v in kb.allowed_values(dimension)] + [
        (UNDETERMINED, _(UNDETERMINED_LABEL))]


def value_label(kb: KnowledgeBase, dimension: str, value: str | None) -> str:
    if value is None or value == UNDETERMINED:
        return _(UNDETERMINED_LABEL) if value == UNDETERMINED else _("not established")
    return kb.value_label(dimension, value)


def strategy_options(kb: KnowledgeBase, query: str = "") -> list[StrategyOption]:
    """The recommendation catalogue in its order, filtered by ``query``."""
    options = [StrategyOption(r.id, r.title, " ".join(r.summary.split()), r.upgrading_type.value)
               for r in kb.recommendations.values()]
    return [o for o in options if o.matches(query)] if query.strip() else options


def prediction_problems(kb: KnowledgeBase, facts: Mapping[str, Any], strategies: list[Any],
                        where: LoadedYaml | None = None) -> list[Problem]:
    """Everything wrong with a prediction; located in ``where`` when it came from a file."""
    def problem(path: tuple, message: str) -> Problem:
        return where.problem(path, message) if where is not None else Problem("<prediction>", message=message)

    problems = []
    for dimension in FACT_DIMENSIONS:
        if dimension not in facts:
            problems.append(problem((), _("'{dimension}' is missing; predict one of: {values}", dimension=dimension,
                                          values=", ".join(v for v, _label in fact_options(kb, dimension)))))
            continue
        allowed = [v for v, _label in fact_options(kb, dimension)]
        value = facts[dimension]
        if isinstance(value, bool):
            value = "yes" if value else "no"
        if value not in allowed:
            problems.append(problem((dimension,), _("'{dimension}' cannot be {value}{suggestion}; allowed: {allowed}",
                                                    dimension=dimension, value=repr(value),
                                                    suggestion=suggest(str(value), allowed),
                                                    allowed=", ".join(allowed))))
    for i, rec in enumerate(strategies):
        if not isinstance(rec, str) or rec not in kb.recommendations:
            problems.append(problem((STRATEGIES, i), _(
                "unknown strategy {strategy}{suggestion}; 'gvc-advisor rules' and the README list the "
                "recommendation ids", strategy=repr(rec), suggestion=suggest(str(rec), kb.recommendations))))
    repeats = len({str(s) for s in strategies}) != len(strategies)
    if len(strategies) != PICKS or repeats:
        message = (_("pick exactly {picks} different strategies, the ones you would put first (found {n}, "
                     "with repeats)", picks=PICKS, n=len(strategies)) if repeats else
                   _("pick exactly {picks} different strategies, the ones you would put first (found {n})",
                     picks=PICKS, n=len(strategies)))
        problems.append(problem((STRATEGIES,), message))
    return problems


def make_prediction(kb: KnowledgeBase, facts: Mapping[str, Any], strategies: list[Any]) -> Prediction:
    """A checked prediction (UserError listing every problem)."""
    problems = prediction_problems(kb, facts, strategies)
    if problems:
        raise UserError(problems)
    values = {d: ("yes" if facts[d] is True else "no" if facts[d] is False else str(facts[d])) for d in FACT_DIMENSIONS}
    return Prediction(values, tuple(str(s) for s in strategies))


def read_prediction_file(kb: KnowledgeBase, path: Path) -> Prediction:
    """A prediction written as YAML: the four fact dimensions and ``strategies: [a, b, c]``."""
    loaded = load_yaml_file(path, str(path))
    if loaded.problems:
        raise UserError(loaded.problems)
    data = loaded.data
    if not isinstance(data, dict):
        raise UserError([loaded.problem((), _("a prediction file is a mapping: {dimensions}, and "
                                              "'strategies: [three recommendation ids]'",
                                              dimensions=", ".join(FACT_DIMENSIONS)))])
    unknown = [k for k in data if k not in DIMENSIONS]
    problems = [loaded.problem((k,), _("unknown key '{key}'{suggestion}; allowed: {allowed}", key=k,
                                       suggestion=suggest(str(k), DIMENSIONS), allowed=", ".join(DIMENSIONS)))
                for k in unknown]
    strategies = data.get(STRATEGIES, [])
    if not isinstance(strategies, list):
        problems.append(loaded.problem((STRATEGIES,), _("'strategies' must be a list of three recommendation ids")))
        strategies = []
    problems += prediction_problems(kb, data, strategies, loaded)
    if problems:
        raise UserError(problems)
    return make_prediction(kb, data, strategies)
