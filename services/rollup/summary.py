"""The result of a roll-up, as every renderer reads it, and its JSON form
(deterministic: sorted keys, rounded shares, firms in input order)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from gvc_advisor.engine.i18n.languages import SOURCE_LANGUAGE


def share(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f} %" if whole else "—"


@dataclass(frozen=True)
class GridCell:
    governance: str
    driver: str
    firm_status: str
    firms: int


@dataclass(frozen=True)
class Share:
    """How many firms have ``fact`` = ``value`` (e.g. locked in at the low end)."""

    fact: str
    label: str
    value: str
    value_label: str
    firms: int
    total: int
    by_value: dict[str, int]
    undetermined: int

    @property
    def ratio(self) -> float:
        return share(self.firms, self.total)


@dataclass(frozen=True)
class RecommendationCount:
    id: str
    title: str
    upgrading_type: str
    actors: tuple[str, ...]
    firms: int
    total: int
    first: int  # firms for which it is the first priority
    mean_cf: float


@dataclass(frozen=True)
class MeasureResult:
    id: str
    title: str
    summary: str
    actions: tuple[str, ...]
    actors: tuple[str, ...]
    sources: tuple[str, ...]
    recommended: tuple[str, ...]
    condition: str | None
    firms: int
    total: int
    min_firms: int
    min_share: float
    threshold: str
    proposed: bool


@dataclass
class RollupSummary:
    kb: dict[str, str]
    inputs: list[str]
    firms: int
    skipped: int
    problem_count: int
    problems: list[str]
    axes: dict[str, list[str]]  # dimension → its values, in the knowledge base's order
    axis_labels: dict[str, dict[str, str]]
    grid: list[GridCell]
    undetermined: int
    margins: dict[str, dict[str, int]]
    shares: list[Share]
    recommendations: list[RecommendationCount]
    warnings: list[tuple[str, str, int]]
    measures: list[MeasureResult]
    measures_source: str
    language: str = "en"  # the language of the labels and titles (``en``, ``zh``)

    def cell(self, governance: str, driver: str, status: str) -> int:
        return next(c.firms for c in self.grid
                    if (c.governance, c.driver, c.firm_status) == (governance, driver, status))

    @property
    def proposed(self) -> list[MeasureResult]:
        return [m for m in self.measures if m.proposed]


def short_axis(s: RollupSummary, dimension: str, value: str) -> str:
    """A value of a grid dimension (or a share's fact) for narrow headers: the id in the source
    language (``captive``, ``buyer``, ``sme``: what fits 80 columns), the knowledge base's label
    in any other (a translated id would mean nothing to its reader)."""
    if s.language == SOURCE_LANGUAGE:
        return value
    return s.axis_labels.get(dimension, {}).get(value, value)


def summary_data(s: RollupSummary) -> dict[str, Any]:
    """Ids as keys and values in every language; labels in ``language`` beside them
    (``grid.axis_labels``, ``shares.*.label``/``value_label``, ``title``,
    ``upgrading_type_label``, ``actor_labels``)."""
    from gvc_advisor.services.reporting import labels

    return {
        "language": s.language,
        "kb": s.kb,
        "inputs": s.inputs,
        "firms": s.firms,
        "skipped": {"rows_or_files": s.skipped, "problems": s.problem_count, "listed": s.problems},
        "grid": {
            "axes": s.axes,
            "axis_labels": s.axis_labels,
            "cells": [{"governance": c.governance, "driver": c.driver, "firm_status": c.firm_status,
                       "firms": c.firms, "share": share(c.firms, s.firms)} for c in s.grid],
            "undetermined": s.undetermined,
            "margins": s.margins,
        },
        "shares": {sh.fact: {"label": sh.label, "value": sh.value, "value_label": sh.value_label,
                             "firms": sh.firms, "share": sh.ratio, "by_value": sh.by_value,
                             "undetermined": sh.undetermined} for sh in s.shares},
        "recommendations": [{"id": r.id, "title": r.title, "upgrading_type": r.upgrading_type,
                             "upgrading_type_label": labels.upgrading_type(r.upgrading_type),
                             "actors": list(r.actors), "actor_labels": [labels.actor(a) for a in r.actors],
                             "firms": r.firms, "share": share(r.firms, r.total),
                             "first_priority": r.first, "mean_cf": r.mean_cf} for r in s.recommendations],
        "warnings": [{"id": wid, "title": title, "firms": n, "share": share(n, s.firms)}
                     for wid, title, n in s.warnings],
        "collective_measures": {
            "source": s.measures_source,
            "measures": [{"id": m.id, "title": m.title, "summary": m.summary, "actions": list(m.actions),
                          "actors": list(m.actors), "actor_labels": [labels.actor(a) for a in m.actors],
                          "sources": list(m.sources),
                          "needed_when": {"recommended": list(m.recommended), "condition": m.condition},
                          "firms": m.firms,
                          "share": share(m.firms, m.total),
                          "threshold": {"min_firms": m.min_firms, "min_share": m.min_share, "rule": m.threshold},
                          "proposed": m.proposed} for m in s.measures],
        },
    }


def to_json(s: RollupSummary) -> str:
    return json.dumps(summary_data(s), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
