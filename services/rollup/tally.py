"""Incremental aggregation: each firm is counted as it arrives and then dropped,
so the memory of a roll-up does not grow with the number of firms (only the
first :data:`LISTED_PROBLEMS` problems are kept for the reports; all of them are
reported as they come)."""

from __future__ import annotations

from collections import Counter
from itertools import product

from gvc_advisor.engine.errors import UserError
from gvc_advisor.engine.i18n import current_language
from gvc_advisor.engine.kb.model import DIMENSIONS, KnowledgeBase
from gvc_advisor.services.rollup.measures import CollectiveMeasures
from gvc_advisor.services.rollup.summary import (
    GridCell,
    MeasureResult,
    RecommendationCount,
    RollupSummary,
    Share,
)
from gvc_advisor.services.rollup.worker import FirmRecord, Skipped

#: Problems kept for the reports (every problem is also reported on the fly).
LISTED_PROBLEMS = 200
#: The two shares the issue asks for: (fact, value that counts).
SHARES = (("low_end_lock", "yes"), ("factor_cost_pressure", "critical"))


class Tally:
    def __init__(self, kb: KnowledgeBase, measures: CollectiveMeasures, inputs: list[str]) -> None:
        missing = [d for d in DIMENSIONS if d not in kb.facts]
        if missing:
            raise UserError(f"this knowledge base has no {', '.join(missing)} fact; a roll-up places firms in "
                            "the governance × driver × status grid", file=str(kb.root))
        self.kb = kb
        self.measures = measures
        self.inputs = inputs
        self.firms = 0
        self.skipped = 0
        self.problem_count = 0
        self.problems: list[str] = []
        self.cells: Counter[tuple[str, str, str]] = Counter()
        self.undetermined = 0
        self.values: dict[str, Counter[str | None]] = {
            f: Counter() for f in (*DIMENSIONS, *(s for s, _unused in SHARES))}
        self.recommended: Counter[str] = Counter()
        self.first: Counter[str] = Counter()
        self.cf_sum: dict[str, float] = {}
        self.warned: Counter[str] = Counter()
        self.needed: Counter[str] = Counter()

    @property
    def seen(self) -> int:
        return self.firms + self.skipped

    def add(self, record: FirmRecord) -> None:
        self.firms += 1
        advice = record.advice
        dims = tuple(advice.value(d) for d in DIMENSIONS)
        if None in dims:
            self.undetermined += 1
        else:
            self.cells[dims] += 1  # type: ignore[index]
        for fact, counter in self.values.items():
            counter[advice.value(fact)] += 1
        for step in advice.plan:
            self.recommended[step.recommendation] += 1
            self.cf_sum[step.recommendation] = self.cf_sum.get(step.recommendation, 0.0) + step.cf
            if step.priority == 1:
                self.first[step.recommendation] += 1
        self.warned.update(w for w, _unused in advice.warnings)
        self.needed.update(record.needs)

    def skip(self, skipped: Skipped) -> None:
        self.skipped += 1
        self.problem_count += len(skipped.problems)
        room = LISTED_PROBLEMS - len(self.problems)
        self.problems += [p.format() for p in skipped.problems[:max(room, 0)]]

    # -- the result ------------------------------------------------------------------
    def _share(self, fact: str, value: str) -> Share | None:
        if fact not in self.kb.facts:
            return None
        counts = self.values[fact]
        by_value = {v: counts[v] for v in self.kb.facts[fact].allowed_values}
        return Share(fact, self.kb.facts[fact].label, value, self.kb.value_label(fact, value), counts[value],
                     self.firms, by_value, counts[None])

    def summary(self) -> RollupSummary:
        kb = self.kb
        axes = [kb.facts[d].allowed_values for d in DIMENSIONS]
        grid = [GridCell(g, d, s, self.cells[(g, d, s)]) for g, d, s in product(*axes)]
        margins = {dim: {**{v: self.values[dim][v] for v in kb.facts[dim].allowed_values},
                         "undetermined": self.values[dim][None]} for dim in DIMENSIONS}
        recommendations = [
            RecommendationCount(rid, kb.recommendations[rid].title, kb.recommendations[rid].upgrading_type.value,
                                tuple(a.value for a in kb.recommendations[rid].actors), count, self.firms,
                                self.first[rid], round(self.cf_sum[rid] / count, 4))
            for rid, count in sorted(self.recommended.items(), key=lambda item: (-item[1], item[0]))
        ]
        measures = [
            MeasureResult(m.id, m.title, m.summary, tuple(m.actions), tuple(a.value for a in m.actors),
                          tuple(f"{s.key} §{s.section}" for s in m.sources), tuple(m.needed_when.recommended),
                          self.measures.condition_text(kb, m), self.needed[m.id], self.firms,
                          m.threshold.min_firms, m.threshold.min_share,
                          m.threshold.describe(), m.threshold.met(self.needed[m.id], self.firms))
            for m in self.measures.measures
        ]
        warnings = [(wid, kb.warnings[wid].title, n)
                    for wid, n in sorted(self.warned.items(), key=lambda item: (-item[1], item[0]))]
        shares = [s for s in (self._share(fact, value) for fact, value in SHARES) if s is not None]
        return RollupSummary(
            kb=kb.version_info, inputs=list(self.inputs), firms=self.firms, skipped=self.skipped,
            problem_count=self.problem_count, problems=list(self.problems),
            axes={d: list(axis) for d, axis in zip(DIMENSIONS, axes, strict=True)},
            axis_labels={d: {v: kb.value_label(d, v) for v in kb.facts[d].allowed_values}
                         for d in (*DIMENSIONS, *(f for f, _unused in SHARES)) if d in kb.facts},
            grid=grid, undetermined=self.undetermined, margins=margins, shares=shares,
            recommendations=recommendations, warnings=warnings, measures=measures,
            measures_source=self.measures.source, language=current_language(),
        )
