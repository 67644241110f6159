"""How complete and current a language is: what ``validate`` reports.

Per language, for the knowledge base and the UI catalog:

- *untranslated*: an English text or message without a translation;
- *stale*: a translation made from English that has since changed (its
  ``source`` hash no longer matches), or one marked ``review: true``;
- *unknown*: a translation whose key or message the English no longer has;
- malformed files and placeholder mismatches, which are errors.

Untranslated and stale texts are warnings (the English is shown instead);
``validate --strict`` fails on them.
"""

from __future__ import annotations

import string
from dataclasses import dataclass, field
from pathlib import Path

from gvc_advisor.engine.errors import Problem
from gvc_advisor.engine.i18n.catalog import ui_catalog
from gvc_advisor.engine.i18n.kb_translations import english_texts, read_translations, source_hash
from gvc_advisor.engine.i18n.languages import available_languages, package_root, translations_dir
from gvc_advisor.engine.i18n.ui_messages import ui_messages
from gvc_advisor.engine.kb.model import KnowledgeBase

_SHOWN_KEYS = 5


@dataclass
class LanguageStatus:
    code: str
    texts: int = 0
    translated: int = 0
    stale: int = 0
    messages: int = 0
    messages_translated: int = 0
    problems: list[Problem] = field(default_factory=list)


def placeholders(text: str) -> set[str]:
    """The ``{name}`` fields of a message (a malformed one has none we can trust)."""
    try:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError:
        return {"<malformed>"}


def _listed(keys: list[str]) -> str:
    shown = ", ".join(keys[:_SHOWN_KEYS])
    return shown + (f" and {len(keys) - _SHOWN_KEYS} more" if len(keys) > _SHOWN_KEYS else "")


def kb_status(kb: KnowledgeBase, code: str, status: LanguageStatus) -> None:
    translations, problems = read_translations(kb.root, code)
    status.problems.extend(problems)
    hint = f"run 'gvc-advisor translations update --lang {code}', then translate the empty 'text' fields"
    english_by_file = english_texts(kb)
    for kb_file, texts in english_by_file.items():
        entries = translations.get(kb_file, {})
        display = f"translations/{code}/{kb_file}"
        missing = []
        for key, english in texts.items():
            status.texts += 1
            entry = entries.get(key)
            if entry is None or not entry.text.strip():
                missing.append(key)
            elif entry.source != source_hash(english) or entry.review:
                status.stale += 1
                why = ("is marked 'review: true'" if entry.review and entry.source == source_hash(english)
                       else "was made from an English text that has changed since")
                status.problems.append(Problem(display, entry.line, 0, (
                    f"stale translation of {key}: it {why}; revise 'text' against 'en' (and 'previous_en'), "
                    f"then delete 'review' and 'previous_en' ('gvc-advisor translations update --lang {code}' "
                    "refreshes the hash)"), "warning"))
            else:
                status.translated += 1
        if missing:
            status.problems.append(Problem(display, 0, 0, (
                f"{len(missing)} untranslated text(s): {_listed(missing)}; {hint}"), "warning"))
        for key, entry in entries.items():
            if key not in texts:
                status.problems.append(Problem(display, entry.line, 0, (
                    f"unknown key {key}: {kb_file} has no such text (renamed or removed?); "
                    f"'gvc-advisor translations update --lang {code}' moves it to 'obsolete:'"), "warning"))
    for kb_file in translations:
        if kb_file not in english_by_file:
            status.problems.append(Problem(f"translations/{code}/{kb_file}", 0, 0, (
                f"there is no English file {kb_file} to translate; delete this file or rename it"), "warning"))


def ui_status(code: str, status: LanguageStatus, folder: Path | None = None) -> None:
    messages, problems = ui_catalog(code, folder)
    status.problems.extend(problems)
    used = ui_messages()
    missing = [m for m in used if m not in messages]
    status.messages = len(used)
    status.messages_translated = len(used) - len(missing)
    display = f"translations/{code}/ui"
    if missing:
        status.problems.append(Problem(display, 0, 0, (
            f"{len(missing)} untranslated UI message(s): {_listed([repr(m) for m in missing])}; "
            f"run 'gvc-advisor translations update --lang {code}', then translate them"), "warning"))
    for message, text in messages.items():
        if message not in used:
            status.problems.append(Problem(display, 0, 0, (
                f"the message {message!r} is not used by the code any more; delete it"), "warning"))
        elif placeholders(message) != placeholders(text):
            status.problems.append(Problem(display, 0, 0, (
                f"the translation of {message!r} must use the placeholders "
                f"{sorted(placeholders(message)) or 'none'}, not {sorted(placeholders(text)) or 'none'}")))


def language_statuses(kb: KnowledgeBase) -> list[LanguageStatus]:
    """The status of every language the knowledge base has translations for.

    A knowledge base is checked in the languages of its own ``translations/``
    folder (a custom one without it has nothing to report); the UI catalog
    belongs to the program, so it is checked with the bundled knowledge base.
    """
    statuses = []
    own = translations_dir(kb.root)
    bundled = kb.root.resolve() == package_root().resolve()
    for code in available_languages(kb.root):
        if code == "en" or not (own / code / "language.yaml").is_file():
            continue
        status = LanguageStatus(code)
        kb_status(kb, code, status)
        if bundled:
            ui_status(code, status, translations_dir())
        statuses.append(status)
    return statuses
