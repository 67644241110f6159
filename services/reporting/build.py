"""Consultation → :class:`Report`: the one place that decides what a report says.

The diagnosis and the plan come from :func:`.plan_source.plan_from` (the seam
to the advice engine); this module only selects, labels and orders.
Citations are numbered here, in the order the renderers print them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from gvc_advisor.engine.i18n import _, current_language
from gvc_advisor.engine.kb.model import DIMENSIONS, KnowledgeBase
from gvc_advisor.engine.result import Consultation
from gvc_advisor.services.reporting import labels
from gvc_advisor.services.reporting.appendix import Derivations, answer_lines
from gvc_advisor.services.reporting.escape import clean
from gvc_advisor.services.reporting.model import (
    DiagnosisLine,
    DisagreementLine,
    PlanLine,
    Report,
    SetAsideLine,
    SmilePosition,
    Strategy,
    WarningLine,
)
from gvc_advisor.services.reporting.plan_source import DiagnosisEntry, PlanItem, plan_from
from gvc_advisor.services.reporting.references import References

#: Page one shows the plan's first five priorities (a choice group shares one), so
#: that it fits one printed page; the rest is named there and detailed in part 2.
PAGE_ONE_PRIORITIES = 5


def build_report(kb: KnowledgeBase, consultation: Consultation, firm: str | None = None,
                 date: dt.date | None = None, skipped: Iterable[str] = ()) -> Report:
    """The report of a consultation.  ``skipped`` are the questions answered
    "don't know" in the interview; ``date`` defaults to today."""
    source = plan_from(kb, consultation)
    language = current_language()
    references = References(kb, language)
    plan = tuple(_plan_line(kb, item) for item in source.plan)
    first = tuple(line for line in plan if line.priority <= PAGE_ONE_PRIORITIES)
    later = tuple(line for line in plan if line.priority > PAGE_ONE_PRIORITIES)
    strategies = tuple(_strategy(kb, item, references, brief=item.priority > PAGE_ONE_PRIORITIES)
                       for item in source.plan)
    answers = answer_lines(kb, consultation)
    derivations = Derivations(kb, consultation, answers, references)
    made = [*source.plan, *source.worth_considering]
    raised = [consultation.warnings[w.warning_id] for w in source.warnings if w.from_rules]
    facts = derivations.facts_for([*(consultation.recommendations[i.rec_id] for i in made), *raised])
    advice = tuple(derivations.entry(str(i.priority), kb.recommendations[i.rec_id].title,
                                     consultation.recommendations[i.rec_id]) for i in made)
    warnings = tuple(derivations.entry(f"W{n}", kb.warnings[w.target].title, w) for n, w in enumerate(raised, 1))
    name = firm if firm and clean(firm) else None  # a name of only spaces or control characters is none
    return Report(
        language=language,
        title=_("Upgrading plan for {firm}", firm=name) if name else _("Upgrading plan"),
        firm=name,
        date=(date or dt.date.today()).isoformat(),
        kb_name=kb.meta.name, kb_version=kb.meta.version, kb_hash=kb.content_hash,
        threshold=consultation.threshold,
        diagnosis=tuple(_diagnosis_line(kb, entry) for entry in source.diagnosis),
        plan=first,
        later=later,
        warnings=tuple(WarningLine(w.warning_id, w.title, w.message, w.cf) for w in source.warnings),
        strategies=strategies,
        worth_considering=tuple(_plan_line(kb, item) for item in source.worth_considering),
        set_aside=tuple(SetAsideLine(s.rec_id, kb.recommendations[s.rec_id].title,
                                     kb.recommendations[s.winner].title if s.winner else None, s.why)
                        for s in source.set_aside),
        answers=answers,
        dont_know=tuple(kb.questions[q].text for q in kb.questions if q in set(skipped)),
        fact_derivations=facts,
        advice_derivations=advice,
        warning_derivations=warnings,
        references=references.listing(),
        smile=_smile(kb, consultation, source.plan),
    )


def _diagnosis_line(kb: KnowledgeBase, entry: DiagnosisEntry) -> DiagnosisLine:
    fact = entry.fact
    value = None if entry.value is None else kb.value_label(fact, entry.value)
    alternatives = tuple((kb.value_label(fact, v), cf) for v, cf in entry.alternatives)
    return DiagnosisLine(fact, kb.label(fact), value, entry.cf, alternatives, entry.contested, entry.stated,
                         fact in DIMENSIONS, None if entry.value is None else str(entry.value),
                         tuple(str(v) for v, _cf in entry.alternatives))


def _plan_line(kb: KnowledgeBase, item: PlanItem) -> PlanLine:
    rec = kb.recommendations[item.rec_id]
    return PlanLine(item.priority, rec.id, rec.title, rec.upgrading_type.value,
                    labels.upgrading_type(rec.upgrading_type.value), item.cf, item.reason,
                    item.horizon, labels.horizon(item.horizon), item.actors,
                    tuple(labels.actor(a) for a in item.actors),
                    item.continue_existing,
                    kb.choice_groups[item.choice_group].title if item.choice_group else None)


def _strategy(kb: KnowledgeBase, item: PlanItem, references: References, brief: bool) -> Strategy:
    """A plan item in full; items after page one's priorities (``brief``) keep their
    summary, actions and sources, so that the report stays one to be read."""
    rec = kb.recommendations[item.rec_id]
    more = () if brief else (tuple(rec.preconditions), tuple(rec.risks), tuple(rec.examples))
    preconditions, risks, examples = more or ((), (), ())
    return Strategy(item.priority, rec.id, rec.title, rec.upgrading_type.value,
                    labels.upgrading_type(rec.upgrading_type.value), item.continue_text or rec.summary,
                    item.actions or tuple(rec.actions), preconditions, risks, examples,
                    references.cite_all(rec.sources),
                    () if brief else tuple(DisagreementLine(d.text, references.cite_all(d.sources))
                                           for d in rec.disagreements))


def _smile(kb: KnowledgeBase, consultation: Consultation, plan: Iterable[PlanItem]) -> SmilePosition:
    mode = consultation.answers.get("production_mode")
    current = labels.MODE_STAGE.get(str(mode.value), "manufacturing") if mode else "manufacturing"
    return SmilePosition(current, tuple((i.priority, kb.recommendations[i.rec_id].smile_stage) for i in plan))
