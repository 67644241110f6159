"""Production rules: ``when`` a condition holds, ``then`` conclude with a
certainty (runtime records; see :mod:`gvc_advisor.engine.kb.schema.base`)."""

from __future__ import annotations

from typing import Any, Union

from gvc_advisor.engine.kb.schema.base import SourceRef, record
from gvc_advisor.engine.kb.schema.conditions import Condition


@record
class SetFact:
    """Evidence for (positive cf) or against (negative cf) ``fact = to``."""

    set: str
    to: str
    cf: float


@record
class RecommendAction:
    recommend: str
    cf: float


@record
class WarnAction:
    warn: str
    cf: float = 1.0


Action = Union[SetFact, RecommendAction, WarnAction]


@record
class Rule:
    id: str
    title: str
    because: str
    when: Condition
    then: list[Action]
    priority: int = 0
    sources: list[SourceRef]


def conclusion_key(action: Any) -> tuple[str, str, str]:
    """A hashable name of what an action concludes: (kind, target, value).

    Works on the records and on the validation models alike (it reads the
    action's fields), so the schema's own checks can use it too.
    """
    target = getattr(action, "set", None)
    if target is not None:
        return ("fact", target, action.to)
    target = getattr(action, "recommend", None)
    if target is not None:
        return ("recommendation", target, "")
    return ("warning", action.warn, "")
