"""Load a knowledge-base directory: read → validate each file → merge → cross-check.

A knowledge-base directory holds ``knowledge_base/`` (kb.yaml, questions,
facts, recommendations, warnings, sources, glossary, ``cases/``) and
``rules/`` (one file per topic).  Every problem in every file is collected
and reported together; nothing is half-loaded.
"""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

from gvc_advisor.engine.errors import KnowledgeBaseError, Problem
from gvc_advisor.engine.kb import cache as kb_cache
from gvc_advisor.engine.kb.model import KnowledgeBase, Origin

# Reading YAML and validating it (yaml, pydantic, the cross-checks) is imported
# only on a cache miss: a launch that finds the knowledge base in the cache
# never pays for those imports (see engine.kb.cache).

_SECTION_KINDS = {
    "questions": ("question", "id"), "facts": ("fact", "id"), "rules": ("rule", "id"),
    "recommendations": ("recommendation", "id"), "warnings": ("warning", "id"),
    "sources": ("source", "key"), "glossary": ("glossary", "term"),
    "choice_groups": ("choice_group", "id"), "urgency": ("urgency", "id"),
}


def default_kb_root() -> Path:
    """The knowledge base shipped inside the package."""
    return Path(__file__).resolve().parents[2]


#: File names that look like YAML but would not be read (only ``*.yaml`` is).
_IGNORED_YAML_SUFFIXES = (".yml", ".yaml")


def _odd_entries(root: Path, folder: Path) -> list[Problem]:
    """Entries of a KB folder that would be silently followed or skipped."""
    problems = []
    for path in sorted(folder.iterdir()):
        name = _display(root, path)
        if path.suffix.lower() in _IGNORED_YAML_SUFFIXES and path.suffix != ".yaml":
            problems.append(Problem(name, 0, 0, (
                f"'{path.suffix}' files are not read; rename it to '{path.stem}.yaml' (or move it out "
                "of the knowledge base if it is not part of it)")))
        elif path.is_symlink() and (path.suffix == ".yaml" or path.name == "cases"):
            problems.append(Problem(name, 0, 0, (
                f"is a symbolic link (to {os.readlink(path)}); knowledge-base files must be real files "
                "inside the knowledge-base folder, so that what is validated, hashed and cited as "
                "'defined at' is what is loaded: copy the file here instead")))
        elif path.suffix == ".yaml" and not stat.S_ISREG(path.lstat().st_mode):
            problems.append(Problem(name, 0, 0, "is not a regular file (a folder, pipe or device); "
                                                "knowledge-base files must be plain files"))
    return problems


def _kb_files(root: Path) -> tuple[list[Path], list[Path], list[Problem]]:
    problems = []
    for sub in ("knowledge_base", "rules"):
        if (root / sub).is_symlink():
            problems.append(Problem(_display(root, root / sub), 0, 0, (
                f"is a symbolic link (to {os.readlink(root / sub)}); the '{sub}/' folder must be a real "
                "folder inside the knowledge-base directory")))
        elif not (root / sub).is_dir():
            problems.append(Problem(str(root), 0, 0, f"no '{sub}/' folder here; a knowledge-base "
                                    "directory must contain 'knowledge_base/' and 'rules/'"))
    if problems:
        return [], [], problems
    folders = [root / "knowledge_base", root / "rules"]
    if (root / "knowledge_base" / "cases").is_dir() and not (root / "knowledge_base" / "cases").is_symlink():
        folders.append(root / "knowledge_base" / "cases")
    try:
        for folder in folders:
            problems.extend(_odd_entries(root, folder))
    except OSError as exc:
        problems.append(Problem(str(root), 0, 0, f"cannot list the knowledge base: {exc.strerror}"))
    if problems:
        return [], [], problems
    files = sorted((root / "knowledge_base").glob("*.yaml")) + sorted((root / "rules").glob("*.yaml"))
    cases = sorted((root / "knowledge_base" / "cases").glob("*.yaml"))
    return files, cases, problems


