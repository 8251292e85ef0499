"""Shaping text for SMS: GSM-7 safe characters, word-boundary splitting, numbered options,
and how many segments a text costs (`sms_size`, the one segment counter of the project).

Pure functions (no I/O; wording through the Babel catalogs of `core.i18n`), used by the backend
when it turns the assistant's replies into texts; tests pin their behaviour exactly.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from core.i18n import _
from core.languages import is_language_payload
from core.sms_encoding import (  # noqa: F401 - re-exported: the project's one segment counter
    GSM7,
    GSM7_BASIC,
    GSM7_EXTENDED,
    GSM7_PART,
    GSM7_SINGLE,
    UCS2,
    UCS2_PART,
    UCS2_SINGLE,
    SmsSize,
    encoding,
    is_gsm7,
    max_units,
    sms_size,
)

# Typographic characters phones and web copy use, mapped to plain GSM-7 ones. Without this a
# single curly quote turns the whole text into UCS-2 (70 characters per segment, not 160).
_REPLACEMENTS = {
    "\u2018": "'",  # left single quote
    "\u2019": "'",  # right single quote / apostrophe
    "\u201a": "'",
    "\u201b": "'",
    "\u2032": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u2033": '"',
    "\u2013": "-",  # en dash
    "\u2014": "-",  # em dash
    "\u2012": "-",
    "\u2015": "-",
    "\u2212": "-",
    "\u2010": "-",
    "\u2011": "-",
    "\u2026": "...",  # ellipsis
    "\u00a0": " ",  # no-break space
    "\u2009": " ",
    "\u202f": " ",
    "\u200b": "",  # zero-width space
    "\u2022": "-",  # bullet
    "\u00b7": "-",
    "\t": " ",
}
_REPLACE_RE = re.compile("|".join(re.escape(k) for k in _REPLACEMENTS))

# Two GSM-7 segments of a concatenated text: short enough to read, long enough for a sentence
# or three. Longer replies become several texts, split between words.
DEFAULT_PART_LIMIT = max_units(GSM7, 2)  # 306
# A reply that needs UCS-2 (Welsh ŵ, Polish ł, Panjabi, Urdu: core/sms_encoding.py) holds 67
# characters a segment: four segments carry about the same sentence or three.
UCS2_PART_LIMIT = max_units(UCS2, 4)  # 268


def part_limit(text: str) -> int:
    """The longest part of `text` in characters, for the encoding the text needs."""
    return DEFAULT_PART_LIMIT if encoding(text) == GSM7 else UCS2_PART_LIMIT


def gsm_safe(text: str) -> str:
    """Replace curly quotes, dashes, ellipses and odd spaces with GSM-7 characters.

    Other characters (accented letters, emoji) are left alone: they still send, as UCS-2.
    """
    return _REPLACE_RE.sub(lambda m: _REPLACEMENTS[m.group(0)], text)


def _split_words(text: str, limit: int) -> list[str]:
    """Split one line into parts of at most `limit` characters, between words only."""
    parts: list[str] = []
    current = ""
    for token in re.findall(r"\S+\s*", text):
        if current and len(current + token.rstrip()) > limit:
            parts.append(current.rstrip())
            current = ""
        current += token
    if current.strip():
        parts.append(current.rstrip())
    return parts


def split_sms(text: str, limit: int = DEFAULT_PART_LIMIT) -> list[str]:
    """Split `text` into parts of at most `limit` characters, only ever between words.

    Breaks go between lines where a line fits (so a summary line or "Send it to the team?" is
    never cut in two), otherwise between words. Line breaks are kept inside a part. A single
    word longer than `limit` (a long link) becomes a part of its own rather than being cut.
    """
    text = text.strip()
    if not text:
        return []
    if len(text) <= limit:
        return [text]
    parts: list[str] = []
    current = ""
    for line in text.split("\n"):
        candidate = f"{current}\n{line}" if current else line
        if len(candidate.rstrip()) <= limit:
            current = candidate
            continue
        if current.strip():
            parts.append(current.strip())
        if len(line.strip()) <= limit:
            current = line.strip()
        else:
            pieces = _split_words(line.strip(), limit)
            parts.extend(pieces[:-1])
            current = pieces[-1] if pieces else ""
    if current.strip():
        parts.append(current.strip())
    return parts


def _button_title(button: Mapping[str, Any]) -> str:
    return gsm_safe(str(button.get("title") or button.get("payload") or "").strip())


def format_options(
    buttons: Sequence[Mapping[str, Any]], language: str = "en", numbered: bool = True
) -> str:
    """'Reply 1 for Yes, 2 for No': the buttons as numbered options, payloads never shown.

    The language menu (core/languages.py) is one short line in the languages' own scripts,
    "1 English, 2 Cymraeg, 3 Polski, ...": the resident may not read the current language.
    When its numbers cannot be answered (a later message of the turn offers options of its
    own, and a number answers those), it names the languages only."""
    titles = [_button_title(b) for b in buttons]
    if buttons and all(is_language_payload(b.get("payload")) for b in buttons):
        if not numbered:
            return ", ".join(title for title in titles if title)
        return ", ".join(f"{n} {title}" for n, title in enumerate(titles, start=1) if title)
    choices = [
        _("{number} for {option}", language=language, number=n, option=title)
        for n, title in enumerate(titles, start=1)
        if title
    ]
    if not choices:
        return ""
    return _("Reply {choices}.", language=language, choices=", ".join(choices))


def shape_reply(
    message: Mapping[str, Any],
    limit: int | None = None,
    language: str = "en",
    numbered: bool = True,
) -> list[str]:
    """One bot message (Rasa's output dict) as SMS parts: text, then its numbered options.

    Without `limit`, parts are as long as the text's encoding allows (`part_limit`). Images
    are sent as their link; custom payloads and button payloads are never shown.
    """
    pieces = []
    text = str(message.get("text") or "").strip()
    if text:
        pieces.append(text)
    image = message.get("image")
    if isinstance(image, str) and image.strip():
        pieces.append(image.strip())
    buttons = message.get("buttons") or []
    if isinstance(buttons, list) and buttons:
        options = format_options([b for b in buttons if isinstance(b, Mapping)], language, numbered)
        if options:
            pieces.append(options)
    body = gsm_safe("\n".join(pieces))
    return split_sms(body, limit or part_limit(body))


def shape_replies(
    messages: Iterable[Mapping[str, Any]], limit: int | None = None, language: str = "en"
) -> list[str]:
    """Every bot message of one turn, in order, as SMS parts (a number answers the options of
    the turn's last message that has any: `last_buttons`)."""
    messages = list(messages)
    with_options = [i for i, m in enumerate(messages) if m.get("buttons")]
    last = with_options[-1] if with_options else -1
    parts: list[str] = []
    for index, message in enumerate(messages):
        parts.extend(shape_reply(message, limit, language, numbered=index == last))
    return parts


def last_buttons(messages: Iterable[Mapping[str, Any]]) -> list[dict[str, str]]:
    """The buttons of the turn's last message that has any ({title, payload} only)."""
    found: list[dict[str, str]] = []
    for message in messages:
        buttons = message.get("buttons") or []
        if isinstance(buttons, list) and buttons:
            found = [
                {"title": str(b.get("title") or ""), "payload": str(b.get("payload") or "")}
                for b in buttons
                if isinstance(b, Mapping) and b.get("payload")
            ]
    return found


def _normalise(text: str) -> str:
    text = gsm_safe(text).lower()
    text = re.sub(r"[^\w\s']", " ", text)
    return " ".join(text.split())


def match_option(reply: str, buttons: Sequence[Mapping[str, Any]]) -> str | None:
    """The payload the resident chose by number ('1', '1.', ' 2 ') or by the option's words.

    Returns None when the reply is neither, so it goes to the assistant as typed.
    """
    if not buttons:
        return None
    cleaned = _normalise(reply)
    if not cleaned:
        return None
    digits = re.fullmatch(r"(?:option\s*)?(\d{1,2})", cleaned)
    if digits:
        index = int(digits.group(1)) - 1
        if 0 <= index < len(buttons):
            return str(buttons[index].get("payload") or "") or None
        return None
    for button in buttons:
        title = _normalise(str(button.get("title") or ""))
        if title and cleaned == title:
            return str(button.get("payload") or "") or None
    return None


def keyword(body: str) -> str:
    """The body as a keyword ('stop', 'Stop.', ' STOP ' -> 'STOP'), as Twilio matches them."""
    return re.sub(r"[^A-Z]", "", body.strip().upper()) if len(body.strip()) <= 20 else ""
