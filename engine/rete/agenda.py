"""A conflict-resolution strategy that removes exactly the right activation.

experta 1.9.4's ``DepthStrategy`` keeps the agenda sorted by (salience, fact
ids) and, to remove an activation, looks only at the bisection index and its
two neighbours.  When more than three activations share a key (e.g. several
rules whose only positive pattern is the initial fact, as with rules made of
``NOT(...)`` alone) the wrong one may be left behind, and a rule whose
conditions became false still fires.  Here removal is exact, and the firing
order is total, so the same answers give the same trace in every process:
highest salience first, then the most recent facts, then the rule (and branch)
that comes first in the knowledge base, then the activation added last.

Each activation this strategy adds gets a serial number at the end of its
key, which makes keys unique without changing the order: the activation
itself is then found by bisection, in C, instead of by scanning every
activation with the same (salience, facts, rule) — thousands of them, each
removal, at 20,000 rules.  An activation equal to one on the agenda but not
the same object (experta's own matcher makes such) is still found, by scanning.
"""

from __future__ import annotations

import bisect
from itertools import count
from operator import attrgetter

from gvc_advisor.engine.rete.compat import experta

Strategy = experta.abstract.Strategy

_key = attrgetter("key")


def _same(a, b) -> bool:
    """The same match (rule, facts, context), whatever its key."""
    return a is b or (a.rule == b.rule and a.facts == b.facts and a.context == b.context)


class ExactDepthStrategy(Strategy):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._serial = count()

    @staticmethod
    def get_key(activation) -> tuple:
        """(salience, fact ids, rule position): the position in the knowledge base
        breaks ties that the order of the network's reports would otherwise decide."""
        facts = sorted([f["__factid__"] for f in activation.facts], reverse=True)
        # Ties (same salience, same facts) used to fall back on the order in which
        # the network reported activations, which follows experta's *set* of rules
        # (hash and address order): the trace differed between runs.  The rule's
        # position in the knowledge base breaks them: earlier rules fire first.
        rule = activation.rule
        position = rule.__dict__.get("agenda_position")  # worked out once per rule
        if position is None:
            order = getattr(rule._wrapped, "firing_order", (0, 0))
            position = rule.__dict__["agenda_position"] = (-order[0], -order[1])
        return (rule.salience, facts, position)

    def _update_agenda(self, agenda, added, removed) -> None:
        activations = agenda.activations
        for act in removed:
            key = act.key
            if key is not None and len(key) == 4:  # added by this strategy: its key is unique
                index = bisect.bisect_left(activations, key, key=_key)
                if index < len(activations) and activations[index] is act:
                    del activations[index]
                continue  # not on the agenda any more: it has fired
            base = self.get_key(act)
            index = bisect.bisect_left(activations, base, key=lambda a: a.key[:3])
            while index < len(activations) and activations[index].key[:3] == base:
                if _same(activations[index], act):
                    del activations[index]
                    break
                index += 1
        for act in added:
            act.key = (*self.get_key(act), next(self._serial))
            bisect.insort_right(activations, act, key=_key)