def content_hash(root: Path, files: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def _display(root: Path, path: Path) -> str:
    try:
        return path.relative_to(root).as_posix() if root != Path(".") else str(path)
    except ValueError:  # pragma: no cover - files always live below root
        return str(path)


def _read(path: Path, root: Path, model: type, problems: list[Problem]):
    from pydantic import ValidationError

    from gvc_advisor.engine.kb.validation_report import problems_from_validation
    from gvc_advisor.engine.kb.yaml_reader import load_yaml_file

    loaded = load_yaml_file(path, _display(root, path))
    problems.extend(loaded.problems)
    if loaded.problems:
        return loaded, None
    if not isinstance(loaded.data, dict):
        problems.append(loaded.problem((), "the file must be a YAML mapping of sections, e.g. "
                                       "'rules:' or 'questions:'"))
        return loaded, None
    try:
        return loaded, model.model_validate(loaded.data)
    except ValidationError as exc:
        problems.extend(problems_from_validation(exc, loaded, model))
        return loaded, None


def load_knowledge_base(root: str | Path | None = None, *, language: str | None = None) -> KnowledgeBase:
    """Load, validate and cross-check; raise KnowledgeBaseError listing every problem.

    A knowledge base that loaded cleanly is cached by the hash of its files
    (see :mod:`gvc_advisor.engine.kb.cache`), so the next launch skips parsing and validation.
    Its texts come in ``language`` (default: the current one, see
    :mod:`gvc_advisor.engine.i18n`) where ``translations/`` has them; the
    translated knowledge base is cached too, keyed by its translation files as well.
    """
    from gvc_advisor.engine.i18n import current_language
    from gvc_advisor.engine.i18n.languages import SOURCE_LANGUAGE

    root = Path(root) if root is not None else default_kb_root()
    language = language or current_language()
    files, case_files, problems = _kb_files(root)
    if problems:
        raise KnowledgeBaseError(problems)
    key = kb_cache.cache_key(root, files + case_files)
    if language != SOURCE_LANGUAGE:
        from gvc_advisor.engine.i18n.kb_texts import TEXT_FIELDS
        from gvc_advisor.engine.i18n.kb_translations import localize, translation_files

        local_key = kb_cache.cache_key(root, files + case_files + translation_files(root, language),
                                       f"{language}\0{sorted(TEXT_FIELDS.items())}")
        cached = kb_cache.read(local_key, root)
        if cached is not None:
            return cached
        kb = localize(load_knowledge_base(root, language=SOURCE_LANGUAGE), language)
        kb_cache.write(local_key, kb)
        return kb
    cached = kb_cache.read(key, root)
    if cached is not None:
        return cached
    kb = _load_uncached(root, files, case_files)
    kb_cache.write(key, kb)
    return kb


def _load_uncached(root: Path, files: list[Path], case_files: list[Path]) -> KnowledgeBase:
    from gvc_advisor.engine.kb.crossref import cross_check
    from gvc_advisor.engine.kb.locator import Locator
    from gvc_advisor.engine.kb.schema.validation import to_record
    from gvc_advisor.engine.kb.schema.validation.files import CaseFile, KbFile

    problems: list[Problem] = []
    if not files:
        raise KnowledgeBaseError([Problem(str(root), 0, 0, "no *.yaml files in knowledge_base/ or rules/")])
    locator = Locator()
    merged: dict[str, list] = {name: [] for name in _SECTION_KINDS}
    metas = []
    for path in files:
        loaded, parsed = _read(path, root, KbFile, problems)
        if parsed is None:
            continue
        in_rules_dir = path.parent.name == "rules"
        for section, (kind, key) in _SECTION_KINDS.items():
            items = getattr(parsed, section)
            if section in loaded.data and in_rules_dir != (section == "rules"):
                where = "rules/" if section == "rules" else "knowledge_base/"
                problems.append(loaded.problem((section,), f"'{section}' belongs in {where}, not here"))
                continue
            for index, item in enumerate(items):
                item_id = getattr(item, key)
                if (kind, item_id) in locator.items:
                    first, first_path = locator.items[(kind, item_id)]
                    line = first.position(first_path)[0]
                    problems.append(loaded.problem((section, index), (
                        f"duplicate {kind} '{item_id}' (first defined at {first.file}:{line}); "
                        "ids must be unique")))
                    continue
                locator.items[(kind, item_id)] = (loaded, (section, index))
                merged[section].append(to_record(item))
        if parsed.kb is not None and in_rules_dir:
            problems.append(loaded.problem(("kb",), "'kb' belongs in knowledge_base/kb.yaml, not here"))
        elif parsed.kb is not None:
            metas.append((loaded, to_record(parsed.kb)))
    cases = []
    for path in case_files:
        loaded, parsed = _read(path, root, CaseFile, problems)
        if parsed is None:
            continue
        if ("case", parsed.case.id) in locator.items:
            first, _ = locator.items[("case", parsed.case.id)]
            problems.append(loaded.problem(("case", "id"), (
                f"duplicate case '{parsed.case.id}' (first defined in {first.file}); case ids must be unique")))
            continue
        locator.items[("case", parsed.case.id)] = (loaded, ("case",))
        cases.append(to_record(parsed.case))
    if len(metas) != 1 and not problems:
        problems.append(Problem(_display(root, root / "knowledge_base"), 0, 0, (
            f"found {len(metas)} 'kb:' sections; exactly one file (kb.yaml) must describe the "
            "knowledge base (name, version, description)")))
    if problems:
        raise KnowledgeBaseError(problems)
    origins = {
        k: Origin(loaded.file, loaded.position(path)[0]) for k, (loaded, path) in locator.items.items()
    }
    kb = KnowledgeBase(
        meta=metas[0][1], root=root, content_hash=content_hash(root, files),
        questions={q.id: q for q in merged["questions"]},
        facts={f.id: f for f in merged["facts"]},
        rules=merged["rules"],
        recommendations={r.id: r for r in merged["recommendations"]},
        warnings={w.id: w for w in merged["warnings"]},
        sources={s.key: s for s in merged["sources"]},
        glossary=merged["glossary"], cases=cases, origins=origins,
        choice_groups={g.id: g for g in merged["choice_groups"]}, urgency_rules=merged["urgency"],
    )
    findings = cross_check(kb, locator)
    errors = [p for p in findings if p.severity == "error"]
    if errors:
        raise KnowledgeBaseError(errors)
    kb.lint = [p for p in findings if p.severity != "error"]
    return kb
