"""Babel catalogs for every resident-facing string (bot replies, texts, web chat).

Source strings are English and marked with `_()` (translate now) or `N_()` (mark for
extraction, translate later). Catalogs live in `locales/<lang>/LC_MESSAGES/messages.po` and are
compiled in memory on first use, so there is no build step to forget.
"""

from __future__ import annotations

import io
from datetime import date
from functools import lru_cache
from pathlib import Path

from babel.dates import format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

from core.languages import SOURCE_LANGUAGE, babel_locale
from core.languages import language as language_info
from core.settings import PROJECT_ROOT

LOCALES_DIR = PROJECT_ROOT / "locales"
DOMAIN = "messages"


def N_(message: str) -> str:  # noqa: N802 - gettext convention
    """Mark a string for extraction without translating it yet."""
    return message


@lru_cache(maxsize=16)
def translations(language: str) -> NullTranslations:
    """Return the compiled catalog for `language` (falls back to the English source)."""
    po_path = LOCALES_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    if not po_path.exists():
        return NullTranslations()
    with po_path.open("rb") as handle:
        catalog = read_po(handle, locale=language)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(fp=buffer, domain=DOMAIN)


def available_languages() -> list[str]:
    return list(_languages_in(LOCALES_DIR))


@lru_cache(maxsize=4)
def _languages_in(locales_dir: Path) -> tuple[str, ...]:
    """The languages with a catalog in `locales_dir`, looked up once per process: every
    translated string asks (a directory walk each time was a quarter of the Rasa server's time
    under load, bench/load.py); catalogs change only with a new release, which restarts it."""
    languages = {SOURCE_LANGUAGE}
    if locales_dir.exists():
        languages.update(
            p.parent.parent.name for p in locales_dir.glob(f"*/LC_MESSAGES/{DOMAIN}.po")
        )
    return tuple(sorted(languages))


def normalise_language(language: str | None) -> str:
    if not language:
        return SOURCE_LANGUAGE
    code = language.replace("-", "_").split("_")[0].lower()
    return code if code in available_languages() else SOURCE_LANGUAGE


def _(message: str, language: str | None = None, **values: object) -> str:
    """Translate `message` into `language` and fill `{placeholders}` from `values`."""
    text = translations(normalise_language(language)).gettext(message)
    return text.format(**values) if values else text


def ngettext(
    singular: str, plural: str, n: int, language: str | None = None, **values: object
) -> str:
    text = translations(normalise_language(language)).ngettext(singular, plural, n)
    return text.format(n=n, **values)


def day_name(day: date, language: str | None = None) -> str:
    """A named day as residents read it in a sentence: 'Monday 7 December', 'dydd Llun 7
    Rhagfyr', 'poniedziałek, 7 grudnia', 'segunda-feira, 7 de dezembro' (Babel's CLDR names,
    each language's own pattern in core/languages.py)."""
    chosen = language_info(normalise_language(language))
    text = format_date(day, chosen.day_pattern, locale=babel_locale(chosen.code))
    if chosen.code == "cy" and text.startswith("Dydd "):
        # CLDR's format form capitalises "Dydd"; inside a sentence Welsh writes "dydd Llun".
        text = "d" + text[1:]
    return text
