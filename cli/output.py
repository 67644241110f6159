"""Writing a command's text output: to standard output, or atomically to a file."""

from __future__ import annotations

from pathlib import Path

import click

from gvc_advisor.services.output_files import write_text_atomically


def write_output(text: str, output: Path | None) -> None:
    if output is None:
        click.echo(text, nl=False)
    else:
        write_text_atomically(output, text)
