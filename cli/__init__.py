"""The command line: ``main`` is the ``gvc-advisor`` entry point."""

from gvc_advisor.cli.main import cli, main

__all__ = ["cli", "main"]
