"""Which questions could still change a conclusion?

Three-valued (Kleene) evaluation of every rule under the current answers: a
literal on an unanswered question, or on a derived fact that is not yet final,
is *undecided*.  A rule is *decided* when it can no longer fire, or when it
fires and nothing unanswered could raise its premise certainty.  A derived fact
is *final* when every rule that concludes it is decided (or the user stated
it).  The questions read by undecided literals of undecided rules are the
relevant ones; when there are none, the interview is over and the advice is
exactly what answering every question would give.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from gvc_advisor.engine.dependencies import writes
from gvc_advisor.engine.evaluate import literal_value
from gvc_advisor.engine.normalize import Branch
from gvc_advisor.engine.result import Consultation
from gvc_advisor.engine.schema import Rule
from gvc_advisor.engine.schema.rules import SetFact

TRUE, FALSE, UNDECIDED = "true", "false", "undecided"


@dataclass
class Relevance:
    #: Unanswered questions that can still change a conclusion, in question-bank order.
    questions: list[str] = field(default_factory=list)
    #: For each relevant question, the undecided rules waiting on it.
    waiting: dict[str, list[str]] = field(default_factory=dict)
    #: Rules whose outcome still depends on unanswered questions.
    pending_rules: list[str] = field(default_factory=list)


def _branch_status(branch: Branch, consultation: Consultation, is_open) -> tuple[str, float, set[str]]:
    status, cf, waiting_on = TRUE, 1.0, set()
    for literal in branch:
        if is_open(literal.fact):
            status = UNDECIDED
            waiting_on.add(literal.fact)
            continue
        holds, literal_cf = literal_value(literal, consultation)
        if not holds:
            return FALSE, 0.0, set()
        if literal.weighted:
            cf = min(cf, literal_cf)
    return status, cf, waiting_on


def _rule_status(branches: list[Branch], consultation: Consultation, is_open) -> tuple[str, set[str]]:
    best_true = -1.0
    undecided: set[str] = set()
    any_undecided = False
    for branch in branches:
        status, cf, waiting_on = _branch_status(branch, consultation, is_open)
        if status == TRUE:
            best_true = max(best_true, cf)
        elif status == UNDECIDED:
            any_undecided = True
            undecided |= waiting_on
    if not any_undecided or best_true >= 1.0:
        return (TRUE if best_true >= 0 else FALSE), set()
    return UNDECIDED, undecided


def _moot(rule: Rule, answers) -> bool:
    """Every conclusion of the rule is a fact the user stated: nothing can change."""
    return all(isinstance(a, SetFact) and a.set in answers for a in rule.then)


def analyse(
    rules: list[Rule],
    branches: dict[str, list[Branch]],
    rule_strata: dict[str, int],
    question_order: list[str],
    consultation: Consultation,
    skipped: frozenset[str] = frozenset(),
) -> Relevance:
    """Relevance of unanswered questions; ``skipped`` ones count as answered "don't know"."""
    answers = consultation.answers
    open_facts: set[str] = set()
    question_set = set(question_order)

    def is_open(name: str) -> bool:
        if name in question_set:
            return name not in answers and name not in skipped
        return name in open_facts

    waiting: dict[str, list[str]] = {}
    pending: list[str] = []
    for rule in sorted(rules, key=lambda r: rule_strata[r.id]):
        if _moot(rule, answers):
            continue
        status, undecided = _rule_status(branches[rule.id], consultation, is_open)
        if status != UNDECIDED:
            continue
        pending.append(rule.id)
        open_facts.update(f for f in writes(rule) if f not in answers)
        for name in undecided:
            if name in question_set:
                waiting.setdefault(name, []).append(rule.id)
    questions = [q for q in question_order if q in waiting]
    return Relevance(questions, waiting, pending)
