"""The roll-up summary in one of the report formats (the per-firm tables are
written by :mod:`.per_firm` while the firms are rolled up)."""

from __future__ import annotations

from gvc_advisor.services.rollup.summary import RollupSummary

SUMMARY_FORMATS = ("text", "markdown", "html", "json")


def render_summary(summary: RollupSummary, fmt: str, width: int = 80, color: bool = False) -> str:
    if fmt == "text":
        from gvc_advisor.services.rollup.render_text import to_text

        return to_text(summary, width, color)
    if fmt == "markdown":
        from gvc_advisor.services.rollup.render_markdown import to_markdown

        return to_markdown(summary)
    if fmt == "html":
        from gvc_advisor.services.rollup.render_html import to_html

        return to_html(summary)
    if fmt == "json":
        from gvc_advisor.services.rollup.summary import to_json

        return to_json(summary)
    raise ValueError(f"unknown format {fmt!r}")
