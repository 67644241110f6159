"""Application services shared by the CLI and the TUI: saved sessions, reports,
the coverage grid, comparisons and generated knowledge bases.

They sit above the engine: they import ``gvc_advisor.engine``; the engine never
imports them, and they never import the TUI.
"""
