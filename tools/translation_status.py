"""How far each language's catalog is translated, and whether a native speaker has reviewed it.

    python tools/translation_status.py            # print the table, write docs/translations.md
    python tools/translation_status.py --print    # print only

For every catalog in locales/<lang>/LC_MESSAGES/messages.po (English, the source, aside): the
entries translated out of all entries of locales/messages.pot (as `pybabel compile
--statistics` counts them: a fuzzy entry is not translated, Babel leaves it out), the fuzzy and
empty ones, and the status its header comment declares, a line `# Translation status: draft
(...)` or `# Translation status: reviewed (...)`. A landlord reads docs/translations.md to know
what a native speaker must still review. tests/core/test_catalogs.py fails on any missing or
fuzzy entry.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from core.languages import BY_CODE, SOURCE_LANGUAGE, staff_name  # noqa: E402

LOCALES = ROOT / "locales"
TEMPLATE = LOCALES / "messages.pot"
DOCUMENT = ROOT / "docs" / "translations.md"
STATUS_LINE = re.compile(r"^Translation status:\s*(?P<status>\w+)\s*(?P<note>.*)$", re.IGNORECASE)


@dataclass(frozen=True)
class CatalogStatus:
    language: str
    translated: int
    fuzzy: int
    empty: int
    total: int  # entries in messages.pot
    status: str  # "draft", "reviewed" or "not declared"
    note: str

    @property
    def percent(self) -> int:
        return round(100 * self.translated / self.total) if self.total else 0


def read_catalog(path: Path, language: str | None = None) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=language)


def declared_status(catalog: Catalog) -> tuple[str, str]:
    """("draft" | "reviewed" | ..., the rest of the comment) from the header comment."""
    lines = [line.lstrip("#").strip() for line in catalog.header_comment.splitlines()]
    for index, line in enumerate(lines):
        match = STATUS_LINE.match(line)
        if match:
            note = [match.group("note")]
            for following in lines[index + 1 :]:
                if not following or STATUS_LINE.match(following):
                    break
                note.append(following)
            return match.group("status").lower(), " ".join(n for n in note if n).strip()
    return "not declared", ""


def _translated(message: Message) -> bool:
    """Every form has words (a plural entry has one string per form)."""
    strings = message.string if isinstance(message.string, tuple) else (message.string,)
    return all(strings)


def catalog_status(language: str, template_ids: set[object]) -> CatalogStatus:
    catalog = read_catalog(LOCALES / language / "LC_MESSAGES" / "messages.po", language)
    messages = [m for m in catalog if m.id and m.id in template_ids]
    fuzzy = sum(1 for m in messages if m.fuzzy)
    translated = sum(1 for m in messages if not m.fuzzy and _translated(m))
    status, note = declared_status(catalog)
    return CatalogStatus(
        language=language,
        translated=translated,
        fuzzy=fuzzy,
        empty=len(template_ids) - translated - fuzzy,
        total=len(template_ids),
        status=status,
        note=note,
    )


def languages() -> list[str]:
    """Every catalog's language, the supported ones first in their menu order."""
    found = {p.parent.parent.name for p in LOCALES.glob("*/LC_MESSAGES/messages.po")}
    found.discard(SOURCE_LANGUAGE)
    ordered = [code for code in BY_CODE if code in found]
    return ordered + sorted(found - set(ordered))


def statuses() -> list[CatalogStatus]:
    template_ids = {m.id for m in read_catalog(TEMPLATE) if m.id}
    return [catalog_status(language, template_ids) for language in languages()]


def table(rows: list[CatalogStatus]) -> str:
    lines = [
        "| Language | Code | Translated | Fuzzy | Missing | Status |",
        "|---|---|---|---|---|---|",
    ]
    for row in rows:
        name = staff_name(row.language) if row.language in BY_CODE else row.language
        lines.append(
            f"| {name} | `{row.language}` | {row.translated} of {row.total} ({row.percent}%) "
            f"| {row.fuzzy} | {row.empty} | {row.status} |"
        )
    return "\n".join(lines)


