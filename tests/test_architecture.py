"""Layering, checked on the import statements of every module.

The pipeline is YAML → model (``engine.kb``) → compiled network
(``engine.rete``) → consultation and explanation (``engine``) → application
services (``services``) → the user interfaces (``cli``, ``tui``).  A layer may
import the layers below it, never those above; nothing but the CLI imports the
TUI; the engine never imports textual, even indirectly.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

#: Layers from the bottom up; each may import only itself and the layers before it.
LAYERS = ["engine.errors", "engine.kb", "engine.rete", "engine", "services", "web", "cli"]


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _package_modules() -> list[Path]:
    folders = ["engine", "services", "web", "cli", "tui"]
    return sorted(p for folder in folders for p in (ROOT / folder).rglob("*.py"))


_ALL_MODULES = {"gvc_advisor." + _module_name(p) for p in _package_modules()}


def _imports(path: Path) -> set[str]:
    """Every gvc_advisor module a file imports (at any depth of the code)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            # ``from package import module`` imports the module; ``from module import name`` the module.
            submodules = {f"{node.module}.{a.name}" for a in node.names} & _ALL_MODULES
            found |= submodules or {node.module}
    return {name.removeprefix("gvc_advisor.") for name in found if name.startswith("gvc_advisor.")}


def _layer(module: str) -> int | None:
    """Index in LAYERS of the most specific layer that holds ``module``."""
    best = None
    for index, layer in enumerate(LAYERS):
        if module == layer or module.startswith(layer + "."):
            best = index
    return best


@pytest.mark.parametrize("path", _package_modules(), ids=lambda p: _module_name(p))
def test_imports_point_down_the_layers(path):
    module = _module_name(path)
    imports = _imports(path)
    if module.startswith("tui"):
        assert not any(name.startswith("cli") for name in imports), "the TUI must not import the CLI"
        return
    own = _layer(module)
    assert own is not None, f"{module} belongs to no layer"
    upward = sorted(name for name in imports
                    if name.startswith("tui") or (_layer(name) or 0) > own)
    if module == "cli.interview":  # the one door into the TUI
        upward = [name for name in upward if not name.startswith("tui")]
    assert not upward, f"{module} imports from a higher layer: {upward}"


def test_only_the_cli_interview_command_imports_the_tui():
    importers = sorted(_module_name(p) for p in _package_modules()
                       if not _module_name(p).startswith("tui")
                       and any(name.startswith("tui") for name in _imports(p)))
    assert importers == ["cli.interview"]


def test_engine_never_imports_textual():
    modules = sorted(_module_name(p) for p in _package_modules()
                     if _module_name(p).startswith(("engine", "services")))
    code = "; ".join(f"import gvc_advisor.{m}" for m in modules) + "; import sys; print('textual' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_batch_cli_does_not_load_the_tui(tmp_path):
    answers = tmp_path / "a.yaml"
    answers.write_text("answers:\n  industry: apparel\n")
    code = ("import sys; from gvc_advisor.cli import main; sys.argv = ['gvc-advisor', 'advise', "
            f"{str(answers)!r}, '--format', 'json']\ntry:\n    main()\nexcept SystemExit:\n    pass\n"
            "print('textual' in sys.modules, file=sys.stderr)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stderr.strip().endswith("False")


def test_no_import_cycles():
    """Two modules importing each other (even lazily, or only for type checking)
    means neither can be understood alone: the loader↔crossref cycle was one."""
    modules = {_module_name(p): p for p in _package_modules()}
    graph = {m: {i for i in _imports(p) if i in modules and i != m} for m, p in modules.items()}
    state: dict[str, int] = {}

    def visit(module: str, stack: list[str]) -> list[str] | None:
        state[module] = 1
        for nxt in sorted(graph[module]):
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt):], nxt] if nxt in stack else [module, nxt]
            if nxt not in state and (found := visit(nxt, [*stack, nxt])):
                return found
        state[module] = 2
        return None

    for module in sorted(graph):
        if module not in state and (cycle := visit(module, [module])):
            raise AssertionError("import cycle: " + " → ".join(cycle))
