"""A conflict-resolution strategy that removes exactly the right activation.

experta 1.9.4's ``DepthStrategy`` keeps the agenda sorted by (salience, fact
ids) and, to remove an activation, looks only at the bisection index and its
two neighbours.  When more than three activations share a key (e.g. several
rules whose only positive pattern is the initial fact, as with rules made of
``NOT(...)`` alone) the wrong one may be left behind, and a rule whose
conditions became false still fires.  Here every activation with the same key
is scanned, so removal is exact.  The firing order is total, so the same
answers give the same trace in every process: highest salience first, then
the most recent facts, then the rule (and branch) that comes first in the
knowledge base.
"""

from __future__ import annotations

import bisect

from gvc_advisor.engine.rete.compat import experta

Strategy = experta.abstract.Strategy


class ExactDepthStrategy(Strategy):
    @staticmethod
    def get_key(activation) -> tuple:
        """(salience, fact ids, rule name): the name breaks ties that the network's
        build order (a set, so the hash seed) would otherwise decide."""
        facts = sorted((f["__factid__"] for f in activation.facts), reverse=True)
        # Ties (same salience, same facts) used to fall back on the order in which
        # the network reported activations, which follows experta's *set* of rules
        # (hash and address order): the trace differed between runs.  The rule's
        # position in the knowledge base breaks them: earlier rules fire first.
        order = getattr(activation.rule._wrapped, "firing_order", (0, 0))
        return (activation.rule.salience, facts, (-order[0], -order[1]))

    def _update_agenda(self, agenda, added, removed) -> None:
        activations = agenda.activations
        for act in removed:
            act.key = self.get_key(act)
            index = bisect.bisect_left(activations, act)
            while index < len(activations) and activations[index].key == act.key:
                if activations[index] == act:
                    del activations[index]
                    break
                index += 1
        for act in added:
            act.key = self.get_key(act)
            bisect.insort(activations, act)
