"""Reading the knowledge base's translation files, and applying them.

``translations/<lang>/knowledge_base/questions.yaml`` translates the texts of
``knowledge_base/questions.yaml``, and so on for every file, cases included::

    texts:
      question.industry.text:
        source: 3f1c2b9a0d4e       # hash of the English it was translated from
        en: Which industry are your main products in?
        text: 贵企业的主营产品属于哪个行业？

``en`` is there for the translator (written by ``gvc-advisor translations
update``); ``source`` is what decides: when the English changes, the hash no
longer matches and the translation is *stale*.  A stale translation is not
shown (the English is, until a translator has looked), as gettext does with
fuzzy entries; ``review: true`` marks one the update tool has refreshed and a
translator still has to check.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from gvc_advisor.engine.errors import Problem
from gvc_advisor.engine.i18n.kb_texts import item_key, texts_of, translate_record
from gvc_advisor.engine.i18n.languages import translations_dir
from gvc_advisor.engine.kb.schema.base import replace

if TYPE_CHECKING:
    from gvc_advisor.engine.kb.model import KnowledgeBase

_ENTRY_KEYS = {"source", "en", "text", "review", "previous_en"}
#: The file is read as texts only (a hash must never become a number), so ``review`` arrives as text.
_REVIEW = {"true": True, "yes": True, "false": False, "no": False}


def source_hash(text: str) -> str:
    """The hash a translation keeps of its English (12 hex digits of SHA-256)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


@dataclass(frozen=True)
class Entry:
    """One translated text as its file holds it."""

    key: str
    text: str
    source: str
    review: bool
    file: str
    line: int
    en: str | None = None
    previous_en: str | None = None


def items_by_file(kb: KnowledgeBase) -> dict[str, list]:
    """Every translatable item of ``kb``, grouped by the file that defines it."""
    files: dict[str, list] = {}

    def add(kind: str, item_id: str, item: object) -> None:
        origin = kb.origin(kind, item_id)
        files.setdefault(origin.file if origin else "knowledge_base/kb.yaml", []).append(item)

    add("kb", "", kb.meta)
    for kind, items, name in (
        ("question", kb.questions.values(), "id"), ("fact", kb.facts.values(), "id"), ("rule", kb.rules, "id"),
        ("recommendation", kb.recommendations.values(), "id"), ("warning", kb.warnings.values(), "id"),
        ("source", kb.sources.values(), "key"), ("glossary", kb.glossary, "term"),
        ("choice_group", kb.choice_groups.values(), "id"), ("urgency", kb.urgency_rules, "id"),
        ("case", kb.cases, "id"),
    ):
        for item in items:
            add(kind, getattr(item, name), item)
    return files


def english_texts(kb: KnowledgeBase) -> dict[str, dict[str, str]]:
    """file → key → English text, in file order."""
    return {file: dict(pair for item in items for pair in texts_of(item))
            for file, items in items_by_file(kb).items()}


def translation_path(root: Path, language: str, kb_file: str) -> Path:
    return translations_dir(root) / language / kb_file


def translation_files(root: Path, language: str) -> list[Path]:
    folder = translations_dir(root) / language
    return sorted(p for sub in ("knowledge_base", "rules") for p in (folder / sub).rglob("*.yaml"))


def read_translation_file(path: Path, display: str) -> tuple[dict[str, Entry], list[Problem]]:
    """The entries of one translation file; what is malformed, as ``file:line`` problems."""
    from gvc_advisor.engine.kb.yaml_reader import load_yaml_file

    loaded = load_yaml_file(path, display, text_only=True)
    if loaded.problems:
        return {}, list(loaded.problems)
    data = loaded.data
    texts = data.get("texts") if isinstance(data, dict) else None
    if data is None or texts is None:
        return {}, []
    if not isinstance(texts, dict):
        return {}, [loaded.problem(("texts",), "'texts' must map keys like question.industry.text to entries")]
    entries, problems = {}, []
    for key, value in texts.items():
        where = ("texts", key)
        if not isinstance(value, dict):
            problems.append(loaded.problem(where, "each entry needs 'source' (the English hash) and 'text'"))
            continue
        unknown = sorted(set(map(str, value)) - _ENTRY_KEYS)
        if unknown:
            problems.append(loaded.problem(where, (
                f"unknown field(s) {', '.join(unknown)}; allowed: {', '.join(sorted(_ENTRY_KEYS))}")))
        text, source = value.get("text", ""), value.get("source")
        review = _REVIEW.get(str(value.get("review", "false")).lower())
        if not isinstance(text, str) or not isinstance(source, str) or review is None:
            problems.append(loaded.problem(where, (
                "'text' and 'source' must be texts and 'review' true or false "
                "(quote a text that YAML would read as a number or a yes/no)")))
            continue
        en, previous = value.get("en"), value.get("previous_en")
        entries[str(key)] = Entry(str(key), text, source, review, display, loaded.position(where)[0],
                                  en if isinstance(en, str) else None,
                                  previous if isinstance(previous, str) else None)
    return entries, problems


def read_translations(root: Path, language: str) -> tuple[dict[str, dict[str, Entry]], list[Problem]]:
    """kb file → its entries, for every translation file of ``language``."""
    found: dict[str, dict[str, Entry]] = {}
    problems: list[Problem] = []
    base = translations_dir(root) / language
    for path in translation_files(root, language):
        kb_file = path.relative_to(base).as_posix()
        entries, file_problems = read_translation_file(path, f"translations/{language}/{kb_file}")
        found[kb_file] = entries
        problems.extend(file_problems)
    return found, problems


def usable(entry: Entry | None, english: str) -> bool:
    """A translation is shown only when it was made from this English and is not awaiting review."""
    return entry is not None and bool(entry.text.strip()) and not entry.review and entry.source == source_hash(english)


def localize(kb: KnowledgeBase, language: str) -> KnowledgeBase:
    """A copy of ``kb`` whose texts are in ``language`` where a usable translation exists."""
    from gvc_advisor.engine.kb.model import KnowledgeBase

    translations, _problems = read_translations(kb.root, language)
    table: dict[str, str] = {}
    for file, texts in english_texts(kb).items():
        entries = translations.get(file, {})
        for key, english in texts.items():
            entry = entries.get(key)
            if usable(entry, english):
                table[key] = entry.text  # type: ignore[union-attr]
    terms = {entry.term: table.get(f"{item_key(entry)}.term", entry.term) for entry in kb.glossary}

    def tr(item):
        return translate_record(item, table)

    glossary = []
    for entry in kb.glossary:
        new = tr(entry)
        if entry.see_also:
            new = replace(new, see_also=[terms.get(term, term) for term in entry.see_also])
        glossary.append(new)
    return KnowledgeBase(
        meta=tr(kb.meta), root=kb.root, content_hash=kb.content_hash,
        questions={k: tr(v) for k, v in kb.questions.items()},
        facts={k: tr(v) for k, v in kb.facts.items()},
        rules=[tr(r) for r in kb.rules],
        recommendations={k: tr(v) for k, v in kb.recommendations.items()},
        warnings={k: tr(v) for k, v in kb.warnings.items()},
        sources={k: tr(v) for k, v in kb.sources.items()},
        glossary=glossary, cases=[tr(c) for c in kb.cases],
        choice_groups={k: tr(v) for k, v in kb.choice_groups.items()},
        urgency_rules=[tr(u) for u in kb.urgency_rules],
        origins=kb.origins, lint=kb.lint, language=language,
        english_terms={terms[e.term]: e.term for e in kb.glossary if terms[e.term] != e.term},
    )
