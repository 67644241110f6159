"""Explanations: how a conclusion was derived, why a question is asked, and why
a recommendation was *not* made.

The result is a plain tree of :class:`Node` (no presentation), which the CLI
prints as indented text and the TUI shows in a ``Tree`` widget.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from gvc_advisor.engine.evaluate import literal_value
from gvc_advisor.engine.kb.model import KnowledgeBase
from gvc_advisor.engine.kb.schema import Rule
from gvc_advisor.engine.kb.schema.base import SourceRef
from gvc_advisor.engine.kb.schema.rules import conclusion_key
from gvc_advisor.engine.planning import why_not_chosen
from gvc_advisor.engine.result import Conclusion, Consultation, Premise
from gvc_advisor.engine.rete.normalize import Branch
from gvc_advisor.engine.wording import describe_literal


@dataclass
class Node:
    label: str
    kind: str  # conclusion | rule | because | source | answer | stated | absent | unmet | note
    children: list[Node] = field(default_factory=list)
    ref: str | None = None  # rule id, fact name, question id…

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
    node.children.append(Node(f"because: {rule.because}", "because"))
    node.children.extend(Node(cite(kb, ref), "source", ref=ref.key) for ref in rule.sources)
    return node


def _premise_node(kb: KnowledgeBase, c: Consultation, premise: Premise, depth: int) -> Node:
    if not premise.positive:
        return Node(f"{premise.description}: holds (no such value established)", "absent",
                    ref=premise.fact)
    if premise.fact in kb.questions and premise.fact not in c.facts:
        question = kb.questions[premise.fact]
        answer = c.answers.get(premise.fact)
        unsure = " (unsure)" if answer is not None and answer.unsure else ""
        return Node(f'answer: "{question.text}" → {question.label_of(premise.value)}{unsure} '
                    f"[cf {premise.cf:.2f}]", "answer", ref=premise.fact)
    return explain_fact(kb, c, premise.fact, premise.value, depth + 1)


def _conclusion_children(kb: KnowledgeBase, c: Consultation, conclusion: Conclusion, depth: int) -> list[Node]:
    children = []
    for contribution in conclusion.contributions:
        if contribution.overridden:
            continue
        rule = kb.rule(contribution.rule_id)
        node = rule_node(kb, rule, f"rule {rule.id}: {rule.title} "
                                   f"[rule cf × premise {contribution.premise_cf:.2f} = {contribution.cf:+.2f}]")
        if depth < 12:
            node.children.extend(_premise_node(kb, c, p, depth) for p in contribution.premises)
        children.append(node)
    return children


def _alternatives_node(kb: KnowledgeBase, c: Consultation, fact: str, depth: int) -> Node | None:
    """For a single-valued fact: the values that lost, each with its evidence."""
    alternatives = c.alternatives(fact)
    if not alternatives:
        return None
    node = Node("alternatives considered (not used: a single-valued fact holds only its strongest value)",
                "note", ref=fact)
    for value, _ in alternatives:
        node.children.append(explain_fact(kb, c, fact, value, depth + 1, alternatives=False))
    contest = c.contest(fact)
    if contest is not None:
        tie = " (a tie, broken by the order of the values in the knowledge base)" if contest.tie else ""
        node.children.append(Node(
            f"contested: the runner-up is within {c.policy.contested_margin:.2f} of the winner{tie}", "note"))
    return node


def explain_fact(kb: KnowledgeBase, c: Consultation, fact: str, value: Any, depth: int = 0,
                 alternatives: bool = True) -> Node:
    conclusion = c.facts.get(fact, {}).get(value)
    label = f"{kb.label(fact)} = {kb.value_label(fact, value)}"
    if conclusion is None:
        return Node(f"{label}: no rule concluded this", "note", ref=fact)
    if conclusion.stated is not None:
        node = Node(f"{label} [cf {conclusion.cf:.2f}]: stated directly by the user; "
                    "inference is overridden", "stated", ref=fact)
        ignored = [x.rule_id for v in c.facts.get(fact, {}).values() for x in v.contributions if x.overridden]
        if ignored:
            node.children.append(Node("rules that would otherwise have concluded on this fact: "
                                      + ", ".join(sorted(set(ignored))), "note"))
        return node
    declared = dict(c.established(fact))
    if value not in declared and conclusion.cf >= c.threshold:
        winner, winner_cf = c.established(fact)[0]
        node = Node(f"{label} [cf {conclusion.cf:.2f}]: alternative considered, not used: "
                    f"{kb.value_label(fact, winner)} is stronger [cf {winner_cf:.2f}]", "conclusion", ref=fact)
    else:
        node = Node(f"{label} [cf {conclusion.cf:.2f}]", "conclusion", ref=fact)
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
    return Node(f"not made: it {why_not_chosen(kb, c, rec_id)}", "note", ref=winner)


def explain_recommendation(kb: KnowledgeBase, c: Consultation, rec_id: str) -> Node:
    rec = kb.recommendations[rec_id]
    conclusion = c.recommendations.get(rec_id)
    if conclusion is None or conclusion.cf < c.threshold:
        return why_not(kb, c, rec_id)
    conflict = _conflict_node(kb, c, rec_id)
    status = "alternative not chosen" if conflict is not None else "recommended"
    node = Node(f"{status}: {rec.title} ({rec.upgrading_type.value} upgrading) "
                f"[cf {conclusion.cf:.2f}]", "conclusion", ref=rec_id)
    if conflict is not None:
        node.children.append(conflict)
    node.children.extend(_conclusion_children(kb, c, conclusion, 0))
    node.children.extend(Node(cite(kb, ref), "source", ref=ref.key) for ref in rec.sources)
    return node


def explain_warning(kb: KnowledgeBase, c: Consultation, warn_id: str) -> Node:
    spec = kb.warnings[warn_id]
    conclusion = c.warnings.get(warn_id)
    if conclusion is None or conclusion.cf < c.threshold:
        return Node(f"warning {warn_id} was not raised", "note", ref=warn_id)
    node = Node(f"warning: {spec.title} [cf {conclusion.cf:.2f}]", "conclusion", ref=warn_id)
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
            node = Node(f"not recommended: {rec.title}", "conclusion", ref=rec_id)
            node.children.append(conflict)
            return node
        return Node(f"{rec.title} was recommended [cf {conclusion.cf:.2f}]", "note", ref=rec_id)
    node = Node(f"not recommended: {rec.title}", "conclusion", ref=rec_id)
    if conclusion is not None and conclusion.contributions:
        node.children.append(Node(
            f"some rules support it, but the combined certainty {conclusion.cf:.2f} is below the "
            f"threshold {c.threshold:.2f}", "note"))
    candidates = []
    for rule in kb.rules:
        if ("recommendation", rec_id, "") not in {conclusion_key(a) for a in rule.then}:
            continue
        rule_branches = (branches or {}).get(rule.id) or dnf(rule.when)
        closest = min((unmet_literals(kb, b, c) for b in rule_branches), key=len)
        candidates.append((len(closest), rule.id, rule, closest))
    candidates.sort(key=lambda item: (item[0], item[1]))
    if not candidates:
        node.children.append(Node("no rule in the knowledge base recommends it", "note"))
    for _, _, rule, unmet in candidates[:limit]:
        child = rule_node(kb, rule, f"rule {rule.id}: {rule.title}")
        if unmet:
            child.children.extend(Node(f"unmet: {text}", "unmet") for text in unmet)
        else:
            child.children.append(Node("its conditions hold, but with too little certainty", "note"))
        node.children.append(child)
    return node


def _plan_condition_node(kb: KnowledgeBase, waiting_id: str) -> Node:
    """A plan condition waiting on a question (see relevance): urgency or already followed."""
    kind, _, item_id = waiting_id.partition(":")
    if kind == "urgency":
        rule = next(r for r in kb.urgency_rules if r.id == item_id)
        titles = ", ".join(kb.recommendations[r].title for r in rule.recommendations)
        node = Node(f"urgency rule {rule.id}: {rule.title} → {rule.urgency.value}: {titles}", "rule", ref=rule.id)
        node.children.append(Node(f"because: {rule.because}", "because"))
        node.children.extend(Node(cite(kb, ref), "source", ref=ref.key) for ref in rule.sources)
        return node
    rec = kb.recommendations[item_id]
    followed = rec.already_followed
    assert followed is not None
    return Node(f"whether the firm already does this: {rec.title} → "
                f"{'continue / deepen' if followed.then == 'deepen' else 'left out of the plan'}", "note",
                ref=rec.id, children=[Node(f"because: {followed.because}", "because")])


def why_question(kb: KnowledgeBase, waiting_rules: list[str]) -> Node:
    """Why a question is asked: the rules (and plan conditions) waiting on it,
    and what they would conclude."""
    node = Node("this answer can still change these conclusions:", "note")
    for rule_id in waiting_rules:
        if ":" in rule_id:
            node.children.append(_plan_condition_node(kb, rule_id))
            continue
        rule = kb.rule(rule_id)
        would = []
        for action in rule.then:
            kind, target, value = conclusion_key(action)
            if kind == "fact":
                would.append(f"{kb.label(target)} = {kb.value_label(target, value)}")
            elif kind == "recommendation":
                would.append(f"recommend: {kb.recommendations[target].title}")
            else:
                would.append(f"warn: {kb.warnings[target].title}")
        child = rule_node(kb, rule, f"rule {rule.id}: {rule.title} → " + "; ".join(would))
        node.children.append(child)
    return node


def explain(kb: KnowledgeBase, c: Consultation, target: str) -> Node:
    """Explain anything by id: a recommendation, a warning, a fact or ``fact=value``."""
    if target in kb.recommendations:
        return explain_recommendation(kb, c, target)
    if target in kb.warnings:
        return explain_warning(kb, c, target)
    fact, _, value = target.partition("=")
    if fact in kb.facts:
        if value:
            return explain_fact(kb, c, fact, value)
        values = c.established(fact)
        if not values:
            return Node(f"{kb.label(fact)}: not established from the answers given", "note", ref=fact)
        root = Node(f"{kb.label(fact)}", "conclusion", ref=fact)
        root.children = [explain_fact(kb, c, fact, v) for v, _ in values]
        return root
    if fact in kb.questions:
        answer = c.answers.get(fact)
        text = kb.questions[fact].text
        if answer is None:
            return Node(f'"{text}" was not answered', "note", ref=fact)
        return Node(f'"{text}" → {kb.value_label(fact, answer.value)}: answered by the user', "answer", ref=fact)
    raise KeyError(target)
