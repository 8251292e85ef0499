"""Issue 16: every language's catalog is complete and safe to use. For each catalog in
locales/ (English, the source language, aside): no missing (empty) or fuzzy entry (Babel leaves
fuzzy entries out, so the resident would read English), every msgid of locales/messages.pot
present (the catalog was updated after the last extraction: `pybabel update`), the `{placeholders}`
of each translation equal to the English ones (a missing one loses a reference or a day, an
extra one breaks `str.format`), and a header comment saying whether the translation is a draft
or reviewed (`# Translation status: draft (...)`), which tools/translation_status.py reports.

These tests fail while a translation is unfinished: that is what they are for.
"""

from __future__ import annotations

import string
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po

from core.languages import SOURCE_LANGUAGE, SUPPORTED

ROOT = Path(__file__).resolve().parents[2]
LOCALES = ROOT / "locales"
LANGUAGES = sorted(
    p.parent.parent.name
    for p in LOCALES.glob("*/LC_MESSAGES/messages.po")
    if p.parent.parent.name != SOURCE_LANGUAGE
)


def read(path: Path, language: str | None = None) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=language)


def catalog(language: str) -> Catalog:
    return read(LOCALES / language / "LC_MESSAGES" / "messages.po", language)


def template_ids() -> set[object]:
    return {m.id for m in read(LOCALES / "messages.pot") if m.id}


def forms(value: object) -> tuple[str, ...]:
    return tuple(value) if isinstance(value, (tuple, list)) else (str(value or ""),)


def placeholders(text: str) -> set[str]:
    try:
        return {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}
    except ValueError:  # an unbalanced brace: never equal to a well-formed source
        return {"<unbalanced braces>"}


def entries(language: str) -> list[Message]:
    return [m for m in catalog(language) if m.id]


def short(message: Message) -> str:
    first = forms(message.id)[0]
    return first if len(first) <= 70 else first[:67] + "..."


def test_every_supported_language_has_a_catalog() -> None:
    assert sorted(set(SUPPORTED) - {SOURCE_LANGUAGE}) == LANGUAGES


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_entry_is_missing(language: str) -> None:
    found = {m.id for m in entries(language)}
    not_updated = sorted(str(forms(i)[0])[:70] for i in template_ids() - found)
    assert not not_updated, f"{language}: not in the catalog (run pybabel update): {not_updated}"
    empty = [short(m) for m in entries(language) if not all(forms(m.string))]
    assert not empty, f"{language}: {len(empty)} entries not translated: {empty}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_entry_is_fuzzy(language: str) -> None:
    fuzzy = [short(m) for m in entries(language) if m.fuzzy]
    assert not fuzzy, f"{language}: {len(fuzzy)} fuzzy entries (need checking): {fuzzy}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_placeholders_are_the_englishs(language: str) -> None:
    wrong = []
    for message in entries(language):
        if message.fuzzy:  # test_no_entry_is_fuzzy names these; their words are a guess
            continue
        expected = set().union(*(placeholders(source) for source in forms(message.id)))
        for translated in forms(message.string):
            if translated and placeholders(translated) != expected:
                wrong.append(f"{short(message)} -> {sorted(placeholders(translated))}")
    assert not wrong, f"{language}: placeholders differ from the English: {wrong}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_header_says_draft_or_reviewed(language: str) -> None:
    header = catalog(language).header_comment
    status = [
        line.lstrip("# ").split(":", 1)[1].split()[0].lower()
        for line in header.splitlines()
        if line.lstrip("# ").lower().startswith("translation status:")
        and line.split(":", 1)[1].strip()
    ]
    assert status and status[0] in ("draft", "reviewed"), (
        f"{language}: the header comment needs '# Translation status: draft (...)' or "
        "'# Translation status: reviewed (...)'"
    )
