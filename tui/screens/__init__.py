"""One screen per module; :func:`by_name` maps command-palette names to screens."""

from __future__ import annotations

from importlib import import_module

_SCREENS = {
    "new": ("home", "NewInterviewScreen"),
    "sessions": ("sessions", "SessionsScreen"),
    "results": ("results", "ResultsScreen"),
    "answers": ("answers", "AnswersScreen"),
    "whatif": ("whatif", "WhatIfScreen"),
    "export": ("export", "ExportScreen"),
    "cases": ("cases", "CasesScreen"),
    "glossary": ("glossary", "GlossaryScreen"),
    "compare": ("compare", "CompareScreen"),
    "rollup": ("rollup", "RollupScreen"),
    "training": ("training", "TrainingScreen"),
}


def by_name(name: str) -> type:
    module, cls = _SCREENS[name]
    return getattr(import_module(f"gvc_advisor.tui.screens.{module}"), cls)
