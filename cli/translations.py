"""``gvc-advisor translations``: what a translator runs (status, update)."""

from __future__ import annotations

import re
from pathlib import Path

import click

from gvc_advisor.cli.base import EXIT_USER_ERROR, guarded, kb_option
from gvc_advisor.cli.translated_help import TranslatedGroup
from gvc_advisor.engine.i18n import N_, _

_CODE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")

_LANGUAGE_SKELETON = """\
# The language of this folder: how gvc-advisor names it and sets it in reports.
language:
  code: {code}
  name: {code}          # its English name, e.g. French
  native_name: {code}   # its own name, e.g. Français
  locales: [{code}]     # locale names (LANG) that select it, e.g. [fr, fr_FR, fr_BE]
  html_lang: {code}
"""


@click.group(cls=TranslatedGroup, help=N_(
    "Translate the interview, the advice and the reports into another language.\n\nTranslations live in "
    "translations/<code>/: language.yaml, ui/*.yaml (the program's messages) and a mirror of knowledge_base/ "
    "and rules/ (the knowledge base's texts, each with the hash of its English)."))
def translations() -> None:
    pass


def _english_kb(kb_dir: Path | None):
    from gvc_advisor.engine.kb.loader import load_knowledge_base

    return load_knowledge_base(kb_dir, language="en")


@translations.command(help=N_(
    "Create or refresh translations/CODE/ so it has an entry for every English text.\n\nNew texts get an empty "
    "'text'; texts whose English changed are marked 'review: true' with the old English beside them; "
    "translations of texts that no longer exist move to 'obsolete:'. A new language gets a language.yaml to "
    "fill in."))
@click.option("--lang", "code", required=True, metavar="CODE", help=N_("Language code, e.g. zh or fr."))
@kb_option
@guarded
def update(code: str, kb_dir: Path | None) -> None:
    from gvc_advisor.engine.i18n.languages import read_language_file, translations_dir
    from gvc_advisor.services.translations import update_language, update_ui_catalog

    if not _CODE.match(code) or code == "en":
        raise click.BadParameter(_("{code}: give a language code like zh or fr (English is the source)",
                                   code=repr(code)), param_hint="'--lang'")
    kb = _english_kb(kb_dir)
    folder = translations_dir(kb.root)
    language_file = folder / code / "language.yaml"
    if not language_file.is_file():
        language_file.parent.mkdir(parents=True, exist_ok=True)
        language_file.write_text(_LANGUAGE_SKELETON.format(code=code), encoding="utf-8")
        click.echo(_("created {file}: fill in the language's names and locales", file=language_file))
    language, problems = read_language_file(language_file)
    name = language.name if language else code
    summary = update_language(kb, code, name, kb.root)
    ui = update_ui_catalog(code, name, translations_dir()) if kb_dir is None else None
    for path in summary.written + (ui.written if ui else []):
        click.echo(_("wrote {file}", file=path))
    counts = _("{name}: {new} new text(s), {review} to review, {obsolete} moved to obsolete, {untranslated} "
               "untranslated", name=name, new=summary.new, review=summary.marked_for_review,
               obsolete=summary.obsolete, untranslated=summary.untranslated)
    click.echo(_("{counts}; UI: {new} new message(s), {untranslated} untranslated", counts=counts, new=ui.new,
                 untranslated=ui.untranslated) if ui else counts)
    for problem in problems:
        click.echo(problem.format(), err=True)


@translations.command(help=N_(
    "How complete each language is; exit 1 when any has untranslated or stale texts."))
@kb_option
@click.option("--verbose", "-v", is_flag=True, help=N_("List every untranslated or stale text."))
@guarded
def status(kb_dir: Path | None, verbose: bool) -> None:
    from gvc_advisor.engine.i18n.status import language_statuses

    kb = _english_kb(kb_dir)
    incomplete = False
    for language in language_statuses(kb):
        click.echo(_("{code}: knowledge base {translated}/{texts} translated, {stale} stale; UI "
                     "{messages_translated}/{messages} messages", code=language.code,
                     translated=language.translated, texts=language.texts, stale=language.stale,
                     messages_translated=language.messages_translated, messages=language.messages))
        incomplete |= bool(language.problems)
        if verbose:
            for problem in language.problems:
                click.echo("  " + problem.format())
    if incomplete:
        raise SystemExit(EXIT_USER_ERROR)


COMMANDS = [translations]
