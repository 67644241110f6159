"""Why the system answered as it did, in plain language, for each point a
trainee missed: the answers and the rules that decide it, and the papers
and sections to read.

It reads the consultation's evidence directly (each rule's contribution and
the premises it matched) and words it for a reader who does not know the rule
language: a rule by its title and reason, an answer as the question and the
label of the answer, a derived fact by its label and value.  Kept small on
purpose; the engine's full derivation trees stay in :mod:`engine.explain`.
"""

from __future__ import annotations

from dataclasses import dataclass

from gvc_advisor.engine.diagnosis import settling_questions
from gvc_advisor.engine.evaluate import literal_value
from gvc_advisor.engine.kb.model import KnowledgeBase
from gvc_advisor.engine.kb.schema.base import SourceRef
from gvc_advisor.engine.kb.schema.rules import conclusion_key
from gvc_advisor.engine.result import Conclusion, Consultation, Contribution, Premise
from gvc_advisor.engine.rete.normalize import Literal, dnf
from gvc_advisor.engine.wording import describe_literal

#: Rules shown per side: enough to see what decides, short enough to read.
MAX_REASONS = 3


@dataclass(frozen=True)
class Reason:
    """One rule's part in a conclusion (or, with ``missing``, what it lacked)."""

    rule: str
    because: str
    answers: tuple[str, ...]
    facts: tuple[str, ...]
    missing: tuple[str, ...]
    read: tuple[SourceRef, ...]
    against: bool = False  # the rule speaks against the value


_NEEDS = {"equals": "", "in": "", "not_equals": "anything but ", "not_in": "anything but ", "gt": "more than ",
          "ge": "at least ", "lt": "less than ", "le": "at most "}


def condition_text(kb: KnowledgeBase, literal: Literal) -> str:
    """An unmet condition for a reader: a question by its text and the answer it needs,
    a derived fact by its label."""
    question = kb.questions.get(literal.fact)
    if question is None or literal.fact in kb.facts:
        if literal.fact not in kb.facts or literal.operator not in ("equals", "in", "not_equals", "not_in"):
            return describe_literal(kb, literal)
        values = literal.operand if isinstance(literal.operand, tuple) else (literal.operand,)
        shown = " or ".join(kb.value_label(literal.fact, v) for v in values)
        negated = literal.operator.startswith("not_") != (not literal.positive)
        return f"{kb.label(literal.fact)} — needs {'anything but ' if negated else ''}{shown}"
    if literal.operator == "known":
        needs = "an answer" if literal.positive else "no answer"
    else:
        values = literal.operand if isinstance(literal.operand, tuple) else (literal.operand,)
        if kb.is_numeric(literal.fact):
            shown = " or ".join(f"{v:,}{' ' + question.unit if question.unit else ''}" for v in values)
        else:
            shown = " or ".join(f'"{question.label_of(v)}"' for v in values)
        needs = ("" if literal.positive else "not ") + _NEEDS[literal.operator] + shown
    return f"{question.text} — needs {needs}"


def _answer_text(kb: KnowledgeBase, c: Consultation, premise: Premise) -> str:
    question = kb.questions[premise.fact]
    answer = c.answers.get(premise.fact)
    value = answer.value if answer is not None else premise.value
    shown = (f"{value:,}{' ' + question.unit if question.unit else ''}" if isinstance(value, int)
             else question.label_of(value))
    return f"{question.text} — {shown}" + (" (not sure)" if answer is not None and answer.unsure else "")


def _reason(kb: KnowledgeBase, c: Consultation, contribution: Contribution) -> Reason:
    rule = kb.rule(contribution.rule_id)
    answers, facts = [], []
    for premise in contribution.premises:
        if not premise.positive:
            continue  # a guard ("not hierarchy"): true by absence, not evidence for the conclusion
        if premise.fact in kb.questions and premise.fact not in c.facts:
            answers.append(_answer_text(kb, c, premise))
        else:
            facts.append(f"{kb.label(premise.fact)}: {kb.value_label(premise.fact, premise.value)}")
    return Reason(rule.title, " ".join(rule.because.split()), tuple(answers), tuple(facts), (), tuple(rule.sources),
                  against=contribution.cf < 0)


def reasons_for(kb: KnowledgeBase, c: Consultation, conclusion: Conclusion | None, *, against: bool = False,
                limit: int = MAX_REASONS) -> tuple[Reason, ...]:
    """The strongest rules for (or, with ``against``, against) a conclusion."""
    if conclusion is None:
        return ()
    used = [x for x in conclusion.contributions if not x.overridden and (x.cf < 0) == against]
    used.sort(key=lambda x: (-abs(x.cf), x.rule_id))
    return tuple(_reason(kb, c, x) for x in used[:limit])


def closest_rules(kb: KnowledgeBase, c: Consultation, kind: str, target: str, value: str = "",
                  limit: int = 2) -> tuple[Reason, ...]:
    """Rules that would conclude ``kind``/``target``(=``value``) and the fewest conditions they lack."""
    candidates = []
    for rule in kb.rules:
        if not any(conclusion_key(a) == (kind, target, value) and a.cf > 0 for a in rule.then):
            continue
        unmet = min(([condition_text(kb, lit) for lit in branch if not literal_value(lit, c)[0]]
                     for branch in dnf(rule.when)), key=len)
        candidates.append((len(unmet), rule.id, rule, unmet))
    candidates.sort(key=lambda item: (item[0], item[1]))
    return tuple(Reason(rule.title, " ".join(rule.because.split()), (), (), tuple(unmet) or
                        ("its conditions hold, but the combined certainty stays too low",), tuple(rule.sources))
                 for _, _, rule, unmet in candidates[:limit])


def open_questions(kb: KnowledgeBase, c: Consultation, fact: str) -> tuple[str, ...]:
    """Unanswered questions that feed the rules for any value of ``fact``."""
    unanswered, _ = settling_questions(kb, c, fact, set(kb.allowed_values(fact)))
    return tuple(kb.questions[q].text for q in unanswered)


def readings(groups: list[tuple[Reason, ...]], extra: tuple[SourceRef, ...] = ()) -> tuple[SourceRef, ...]:
    """Every source the reasons cite (then ``extra``), first use first, once each."""
    seen: dict[tuple[str, str], SourceRef] = {}
    for ref in [ref for reasons in groups for reason in reasons for ref in reason.read] + list(extra):
        seen.setdefault((ref.key, ref.section), ref)
    return tuple(seen.values())


def reference(ref: SourceRef) -> str:
    """"key §section", as the papers are cited throughout."""
    return f"{ref.key} §{ref.section}"


def citation(kb: KnowledgeBase, key: str) -> str:
    source = kb.sources.get(key)
    return " ".join(source.citation.split()) if source else key
