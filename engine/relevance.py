"""Which questions could still change the advice?

The advice is *what* is concluded: which fact values are declared, which
recommendations are made (in the plan or only worth considering, and which
lost a conflict), which warnings raised, which diagnoses are contested, and
the plan conditions (urgency, "already followed") of advice that may be made.
For every conclusion we bound the certainty it can still reach, over every way
the unanswered questions might be answered (or left unanswered), by interval
arithmetic over the rules:

* a literal on an answered question or a settled fact has an exact value;
  on an unanswered question it may hold with any certainty up to 1, or not;
* a branch's premise is the minimum of its literals, a rule's the maximum of
  its branches, and a rule's contribution is its cf times its premise;
* a conclusion's bounds combine the low and the high ends of all its
  contributions (the MYCIN combination is monotonic, so the bounds are sound);
* a value of a single-valued fact is *surely declared* when, at its lowest,
  it still beats every other value at its highest, and *maybe declared* when,
  at its highest, no other value surely beats it (ties: the declared order).

A conclusion is *decided* when its outcome is the same at both ends: a
recommendation's certainty on the same side of the threshold and of the
worth-considering level; a value surely or surely not declared; a contest
surely won by more than the margin, or exact; a conflict's stronger side
certain; a plan condition surely holding or surely failing.  Working backwards
from the undecided ones, the rules that could still move them (for a
single-valued fact, every rule concluding any of its values), and the facts
those rules read, lead to the questions that are still *relevant*.  When none
is left the interview ends, and the advice is exactly the advice of answering
every question (only certainties, and the order of equally urgent items, may
differ).

The next question is the one the most undecided rules are waiting on: a
greedy choice that settles the most at once (measured in
``benchmarks/bench.py``: about half of the question bank on the worked cases).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from gvc_advisor.engine.kb.schema import Rule
from gvc_advisor.engine.relevance_bounds import NEVER, Bounds
from gvc_advisor.engine.relevance_plan import ConditionPlan, Key, RelevancePlan, RulePlan
from gvc_advisor.engine.result import Consultation
from gvc_advisor.engine.rete.normalize import Branch


@dataclass
class Relevance:
    #: Unanswered questions that can still change the advice, best first: the
    #: one the most undecided rules are waiting on, ties in question-bank order.
    questions: list[str] = field(default_factory=list)
    #: For each relevant question, the undecided rules (or plan conditions,
    #: ``urgency:…`` / ``already-followed:…``) waiting on it.
    waiting: dict[str, list[str]] = field(default_factory=dict)
    #: Conclusions whose outcome is still open: (kind, target, value) for facts,
    #: recommendations and warnings; ("contest", fact, ""), ("conflict", a, b)
    #: and ("plan", condition id, "").
    open_conclusions: list[Key] = field(default_factory=list)
    #: The evaluation behind it, which the next step's analysis starts from.
    bounds: Bounds | None = field(default=None, repr=False, compare=False)


def _open_conclusions(bounds: Bounds) -> list[Key]:
    plan = bounds.plan
    keys: list[Key] = [plan.keys[n] for n in range(len(plan.keys)) if not bounds.decided(n)]
    keys += [("contest", f, "") for f in plan.single if f in bounds.fact_values
             and bounds.single(f) and not bounds.contest_decided(f)]
    keys += [("conflict", a, b) for a, b in plan.conflict_pairs if not bounds.conflict_decided(a, b)]
    for cond in plan.conditions:
        premise = bounds.premise_of(cond.branches)
        if premise is not NEVER and premise[0] == 0.0 and bounds.may_be_made(cond.targets):
            keys.append(("plan", cond.id, ""))
    return keys


def analyse(
    rules: list[Rule],
    branches: dict[str, list[Branch]],
    rule_strata: dict[str, int],
    question_order: list[str],
    consultation: Consultation,
    skipped: frozenset[str] = frozenset(),
) -> Relevance:
    """Relevance of unanswered questions; ``skipped`` ones count as answered "don't know".

    Prepares the knowledge base's part on every call: an interview keeps a
    :class:`RelevancePlan` and calls :func:`analyse_with`."""
    plan = RelevancePlan(rules, branches, rule_strata, question_order, consultation.policy)
    return analyse_with(plan, consultation, skipped)


def analyse_with(plan: RelevancePlan, consultation: Consultation, skipped: frozenset[str] = frozenset(),
                 previous: Relevance | None = None) -> Relevance:
    """:func:`analyse`, with the knowledge base's part prepared once; given the
    ``previous`` step's analysis, only what the changed answers reach is evaluated
    again (see :mod:`relevance_bounds`)."""
    bounds = Bounds(plan, consultation, skipped, previous.bounds if previous is not None else None)
    open_conclusions = _open_conclusions(bounds)

    # Backwards: which undecided readers (rules, plan conditions) can move an
    # open conclusion, and what they read.
    queue: list[RulePlan | ConditionPlan] = []
    add_rules = queue.extend

    for kind, target, value in open_conclusions:
        if kind == "plan":
            queue.append(plan.condition_by_id[target])
        elif kind == "contest" or (kind == "fact" and bounds.single(target)):
            add_rules(plan.writers.get(target, []))
        elif kind == "conflict":
            add_rules(plan.by_conclusion.get(("recommendation", target, ""), []))
            add_rules(plan.by_conclusion.get(("recommendation", value, ""), []))
        else:
            add_rules(plan.by_conclusion.get((kind, target, value), []))
    seen: set[str] = set()  # readers looked at: needed, or rules with an exact premise
    waiting: dict[str, dict[str, None]] = {}
    seen_facts: set[str] = set()
    questions, answers, open_questions, premises = plan.questions, consultation.answers, bounds.open, bounds.premise
    while queue:
        reader = queue.pop()
        if reader.id in seen:
            continue
        seen.add(reader.id)
        if type(reader) is RulePlan:
            premise = premises[reader.index]
            if premise is NEVER or premise[0] == premise[1]:
                continue  # a rule whose premise is exact cannot move anything
        for name in reader.reads:
            if name in open_questions:
                waiting.setdefault(name, {})[reader.id] = None
            elif name not in questions and name not in seen_facts and name not in answers:
                # a stated fact is settled: the rules that would infer it cannot move it
                seen_facts.add(name)
                add_rules(plan.writers.get(name, []))
    rank = plan.rank
    ordered = sorted(waiting, key=lambda q: (-len(waiting[q]), rank[q]))
    return Relevance(ordered, {q: sorted(waiting[q]) for q in ordered}, sorted(open_conclusions, key=str), bounds)
