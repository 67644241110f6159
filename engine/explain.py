"""Explanations: how a conclusion was derived, why a question is asked, and why
a recommendation was *not* made.

The result is a plain tree of :class:`Node` (no presentation), which the CLI
prints as indented text and the TUI shows in a ``Tree`` widget.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from gvc_advisor.engine.evaluate import literal_value
from gvc_advisor.engine.i18n import _
from gvc_advisor.engine.kb.model import KnowledgeBase
from gvc_advisor.engine.kb.schema import Rule
from gvc_advisor.engine.kb.schema.base import SourceRef
from gvc_advisor.engine.kb.schema.rules import conclusion_key
from gvc_advisor.engine.planning import why_not_chosen
from gvc_advisor.engine.result import Conclusion, Consultation, Premise
from gvc_advisor.engine.rete.normalize import Branch
from gvc_advisor.engine.wording import describe_literal

#: The tag of a why-not tree's root (see :func:`why_not`).
NOT_RECOMMENDED = "not-recommended"


@dataclass
class Node:
    label: str
    kind: str  # conclusion | rule | because | source | answer | stated | absent | unmet | note
    children: list[Node] = field(default_factory=list)
    ref: str | None = None  # rule id, fact name, question id…
    #: What the node speaks of, for code that reads the tree (the label is in the
    #: user's language, so nothing parses it): the fact value of a conclusion, the
    #: condition of an ``absent`` or ``unmet`` node.  Not part of :meth:`to_data`.
    value: Any = field(default=None, compare=False)
    #: ``not-recommended`` on the root of a why-not tree.
    tag: str = field(default="", compare=False)

    def to_text(self, indent: int = 0) -> str:
        lines = ["  " * indent + ("- " if indent else "") + self.label]
        lines += [child.to_text(indent + 1) for child in self.children]
        return "\n".join(lines)

    def to_data(self) -> dict[str, Any]:
        data: dict[str, Any] = {"label": self.label, "kind": self.kind}
        if self.ref:
            data["ref"] = self.ref
        if self.children:
            data["children"] = [c.to_data() for c in self.children]
        return data


def cite(kb: KnowledgeBase, ref: SourceRef) -> str:
    source = kb.sources.get(ref.key)
    citation = source.citation if source else ref.key
    return f"[{ref.key} §{ref.section}] {citation}"


def rule_node(kb: KnowledgeBase, rule: Rule, headline: str) -> Node:
    node = Node(headline, "rule", ref=rule.id)
    node.children.append(Node(_("because: {because}", because=rule.because), "because"))
    node.children.extend(Node(cite(kb, ref), "source", ref=ref.key) for ref in rule.sources)
    return node


def _premise_node(kb: KnowledgeBase, c: Consultation, premise: Premise, depth: int) -> Node:
    if not premise.positive:
        return Node(_("{condition}: holds (no such value established)", condition=premise.description),
                    "absent", ref=premise.fact, value=premise.description)
    if premise.fact in kb.questions and premise.fact not in c.facts:
        question = kb.questions[premise.fact]
        answer = c.answers.get(premise.fact)
        template = (_('answer: "{question}" → {answer} (unsure) [cf {cf}]') if answer is not None and answer.unsure
                    else _('answer: "{question}" → {answer} [cf {cf}]'))
        return Node(template.format(question=question.text, answer=question.label_of(premise.value),
                                    cf=f"{premise.cf:.2f}"), "answer", ref=premise.fact, value=premise.value)
    return explain_fact(kb, c, premise.fact, premise.value, depth + 1)


def _conclusion_children(kb: KnowledgeBase, c: Consultation, conclusion: Conclusion, depth: int) -> list[Node]:
    children = []
    for contribution in conclusion.contributions:
        if contribution.overridden:
            continue
        rule = kb.rule(contribution.rule_id)
        node = rule_node(kb, rule, _("rule {id}: {title} [rule cf × premise {premise_cf} = {cf}]", id=rule.id,
                                     title=rule.title, premise_cf=f"{contribution.premise_cf:.2f}",
                                     cf=f"{contribution.cf:+.2f}"))
        if depth < 12:
            node.children.extend(_premise_node(kb, c, p, depth) for p in contribution.premises)
        children.append(node)
    return children


def _alternatives_node(kb: KnowledgeBase, c: Consultation, fact: str, depth: int) -> Node | None:
    """For a single-valued fact: the values that lost, each with its evidence."""
    alternatives = c.alternatives(fact)
    if not alternatives:
        return None
    node = Node(_("alternatives considered (not used: a single-valued fact holds only its strongest value)"),
                "note", ref=fact)
    for value, _cf in alternatives:
        node.children.append(explain_fact(kb, c, fact, value, depth + 1, alternatives=False))
    contest = c.contest(fact)
    if contest is not None:
        template = (_("contested: the runner-up is within {margin} of the winner (a tie, broken by the order "
                      "of the values in the knowledge base)") if contest.tie
                    else _("contested: the runner-up is within {margin} of the winner"))
        node.children.append(Node(template.format(margin=f"{c.policy.contested_margin:.2f}"), "note"))
    return node


def explain_fact(kb: KnowledgeBase, c: Consultation, fact: str, value: Any, depth: int = 0,
                 alternatives: bool = True) -> Node:
    conclusion = c.facts.get(fact, {}).get(value)
    label = _("{fact} = {value}", fact=kb.label(fact), value=kb.value_label(fact, value))
    if conclusion is None:
        return Node(_("{conclusion}: no rule concluded this", conclusion=label), "note", ref=fact, value=value)
    cf = f"{conclusion.cf:.2f}"
    if conclusion.stated is not None:
        node = Node(_("{conclusion} [cf {cf}]: stated directly by the user; inference is overridden",
                      conclusion=label, cf=cf), "stated", ref=fact, value=value)
        ignored = [x.rule_id for v in c.facts.get(fact, {}).values() for x in v.contributions if x.overridden]
        if ignored:
            node.children.append(Node(_("rules that would otherwise have concluded on this fact: {rules}",
                                        rules=", ".join(sorted(set(ignored)))), "note"))
        return node
    declared = dict(c.established(fact))
    if value not in declared and conclusion.cf >= c.threshold:
        winner, winner_cf = c.established(fact)[0]
        node = Node(_("{conclusion} [cf {cf}]: alternative considered, not used: {winner} is stronger "
                      "[cf {winner_cf}]", conclusion=label, cf=cf, winner=kb.value_label(fact, winner),
                      winner_cf=f"{winner_cf:.2f}"), "conclusion", ref=fact, value=value)
    else:
        node = Node(_("{conclusion} [cf {cf}]", conclusion=label, cf=cf), "conclusion", ref=fact, value=value)
    node.children = _conclusion_children(kb, c, conclusion, depth)
    if alternatives and value in declared:
        extra = _alternatives_node(kb, c, fact, depth)
        if extra is not None:
            node.children.append(extra)
    return node


def _conflict_node(kb: KnowledgeBase, c: Consultation, rec_id: str) -> Node | None:
    winner = c.beaten.get(rec_id)
    if winner is None:
        return None
    return Node(_("not made: it {why}", why=why_not_chosen(kb, c, rec_id)), "note", ref=winner)


def explain_recommendation(kb: KnowledgeBase, c: Consultation, rec_id: str) -> Node:
    rec = kb.recommendations[rec_id]
    conclusion = c.recommendations.get(rec_id)
    if conclusion is None or conclusion.cf < c.threshold:
        return why_not(kb, c, rec_id)
    conflict = _conflict_node(kb, c, rec_id)
    template = (_("alternative not chosen: {title} ({upgrading}) [cf {cf}]") if conflict is not None
                else _("recommended: {title} ({upgrading}) [cf {cf}]"))
    node = Node(template.format(title=rec.title, upgrading=rec.upgrading_type.label,
                                cf=f"{conclusion.cf:.2f}"), "conclusion", ref=rec_id)
    if conflict is not None:
        node.children.append(conflict)
    node.children.extend(_conclusion_children(kb, c, conclusion, 0))
    node.children.extend(Node(cite(kb, ref), "source", ref=ref.key) for ref in rec.sources)
    return node


def explain_warning(kb: KnowledgeBase, c: Consultation, warn_id: str) -> Node:
    spec = kb.warnings[warn_id]
    conclusion = c.warnings.get(warn_id)
    if conclusion is None or conclusion.cf < c.threshold:
        return Node(_("warning {id} was not raised", id=warn_id), "note", ref=warn_id)
    node = Node(_("warning: {title} [cf {cf}]", title=spec.title, cf=f"{conclusion.cf:.2f}"), "conclusion",
                ref=warn_id)
    node.children = _conclusion_children(kb, c, conclusion, 0)
    return node


def unmet_literals(kb: KnowledgeBase, branch: Branch, c: Consultation) -> list[str]:
    return [describe_literal(kb, lit) for lit in branch if not literal_value(lit, c)[0]]


def why_not(kb: KnowledgeBase, c: Consultation, rec_id: str, branches: dict[str, list[Branch]] | None = None,
            limit: int = 3) -> Node:
    """The closest rules for a recommendation that was not made, with what they lack."""
    from gvc_advisor.engine.rete.normalize import dnf

    rec = kb.recommendations[rec_id]
    conclusion = c.recommendations.get(rec_id)
    if conclusion is not None and conclusion.cf >= c.threshold:
        conflict = _conflict_node(kb, c, rec_id)
        if conflict is not None:
            node = Node(_("not recommended: {title}", title=rec.title), "conclusion", ref=rec_id,
                        tag=NOT_RECOMMENDED)
            node.children.append(conflict)
            return node
        return Node(_("{title} was recommended [cf {cf}]", title=rec.title, cf=f"{conclusion.cf:.2f}"), "note",
                    ref=rec_id)
    node = Node(_("not recommended: {title}", title=rec.title), "conclusion", ref=rec_id, tag=NOT_RECOMMENDED)
    if conclusion is not None and conclusion.contributions:
        node.children.append(Node(
            _("some rules support it, but the combined certainty {cf} is below the threshold {threshold}",
              cf=f"{conclusion.cf:.2f}", threshold=f"{c.threshold:.2f}"), "note"))
    candidates = []
    for rule in kb.rules:
        if ("recommendation", rec_id, "") not in {conclusion_key(a) for a in rule.then}:
            continue
        rule_branches = (branches or {}).get(rule.id) or dnf(rule.when)
        closest = min((unmet_literals(kb, b, c) for b in rule_branches), key=len)
        candidates.append((len(closest), rule.id, rule, closest))
    candidates.sort(key=lambda item: (item[0], item[1]))
    if not candidates:
        node.children.append(Node(_("no rule in the knowledge base recommends it"), "note"))
    for _count, _id, rule, unmet in candidates[:limit]:
        child = rule_node(kb, rule, _("rule {id}: {title}", id=rule.id, title=rule.title))
        if unmet:
            child.children.extend(Node(_("unmet: {condition}", condition=text), "unmet", value=text) for text in unmet)
        else:
            child.children.append(Node(_("its conditions hold, but with too little certainty"), "note"))
        node.children.append(child)
    return node


def _plan_condition_node(kb: KnowledgeBase, waiting_id: str) -> Node:
    """A plan condition waiting on a question (see relevance): urgency or already followed."""
    kind, _colon, item_id = waiting_id.partition(":")
    if kind == "urgency":
        rule = next(r for r in kb.urgency_rules if r.id == item_id)
        titles = ", ".join(kb.recommendations[r].title for r in rule.recommendations)
        node = Node(_("urgency rule {id}: {title} → {urgency}: {recommendations}", id=rule.id, title=rule.title,
                      urgency=rule.urgency.label, recommendations=titles), "rule", ref=rule.id)
        node.children.append(Node(_("because: {because}", because=rule.because), "because"))
        node.children.extend(Node(cite(kb, ref), "source", ref=ref.key) for ref in rule.sources)
        return node
    rec = kb.recommendations[item_id]
    followed = rec.already_followed
    assert followed is not None
    template = (_("whether the firm already does this: {title} → continue / deepen") if followed.then == "deepen"
                else _("whether the firm already does this: {title} → left out of the plan"))
    return Node(template.format(title=rec.title), "note", ref=rec.id,
                children=[Node(_("because: {because}", because=followed.because), "because")])


def why_question(kb: KnowledgeBase, waiting_rules: list[str]) -> Node:
    """Why a question is asked: the rules (and plan conditions) waiting on it,
    and what they would conclude."""
    node = Node(_("this answer can still change these conclusions:"), "note")
    for rule_id in waiting_rules:
        if ":" in rule_id:
            node.children.append(_plan_condition_node(kb, rule_id))
            continue
        rule = kb.rule(rule_id)
        would = []
        for action in rule.then:
            kind, target, value = conclusion_key(action)
            if kind == "fact":
                would.append(_("{fact} = {value}", fact=kb.label(target), value=kb.value_label(target, value)))
            elif kind == "recommendation":
                would.append(_("recommend: {title}", title=kb.recommendations[target].title))
            else:
                would.append(_("warn: {title}", title=kb.warnings[target].title))
        child = rule_node(kb, rule, _("rule {id}: {title} → {conclusions}", id=rule.id, title=rule.title,
                                      conclusions=_("; ").join(would)))
        node.children.append(child)
    return node


def explain(kb: KnowledgeBase, c: Consultation, target: str) -> Node:
    """Explain anything by id: a recommendation, a warning, a fact or ``fact=value``."""
    if target in kb.recommendations:
        return explain_recommendation(kb, c, target)
    if target in kb.warnings:
        return explain_warning(kb, c, target)
    fact, _equals, value = target.partition("=")
    if fact in kb.facts:
        if value:
            return explain_fact(kb, c, fact, value)
        values = c.established(fact)
        if not values:
            return Node(_("{fact}: not established from the answers given", fact=kb.label(fact)), "note", ref=fact)
        root = Node(f"{kb.label(fact)}", "conclusion", ref=fact)
        root.children = [explain_fact(kb, c, fact, v) for v, _cf in values]
        return root
    if fact in kb.questions:
        answer = c.answers.get(fact)
        text = kb.questions[fact].text
        if answer is None:
            return Node(_('"{question}" was not answered', question=text), "note", ref=fact)
        return Node(_('"{question}" → {answer}: answered by the user', question=text,
                      answer=kb.value_label(fact, answer.value)), "answer", ref=fact, value=answer.value)
    raise KeyError(target)
