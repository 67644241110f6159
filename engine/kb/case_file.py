"""A case file outside the knowledge base: a trainer's own exercise.

A trainer writes a new exercise as a case file (the format of
``knowledge_base/cases/``, ``gvc-advisor schema --kind case-file``) and keeps
it wherever they like.  It is read with the same strict YAML reader, the same
schema and the same cross-checks as the knowledge base's own cases, and every
problem is reported at once as ``file:line:col``.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from gvc_advisor.engine.errors import KnowledgeBaseError, Problem
from gvc_advisor.engine.kb.crossref_cases import case_source_problems, check_case
from gvc_advisor.engine.kb.locator import Locator
from gvc_advisor.engine.kb.model import KnowledgeBase
from gvc_advisor.engine.kb.schema import WorkedCase
from gvc_advisor.engine.kb.schema.validation import to_record
from gvc_advisor.engine.kb.schema.validation.files import CaseFile
from gvc_advisor.engine.kb.validation_report import problems_from_validation
from gvc_advisor.engine.kb.yaml_reader import LoadedYaml, load_yaml_file


def bundled_case_path(kb: KnowledgeBase, case_id: str) -> Path | None:
    """Where the knowledge base's own case ``case_id`` lives, if it has one."""
    origin = kb.origin("case", case_id)
    return (Path(kb.root) / origin.file).resolve() if origin is not None else None


def _same_file(a: Path, b: Path | None) -> bool:
    try:
        return b is not None and a.resolve() == b
    except OSError:  # pragma: no cover - resolve() of an unreadable path
        return False


def read_case_file(kb: KnowledgeBase, path: Path, display: str | None = None) -> tuple[WorkedCase, LoadedYaml]:
    """The case in ``path``, checked against ``kb``; raise KnowledgeBaseError listing every problem.

    A case file may be one of the knowledge base's own (then it is that case);
    another file may not reuse the id of one of them, so that results and
    summaries never mix two different exercises under one id.
    """
    name = display or str(path)
    if not path.is_file():
        raise KnowledgeBaseError([Problem(name, message="no such case file" if not path.exists()
                                          else "not a file; give a case file (.yaml)")])
    loaded = load_yaml_file(path, name)
    if loaded.problems:
        raise KnowledgeBaseError(loaded.problems)
    if not isinstance(loaded.data, dict) or "case" not in loaded.data:
        raise KnowledgeBaseError([loaded.problem((), "a case file must be a mapping with the key 'case:' "
                                                 "(see knowledge_base/cases/ and 'gvc-advisor schema --kind "
                                                 "case-file')")])
    try:
        case = to_record(CaseFile.model_validate(loaded.data).case)
    except ValidationError as exc:
        raise KnowledgeBaseError(problems_from_validation(exc, loaded, CaseFile)) from None
    locator = Locator({("case", case.id): (loaded, ("case",))})
    problems = check_case(kb, case, locator) + case_source_problems(kb, case, locator)
    bundled = bundled_case_path(kb, case.id)
    if bundled is not None and not _same_file(path, bundled):
        origin = kb.origin("case", case.id)
        problems.append(loaded.problem(("case", "id"), (
            f"the knowledge base already has a case '{case.id}' ({origin}); give this exercise an id "
            "of its own, so that results and class summaries keep the two apart")))
    if problems:
        raise KnowledgeBaseError(problems)
    return case, loaded