ADDING_A_LANGUAGE = """\
## Adding a language

The same steps every time (`xx` is the new language's ISO 639-1 code):

1. **Catalog.** `.venv/bin/pybabel init -i locales/messages.pot -d locales -l xx`, then put the
   status line at the top of its header comment: `# Translation status: draft (who drafted it,
   when; not yet reviewed by a native speaker)`.
2. **Translate** every entry in `locales/xx/LC_MESSAGES/messages.po`. Keep every `{placeholder}`
   exactly as in the English; keep the SMS keywords Twilio and our SMS service act on (STOP,
   START, HELP, UPLOAD) in English capitals. Other words residents are asked to type ("cancel
   report", "start again", "never mind", "case review", YES/NO, "skip", "same", REPORT...)
   may be translated: list each in the language's table in `core/command_words.py` (never as
   STOP, STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT, REVOKE or OPTOUT), and they work wherever
   the English word does. Name days with `{day}` (Babel writes the day in the language).
   Leave no entry fuzzy: Babel leaves fuzzy entries out.
3. **Supported list.** Add one `Language(...)` row at the end of `LANGUAGES` in
   `core/languages.py`: its English name, its own name in its own script (the menus show it),
   `"ltr"` or `"rtl"`, the CLDR pattern of a named day in a sentence, and other names
   residents may type for it. The web menu, the SMS menu, `Accept-Language`, the staff page's
   language and the interpreter mark follow from that row.
4. **Safety layer.** Add the language's lexicon and patterns for immediate danger, domestic
   abuse, hate and self-harm (`core/safety/`), reviewed by a native speaker, so 999 advice
   comes first in that language too.
5. **Blind set.** Have someone who has not seen the classifier or its data write at least 40
   messages in the language (a third of them emergencies, domestic abuse or hate) into the
   held-out sets of `bot/eval/`, before the first run.
6. **Bench.** Run the per-language bench (`bench/`), record emergency recall (target 100%),
   route accuracy (target 90% or more) and false 999 lines in `docs/benchmarks.md`.
7. **Check and record.** `.venv/bin/python -m pytest tests/core/test_catalogs.py` passes (no
   missing or fuzzy entry, placeholders equal), `pybabel compile --statistics` shows the
   counts, then `python tools/translation_status.py` updates this page.
8. **Review.** When a native speaker has reviewed it, change the header line to
   `# Translation status: reviewed (by whom, when)` and run the tool again.
"""


def document(rows: list[CatalogStatus]) -> str:
    notes = "\n".join(
        f"- **{staff_name(r.language) if r.language in BY_CODE else r.language}** "
        f"({r.status}): {r.note or 'no note in the catalog header'}"
        for r in rows
    )
    drafts = [r for r in rows if r.status != "reviewed"]
    warning = (
        "**Not yet reviewed by a native speaker: "
        + ", ".join(staff_name(r.language) for r in drafts if r.language in BY_CODE)
        + ".** A draft translation must be reviewed before residents rely on it; until then "
        "the assistant still gives every safety message (999 first) in these languages, from "
        "the draft wording.\n"
        if drafts
        else "Every catalog is marked as reviewed by a native speaker.\n"
    )
    return f"""# Translations

Every resident-facing string (chat, texts, emails, the web chat page, quick exit and upload
pages) is English source text translated through Babel catalogs
(`locales/<code>/LC_MESSAGES/messages.po`, from `locales/messages.pot`). This page is written
by `python tools/translation_status.py` from the catalogs themselves: run it after any change
to a catalog. "Translated" counts as `pybabel compile --statistics` does (a fuzzy entry is not
translated: Babel leaves it out and the English is shown). The status is what the catalog's
header comment declares (`# Translation status: draft` or `reviewed`).

{warning}
{table(rows)}

Notes from the catalogs' headers:

{notes}

`tests/core/test_catalogs.py` fails while any catalog has a missing or fuzzy entry, a
`{{placeholder}}` that differs from the English, or no declared status.

{ADDING_A_LANGUAGE}"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--print", action="store_true", help="print only, do not write the page")
    args = parser.parse_args(argv)
    rows = statuses()
    for row in rows:
        print(
            f"{row.language}: {row.translated} of {row.total} translated ({row.percent}%), "
            f"{row.fuzzy} fuzzy, {row.empty} missing; {row.status}"
        )
    if not args.print:
        DOCUMENT.write_text(document(rows), encoding="utf-8")
        print(f"wrote {DOCUMENT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
