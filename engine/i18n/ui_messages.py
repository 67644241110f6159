"""The UI messages the code asks to translate, found by reading the source.

Every call ``_("…")``, ``N_("…")`` or ``ngettext("…", "…", n)`` with literal
texts is a message (as ``xgettext`` finds them); the source is parsed, never
run.  ``validate`` compares this list with each language's ``ui/*.yaml``,
and ``translations update`` adds what is missing.
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

from gvc_advisor.engine.i18n.languages import package_root

_MARKERS = {"_": 1, "N_": 1, "ngettext": 2}
#: Folders of the package that hold code (the YAML folders hold none).
_CODE_FOLDERS = ("cli", "engine", "services", "tui", "web")


def _messages_in(path: Path) -> list[tuple[str, int]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in _MARKERS:
            for arg in node.args[: _MARKERS[node.func.id]]:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    found.append((arg.value, node.lineno))
    return found


@cache
def ui_messages(root: Path | None = None) -> dict[str, tuple[str, ...]]:
    """message → the places (``tui/screens/home.py:12``) that use it, in source order."""
    base = root or package_root()
    places: dict[str, list[str]] = {}
    for folder in _CODE_FOLDERS:
        for path in sorted((base / folder).rglob("*.py")):
            relative = path.relative_to(base).as_posix()
            for message, line in _messages_in(path):
                places.setdefault(message, []).append(f"{relative}:{line}")
    return {message: tuple(where) for message, where in places.items()}


def area_of(place: str) -> str:
    """The catalog file a message goes to, named after the code that first uses it.

    ``services/<package>/…`` → the package (``reporting``, ``rollup``…); the
    training screens → ``training``; otherwise the top folder (``tui``, ``engine``,
    ``cli``, ``services``), so that translators of different parts of the
    program work in different files.
    """
    parts = place.split(":", 1)[0].split("/")
    if parts[0] == "services" and len(parts) > 2:
        return parts[1]
    if parts[0] == "tui" and parts[-1].startswith("training"):
        return "training"
    if parts[0] == "cli" and parts[-1] in ("train.py",):
        return "training"
    return parts[0]
