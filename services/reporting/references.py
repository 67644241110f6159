"""Numbered references: each source is listed once in full, the text cites ``[n] §section``.

A source is listed by its own citation, never translated; when the paper
itself has a title in the report's language (the source's ``titles``), that
title is listed after it.

Numbers are given in reading order (the first source cited is [1]), so the
report must cite in the order its renderers print.
"""

from __future__ import annotations

from collections.abc import Iterable

from gvc_advisor.engine.kb.model import KnowledgeBase
from gvc_advisor.engine.kb.schema.base import SourceRef
from gvc_advisor.services.reporting.model import Cite, Reference


class References:
    """``language``: the report's; a source's own title in it (``titles``) is listed too."""

    def __init__(self, kb: KnowledgeBase, language: str = "en") -> None:
        self.kb = kb
        self.language = language
        self._numbers: dict[str, int] = {}

    def cite(self, ref: SourceRef) -> Cite:
        number = self._numbers.setdefault(ref.key, len(self._numbers) + 1)
        return Cite(number, ref.section)

    def cite_all(self, refs: Iterable[SourceRef]) -> tuple[Cite, ...]:
        """Citations without repeats, in the order given."""
        seen: dict[tuple[int, str], Cite] = {}
        for ref in refs:
            cite = self.cite(ref)
            seen.setdefault((cite.number, cite.section), cite)
        return tuple(seen.values())

    def listing(self) -> tuple[Reference, ...]:
        """The reference list: every cited source once, by number."""
        entries = []
        for key, number in sorted(self._numbers.items(), key=lambda item: item[1]):
            source = self.kb.sources.get(key)
            title = source.titles.get(self.language) if source else None
            entries.append(Reference(number, key, source.citation if source else key, title))
        return tuple(entries)
