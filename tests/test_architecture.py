"""Layering: the engine (and the batch CLI) never import textual."""

from __future__ import annotations

import subprocess
import sys

ENGINE_MODULES = [
    "answers", "agenda", "certainty", "compare", "compat", "compiler", "consult", "coverage", "crossref",
    "dependencies", "errors", "evaluate", "explain", "interview", "kb_cache", "knowledge_base", "loader",
    "matcher", "normalize", "relevance", "report", "result", "session_engine", "session_store", "synthetic",
    "validation_report", "yaml_loader",
]


def test_engine_never_imports_textual():
    imports = "; ".join(f"import gvc_advisor.engine.{m}" for m in ENGINE_MODULES)
    code = f"{imports}; import sys; print('textual' in sys.modules)"
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
