"""The experta engine the compiler subclasses: how a consultation runs it.

experta's ``KnowledgeEngine`` looks its rules up by introspecting every
attribute, and formats a log line for every firing whether logging is on or
not; the subclass here does the same work without either cost, and keeps the
garbage collector out of the network's way (see :mod:`collector`).
"""

from __future__ import annotations

import inspect
import logging
from itertools import chain
from typing import Any

from gvc_advisor.engine.errors import InternalError
from gvc_advisor.engine.rete.collector import collector_paused
from gvc_advisor.engine.rete.compat import experta

from experta import watchers  # isort: skip
from experta.agenda import Agenda  # isort: skip
from experta.factlist import FactList  # isort: skip


def _members(engine: Any, kind: type) -> list[Any]:
    """What experta's ``_get_by_type`` returns (attributes of ``kind``, by name, bound to
    the engine), without ``inspect.getmembers``, which looks up *every* attribute and
    took seconds at 20,000 rules."""
    namespace: dict[str, Any] = {}
    for klass in reversed(type(engine).__mro__):
        namespace.update(vars(klass))
    namespace.update(vars(engine))
    found = []
    for name in sorted(namespace):
        if isinstance(namespace[name], kind):
            member = getattr(engine, name)  # binds it, as experta's lookup does
            member.ke = engine
            found.append(member)
    return found


#: The fields of the facts a consultation declares (see compiler.KbFact).
_KB_FIELDS = frozenset({"name", "value", "cf"})


class QuickFactList(FactList):
    """experta's fact list, declaring a fact without a method call per field.

    ``declare`` is experta 1.9.4's line for line; the identity of a fact (what
    makes a second declaration a duplicate) is the same set of the class and
    the non-special fields, built in one expression.
    """

    @staticmethod
    def _get_fact_id(fact: Any) -> frozenset:
        if fact.keys() == _KB_FIELDS:  # a fact of the compiled rules, not declared yet: no special key
            return frozenset((fact.__class__, *fact.items()))
        return frozenset([fact.__class__, *[  # the fields but the special ones (experta's Fact.is_special)
            (k, v) for k, v in fact.items() if not (isinstance(k, str) and k[:2] == "__" and k[-2:] == "__")]])

    def declare(self, fact: Any) -> Any:
        if not isinstance(fact, experta.Fact):
            raise ValueError("The fact must descend the Fact class.")
        fact.validate()  # raises on a validation error
        fact_id = self._get_fact_id(fact)
        if self.duplication or fact_id not in self.reference_counter:
            idx = self.last_index
            fact.__factid__ = idx
            self[idx] = fact
            self.last_index += 1
            self.added.append(fact)
            self.reference_counter[fact_id] += 1
            if watchers.FACTS.isEnabledFor(logging.INFO):  # what info() asks first, without its call
                watchers.FACTS.info(" ==> %s: %r", fact, fact)
            return fact
        return None


class PausingEngine(experta.KnowledgeEngine):
    """experta's engine, run the way a consultation uses it: reset, declare, run.

    The garbage collector is paused while the network works (see
    :mod:`gvc_advisor.engine.rete.collector`), and when a run ends the network
    lets go of its tokens and activations at once, while the collector is
    still paused: they are freed by reference counting instead of being
    scanned (at 20,000 rules, hundreds of thousands of objects) by the next
    collections.  After that the network no longer holds the facts, so
    declaring more facts needs a ``reset()`` first; declaring without one is
    refused rather than matched against an empty network.
    """

    _released = False

    def get_rules(self) -> list[Any]:
        return _members(self, experta.Rule)

    def get_deffacts(self) -> list[Any]:
        return sorted(_members(self, experta.DefFacts), key=lambda d: d.order)

    def reset(self, **kwargs: Any) -> None:
        """experta 1.9.4's ``reset``, with a :class:`QuickFactList`."""
        with collector_paused():
            self.agenda = Agenda()
            self.facts = QuickFactList()
            self.matcher.reset()
            deffacts = []
            for deffact in self.get_deffacts():
                parameters = inspect.signature(deffact).parameters.values()
                if not any(p.kind == inspect.Parameter.VAR_KEYWORD for p in parameters):
                    names = {p.name for p in parameters}  # pass only the names it takes
                    deffacts.append(deffact(**{k: v for k, v in kwargs.items() if k in names}))
                else:
                    deffacts.append(deffact(**kwargs))
            self._KnowledgeEngine__declare(*chain.from_iterable(deffacts))
            self.running = False
            self._released = False

    def declare(self, *facts: Any) -> Any:
        if self._released:
            raise InternalError("the compiled engine released its network after run(); reset() first")
        with collector_paused():
            return super().declare(*facts)

    def run(self, steps: float = float("inf")) -> None:
        with collector_paused():
            self._fire(steps)
            if not self.agenda.activations:  # finished: nothing in the network is needed any more
                self.matcher.reset()
                self._released = True

    def _fire(self, steps: float) -> None:
        """experta 1.9.4's ``KnowledgeEngine.run``, step for step, except that the
        line it logs for each firing is formatted only when that log is on (it
        formatted every fact of every firing, logging or not), the agenda is
        not asked to change when nothing was added or removed, and a compiled
        rule's action gets the activation's context as it is (it reads its own
        ``p0``, ``p1``… names only) instead of a filtered copy as keywords.
        Whether the agenda and the rules are watched is asked once per run."""
        self.running = True
        execution = 0
        agenda_watched = watchers.worth("AGENDA", "DEBUG")  # asked once per run, not per firing
        rules_watched = watchers.RULES.isEnabledFor(logging.INFO)
        while steps > 0 and self.running:
            added, removed = self.get_activations()
            if added or removed:
                self.strategy.update_agenda(self.agenda, added, removed)
            if agenda_watched:  # pragma: no cover
                for idx, act in enumerate(self.agenda.activations):
                    watchers.AGENDA.debug("%d: %r %r", idx, act.rule.__name__, ", ".join(str(f) for f in act.facts))
            activation = self.agenda.get_next()
            if activation is None:
                break
            steps -= 1
            execution += 1
            if rules_watched:  # pragma: no cover
                watchers.RULES.info("FIRE %s %s: %s", execution, activation.rule.__name__,
                                    ", ".join(str(f) for f in activation.facts))
            direct = activation.rule.__dict__.get("fire_with_context")
            if direct is not None:  # a compiled rule's action, which reads only its own names
                direct(self, activation.context)
            else:
                activation.rule(self, **{k: v for k, v in activation.context.items() if not k.startswith("__")})
        self.running = False
