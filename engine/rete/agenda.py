"""A conflict-resolution strategy that removes exactly the right activation.

experta 1.9.4's ``DepthStrategy`` keeps the agenda sorted by (salience, fact
ids) and, to remove an activation, looks only at the bisection index and its
two neighbours.  When more than three activations share a key (e.g. several
rules whose only positive pattern is the initial fact, as with rules made of
``NOT(...)`` alone) the wrong one may be left behind, and a rule whose
conditions became false still fires.  Here every activation with the same key
is scanned, so removal is exact; the firing order is unchanged (highest
salience first, then the most recent facts).

Bisection compares the keys directly (``key=``), in C, instead of calling
``Activation.__lt__`` a dozen times per insertion.
"""

from __future__ import annotations

import bisect
from operator import attrgetter

from gvc_advisor.engine.rete.compat import experta

Strategy = experta.abstract.Strategy

_key = attrgetter("key")


class ExactDepthStrategy(Strategy):
    @staticmethod
    def get_key(activation) -> tuple:
        facts = sorted((f["__factid__"] for f in activation.facts), reverse=True)
        return (activation.rule.salience, facts)

    def _update_agenda(self, agenda, added, removed) -> None:
        activations = agenda.activations
        for act in removed:
            act.key = key = self.get_key(act)
            index = bisect.bisect_left(activations, key, key=_key)
            while index < len(activations) and activations[index].key == key:
                if activations[index] is act or activations[index] == act:
                    del activations[index]
                    break
                index += 1
        for act in added:
            act.key = key = self.get_key(act)
            bisect.insort_right(activations, act, key=_key)
