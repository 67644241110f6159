"""Inference engine: load → validate → compile → consult → explain.

This package never imports textual: the CLI, the TUI and the tests all use it
through the same functions.
"""
