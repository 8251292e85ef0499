"""The languages residents can use: their codes, their names in their own script, their text
direction, how a named day is written in each, and choosing one from a browser's
`Accept-Language` header.

Adding a language is a repeatable step (docs/translations.md): `pybabel init` its catalog,
translate it, then add one `Language` row to `LANGUAGES` below (the menu order on the web page
and in the SMS menu is this table's order, so keep English first and add new ones at the end:
residents who already chose by number are not affected, a number is only read against the
menu just shown).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from babel import Locale, UnknownLocaleError
from babel.core import negotiate_locale, parse_locale

SOURCE_LANGUAGE = "en"
# The intent of the language menu's buttons (`/choose_language{"language": "cy"}`): the bot
# offers them (bot/language_choice.py), the SMS shaping shows them as one short line.
LANGUAGE_PAYLOAD_INTENT = "choose_language"


@dataclass(frozen=True)
class Language:
    code: str  # ISO 639-1, as in locales/<code>/
    english_name: str  # staff pages: "Welsh (Cymraeg)"
    own_name: str  # what a speaker calls it, in its own script: the menu's words
    direction: str  # "ltr" or "rtl"
    day_pattern: str  # a named day as a sentence uses it (CLDR pattern)
    # Other names a resident may type to choose it (lower case, without accents).
    other_names: tuple[str, ...] = ()


# declarative table
LANGUAGES: tuple[Language, ...] = (
    Language("en", "English", "English", "ltr", "EEEE d MMMM", ("saesneg", "angielski")),
    # Welsh: "dydd Llun 7 Rhagfyr" (CLDR's format form capitalises "Dydd"; mid-sentence it is
    # lower case, see `day_name`).
    Language("cy", "Welsh", "Cymraeg", "ltr", "EEEE d MMMM", ("welsh", "cymraeg")),
    Language("pl", "Polish", "Polski", "ltr", "EEEE, d MMMM", ("polish", "polski", "polsku")),
    Language("ro", "Romanian", "Română", "ltr", "EEEE, d MMMM", ("romanian", "romana")),
    Language("pa", "Panjabi", "ਪੰਜਾਬੀ", "ltr", "EEEE, d MMMM", ("panjabi", "punjabi")),
    Language("ur", "Urdu", "اردو", "rtl", "EEEE، d MMMM", ("urdu",)),
    Language(
        "pt", "Portuguese", "Português", "ltr", "EEEE, d 'de' MMMM", ("portuguese", "portugues")
    ),
)
BY_CODE: dict[str, Language] = {language.code: language for language in LANGUAGES}
SUPPORTED: tuple[str, ...] = tuple(language.code for language in LANGUAGES)


def language(code: str | None) -> Language:
    """The supported language for `code` ("pl-PL" -> Polish); English when unknown."""
    return BY_CODE.get(base_code(code) or SOURCE_LANGUAGE, BY_CODE[SOURCE_LANGUAGE])


def base_code(tag: str | None) -> str | None:
    """The primary language of a tag ("pt-BR" -> "pt", "cy_GB" -> "cy"), lower case, or None."""
    if not tag or not isinstance(tag, str):
        return None
    try:
        code = parse_locale(tag.strip().replace("-", "_"))[0].lower()
    except ValueError:
        return None
    return code or None


def is_language_payload(payload: object) -> bool:
    """Is this a button payload of the language menu?"""
    return isinstance(payload, str) and payload.startswith(f"/{LANGUAGE_PAYLOAD_INTENT}")


def is_supported(code: str | None) -> bool:
    return base_code(code) in BY_CODE


def text_direction(code: str | None) -> str:
    """Right to left ("rtl") for Urdu (and any right-to-left language added later), else "ltr"."""
    return language(code).direction


def staff_name(code: str | None) -> str:
    """How staff pages name a resident's language: "English", "Welsh (Cymraeg)"."""
    chosen = language(code)
    if chosen.own_name == chosen.english_name:
        return chosen.english_name
    return f"{chosen.english_name} ({chosen.own_name})"


def needs_interpreter(code: str | None) -> bool:
    """A resident writing in another language than English may need an interpreter."""
    return (base_code(code) or SOURCE_LANGUAGE) != SOURCE_LANGUAGE


def _accept_language(header: str) -> list[str]:
    """The tags of an Accept-Language header, most wanted first (q=0 and "*" left out)."""
    weighted: list[tuple[float, int, str]] = []
    for index, part in enumerate((header or "").split(",")):
        tag, _sep, params = part.strip().partition(";")
        quality = 1.0
        for param in params.split(";"):
            name, _eq, value = param.strip().partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        tag = tag.strip()
        if tag and tag != "*" and quality > 0:
            weighted.append((-quality, index, tag.replace("-", "_")))
    return [tag for _quality, _index, tag in sorted(weighted)]


def negotiate(
    accept_language_header: str | None, available: tuple[str, ...] | list[str] = SUPPORTED
) -> str | None:
    """The best of `available` for a browser's Accept-Language header, or None.

    Babel's `negotiate_locale` matches "cy-GB" to "cy" (its aliases too); a region-only
    miss ("pl-PL" against "pl") falls back to the tag's primary language.
    """
    wanted = _accept_language(accept_language_header or "")
    if not wanted:
        return None
    choice = negotiate_locale(wanted, list(available), sep="_")
    if choice:
        return choice
    for tag in wanted:
        code = base_code(tag)
        if code in available:
            return code
    return None


def _babel_locale(code: str) -> Locale:
    try:
        return Locale.parse(code)
    except (UnknownLocaleError, ValueError):
        return Locale.parse(SOURCE_LANGUAGE)


def babel_locale(code: str | None) -> Locale:
    """Babel's locale for a supported language (English for anything else)."""
    return _babel_locale(language(code).code)


def fold(text: str) -> str:
    """Lower case without accents or extra spaces: "Română" -> "romana", "  POLSKI " -> "polski".

    Letters of other scripts (Gurmukhi, Urdu) are kept, their combining marks included only
    where they are not Latin accents."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    kept = "".join(
        ch
        for ch in decomposed
        if not (unicodedata.combining(ch) and ord(ch) < 0x0370)  # Latin accents only
    )
    return " ".join(unicodedata.normalize("NFC", kept).split())
