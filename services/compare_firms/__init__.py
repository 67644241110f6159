"""Firms compared side by side (``gvc-advisor compare`` and the TUI's compare screen).

Not to be confused with :mod:`gvc_advisor.services.compare`, the what-if diff of
one firm's consultation before and after a change of answers.
"""

from __future__ import annotations

from gvc_advisor.engine.kb.model import KnowledgeBase
from gvc_advisor.services.compare_firms.model import FirmComparison, compare_firms

FORMATS = ("text", "markdown", "html", "json")


def render(kb: KnowledgeBase, comparison: FirmComparison, fmt: str, width: int = 80, color: bool = False) -> str:
    """The comparison in one of :data:`FORMATS`."""
    if fmt == "text":
        from gvc_advisor.services.compare_firms.render_text import to_text

        return to_text(kb, comparison, width, color)
    if fmt == "markdown":
        from gvc_advisor.services.compare_firms.render_markdown import to_markdown

        return to_markdown(kb, comparison)
    if fmt == "html":
        from gvc_advisor.services.compare_firms.render_html import to_html

        return to_html(kb, comparison)
    if fmt == "json":
        from gvc_advisor.services.compare_firms.data import to_json

        return to_json(kb, comparison)
    raise ValueError(f"unknown format {fmt!r}")


__all__ = ["FORMATS", "FirmComparison", "compare_firms", "render"]
