"""Help and usage errors in the user's language.

Click reads ``help=`` and docstrings when a command is *defined*, at import,
before ``--lang`` or the locale is known.  So the texts stay English in the
command objects (marked with ``N_`` for the catalog) and are translated when
shown: :class:`TranslatedCommand` and :class:`TranslatedGroup` swap in the
current language's help, short help and option help while click formats
them, and put them back afterwards.

Click's own words ("Usage:", "Missing argument", "Show this message and
exit.") come from its gettext calls; :func:`route_click_messages` points those
at our catalog, where :data:`CLICK_MESSAGES` lists the ones a user meets.

Chinese characters take two terminal cells and Chinese has no spaces between
words: :class:`CellHelpFormatter` wraps such help by cells, not by ``len()``.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from importlib import import_module

import click
from click.formatting import HelpFormatter
from rich.cells import cell_len

from gvc_advisor.engine.i18n import N_, _

#: Click's messages that a user of gvc-advisor meets (help, usage errors); the
#: catalog translates them like ours.  Both forms of a plural are listed.
CLICK_MESSAGES = (
    N_("Usage:"), N_("Options"), N_("Commands"), N_("Positional arguments"), N_("Aborted!"),
    N_("Missing command."), N_("Show this message and exit."), N_("Show the version and exit."),
    N_("%(prog)s, version %(version)s"), N_("default: {default}"), N_("env var: {var}"), N_("required"),
    N_("Error: {message}"), N_("Try '{command} {option}' for help."),
    N_("Missing argument"), N_("Missing option"), N_("Missing parameter"), N_("Missing parameter: {param_name}"),
    N_("Missing {param_type}"), N_("argument"), N_("option"), N_("parameter"),
    N_("Invalid value for {param_hint}: {message}"), N_("Invalid value: {message}"),
    N_("No such option {name!r}."), N_("No such command {name!r}."),
    N_("Did you mean {possibility}?"), N_("(Did you mean one of: {possibilities}?)"),
    N_("Got unexpected extra argument ({args})"), N_("Got unexpected extra arguments ({args})"),
    N_("Option {name!r} does not take a value."), N_("Option {name!r} requires an argument."),
    N_("Option {name!r} requires {nargs} arguments."),
    N_("{value!r} is not {choice}."), N_("{value!r} is not one of {choices}."),
    N_("{value!r} does not match the format {format}."), N_("{value!r} does not match the formats {formats}."),
    N_("{value} is not in the range {range}."), N_("{value!r} is not a valid {number_type}."),
    N_("{name} {filename!r} does not exist."), N_("{name} {filename!r} is a file."),
    N_("{name} {filename!r} is a directory."), N_("{name} {filename!r} is not readable."),
    N_("{name} {filename!r} is not writable."), N_("Could not open file {filename!r}: {message}"),
)

#: The click modules that call gettext for the messages above.
_CLICK_MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "types", "termui", "utils")


def _click_gettext(message: str) -> str:
    return _(message)  # unformatted: click fills the placeholders itself


def _click_ngettext(singular: str, plural: str, count: int) -> str:
    return _(singular) if count == 1 else _(plural)


def route_click_messages() -> None:
    """Make click's gettext calls read our catalog (in the current language, English by default)."""
    for name in _CLICK_MODULES:
        module = import_module(f"click.{name}")
        if hasattr(module, "_"):
            module._ = _click_gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = _click_ngettext  # type: ignore[attr-defined]


# -- wrapping by terminal cells -------------------------------------------------------
def _is_wide(text: str) -> bool:
    return cell_len(text) != len(text)


def _wrap_cells(text: str, width: int, first: str = "", rest: str = "") -> list[str]:
    """Paragraphs of ``text`` wrapped to ``width`` cells (blank lines kept between them)."""
    from gvc_advisor.engine.text_wrap import fill

    lines: list[str] = []
    for paragraph in text.split("\n\n"):
        if lines:
            lines.append("")
        joined = " ".join(line.strip() for line in paragraph.splitlines() if line.strip())
        lines += fill(joined, width, first, rest).splitlines() if joined else []
    return lines


