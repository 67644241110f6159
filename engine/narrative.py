"""Explanations in a manager's words, built from the :mod:`explain` trees.

:mod:`explain` answers *how* a conclusion was derived, for a consultant: rule
ids, certainty arithmetic, literal conditions.  A firm's manager wants the
same facts told differently: "we recommend this because you said X, and
firms like yours…".  :func:`narrate` walks a :class:`~explain.Node` tree and
returns :class:`Line` objects (depth, kind, text) with no rule ids and no cf
arithmetic; the TUI styles them by kind, :func:`to_text` wraps them for plain
text (reports, training mode).  Node kinds this module does not know are kept
as notes, so a richer tree never loses information.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, replace
from typing import Any

from gvc_advisor.engine.explain import NOT_RECOMMENDED, Node, describe_literal
from gvc_advisor.engine.i18n import N_, _
from gvc_advisor.engine.kb.model import KnowledgeBase
from gvc_advisor.engine.kb.schema.rules import conclusion_key
from gvc_advisor.engine.result import Consultation
from gvc_advisor.engine.rete.normalize import dnf
from gvc_advisor.engine.text_wrap import fill

#: How deep inferred facts are followed (each level is "we concluded …, since …").
MAX_DEPTH = 4
BULLETS = {1: "• ", 2: "– ", 3: "· ", 4: "· ", 5: "· "}


@dataclass(frozen=True)
class Line:
    """One line of a narrative; ``kind`` says what it is, for styling."""

    depth: int
    kind: str  # headline certainty general because fits said found stated absent unmet note sources
    text: str


def quantity(number: int, unit: str | None) -> str:
    """``1,200 people``, ``1 person``, ``40 %``: a number as a manager reads it."""
    shown = f"{number:,}"
    if not unit:
        return shown
    if unit == "%":
        return f"{shown} %"
    if abs(number) == 1:
        unit = _SINGULAR.get(unit, unit[:-1] if unit.endswith("s") and not unit.endswith("ss") else unit)
    return f"{shown} {unit}"


_SINGULAR = {"people": "person", "staff": "staff"}


def value_words(kb: KnowledgeBase, name: str, value: Any) -> str:
    question = kb.questions.get(name)
    if question is not None and question.bounds is not None and isinstance(value, int):
        return quantity(value, "%" if question.type.value == "percent" else question.unit)
    return kb.value_label(name, value)


#: Certainty in words, from the highest band down (each a whole phrase, for translation).
_CONFIDENCE = ((0.8, N_("high confidence (certainty {cf} out of 1)")),
               (0.6, N_("fair confidence (certainty {cf} out of 1)")),
               (0.4, N_("moderate confidence (certainty {cf} out of 1)")),
               (float("-inf"), N_("low confidence: treat it as a lead to check (certainty {cf} out of 1)")))


def confidence(cf: float) -> str:
    """Certainty in words (the number stays, in brackets, for the curious)."""
    template = next(words for floor, words in _CONFIDENCE if cf >= floor)
    return _(template, cf=f"{cf:.2f}")


def lower_first(text: str) -> str:
    """``Non-leading firms …`` → ``non-leading firms …``, but ``GVC …`` stays."""
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        return text[0].lower() + text[1:]
    return text


def sentence(text: str) -> str:
    """``text`` ending as a sentence: a full stop in its own script (``。`` after Chinese)."""
    text = text.strip()
    if not text or text[-1] in ".!?:。！？：":
        return text
    return text + ("。" if unicodedata.east_asian_width(text[-1]) in "WF" else ".")


class _Narrator:
    def __init__(self, kb: KnowledgeBase, consultation: Consultation) -> None:
        self.kb, self.c = kb, consultation
        self.lines: list[Line] = []
        self.sources: list[str] = []

    def add(self, depth: int, kind: str, text: str) -> None:
        self.lines.append(Line(depth, kind, text))

    # -- the root ------------------------------------------------------------------
    def root(self, node: Node) -> None:
        kb, ref = self.kb, node.ref
        if node.kind == "conclusion" and ref in kb.recommendations:
            rec = kb.recommendations[ref]
            conclusion = self.c.recommendations.get(ref)
            if node.tag == NOT_RECOMMENDED:
                self.why_not(node, rec.title)
                return
            self.add(0, "headline", _("{title} ({upgrading})", title=rec.title, upgrading=rec.upgrading_type.label))
            if conclusion is not None:
                self.add(0, "certainty", _("Recommended with {confidence}.", confidence=confidence(conclusion.cf)))
            self.reasons(node, 0)
            self.add_sources(node)
        elif node.kind == "conclusion" and ref in kb.warnings:
            conclusion = self.c.warnings.get(ref)
            self.add(0, "headline", _("Warning: {title}", title=kb.warnings[ref].title))
            if conclusion is not None:
                self.add(0, "certainty", _("Raised with {confidence}.", confidence=confidence(conclusion.cf)))
            self.add(0, "because", kb.warnings[ref].message)
            self.reasons(node, 0)
            self.add_sources(node)
        elif node.kind in ("conclusion", "stated") and ref in kb.facts:
            if len(node.children) > 1 and any(c.kind in ("conclusion", "stated") for c in node.children):
                self.add(0, "headline", kb.facts[ref].label)
                for child in node.children:
                    self.fact(child, 0)
            else:
                self.fact(node.children[0] if node.children and node.kind == "conclusion"
                          and node.children[0].kind in ("conclusion", "stated") else node, 0)
            self.add_sources(node)
        elif node.kind == "note" and node.children:
            self.why_asked(node)
        else:
            self.other(node, 0)

    # -- recommendations and warnings ----------------------------------------------
    def reasons(self, node: Node, depth: int, lead: str = N_("Firms like yours: {finding}"),
                key: tuple | None = None) -> None:
        """Each supporting rule: what holds for firms like yours, and why it fits you
        (for a fact, rules that count against the value say so)."""
        for rule_node in (n for n in node.children if n.kind == "rule"):
            rule = self.rule_of(rule_node)
            title = rule.title if rule else rule_node.label
            against = self.counts_against(rule, key)
            self.add(depth, "general", _(N_("Evidence against: {finding}") if against else lead,
                                         finding=sentence(lower_first(title))))
            if rule is not None:
                self.add(depth + 1, "because", sentence(rule.because))
            premises = [n for n in rule_node.children if n.kind not in ("because", "source")]
            if premises:
                self.add(depth + 1, "fits", _("It fits you because"))
                for premise in premises:
                    self.premise(premise, rule_node, depth + 2)
        for other in (n for n in node.children if n.kind not in ("rule", "source")):
            self.other(other, depth)

    def premise(self, node: Node, rule_node: Node, depth: int) -> None:
        if node.kind == "answer":
            self.add(depth, "said", self.said(node))
        elif node.kind in ("conclusion", "stated"):
            self.fact(node, depth)
        elif node.kind == "absent":
            self.add(depth, "absent", _("nothing you said points to: {condition}",
                                        condition=self.absent(node, rule_node)))
        else:
            self.other(node, depth)

    def said(self, node: Node) -> str:
        name = node.ref or ""
        answer = self.c.answers.get(name)
        question = self.kb.questions.get(name)
        if answer is None or question is None:
            return node.label
        template = (_("you answered “{answer}” to “{question}” (you were not sure)") if answer.unsure
                    else _("you answered “{answer}” to “{question}”"))
        return template.format(answer=value_words(self.kb, name, answer.value), question=question.text)

    def fact(self, node: Node, depth: int) -> None:
        fact = node.ref or ""
        value = self.fact_value(node)
        label = lower_first(self.kb.label(fact))
        shown = self.kb.value_label(fact, value) if value is not None else "?"
        if node.kind == "stated":
            self.add(depth, "stated", _("you stated that the {fact} is “{value}”; the rules' own inference is "
                                        "set aside", fact=label, value=shown))
            return
        conclusion = self.c.facts.get(fact, {}).get(value)
        if depth == 0:
            self.add(0, "headline", _("{fact}: {value}", fact=self.kb.label(fact), value=shown))
            if conclusion is not None:
                self.add(0, "certainty", _("Concluded with {confidence}.", confidence=confidence(conclusion.cf)))
            self.reasons(node, 0, lead=N_("Evidence: {finding}"), key=("fact", fact, str(value)))
            return
        self.add(depth, "found", _("we concluded that the {fact} is “{value}”, since", fact=label, value=shown))
        if depth >= MAX_DEPTH:
            self.add(depth + 1, "note", _("(the consultant's view shows the rest of the reasoning)"))
            return
        for rule_node in (n for n in node.children if n.kind == "rule"):
            rule = self.rule_of(rule_node)
            if rule is not None:
                against = self.counts_against(rule, ("fact", fact, str(value)))
                finding = sentence(lower_first(rule.title))
                self.add(depth + 1, "general", _("but, counting against it: {finding}", finding=finding)
                         if against else finding)
            for premise in (n for n in rule_node.children if n.kind not in ("because", "source")):
                self.premise(premise, rule_node, depth + 2)

    def fact_value(self, node: Node) -> Any:
        """The value a fact node speaks of, if the consultation concluded anything on it."""
        return node.value if node.value is not None and node.value in self.c.facts.get(node.ref or "", {}) else None

    def absent(self, node: Node, rule_node: Node) -> str:
        """A negative condition in the user's words ("not (governance is market)" → labels)."""
        rule = self.rule_of(rule_node)
        said = node.value if isinstance(node.value, str) else node.label
        if rule is not None:
            for branch in dnf(rule.when):
                for literal in branch:
                    if not literal.positive and literal.fact == node.ref and literal.describe() == said:
                        return describe_literal(self.kb, replace(literal, positive=True))
        return said

    # -- why not, why asked ------------------------------------------------------------
    def why_not(self, node: Node, title: str) -> None:
        self.add(0, "headline", _("Why not: {title}", title=title))
        self.add(0, "certainty", _("This was not recommended for your firm."))
        for child in node.children:
            if child.kind != "rule":
                self.other(child, 0)
                continue
            rule = self.rule_of(child)
            title = rule.title if rule else child.label
            self.add(0, "general", _("The research says: {finding}", finding=sentence(title)))
            unmet = [n for n in child.children if n.kind == "unmet"]
            if unmet:
                self.add(1, "fits", _("For your firm, this is missing:"))
            for item in unmet:
                self.add(2, "unmet", item.value if isinstance(item.value, str) else item.label)
            for note in (n for n in child.children if n.kind == "note"):
                self.add(1, "note", note.label)
        self.add_sources(node)

    def why_asked(self, node: Node) -> None:
        self.add(0, "headline", _("Why are you asking this?"))
        self.add(0, "certainty", _("Your answer can still change:"))
        for rule_node in (n for n in node.children if n.kind == "rule"):
            rule = self.rule_of(rule_node)
            if rule is None:
                self.other(rule_node, 1)
                continue
            for action in rule.then:
                kind, target, value = conclusion_key(action)
                if kind == "fact":
                    shown = self.kb.value_label(target, value)
                    self.add(1, "found", _("the {fact}: “{value}”", fact=lower_first(self.kb.label(target)),
                                           value=shown))
                elif kind == "recommendation":
                    self.add(1, "found", _("the advice “{title}”", title=self.kb.recommendations[target].title))
                else:
                    self.add(1, "found", _("the warning “{title}”", title=self.kb.warnings[target].title))
            self.add(2, "because", sentence(rule.because))

    # -- helpers -------------------------------------------------------------------------
    def other(self, node: Node, depth: int) -> None:
        if node.kind == "source":
            return
        self.add(depth, "note", node.label)
        for child in node.children:
            self.other(child, depth + 1)

    @staticmethod
    def counts_against(rule, key: tuple | None) -> bool:
        """Whether the rule concludes ``key`` with a negative certainty (evidence against)."""
        if rule is None or key is None:
            return False
        return any(conclusion_key(a) == key and getattr(a, "cf", 1.0) < 0 for a in rule.then)

    def rule_of(self, node: Node):
        try:
            return self.kb.rule(node.ref) if node.ref else None
        except KeyError:
            return None

    def add_sources(self, node: Node) -> None:
        keys: list[str] = []

        def walk(n: Node, depth: int) -> None:
            for child in n.children:
                if child.kind == "source" and depth <= 1:
                    tag = child.label.split("]", 1)[0].lstrip("[")
                    if tag not in keys:
                        keys.append(tag)
                elif child.kind == "rule":
                    walk(child, depth + 1)

        walk(node, 0)
        if keys:
            self.add(0, "sources", _("Sources: {sources}", sources=_("; ").join(keys)))


def narrate(kb: KnowledgeBase, consultation: Consultation, node: Node) -> list[Line]:
    """The manager's version of an explanation tree from :mod:`explain`."""
    narrator = _Narrator(kb, consultation)
    narrator.root(node)
    return narrator.lines


def to_text(lines: list[Line], width: int = 80) -> str:
    """Plain text: wrapped to ``width``, deeper lines indented, bullets below the top level."""
    out = []
    for line in lines:
        indent = "  " * line.depth
        bullet = BULLETS.get(line.depth, "") if line.kind in ("said", "found", "stated", "absent", "unmet") else ""
        if out and line.depth == 0 and line.kind in ("headline", "general", "sources"):
            out.append("")
        out.append(fill(line.text, max(20, width), indent + bullet, indent + " " * len(bullet)))
    return "\n".join(out)
