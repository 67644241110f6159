"""The plan part of the advice: urgency, order, choice groups, advice the firm
already follows, and conflicts lost (see :mod:`advice`)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from gvc_advisor.engine.evaluate import holds
from gvc_advisor.engine.i18n import _
from gvc_advisor.engine.kb.model import KnowledgeBase
from gvc_advisor.engine.kb.schema.plan import Urgency
from gvc_advisor.engine.result import Conclusion, Consultation, Premise
from gvc_advisor.engine.rete.normalize import dnf
from gvc_advisor.engine.wording import describe_literal


@dataclass(frozen=True)
class Disagreement:
    text: str
    papers: tuple[str, ...]
    hedges: tuple[str, ...]


@dataclass(frozen=True)
class PlanItem:
    """One recommendation as the firm should read it."""

    id: str
    title: str
    upgrading_type: str
    cf: float
    #: 1 first; members of one choice group share their best member's number.
    priority: int
    urgency: str  # urgent | high | normal | low
    #: The urgency rule that set the urgency (None: the recommendation's own).
    urgency_rule: str | None
    urgency_because: str | None
    horizon: str | None  # now | medium_term | long_term (None: not declared)
    horizon_label: str | None  # "now" | "1–3 years" | "longer"
    actors: tuple[str, ...]
    #: What to do: the recommendation's actions, or for "continue / deepen"
    #: only those that still apply to a firm already doing it.
    actions: tuple[str, ...]
    #: Why this firm gets it: the strongest rule and what it matched.
    reason: str
    rules: tuple[str, ...]
    #: The firm already does this: the advice is to continue and deepen it.
    continue_deepen: bool
    continue_text: str | None
    choice_group: str | None
    disagreements: tuple[Disagreement, ...]
    sources: tuple[str, ...]  # paper keys


@dataclass(frozen=True)
class AlreadyFollowed:
    """Made, but left out of the plan because the firm already does it."""

    id: str
    title: str
    cf: float
    because: str


@dataclass(frozen=True)
class NotChosen:
    """Made, but beaten by a conflicting recommendation."""

    id: str
    title: str
    cf: float
    chosen: str
    chosen_cf: float
    why: str


@dataclass(frozen=True)
class Choice:
    """Alternative routes made for this firm: choose one."""

    id: str
    title: str
    because: str
    options: tuple[str, ...]  # in plan order, the strongest first
    sources: tuple[str, ...]


def _premise_text(kb: KnowledgeBase, premise: Premise) -> str:
    if not premise.positive:
        return describe_literal(kb, premise.literal) if premise.literal is not None else premise.description
    if premise.fact in kb.facts:
        name = kb.facts[premise.fact].label
    elif premise.fact in kb.questions:
        name = kb.questions[premise.fact].name
    else:
        name = premise.fact.replace("_", " ")
    return _("{fact}: {value}", fact=name, value=kb.value_label(premise.fact, premise.value))


def reason(kb: KnowledgeBase, conclusion: Conclusion) -> str:
    """The strongest rule behind a conclusion and the answers or facts it matched, in one
    line.  Conditions that held only because something was absent ("not hierarchy")
    stay in the full explanation: a manager reads the reason as what *is* true of the firm."""
    used = [x for x in conclusion.contributions if not x.overridden]
    if not used:
        return ""
    best = min(used, key=lambda x: (-x.cf, x.rule_id))
    rule = kb.rule(best.rule_id)
    matched = _("; ").join(_premise_text(kb, p) for p in best.premises if p.positive)
    return _("{title} ({matched})", title=rule.title, matched=matched) if matched else rule.title


def _urgency(kb: KnowledgeBase, c: Consultation, rec_id: str,
             applicable: list) -> tuple[Urgency, str | None, str | None]:
    found = [(rule.urgency, rule.id, rule.because) for rule in applicable if rec_id in rule.recommendations]
    if not found:
        return kb.recommendations[rec_id].urgency, None, None
    return min(found, key=lambda item: (item[0].rank, item[1]))


def _item(kb: KnowledgeBase, c: Consultation, conclusion: Conclusion, applicable: list,
          groups: dict[str, str], follows: bool) -> PlanItem:
    rec = kb.recommendations[conclusion.target]
    urgency, rule_id, because = _urgency(kb, c, rec.id, applicable)
    papers = {ref.key for rid in conclusion.rule_ids for ref in kb.rule(rid).sources}
    papers |= {ref.key for ref in rec.sources}
    deepen = follows and rec.already_followed is not None and rec.already_followed.then == "deepen"
    return PlanItem(
        id=rec.id, title=rec.title, upgrading_type=rec.upgrading_type.value, cf=conclusion.cf, priority=0,
        urgency=urgency.value, urgency_rule=rule_id, urgency_because=because,
        horizon=rec.horizon.value if rec.horizon else None, horizon_label=rec.horizon.label if rec.horizon else None,
        actors=tuple(a.value for a in rec.actors),
        actions=tuple(rec.already_followed.actions) if deepen and rec.already_followed else tuple(rec.actions),
        reason=reason(kb, conclusion),
        rules=tuple(conclusion.rule_ids), continue_deepen=deepen,
        continue_text=rec.already_followed.text if deepen and rec.already_followed else None,
        choice_group=groups.get(rec.id),
        disagreements=tuple(Disagreement(d.text, tuple(dict.fromkeys(r.key for r in d.sources)), tuple(d.hedges))
                            for d in rec.disagreements),
        sources=tuple(sorted(papers)))


def _order(kb: KnowledgeBase, items: list[PlanItem], start: int) -> list[PlanItem]:
    """Urgency, then horizon, then certainty, then catalogue order.  A choice
    group takes the place of its most pressing member; its options follow
    each other, the strongest first, and share one priority number."""
    rank = {rid: i for i, rid in enumerate(kb.recommendations)}

    def key(item: PlanItem) -> tuple:
        horizon = kb.recommendations[item.id].horizon
        return (Urgency(item.urgency).rank, horizon.rank if horizon else 9, -round(item.cf, 6), rank[item.id])

    def strength(item: PlanItem) -> tuple:
        return (-round(item.cf, 6), rank[item.id])

    ordered: list[PlanItem] = []
    placed: set[str] = set()
    number = start
    for item in sorted(items, key=key):
        if item.id in placed:
            continue
        members = [o for o in items if o.choice_group and o.choice_group == item.choice_group] or [item]
        for member in sorted(members, key=strength):
            placed.add(member.id)
            ordered.append(replace(member, priority=number))
        number += 1
    return ordered


def why_not_chosen(kb: KnowledgeBase, c: Consultation, loser: str) -> str:
    """Why a recommendation that reached the threshold lost a conflict."""
    winner = c.beaten[loser]
    cf, winner_cf = c.recommendations[loser].cf, c.recommendations[winner].cf
    template = (_('conflicts with "{winner}" ({cf}), which is stronger (equally certain: the one listed first in '
                  'the catalogue is made); of two conflicting recommendations only the stronger is made')
                if round(cf, 6) == round(winner_cf, 6)
                else _('conflicts with "{winner}" ({cf}), which is stronger; of two conflicting recommendations '
                       'only the stronger is made'))
    return template.format(winner=kb.recommendations[winner].title, cf=f"{winner_cf:.2f}")


def build_plan(kb: KnowledgeBase, c: Consultation) -> tuple[list[PlanItem], list[PlanItem], list[AlreadyFollowed],
                                                            list[NotChosen], list[Choice]]:
    """(plan, worth considering, already followed, not chosen, choices)."""
    applicable = [rule for rule in kb.urgency_rules if holds(dnf(rule.when), c)]
    kept, dropped = [], []
    for conclusion in c.recommended:
        rec = kb.recommendations[conclusion.target]
        follows = rec.already_followed is not None and holds(dnf(rec.already_followed.when), c)
        if follows and rec.already_followed is not None and rec.already_followed.then == "drop":
            dropped.append(AlreadyFollowed(rec.id, rec.title, conclusion.cf, rec.already_followed.because))
        else:
            kept.append((conclusion, follows))
    made = {conclusion.target for conclusion, _rule in kept}
    groups = {member: g.id for g in kb.choice_groups.values() if len(made & set(g.members)) >= 2
              for member in g.members}
    main, worth = [], []
    for conclusion, follows in kept:
        item = _item(kb, c, conclusion, applicable, groups, follows)
        (main if conclusion.cf >= c.policy.worth_considering else worth).append(item)
    plan = _order(kb, main, 1)
    worth_items = _order(kb, worth, (plan[-1].priority + 1) if plan else 1)
    not_chosen = [NotChosen(loser, kb.recommendations[loser].title, c.recommendations[loser].cf, winner,
                            c.recommendations[winner].cf, why_not_chosen(kb, c, loser))
                  for loser, winner in sorted(c.beaten.items())]
    choices = []
    for group in kb.choice_groups.values():
        options = tuple(item.id for item in plan + worth_items if item.choice_group == group.id)
        if options:
            choices.append(Choice(group.id, group.title, group.because, options,
                                  tuple(dict.fromkeys(r.key for r in group.sources))))
    return plan, worth_items, dropped, not_chosen, choices
