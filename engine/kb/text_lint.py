"""Lint knowledge-base text that would be misread on a terminal.

Two things in a title, a help text or a rule's reason are almost surely
mistakes, and each is reported as a ``validate`` warning at its line:

* **markup-like brackets** such as ``[b]``, ``[/bogus]`` or ``[@click=…]``:
  the TUI shows knowledge-base text literally, but a tool that renders Rich or
  Textual markup (the old TUI did, and crashed on ``[/bogus]``) would apply
  or choke on them;
* **control characters** (escape sequences, bell, bidirectional overrides):
  they can retitle the terminal or reorder text; the TUI strips them, other
  outputs (reports, JSON) may not.

It reads the YAML as written (through the :class:`Locator`), so every string
of every item is checked, with its exact position.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from gvc_advisor.engine.errors import Problem
from gvc_advisor.engine.kb.locator import Locator

#: Rich and Textual markup tags: ``[b]``, ``[/]``, ``[/i]``, ``[$accent]``, ``[@click=x]``, ``[#ff0000]``.
MARKUP = re.compile(r"\[(?:/|/?[A-Za-z@#$][^\[\]\n]*)\]")
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _strings(data: Any, path: tuple) -> Iterator[tuple[tuple, str]]:
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _strings(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _strings(value, (*path, index))


def _at(data: Any, path: tuple) -> Any:
    for step in path:
        data = data[step]
    return data


def text_lint(locator: Locator) -> list[Problem]:
    """Warnings for markup-like text and control characters in every item's strings."""
    problems = []
    for (kind, item_id), (loaded, path) in sorted(locator.items.items(), key=lambda item: item[0]):
        try:
            item = _at(loaded.data, path)
        except (KeyError, IndexError, TypeError):
            continue
        for where, text in _strings(item, path):
            markup = MARKUP.search(text)
            if markup:
                problems.append(loaded.problem(where, (
                    f"{kind} '{item_id}': '{markup.group()}' looks like Rich/Textual markup; it is shown "
                    "literally, but tools that render markup would apply or reject it; use parentheses "
                    "or rephrase"), "warning"))
            control = CONTROL.search(text)
            if control:
                problems.append(loaded.problem(where, (
                    f"{kind} '{item_id}': control character U+{ord(control.group()):04X} in text; terminal "
                    "escape sequences and control characters are not allowed in displayed text; remove it"),
                    "warning"))
    return problems
