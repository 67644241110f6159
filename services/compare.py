"""Compare two consultations: what a what-if change adds, removes or shifts."""

from __future__ import annotations

from dataclasses import dataclass, field

from gvc_advisor.engine.i18n import _
from gvc_advisor.engine.result import Consultation


@dataclass
class Difference:
    added: list[tuple[str, float]] = field(default_factory=list)
    removed: list[tuple[str, float]] = field(default_factory=list)
    changed: list[tuple[str, float, float]] = field(default_factory=list)
    facts: list[tuple[str, str, str]] = field(default_factory=list)  # name, before, after

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed or self.facts)


def compare(before: Consultation, after: Consultation, fact_names: list[str]) -> Difference:
    old = {c.target: c.cf for c in before.recommended}
    new = {c.target: c.cf for c in after.recommended}
    diff = Difference(
        added=sorted((k, new[k]) for k in new.keys() - old.keys()),
        removed=sorted((k, old[k]) for k in old.keys() - new.keys()),
        changed=sorted((k, old[k], new[k]) for k in old.keys() & new.keys() if abs(old[k] - new[k]) >= 0.005),
    )
    for name in fact_names:
        a, b = before.value_of(name), after.value_of(name)
        shown_a = f"{a[0]} ({a[1]:.2f})" if a else _("undetermined")
        shown_b = f"{b[0]} ({b[1]:.2f})" if b else _("undetermined")
        if (a and a[0]) != (b and b[0]):
            diff.facts.append((name, shown_a, shown_b))
    return diff
