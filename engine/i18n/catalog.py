"""The UI message catalog: ``_("English text")`` → the text in the current language.

Messages are keyed by their English text, as in gettext, so the code stays
readable and a missing translation falls back to English instead of to a key.
Placeholders are ``str.format`` names (``_("{n} answered", n=3)``); a
translation must use the same names (``validate`` checks it).  Texts built
in tables at import time are marked with :func:`N_` and translated where shown.

One language is current per process (a CLI run, an interview, a worker of the
roll-up): :func:`set_language` sets it, and every caller reads the same one.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from gvc_advisor.engine.errors import Problem
from gvc_advisor.engine.i18n.languages import SOURCE_LANGUAGE, translations_dir
from gvc_advisor.engine.i18n.translate import N_, _, current_language, install, ngettext

__all__ = ["N_", "_", "current_language", "ngettext", "set_language", "ui_catalog"]


def set_language(code: str) -> None:
    """Make ``code`` the language of every message from now on in this process."""
    install(code, {} if code == SOURCE_LANGUAGE else dict(ui_catalog(code)[0]))


@cache
def ui_catalog(code: str, folder: Path | None = None) -> tuple[dict[str, str], tuple[Problem, ...]]:
    """Every ``translations/<code>/ui/*.yaml`` merged, and what is wrong in them."""
    from gvc_advisor.engine.kb.yaml_reader import load_yaml_file

    messages: dict[str, str] = {}
    problems: list[Problem] = []
    base = (folder or translations_dir()) / code / "ui"
    for path in sorted(base.glob("*.yaml")) if base.is_dir() else ():
        display = f"translations/{code}/ui/{path.name}"
        loaded = load_yaml_file(path, display, text_only=True)  # "yes": "是" stays a text
        problems.extend(loaded.problems)
        data = loaded.data
        table = data.get("messages") if isinstance(data, dict) else None
        if loaded.problems:
            continue
        if not isinstance(table, dict):
            problems.append(loaded.problem((), "expected 'messages:', a mapping of English text → translation"))
            continue
        for key, text in table.items():
            if not isinstance(key, str) or not isinstance(text, str):
                problems.append(loaded.problem(("messages", key), "a message and its translation must both be texts"))
            elif key in messages:
                problems.append(loaded.problem(("messages", key), "this message is translated twice; keep one"))
            elif text.strip():
                messages[key] = text
    return messages, tuple(problems)
