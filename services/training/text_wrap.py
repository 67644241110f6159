"""Filling training texts by display width: :mod:`gvc_advisor.engine.text_wrap`,
as lines (the training renderers lay out lists of lines)."""

from __future__ import annotations

from gvc_advisor.engine.text_wrap import fill


def wrap(text: str, width: int, initial_indent: str = "", subsequent_indent: str = "") -> list[str]:
    """``text`` as lines of at most ``width`` cells (indents included), as :func:`textwrap.wrap`."""
    if not text.strip():
        return []
    return fill(text, width, initial_indent, subsequent_indent).split("\n")
