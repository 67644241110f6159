"""``--lang``: the language of everything a command shows.

Every command accepts it (the group adds it to each, see
:mod:`gvc_advisor.cli.main`), and so does the group itself, before the
command.  Without it, ``GVC_ADVISOR_LANG``, then the locale (``LC_ALL``,
``LC_MESSAGES``, ``LANG``) decide; English when none names a known language.
"""

from __future__ import annotations

import os

import click

from gvc_advisor.engine.errors import shown
from gvc_advisor.engine.i18n import N_, _


def _known_codes() -> list[str]:
    from gvc_advisor.engine.i18n.languages import translations_dir

    folder = translations_dir()
    found = sorted(p.parent.name for p in folder.glob("*/language.yaml")) if folder.is_dir() else []
    return ["en", *(code for code in found if code != "en")]


def resolve_language(explicit: str | None, environ: dict[str, str] | None = None) -> str:
    """The language to use: ``--lang``, else ``GVC_ADVISOR_LANG``, else the locale."""
    env = os.environ if environ is None else environ
    chosen = explicit or env.get("GVC_ADVISOR_LANG")
    if chosen:
        if chosen not in _known_codes():
            raise click.BadParameter(
                _("{code} is not a language of gvc-advisor; choose one of: {languages}", code=shown(chosen),
                  languages=", ".join(_known_codes())), param_hint="'--lang'")
        return chosen
    from gvc_advisor.engine.i18n.languages import language_from_environment

    return language_from_environment(env)


def _apply(ctx: click.Context, _param: click.Parameter, value: str | None) -> None:
    from gvc_advisor.engine.i18n import current_language, set_language

    if value is None and ctx.parent is not None:
        return  # the group (or the environment) has decided already
    code = resolve_language(value)
    if code != current_language():
        set_language(code)


def is_language_option(param: click.Parameter) -> bool:
    """Is ``param`` the ``--lang`` option of :func:`lang_option` (not another option named so)?"""
    return getattr(param, "callback", None) is _apply


def apply_explicit_language(value: str | None) -> None:
    """Use a ``--lang`` seen on the command line before click parses it, so that help and
    usage errors are in that language wherever the option stands (an unknown code is
    left for the option's own check, which reports it)."""
    if value is None or value not in _known_codes():
        return
    from gvc_advisor.engine.i18n import current_language, set_language

    if value != current_language():
        set_language(value)


def lang_option() -> click.Option:
    """A fresh ``--lang`` option (click options cannot be shared between commands)."""
    return click.Option(
        ["--lang"], default=None, expose_value=False, is_eager=True, callback=_apply, metavar="CODE",
        help=N_("Language of the interview, advice and reports (en, zh…); "
                "default: GVC_ADVISOR_LANG, then LC_ALL/LC_MESSAGES/LANG."))

