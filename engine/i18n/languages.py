"""Which languages exist, and which one the environment asks for.

A language exists when ``translations/<code>/language.yaml`` does, in the
package (UI and bundled knowledge base) or beside a custom knowledge base.
The default follows POSIX precedence, ``LC_ALL`` then ``LC_MESSAGES`` then
``LANG``, as ``gettext`` does, so that a manager whose terminal is set to
``zh_CN.UTF-8`` gets Chinese without any option.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from gvc_advisor.engine.errors import Problem
from gvc_advisor.engine.i18n.translate import SOURCE_LANGUAGE as SOURCE

#: The language the code and the knowledge base are written in.
SOURCE_LANGUAGE = SOURCE  # (defined where the messages are, which imports nothing)
_CODE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
_HTML_FONTS = ('system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif')


@dataclass(frozen=True)
class Language:
    """One language as ``language.yaml`` describes it."""

    code: str
    name: str
    native_name: str
    #: Locale names (``zh_CN``) or bare languages (``zh``) that select it.
    locales: tuple[str, ...] = ()
    #: The ``lang`` attribute of HTML reports.
    html_lang: str = ""
    #: The CSS font stack of HTML reports (CJK needs its own fonts named).
    font_family: str = _HTML_FONTS
    #: Terms of the glossary are shown with the English term beside them.
    glossary_with_english: bool = True
    extra: dict = field(default_factory=dict, compare=False)


ENGLISH = Language(code="en", name="English", native_name="English", locales=("en", "C", "POSIX"),
                   html_lang="en", glossary_with_english=False)


def package_root() -> Path:
    """The installed package's root, where ``translations/`` ships."""
    return Path(__file__).resolve().parents[2]


def translations_dir(root: Path | None = None) -> Path:
    return (root or package_root()) / "translations"


def read_language_file(path: Path) -> tuple[Language | None, list[Problem]]:
    """Parse one ``language.yaml``; problems as ``file:line`` lines."""
    from gvc_advisor.engine.kb.yaml_reader import load_yaml_file

    display = str(path)
    loaded = load_yaml_file(path, display)
    if loaded.problems:
        return None, loaded.problems
    data = loaded.data.get("language") if isinstance(loaded.data, dict) else None
    if not isinstance(data, dict):
        return None, [loaded.problem((), "expected a mapping 'language:' with code, name and native_name")]
    problems = []
    code = data.get("code")
    if code != path.parent.name:
        problems.append(loaded.problem(("language", "code"), (
            f"code {code!r} must be the folder's name, {path.parent.name!r}")))
    for key in ("name", "native_name"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            problems.append(loaded.problem(("language", key), f"'{key}' must be a non-empty text"))
    locales = data.get("locales", [])
    if not isinstance(locales, list) or not all(isinstance(x, str) for x in locales):
        problems.append(loaded.problem(("language", "locales"), "'locales' must be a list of names like zh_CN"))
    known = {"code", "name", "native_name", "locales", "html_lang", "font_family", "glossary_with_english"}
    for key in data:
        if key not in known:
            problems.append(loaded.problem(("language", key), (
                f"unknown key {key!r}; allowed: {', '.join(sorted(known))}")))
    if problems:
        return None, problems
    return Language(
        code=code, name=data["name"], native_name=data["native_name"], locales=tuple(locales),
        html_lang=str(data.get("html_lang") or code), font_family=str(data.get("font_family") or _HTML_FONTS),
        glossary_with_english=bool(data.get("glossary_with_english", True)),
    ), []


@cache
def _languages_in(folder: Path) -> tuple[Language, ...]:
    """The languages of one ``translations/`` folder.

    Remembered in the knowledge-base cache, keyed by the files' names, sizes and
    times: the Home screen lists the languages at launch, and reading YAML there
    would cost the launch the import of the YAML machinery.
    """
    import hashlib
    import json

    from gvc_advisor.engine.kb import cache as kb_cache

    paths = sorted(folder.glob("*/language.yaml")) if folder.is_dir() else []
    try:
        stamp = repr([(str(p), p.stat().st_size, p.stat().st_mtime_ns) for p in paths])
    except OSError:
        stamp = None
    key = "languages-" + hashlib.sha256(f"{folder.resolve()}\0{stamp}".encode()).hexdigest()[:32]
    data = kb_cache.read_entry(key) if stamp is not None else None
    if data is not None:
        try:
            return tuple(Language(**{**item, "locales": tuple(item["locales"])}) for item in json.loads(data))
        except Exception:  # not an entry of ours: read the files
            pass
    found = []
    for path in paths:
        if not _CODE.match(path.parent.name) or path.parent.name == SOURCE_LANGUAGE:
            continue
        language, _problems = read_language_file(path)
        if language is not None:
            found.append(language)
    if stamp is not None:
        kb_cache.write_entry(key, json.dumps(
            [{name: getattr(lang, name) for name in ("code", "name", "native_name", "locales", "html_lang",
                                                      "font_family", "glossary_with_english")} for lang in found],
            ensure_ascii=False).encode())
    return tuple(found)


def available_languages(kb_root: Path | None = None) -> dict[str, Language]:
    """English first, then every language with a valid ``language.yaml``."""
    found = {SOURCE_LANGUAGE: ENGLISH}
    for folder in {translations_dir(), translations_dir(kb_root) if kb_root else translations_dir()}:
        for language in _languages_in(folder):
            found.setdefault(language.code, language)
    return found


def language_from_environment(environ: Mapping[str, str] | None = None, kb_root: Path | None = None) -> str:
    """The language the locale variables ask for, English when none is known."""
    env = os.environ if environ is None else environ
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(variable, "")
        if value:
            # An English or C locale (the common case) needs no language file read at launch.
            if value.split(".")[0] in ("C", "POSIX") or value.startswith("en"):
                return SOURCE_LANGUAGE
            return match_locale(value, kb_root)
    return SOURCE_LANGUAGE


def match_locale(value: str, kb_root: Path | None = None) -> str:
    """``zh_CN.UTF-8@x`` → the language listing ``zh_CN`` (or bare ``zh``)."""
    locale = value.split(".")[0].split("@")[0]
    languages = available_languages(kb_root)
    for candidate in (locale, locale.replace("-", "_")):
        for language in languages.values():
            if candidate in language.locales or candidate == language.code:
                return language.code
    bare = locale.replace("-", "_").split("_")[0]
    for language in languages.values():  # fr_BE → a language that lists plain "fr"
        if bare in language.locales:
            return language.code
    return SOURCE_LANGUAGE


def get_language(code: str, kb_root: Path | None = None) -> Language:
    return available_languages(kb_root).get(code, ENGLISH)
