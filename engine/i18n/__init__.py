"""Languages: the UI message catalog and the knowledge base's translations.

English is the source language: every text is written in English in the code
(UI messages, wrapped in :func:`_`) and in the YAML knowledge base.  Other
languages live in ``translations/<code>/``:

- ``language.yaml`` names the language (and how reports set its type);
- ``ui/*.yaml`` translate the UI messages, keyed by their English text;
- ``knowledge_base/*.yaml`` and ``rules/*.yaml`` mirror the knowledge base's
  files and translate its texts, keyed by item id, each with a hash of the
  English it was translated from (so that a changed English text shows up as
  stale, not as a silently outdated translation).

Adding a language is adding a folder; no code names a language but English.
"""

from gvc_advisor.engine.i18n.catalog import N_, _, current_language, ngettext, set_language

__all__ = ["N_", "_", "current_language", "ngettext", "set_language"]
