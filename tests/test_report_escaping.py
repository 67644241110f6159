"""Hostile text from a user (the firm's name) or a knowledge base (titles,
messages, question texts) is printed as text in every format: it never adds a
Markdown heading, list, link, HTML or code, an HTML tag, or a terminal escape.

The Markdown is parsed with markdown-it (CommonMark plus GFM's tables,
strikethrough and autolinks): a report about a hostile firm must have exactly
the block structure of a report about "ACME", and the name must come back as
the same characters.
"""

from __future__ import annotations

import json
import unicodedata
from html.parser import HTMLParser

import pytest
from markdown_it import MarkdownIt
from report_cases import DATE, consult_case

from gvc_advisor.engine.kb.schema.base import replace
from gvc_advisor.services import report
from gvc_advisor.services.reporting.escape import clean

HOSTILE = [
    "Evil\n## Injected heading",
    "Evil\r\n- injected item\u2028# another",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[click me](javascript:alert(1))",
    "![pic](http://evil.example/x.png)",
    "```\ncode fence\n```",
    "`inline code` and ``more``",
    "Ctrl\x00chars\x07\x08\x7f\x9b here",
    "\x1b[31mred\x1b[0m \x1b]8;;http://evil.example\x07link\x1b]8;;\x07 \x1b[2J",
    "1. numbered",
    "- dash",
    "> quote",
    "# hash",
    "---",
    "***bold*** _em_ ~~strike~~",
    "http://evil.example www.evil.example mail@evil.example",
    "&amp; &#60; &lt;",
    "| a | b |\n|---|---|",
    "\u202eright-to-left override",
    "  \t  indented code?",
    "a\\b\\\\c",
]
BENIGN = "ACME"


def _md() -> MarkdownIt:
    return MarkdownIt("commonmark", {"linkify": True}).enable(["linkify", "table", "strikethrough"])


def _blocks(text: str) -> list[str]:
    return [token.type for token in _md().parse(text)]


def _inline_types(text: str) -> set[str]:
    return {child.type for token in _md().parse(text) if token.children for child in token.children}


def _title_text(text: str) -> str:
    tokens = _md().parse(text)
    index = next(i for i, t in enumerate(tokens) if t.type == "heading_open" and t.tag == "h1")
    return "".join(child.content for child in tokens[index + 1].children if child.type == "text")


FORBIDDEN_INLINE = {"link_open", "image", "html_inline", "code_inline", "s_open", "autolink"}


@pytest.fixture(scope="module")
def benign():
    kb, consultation, _ = consult_case("captive-garment-oem")
    return report.to_markdown(kb, consultation, BENIGN, date=DATE)


@pytest.mark.parametrize("name", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_firm_name_is_plain_text_in_markdown(name, benign):
    kb, consultation, _ = consult_case("captive-garment-oem")
    text = report.to_markdown(kb, consultation, name, date=DATE)
    assert _blocks(text) == _blocks(benign)
    assert not _inline_types(text) & FORBIDDEN_INLINE
    assert _title_text(text) == f"Upgrading plan for {clean(name)}"


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.title = ""
        self._title = False

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self._title = tag == "title" and "svg" not in self.tags

    def handle_endtag(self, tag):
        self._title = False

    def handle_data(self, data):
        if self._title:
            self.title += data


def _html_tags(text: str) -> _Tags:
    parser = _Tags()
    parser.feed(text)
    parser.close()
    return parser


@pytest.mark.parametrize("name", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_firm_name_is_escaped_in_html_text_and_json(name):
    kb, consultation, _ = consult_case("captive-garment-oem")
    html = report.to_html(kb, consultation, name, date=DATE)
    parsed, benign = _html_tags(html), _html_tags(report.to_html(kb, consultation, BENIGN, date=DATE))
    assert parsed.tags == benign.tags
    assert parsed.title == f"Upgrading plan for {clean(name)} · {DATE.isoformat()}"
    text = report.to_text(kb, consultation, name, date=DATE, width=80)
    assert not [ch for ch in text if ch != "\n" and unicodedata.category(ch) in ("Cc", "Cf")]
    coloured = report.to_text(kb, consultation, name, date=DATE, width=80, color=True)
    assert "\x1b]" not in coloured and "\x1b[2J" not in coloured and "\x07" not in coloured
    data = json.loads(report.to_json(kb, consultation, name, date=DATE))
    assert data["firm"] == name  # data keeps the name as given; JSON escaping makes it safe


def test_hostile_knowledge_base_texts_are_escaped(benign):
    kb, consultation, _ = consult_case("captive-garment-oem")
    hostile = "<b>x</b>\n## [y](javascript:z) `c`"
    rec_id = consultation.recommended[0].target
    warn_id = consultation.raised_warnings[0].target
    rec, warning, question = kb.recommendations[rec_id], kb.warnings[warn_id], kb.questions["industry"]
    try:
        kb.recommendations[rec_id] = replace(rec, title=hostile, actions=[hostile] * len(rec.actions))
        kb.warnings[warn_id] = replace(warning, message=hostile)
        kb.questions["industry"] = replace(question, text=hostile)
        text = report.to_markdown(kb, consultation, BENIGN, date=DATE)
        html = report.to_html(kb, consultation, BENIGN, date=DATE)
    finally:
        kb.recommendations[rec_id], kb.warnings[warn_id], kb.questions["industry"] = rec, warning, question
    assert _blocks(text) == _blocks(benign)
    assert not _inline_types(text) & FORBIDDEN_INLINE
    assert "<b>" not in html and "&lt;b&gt;x&lt;/b&gt;" in html


@pytest.mark.parametrize(("raw", "expected"), [
    ("a\nb", "a b"), ("\x1b[1mbold\x1b[0m", "bold"), ("tab\there", "tab here"), ("  x  ", "x"),
    ("\u202eabc", "abc"), ("bell\x07", "bell"), ("c1\x85line", "c1 line"),
])
def test_clean_removes_controls_and_line_breaks(raw, expected):
    assert clean(raw) == expected


@pytest.mark.parametrize("name", ["", "   ", "\x1b[0m\x07", "\n\n"])
def test_a_name_of_nothing_printable_is_no_name(name):
    kb, consultation, _ = consult_case("captive-garment-oem")
    assert report.to_markdown(kb, consultation, name, date=DATE).startswith("# Upgrading plan\n")
