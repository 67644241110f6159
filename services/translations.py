"""``gvc-advisor translations update``: keep a language's files in step with the English.

For every knowledge-base file the update writes the mirrored translation file
with one entry per English text, in the English file's order:

- a new text gets an empty ``text`` for the translator, with its ``en`` and ``source`` hash;
- a text whose English changed keeps its translation, gets the new ``en``
  and hash, the old English as ``previous_en`` and ``review: true``, so the
  translator sees what changed (gettext's "fuzzy" entries, in YAML);
- a translation whose key no longer exists moves to ``obsolete:`` rather than
  being deleted: a renamed id loses no one's work.

The files are regenerated whole, so their layout never drifts; a translator
only ever edits ``text`` (and deletes ``review``/``previous_en`` when done).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from gvc_advisor.engine.i18n.kb_translations import (
    Entry,
    english_texts,
    read_translation_file,
    source_hash,
    translation_path,
)
from gvc_advisor.engine.kb.model import KnowledgeBase

_HEADER = """\
# {name} for {kb_file}.
# Written by `gvc-advisor translations update --lang {code}`: translate each `text`
# (keep `source`: it is the hash of the English `en`). When the English changes, the
# update marks the entry `review: true` and keeps the old English as `previous_en`:
# revise the text, then delete those two lines. Check with `gvc-advisor validate --strict`.
"""


@dataclass
class UpdateSummary:
    """What an update changed, per file, for the command's report."""

    written: list[str] = field(default_factory=list)
    new: int = 0
    marked_for_review: int = 0
    obsolete: int = 0
    untranslated: int = 0


def _entry_data(english: str, old: Entry | None) -> tuple[dict, str]:
    """The entry to write for ``english`` given the one on file; and what happened."""
    digest = source_hash(english)
    if old is None:
        return {"source": digest, "en": english, "text": ""}, "new"
    if old.source == digest:
        data = {"source": digest, "en": english, "text": old.text}
        if old.review:
            data["review"] = True
            if old.previous_en:
                data["previous_en"] = old.previous_en
        return data, "kept" if old.text.strip() else "untranslated"
    if not old.text.strip():
        return {"source": digest, "en": english, "text": ""}, "untranslated"
    return ({"source": digest, "en": english, "text": old.text, "review": True,
             "previous_en": old.previous_en or old.en or ""}, "review")


def _obsolete_of(path: Path) -> dict:
    """The ``obsolete:`` section already on file (kept as it is)."""
    from gvc_advisor.engine.kb.yaml_reader import load_yaml_file

    if not path.is_file():
        return {}
    data = load_yaml_file(path, text_only=True).data
    section = data.get("obsolete") if isinstance(data, dict) else None
    return dict(section) if isinstance(section, dict) else {}


class _Quoted(str):
    """A text always written in quotes: a hash such as ``5147517e7823`` is a number to YAML 1.2."""


def _dumper():
    import yaml

    class Dumper(yaml.SafeDumper):
        pass

    Dumper.add_representer(_Quoted, lambda dumper, text: dumper.represent_scalar(
        "tag:yaml.org,2002:str", str(text), style="'"))
    return Dumper


def render_file(header: str, texts: dict, obsolete: dict) -> str:
    import yaml

    texts = {key: {**entry, "source": _Quoted(entry["source"])} for key, entry in texts.items()}
    body = yaml.dump({"texts": texts}, Dumper=_dumper(), allow_unicode=True, sort_keys=False, width=100)
    if obsolete:
        body += "\n# Translations whose English text no longer exists (kept for reuse; delete when done).\n"
        body += yaml.safe_dump({"obsolete": obsolete}, allow_unicode=True, sort_keys=False, width=100)
    return header + body


def update_language(kb: KnowledgeBase, code: str, name: str, root: Path) -> UpdateSummary:
    """Bring every translation file of ``code`` in step with ``kb`` (which must be the English one)."""
    from gvc_advisor.services.output_files import write_text_atomically

    summary = UpdateSummary()
    for kb_file, texts in english_texts(kb).items():
        path = translation_path(root, code, kb_file)
        old, problems = read_translation_file(path, str(path)) if path.is_file() else ({}, [])
        if problems:
            from gvc_advisor.engine.errors import UserError

            raise UserError(problems)
        entries = {}
        for key, english in texts.items():
            entries[key], what = _entry_data(english, old.get(key))
            summary.new += what == "new"
            summary.marked_for_review += what == "review"
            summary.untranslated += what in ("new", "untranslated")
        obsolete = _obsolete_of(path)
        for key, entry in old.items():
            if key not in texts and entry.text.strip():
                obsolete[key] = {"en": entry.en or "", "text": entry.text}
                summary.obsolete += 1
        header = _HEADER.format(name=name, kb_file=kb_file, code=code)
        content = render_file(header, entries, obsolete)
        if not path.is_file() or path.read_text(encoding="utf-8") != content:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_text_atomically(path, content)
            summary.written.append(path.relative_to(root).as_posix())
    return summary


_UI_HEADER = """\
# {name}: UI messages of {area}/, keyed by their English text.
# Written by `gvc-advisor translations update --lang {code}`: translate each empty value;
# keep every {{placeholder}} as it is. Check with `gvc-advisor validate --strict`.
"""


def update_ui_catalog(code: str, name: str, folder: Path) -> UpdateSummary:
    """Add every UI message the code uses and no ``ui/*.yaml`` of ``code`` has yet.

    A new message goes to the file of the area that first uses it
    (``ui/tui.yaml``, ``ui/services.yaml``…), so translators of different
    areas never edit the same file.
    """
    import yaml

    from gvc_advisor.engine.i18n.ui_messages import area_of, ui_messages
    from gvc_advisor.engine.kb.yaml_reader import load_yaml_file
    from gvc_advisor.services.output_files import write_text_atomically

    summary = UpdateSummary()
    base = folder / code / "ui"
    catalogs: dict[str, dict] = {}
    for path in sorted(base.glob("*.yaml")) if base.is_dir() else ():
        data = load_yaml_file(path, text_only=True).data
        table = data.get("messages") if isinstance(data, dict) else None
        catalogs[path.stem] = dict(table) if isinstance(table, dict) else {}
    known = {message for table in catalogs.values() for message in table}
    for message, places in ui_messages().items():
        if message not in known:
            catalogs.setdefault(area_of(places[0]), {})[message] = ""
            summary.new += 1
    for area, table in catalogs.items():
        summary.untranslated += sum(1 for text in table.values() if not str(text).strip())
        content = _UI_HEADER.format(name=name, area=area, code=code) + yaml.safe_dump(
            {"messages": table}, allow_unicode=True, sort_keys=False, width=100)
        path = base / f"{area}.yaml"
        if not path.is_file() or path.read_text(encoding="utf-8") != content:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_text_atomically(path, content)
            summary.written.append(path.relative_to(folder.parent).as_posix())
    return summary
