"""Which texts of the knowledge base a translator translates, and their keys.

A text's key names the item and the field: ``question.industry.text``,
``question.industry.choices.apparel``, ``recommendation.upgrade-process.actions.2``.
Items are named by their id (choices and fact values by their value, glossary
entries by a slug of the English term); list entries by position, so that an
inserted action shows up as changed texts rather than as texts that quietly
moved.  The same walk reads the English texts (:func:`english_texts`) and
writes the translations into a copy of the records (:func:`translate_record`),
so the two can never disagree on a key.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from gvc_advisor.engine.kb.schema.base import replace

#: The prose fields of each record; ids, values, conditions and citations are not translated.
TEXT_FIELDS: dict[str, tuple[str, ...]] = {
    "Question": ("text", "short", "unit", "help", "choices"),
    "Help": ("meaning", "why", "examples"),
    "Choice": ("label",),
    "DerivedFact": ("label", "description", "values"),
    "FactValue": ("label", "description"),
    "Rule": ("title", "because"),
    "Recommendation": ("title", "summary", "actions", "preconditions", "risks", "examples",
                       "already_followed", "disagreements"),
    "AlreadyFollowed": ("text", "actions", "because"),
    "Disagreement": ("text",),
    "WarningSpec": ("title", "message"),
    "Source": ("summary",),
    "GlossaryEntry": ("term", "definition"),
    "KbMeta": ("name", "description"),
    "WorkedCase": ("title", "firm", "situation", "teaching_note"),
    "ChoiceGroup": ("title", "because"),
    "UrgencyRule": ("title", "because"),
}
#: How an entry of a list of records is named in a key (else by position).
_LIST_KEYS = {"Choice": "value", "FactValue": "value"}
#: The kind of item of each record class: the first part of its keys.
KINDS = {
    "Question": "question", "DerivedFact": "fact", "Rule": "rule", "Recommendation": "recommendation",
    "WarningSpec": "warning", "Source": "source", "GlossaryEntry": "glossary", "KbMeta": "kb",
    "WorkedCase": "case", "ChoiceGroup": "choice_group", "UrgencyRule": "urgency",
}


def slug(text: str) -> str:
    """``Global value chain (GVC)`` → ``global-value-chain-gvc``."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "entry"


def item_key(item: Any) -> str:
    """``question.industry``: the prefix of every key of one item."""
    name = type(item).__name__
    kind = KINDS[name]
    if name == "KbMeta":
        return kind
    if name == "GlossaryEntry":
        return f"{kind}.{slug(item.term)}"
    return f"{kind}.{getattr(item, 'key', None) or item.id}"


def _walk(value: Any, key: str, visit: Callable[[str, str], str | None]) -> Any:
    """Call ``visit(key, english)`` on every text under ``value``; rebuild with its results."""
    if isinstance(value, str):
        new = visit(key, value)
        return value if new is None else new
    if isinstance(value, list):
        out = []
        for index, entry in enumerate(value):
            name = _LIST_KEYS.get(type(entry).__name__)
            out.append(_walk(entry, f"{key}.{getattr(entry, name) if name else index}", visit))
        return out
    fields = TEXT_FIELDS.get(type(value).__name__)
    if fields is None:
        return value
    changes = {}
    for name in fields:
        current = getattr(value, name)
        if current is None:
            continue
        new = _walk(current, f"{key}.{name}", visit)
        if new is not current:
            changes[name] = new
    return replace(value, **changes) if changes else value


def texts_of(item: Any) -> Iterator[tuple[str, str]]:
    """Every (key, English text) of one item, in field order."""
    found: list[tuple[str, str]] = []

    def collect(key: str, text: str) -> None:
        if text.strip():
            found.append((key, text))

    _walk(item, item_key(item), collect)
    yield from found


def translate_record(item: Any, table: dict[str, str]) -> Any:
    """A copy of ``item`` with each text found in ``table`` replaced (others kept in English)."""
    return _walk(item, item_key(item), lambda key, _text: table.get(key))
