"""A self-contained HTML page (inline CSS, no external assets, no script) for the
comparison and the roll-up reports; light and dark colour schemes follow the
reader's system setting, and the page prints cleanly.

Every HTML output (these pages and the consultation report) takes its
``lang`` attribute and its fonts from the current language
(:func:`page_language`, :func:`language_css`): a Chinese page names CJK fonts
first and breaks lines as Chinese text needs.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from gvc_advisor.engine.i18n import current_language
from gvc_advisor.engine.i18n.languages import SOURCE_LANGUAGE, Language, get_language

CSS = """
:root { color-scheme: light dark; --fg: #1d2329; --muted: #5c6670; --line: #d5dae0; --bg: #ffffff;
        --accent: #1f6feb; --diff: #fff4d6; --ok: #2e7d32; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e6e9ec; --muted: #9aa5b1; --line: #3a424a; --bg: #16191d; --accent: #6ea8fe; --diff: #3b3320; }
}
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: var(--bg);
       max-width: 72rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; } h2 { margin-top: 2rem; border-bottom: 1px solid var(--line); }
h3 { margin-bottom: .3rem; }
table { border-collapse: collapse; margin: .5rem 0 1rem; }
th, td { border-bottom: 1px solid var(--line); padding: .3rem .6rem; text-align: left; vertical-align: top; }
th { font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.differs td, tr.differs th { background: var(--diff); }
.muted, .meta { color: var(--muted); } code { font-size: .92em; }
ul.paths { margin: .1rem 0 .4rem; color: var(--muted); }
details { margin: .3rem 0 .8rem; } summary { cursor: pointer; color: var(--accent); }
pre { white-space: pre-wrap; font-size: .85em; border-left: 3px solid var(--line); padding-left: .6rem; }
svg { max-width: 100%; height: auto; } svg text { fill: var(--fg); font: 12px system-ui, sans-serif; }
.yes { color: var(--ok); font-weight: 600; }
@media print { body { margin: 0; max-width: none; } details { display: none; } }
"""


def page_language(kb_root: Path | None = None) -> Language:
    """The current language as ``translations/<code>/language.yaml`` describes it."""
    return get_language(current_language(), kb_root)


def language_css(language: Language) -> str:
    """The style a page needs for ``language``: its font stack (CJK fonts first for
    Chinese, so that no glyph falls back to a font without it) and line breaking
    that suits text without spaces between words: breaks follow the language's
    strict rules (no line starting with a closing mark or full stop), and a long
    run of Latin letters (an id, a hash, a file name) may break anywhere rather
    than push the page wider than the screen or the printed A4 width.

    Empty for the source language, whose pages keep the style sheets' own fonts
    (so that English output does not change by a byte)."""
    if language.code == SOURCE_LANGUAGE:
        return ""
    return (f"\n/* {language.name}: fonts and line breaking */\n"
            f"body, svg text {{ font-family: {language.font_family}; }}\n"
            "body { line-break: strict; word-break: normal; overflow-wrap: anywhere; }\n"
            "td, th, dd, li, p, code, pre { overflow-wrap: anywhere; }\n"
            "@media print { table { width: 100%; } pre { white-space: pre-wrap; } }\n")


def page(title: str, body: list[str]) -> str:
    """The whole document; ``body`` holds HTML fragments already escaped by the caller."""
    language = page_language()
    return (f"<!DOCTYPE html>\n<html lang=\"{escape(language.html_lang)}\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>{escape(title)}</title><style>{CSS}{language_css(language)}</style></head><body>\n"
            + "\n".join(body) + "\n</body></html>\n")


def table(headers: list[str], rows: list[list[str]], numeric: set[int] | None = None,
          row_classes: list[str] | None = None) -> str:
    """A table of already-escaped cells; ``numeric`` column indexes are right-aligned."""
    numeric = numeric or set()

    def cls(index: int) -> str:
        return ' class="num"' if index in numeric else ""

    head = "".join(f"<th{cls(i)}>{h}</th>" for i, h in enumerate(headers))
    body = []
    for n, row in enumerate(rows):
        klass = f' class="{row_classes[n]}"' if row_classes and row_classes[n] else ""
        body.append(f"<tr{klass}>" + "".join(f"<td{cls(i)}>{c}</td>" for i, c in enumerate(row)) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
