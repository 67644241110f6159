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
from gvc_advisor.engine.i18n import N_, _
from gvc_advisor.engine.kb.model import KnowledgeBase
from gvc_advisor.engine.kb.schema.base import SourceRef
from gvc_advisor.engine.kb.schema.rules import conclusion_key
from gvc_advisor.engine.result import Conclusion, Consultation, Contribution, Premise
from gvc_advisor.engine.rete.normalize import Literal, dnf
from gvc_advisor.engine.wording import describe_literal
from gvc_advisor.services.training.lists import or_list
from gvc_advisor.services.training.profile import DETAIL, unsure, with_unit

#: Rules shown per side: enough to see what decides, short enough to read.
MAX_REASONS = 3
#: How a rule is introduced: for the system's answer, against the trainee's, or as the closest rule.
REASON_LABELS = {"because": N_("because"), "against": N_("against it:"), "rule": N_("rule")}
#: What a rule rests on (or lacks), one line each.
ANSWER_LINE, FACT_LINE, LACKS_LINE = N_("answer: {answer}"), N_("diagnosed: {fact}"), N_("lacks: {condition}")


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


#: What an unmet condition on an answer needs, by operator and whether the literal is negated.
_NEEDS = {
    ("equals", True): N_("{question} — needs {values}"), ("in", True): N_("{question} — needs {values}"),
    ("not_equals", True): N_("{question} — needs anything but {values}"),
    ("not_in", True): N_("{question} — needs anything but {values}"),
    ("gt", True): N_("{question} — needs more than {values}"), ("ge", True): N_("{question} — needs at least {values}"),
    ("lt", True): N_("{question} — needs less than {values}"), ("le", True): N_("{question} — needs at most {values}"),
    ("equals", False): N_("{question} — needs not {values}"), ("in", False): N_("{question} — needs not {values}"),
    ("not_equals", False): N_("{question} — needs not anything but {values}"),
    ("not_in", False): N_("{question} — needs not anything but {values}"),
    ("gt", False): N_("{question} — needs not more than {values}"),
    ("ge", False): N_("{question} — needs not at least {values}"),
    ("lt", False): N_("{question} — needs not less than {values}"),
    ("le", False): N_("{question} — needs not at most {values}"),
}


def condition_text(kb: KnowledgeBase, literal: Literal) -> str:
    """An unmet condition for a reader: a question by its text and the answer it needs,
    a derived fact by its label."""
    question = kb.questions.get(literal.fact)
    if question is None or literal.fact in kb.facts:
        if literal.fact not in kb.facts or literal.operator not in ("equals", "in", "not_equals", "not_in"):
            return describe_literal(kb, literal)
        values = literal.operand if isinstance(literal.operand, tuple) else (literal.operand,)
        shown = or_list([kb.value_label(literal.fact, v) for v in values])
        negated = literal.operator.startswith("not_") != (not literal.positive)
        return (_("{fact} — needs anything but {values}", fact=kb.label(literal.fact), values=shown) if negated else
                _("{fact} — needs {values}", fact=kb.label(literal.fact), values=shown))
    if literal.operator == "known":
        return (_("{question} — needs an answer", question=question.text) if literal.positive else
                _("{question} — needs no answer", question=question.text))
    values = literal.operand if isinstance(literal.operand, tuple) else (literal.operand,)
    if kb.is_numeric(literal.fact):
        shown = or_list([with_unit(v, question.unit) for v in values])
    else:
        shown = or_list([_('"{label}"', label=question.label_of(v)) for v in values])
    return _(_NEEDS[literal.operator, literal.positive], question=question.text, values=shown)


def _answer_text(kb: KnowledgeBase, c: Consultation, premise: Premise) -> str:
    question = kb.questions[premise.fact]
    answer = c.answers.get(premise.fact)
    value = answer.value if answer is not None else premise.value
    shown = with_unit(value, question.unit) if isinstance(value, int) else question.label_of(value)
    if answer is not None and answer.unsure:
        shown = unsure(shown)
    return _(DETAIL, question=question.text, answer=shown)


def _reason(kb: KnowledgeBase, c: Consultation, contribution: Contribution) -> Reason:
    rule = kb.rule(contribution.rule_id)
    answers, facts = [], []
    for premise in contribution.premises:
        if not premise.positive:
            continue  # a guard ("not hierarchy"): true by absence, not evidence for the conclusion
        if premise.fact in kb.questions and premise.fact not in c.facts:
            answers.append(_answer_text(kb, c, premise))
        else:
            facts.append(_("{fact}: {value}", fact=kb.label(premise.fact),
                           value=kb.value_label(premise.fact, premise.value)))
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
                        (_("its conditions hold, but the combined certainty stays too low"),), tuple(rule.sources))
                 for _count, _id, rule, unmet in candidates[:limit])


def open_questions(kb: KnowledgeBase, c: Consultation, fact: str) -> tuple[str, ...]:
    """Unanswered questions that feed the rules for any value of ``fact``."""
    unanswered, _settled = settling_questions(kb, c, fact, set(kb.allowed_values(fact)))
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
