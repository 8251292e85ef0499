"""Choosing the conversation's language by text (issue 16), read from the words alone.

By SMS the first reply of a new conversation offers the languages as one short line
("1 English, 2 Cymraeg, 3 Polski, ..."; `first_sms_reply`, applied by bot/nlg.py). A resident
answers with the number (the backend maps it to the option's payload, as it does for every
numbered option: backend/sms_inbound/assistant.py) or with the language's name, in English or
in its own script, in any case and with or without accents ("cymraeg", "Welsh", "romana",
"اردو"). At any point "language" in any of the seven languages ("iaith", "język", "limba",
"ਭਾਸ਼ਾ", "زبان", "idioma") shows the menu again. On the web the page's own menu chooses
(backend/webchat); these words work there too.

`choice_intent` is applied by `bot.routing.decide` on every message after the safety layer (a
danger is always answered first), like the conversation commands of bot/commands.py: a message
that is only a language's name or the word "language" is the `choose_language` intent, whatever
the classifier read. `action_choose_language` (bot/actions/language.py) then sets the
`language` slot, which every later reply, the report sent to the backend and so every later
text and email about the case follow.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Mapping
from typing import Any

from core.languages import LANGUAGE_PAYLOAD_INTENT, LANGUAGES, fold

CHOOSE_LANGUAGE_INTENT = LANGUAGE_PAYLOAD_INTENT  # "choose_language"
MAX_CHOICE_LENGTH = 40

# "Language" in each supported language (folded: lower case, Latin accents removed).
COMMAND_WORDS = frozenset(
    fold(word)
    for word in (
        "language",
        "languages",
        "change language",
        "choose language",
        "iaith",
        "newid iaith",
        "język",
        "zmień język",
        "limba",
        "limbă",
        "schimbă limba",
        "ਭਾਸ਼ਾ",
        "ਬੋਲੀ",
        "زبان",
        "زبان تبدیل کریں",
        "idioma",
        "mudar idioma",
        "lingua",
        "língua",
    )
)
# Every name a resident may type for each language, folded.
NAMES: dict[str, str] = {
    fold(name): language.code
    for language in LANGUAGES
    for name in (language.english_name, language.own_name, *language.other_names)
}


def _clean(text: str) -> str | None:
    """The message folded, without the punctuation around it; None when it cannot be one."""
    text = " ".join(str(text or "").split())
    if not text or text.startswith("/") or len(text) > MAX_CHOICE_LENGTH:
        return None
    folded = fold(text)
    # Punctuation and symbols around it ("Polski!", "¿idioma?", "اردو۔"); never a letter's
    # marks (Gurmukhi vowel signs are marks, not punctuation).
    start, end = 0, len(folded)
    while start < end and _outer(folded[start]):
        start += 1
    while end > start and _outer(folded[end - 1]):
        end -= 1
    return folded[start:end] or None


def _outer(ch: str) -> bool:
    return unicodedata.category(ch)[0] in "PSZC"


def named_language(text: str) -> str | None:
    """The language a message names and nothing else ("Cymraeg", "welsh", "اردو"), or None."""
    cleaned = _clean(text)
    return NAMES.get(cleaned) if cleaned else None


def numbered_language(text: str) -> str | None:
    """The language a number 1-7 picks in the menu's order (only read against the menu)."""
    cleaned = _clean(text)
    if cleaned is None or not re.fullmatch(r"\d{1,2}", cleaned):
        return None
    index = int(cleaned) - 1
    return LANGUAGES[index].code if 0 <= index < len(LANGUAGES) else None


def is_language_command(text: str) -> bool:
    """Is the message only "language" (in one of the seven languages)?"""
    cleaned = _clean(text)
    return cleaned is not None and cleaned in COMMAND_WORDS


def choice_intent(text: str) -> str | None:
    """`choose_language` for "language" or a language's name alone, else None."""
    if is_language_command(text) or named_language(text) is not None:
        return CHOOSE_LANGUAGE_INTENT
    return None


def payload(code: str) -> str:
    """The button payload choosing `code`: `/choose_language{"language": "cy"}`."""
    return f"/{CHOOSE_LANGUAGE_INTENT}{json.dumps({'language': code})}"


def menu_buttons() -> list[dict[str, str]]:
    """The menu as buttons: each language's own name (the SMS path numbers them 1 to 7)."""
    return [
        {"title": language.own_name, "payload": payload(language.code)} for language in LANGUAGES
    ]


def menu_line() -> str:
    """The menu as one short line: "1 English, 2 Cymraeg, 3 Polski, ..."."""
    return ", ".join(f"{n} {language.own_name}" for n, language in enumerate(LANGUAGES, start=1))


def names_line() -> str:
    """The languages by name only, for a reply that has numbered options of its own."""
    return ", ".join(language.own_name for language in LANGUAGES)


def chosen_language(entities: Any, text: str) -> str | None:
    """The language a message chose: a menu button's `language` entity, else its words."""
    for entity in entities or ():
        if isinstance(entity, Mapping) and entity.get("entity") == "language":
            code = str(entity.get("value") or "")
            if code in NAMES.values():
                return code
    return named_language(text) or numbered_language(text)


def chosen_this_turn(tracker: Mapping[str, Any]) -> str | None:
    """A language the assistant said was chosen since the resident's last message (the web's
    custom message `{"language": "cy"}`), so the rest of the turn is said in it too."""
    for event in reversed(list(tracker.get("events") or ())):
        if not isinstance(event, Mapping) or event.get("event") == "user":
            return None
        if event.get("event") == "bot":
            custom = (event.get("data") or {}).get("custom")
            code = custom.get("language") if isinstance(custom, Mapping) else None
            if isinstance(code, str) and code in NAMES.values():
                return code
    return None


def _is_first_reply(tracker: Mapping[str, Any]) -> bool:
    """The resident has written and the assistant has not replied yet in this session (a
    tracker without events is not read as a new conversation)."""
    first, heard = True, False
    for event in tracker.get("events") or ():
        kind = event.get("event") if isinstance(event, Mapping) else None
        if kind == "session_started":
            first, heard = True, False
        elif kind == "user":
            heard = True
        elif kind == "bot":
            first = False
    return first and heard


def offers_menu(tracker: Mapping[str, Any], family: str) -> bool:
    """The first reply of a new SMS conversation whose language nobody chose yet."""
    if family != "sms" or (tracker.get("slots") or {}).get("language"):
        return False
    metadata = (tracker.get("latest_message") or {}).get("metadata") or {}
    if metadata.get("language"):  # the backend remembers this number's earlier choice
        return False
    return _is_first_reply(tracker)


def first_sms_reply(answer: dict[str, Any], tracker: Mapping[str, Any], family: str) -> None:
    """Add the language menu to the first reply of a new SMS conversation, in place.

    A reply without options of its own gets the menu as its numbered options (the resident
    answers 1 to 7); one with options (its numbers are taken) names the languages instead,
    and the name alone chooses."""
    if not offers_menu(tracker, family):
        return
    if answer.get("buttons"):
        answer["text"] = f"{answer.get('text') or ''}\n{names_line()}".strip()
    else:
        answer["buttons"] = menu_buttons()
