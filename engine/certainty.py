"""MYCIN-style certainty factors.

A certainty factor (cf) is a number in [-1, 1]: 1 is certain, 0 no evidence,
-1 certainly not.  A rule's conclusion gets ``rule cf × premise cf``, where the
premise cf is the minimum over its conjuncts (and the maximum over
alternatives).  Several rules concluding the same thing combine as in EMYCIN:
positive evidence ``a + b(1 - a)``, negative evidence ``a + b(1 + a)``, and the
two totals ``(p + n) / (1 - min(|p|, |n|))``.  Combining positives and
negatives *separately first* makes the result independent of firing order
(the plain pairwise formula is not associative across signs), so the experta
engine and the reference evaluator agree exactly.

A fact value is *established*, and a recommendation *made*, when its combined
cf is at or above the knowledge base's ``threshold`` (0.2 as in MYCIN).
"""

from __future__ import annotations

from collections.abc import Iterable

#: Digits kept in reports; also used to compare engines without float noise.
PRECISION = 6


def combine_same_sign(values: Iterable[float]) -> float:
    total = 0.0
    for value in values:
        if value >= 0:
            total = total + value * (1 - total)
        else:
            total = total + value * (1 + total)
    return total


def combine(values: Iterable[float]) -> float:
    """Order-independent EMYCIN combination of several pieces of evidence."""
    values = list(values)
    positive = combine_same_sign(sorted(v for v in values if v > 0))
    negative = combine_same_sign(sorted((v for v in values if v < 0), reverse=True))
    if not negative:
        return round(positive, PRECISION)
    if not positive:
        return round(negative, PRECISION)
    if min(abs(positive), abs(negative)) >= 1.0:
        return 0.0  # certain for and certain against: MYCIN leaves it undefined; we call it 0
    return round((positive + negative) / (1 - min(abs(positive), abs(negative))), PRECISION)


def conclude(rule_cf: float, premise_cf: float) -> float:
    """The cf a rule gives its conclusion when its premise holds with ``premise_cf``."""
    return round(rule_cf * premise_cf, PRECISION)