class CellHelpFormatter(HelpFormatter):
    """Click's formatter, measuring text with wide (CJK) characters in terminal cells."""

    def write_text(self, text: str) -> None:
        if not _is_wide(text):
            super().write_text(text)
            return
        indent = " " * self.current_indent
        self.write("\n".join(_wrap_cells(text, self.width or 78, indent, indent)) + "\n")

    def write_dl(self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:
        rows = list(rows)
        if not any(_is_wide(second) for _first, second in rows):
            super().write_dl(rows, col_max, col_spacing)
            return
        first_col = min(max((cell_len(first) for first, _second in rows), default=0), col_max) + col_spacing
        text_width = max((self.width or 78) - first_col - 2, 10)
        for first, second in rows:
            self.write(f"{'':>{self.current_indent}}{first}")
            if not second:
                self.write("\n")
                continue
            if cell_len(first) <= first_col - col_spacing:
                self.write(" " * (first_col - cell_len(first)))
            else:
                self.write("\n" + " " * (first_col + self.current_indent))
            lines = _wrap_cells(second, text_width) or [""]
            self.write(lines[0] + "\n")
            for line in lines[1:]:
                self.write((f"{'':>{first_col + self.current_indent}}{line}" if line else "") + "\n")


class TranslatedContext(click.Context):
    formatter_class = CellHelpFormatter


# -- help texts in the current language ---------------------------------------------
def _translated(text: str | None) -> str | None:
    if not text:
        return text
    english = inspect.cleandoc(text)
    shown = _(english)  # marked with N_ where the command is defined
    return text if shown == english else shown


def _short_help(text: str, limit: int) -> str:
    """The first sentence of a help text in a language that ends sentences with 。, cut to ``limit`` cells."""
    from rich.text import Text

    first = text.split("\n\n", 1)[0].replace("\n", "")
    first = first.split("。", 1)[0]
    cut = Text(first)
    cut.truncate(limit, overflow="ellipsis")
    return cut.plain.replace(" …", "…")  # (a wide character cut in half leaves a space)


#: The help of click's --help option, kept in English on the option (click caches the
#: option per command, so a text translated when it was made would stay in that language).
HELP_OPTION_HELP = N_("Show this message and exit.")


@contextmanager
def _texts_in_language(command: click.Command, ctx: click.Context | None = None) -> Iterator[None]:
    """The command's help texts in the current language while click formats them."""
    saved = [(command, "help", command.help), (command, "short_help", command.short_help),
             (command, "epilog", command.epilog)]
    params = command.get_params(ctx) if ctx is not None else command.params
    saved += [(param, "help", param.help) for param in params if isinstance(param, click.Option)]
    try:
        for owner, attribute, text in saved:
            setattr(owner, attribute, _translated(text))
        yield
    finally:
        for owner, attribute, text in saved:
            setattr(owner, attribute, text)


def explicit_language(args: Sequence[str]) -> str | None:
    """The value of ``--lang`` on a command line (before any ``--``), if given."""
    for index, arg in enumerate(args):
        if arg == "--":
            return None
        if arg == "--lang" and index + 1 < len(args):
            return args[index + 1]
        if arg.startswith("--lang="):
            return arg.removeprefix("--lang=")
    return None


class _Translated(click.Command):
    context_class = TranslatedContext

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        # ``--lang`` anywhere on a command's line decides the language of everything click
        # says while parsing it (``advise --help --lang zh`` too), not only what follows it.
        # Only for a command (not a group: its line holds its sub-command's options) whose
        # --lang is the language option (``translations update --lang`` names another).
        from gvc_advisor.cli.language import apply_explicit_language, is_language_option

        if not isinstance(self, click.Group) and any(is_language_option(p) for p in self.params):
            apply_explicit_language(explicit_language(args))
        return super().parse_args(ctx, args)

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)
        if option is not None and not getattr(option, "_english_help", False):  # once: click caches it
            option.help = HELP_OPTION_HELP
            option._english_help = True  # type: ignore[attr-defined]
        return option

    def format_help(self, ctx: click.Context, formatter: HelpFormatter) -> None:
        with _texts_in_language(self, ctx):
            super().format_help(ctx, formatter)

    def get_short_help_str(self, limit: int = 45) -> str:
        with _texts_in_language(self):
            text = self.short_help or self.help or ""
            if _is_wide(text) and not self.short_help:
                return _short_help(inspect.cleandoc(text), limit)
            return super().get_short_help_str(limit)


class TranslatedCommand(_Translated):
    """A command whose help is shown in the current language."""


class TranslatedGroup(_Translated, click.Group):
    """A group whose help (and its commands' short help) is shown in the current language."""

    command_class = TranslatedCommand
