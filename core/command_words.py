"""The words the translated catalogs ask residents to type, and the English command each means.

A Polish reply asks for "ANULUJ ZGŁOSZENIE", the Welsh survey for "IE neu NA", a Portuguese text
for "RELATAR": each such phrase must work exactly where its English counterpart works. This is
one declarative table per language, `{english command: (translated phrases)}`, drafted with the
catalogs (issue 16; a native speaker reviews both together), and two ways to read a message
against it:

- `english_for(text)`: the English command a whole message means ("Tak" -> "yes", "anuluj
  zgłoszenie!" -> "cancel report"), or None. The places that read the English words apply it
  first and then read the English (bot/commands.py, the yes/no/skip answers, the survey, the SMS
  REPORT keyword), so the translated word does what the English one does and nothing else.
- `mentions(text, command)`: whether a translated phrase of `command` is in the message as whole
  words (only "case review" is read this way, as its English counterpart is).

Matching ignores case, accents (Latin letters only: a Gurmukhi or Urdu vowel sign is a letter),
punctuation and spacing, and the Arabic-keyboard forms of Urdu letters. English messages are
left alone: no phrase here is an English word with another meaning ("do", Welsh for "yes" to a
past-tense question, is only read when the resident's language is Welsh), and no phrase ever
means Twilio's opt-out words (STOP, STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT, REVOKE, OPTOUT):
those stay English keywords with Twilio's meaning alone (core/sms_keywords.py).

Adding a language: add its table below with the phrases its catalog asks residents to type.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping

from core.languages import fold

# The English commands a translated phrase may mean. Yes/no answers with more words ("Tak,
# wyślij") mean what their English button label means ("yes, send it"); `yes_no()` reads those.
CANCEL_REPORT = "cancel report"
YES_CANCEL_REPORT = "yes, cancel the report"
NEVER_MIND = "never mind"
START_AGAIN = "start again"
CASE_REVIEW = "case review"
YES = "yes"
NO = "no"
SKIP = "skip"
PREFER_NOT_TO_SAY = "prefer not to say"
REPORT_KEYWORD = "REPORT"  # the SMS keyword that reaches the assistant (backend/sms_inbound)

# fmt: off
COMMAND_WORDS: Mapping[str, Mapping[str, tuple[str, ...]]] = {
    "cy": {
        CANCEL_REPORT: ("canslo adroddiad", "canslo'r adroddiad"),
        NEVER_MIND: ("dim ots",),
        START_AGAIN: ("dechrau eto",),
        CASE_REVIEW: ("adolygiad achos",),
        YES: ("ie", "ydw", "ydy", "oes", "hoffwn", "byddwn"),
        NO: ("na", "nac ydw", "nac ydy", "nac oes", "naddo", "na hoffwn", "na fyddwn"),
        "no, thanks": ("dim diolch",),
        SKIP: ("hepgor",),
        "same": ("yr un fath",),
        PREFER_NOT_TO_SAY: ("mae'n well gen i beidio â dweud",),
        "text me a code": ("anfonwch god ata i",),
        REPORT_KEYWORD: ("ADRODD",),
    },
    "pl": {
        CANCEL_REPORT: ("anuluj zgłoszenie",),
        YES_CANCEL_REPORT: ("tak, anuluj zgłoszenie",),
        NEVER_MIND: ("nieważne",),
        START_AGAIN: ("zacznij od nowa",),
        CASE_REVIEW: ("przegląd sprawy",),
        YES: ("tak",),
        NO: ("nie",),
        SKIP: ("pomiń",),
        "skip these": ("pomiń te pytania",),
        PREFER_NOT_TO_SAY: ("wolę nie mówić",),
        "same": ("ten sam",),
        "text me a code": ("wyślij mi kod", "wyślij mi kod sms-em"),
        "no, carry on": ("nie, kontynuuj",),
        "yes, send it": ("tak, wyślij",),
        "no, change something": ("nie, chcę coś zmienić",),
        "yes, log it": ("tak, zapisz",),
        "no, thanks": ("nie, dziękuję",),
        "yes, ask me": ("tak, proszę pytać",),
    },
    "ro": {
        CANCEL_REPORT: ("anulează sesizarea",),
        YES_CANCEL_REPORT: ("da, anulați sesizarea",),
        NEVER_MIND: ("nu mai contează",),
        START_AGAIN: ("începe din nou",),
        CASE_REVIEW: ("revizuire caz", "revizuirea cazului"),
        YES: ("da",),
        NO: ("nu",),
        SKIP: ("omite", "omiteți"),
        "skip these": ("săriți peste acestea",),
        PREFER_NOT_TO_SAY: ("prefer să nu spun",),
        "same": ("aceeași",),
        "text me a code": ("trimite-mi un cod", "trimiteți-mi un cod prin sms"),
        "no, carry on": ("nu, continuăm",),
        "yes, send it": ("da, trimiteți-o",),
        "no, change something": ("nu, vreau să schimb ceva",),
        "yes, log it": ("da, înregistrați-o",),
        "no, thanks": ("nu, mulțumesc",),
        "yes, ask me": ("da, întrebați-mă",),
    },
    "pa": {
        CANCEL_REPORT: ("ਰਿਪੋਰਟ ਰੱਦ", "ਰਿਪੋਰਟ ਰੱਦ ਕਰੋ"),
        YES_CANCEL_REPORT: ("ਹਾਂ, ਰਿਪੋਰਟ ਰੱਦ ਕਰੋ",),
        NEVER_MIND: ("ਰਹਿਣ ਦਿਓ",),
        START_AGAIN: ("ਦੁਬਾਰਾ ਸ਼ੁਰੂ ਕਰੋ", "ਦੁਬਾਰਾ ਸ਼ੁਰੂ"),
        CASE_REVIEW: ("ਕੇਸ ਸਮੀਖਿਆ",),
        YES: ("ਹਾਂ",),
        NO: ("ਨਹੀਂ",),
        SKIP: ("ਛੱਡੋ", "ਇਹ ਛੱਡ ਦਿਓ"),
        "same": ("ਉਹੀ",),
        PREFER_NOT_TO_SAY: ("ਦੱਸਣਾ ਨਹੀਂ ਚਾਹੁੰਦੇ",),
        "text me a code": ("ਮੈਨੂੰ ਕੋਡ ਟੈਕਸਟ ਕਰੋ",),
        "yes, send it": ("ਹਾਂ, ਭੇਜ ਦਿਓ",),
        "no, change something": ("ਨਹੀਂ, ਕੁਝ ਬਦਲਣਾ ਹੈ",),
        "no, carry on": ("ਨਹੀਂ, ਜਾਰੀ ਰੱਖੋ",),
        "yes, that's ok": ("ਹਾਂ, ਠੀਕ ਹੈ",),
        "no, i object": ("ਨਹੀਂ, ਮੈਨੂੰ ਇਤਰਾਜ਼ ਹੈ",),
        "yes, ask me": ("ਹਾਂ, ਪੁੱਛੋ",),
        "yes, log it": ("ਹਾਂ, ਦਰਜ ਕਰ ਦਿਓ",),
        "no, thanks": ("ਨਹੀਂ, ਧੰਨਵਾਦ",),
        "try again": ("ਦੁਬਾਰਾ ਕੋਸ਼ਿਸ਼ ਕਰੋ",),
    },
    "ur": {
        CANCEL_REPORT: ("رپورٹ منسوخ", "رپورٹ منسوخ کریں"),
        YES_CANCEL_REPORT: ("ہاں، رپورٹ منسوخ کریں",),
        NEVER_MIND: ("رہنے دیں",),
        START_AGAIN: ("دوبارہ شروع کریں", "دوبارہ شروع"),
        CASE_REVIEW: ("کیس کا جائزہ",),
        YES: ("ہاں",),
        NO: ("نہیں",),
        SKIP: ("چھوڑیں", "یہ چھوڑ دیں"),
        "same": ("وہی",),
        PREFER_NOT_TO_SAY: ("بتانا پسند نہیں",),
        "text me a code": ("مجھے کوڈ ٹیکسٹ کریں",),
        "yes, send it": ("ہاں، بھیج دیں",),
        "no, change something": ("نہیں، کچھ بدلنا ہے",),
        "no, carry on": ("نہیں، جاری رکھیں",),
        "yes, that's ok": ("ہاں، ٹھیک ہے",),
        "no, i object": ("نہیں، مجھے اعتراض ہے",),
        "yes, ask me": ("ہاں، پوچھیں",),
        "yes, log it": ("ہاں، درج کر دیں",),
        "no, thanks": ("نہیں، شکریہ",),
        "try again": ("دوبارہ کوشش کریں",),
    },
    "pt": {
        CANCEL_REPORT: ("cancelar relato", "cancelar o relato"),
        NEVER_MIND: ("deixa pra lá", "deixa para lá"),
        START_AGAIN: ("começar de novo",),
        CASE_REVIEW: ("revisão de caso",),
        YES: ("sim",),
        NO: ("não",),
        SKIP: ("pular",),
        "same": ("o mesmo",),
        PREFER_NOT_TO_SAY: ("prefiro não dizer",),
        "text me a code": ("me mande um código", "me mande um código por sms"),
        REPORT_KEYWORD: ("RELATAR",),
    },
}
# Phrases that are also English words with another meaning: read only in their language.
ONLY_IN_LANGUAGE: Mapping[str, Mapping[str, tuple[str, ...]]] = {
    "cy": {YES: ("do",)},  # "Do" answers a question in the past tense ("Naddo" is its "no")
}
# fmt: on
# Never the meaning of a translated phrase, nor a translated phrase itself (Twilio's words).
RESERVED_SMS_WORDS = frozenset(
    {"STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT"}
)
# Urdu typed on an Arabic keyboard: the Arabic letter -> the Urdu one the catalogs use.
_ARABIC_FORMS = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک", "ه": "ہ", "ۀ": "ہ", "ـ": None})
_LATIN_EXTRA = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ß": "ss"})
_INVISIBLE = {"\u200c", "\u200d", "\u200e", "\u200f", "\ufeff"}
MAX_COMMAND_LENGTH = 80


def normalise(text: str) -> str:
    """Lower case, no Latin accents, punctuation as spaces: "ANULUJ ZGŁOSZENIE!" ->
    "anuluj zgloszenie"; Urdu's Arabic-keyboard letters and harakat folded to the catalog's."""
    text = str(text or "").translate(_ARABIC_FORMS)
    kept = []
    for ch in fold(text).translate(_LATIN_EXTRA):
        category = unicodedata.category(ch)
        if ch in _INVISIBLE or (category == "Mn" and 0x064B <= ord(ch) <= 0x0670):
            continue  # joiners, direction marks, Arabic short vowels
        kept.append(" " if category[0] in "PSZ" or ch.isspace() else ch)
    return " ".join("".join(kept).split())


def _index() -> tuple[dict[str, str], dict[tuple[str, str], str]]:
    anywhere: dict[str, str] = {}
    local: dict[tuple[str, str], str] = {}
    for table in COMMAND_WORDS.values():
        for command, phrases in table.items():
            for phrase in phrases:
                key = normalise(phrase)
                if anywhere.get(key, command) != command:
                    raise ValueError(f"{phrase!r} means two commands")
                anywhere[key] = command
    for language, table in ONLY_IN_LANGUAGE.items():
        for command, phrases in table.items():
            for phrase in phrases:
                local[(language, normalise(phrase))] = command
    return anywhere, local


_ANYWHERE, _ONLY_IN_LANGUAGE = _index()


def english_for(text: str, language: str | None = None) -> str | None:
    """The English command a whole message means in a translation, or None.

    "Tak." -> "yes"; "ANULEAZĂ SESIZAREA" -> "cancel report"; "adrodd" -> "REPORT"; "yes" or a
    sentence -> None. `language` (the resident's, when known) also allows the few phrases that
    are English words elsewhere (Welsh "do")."""
    raw = str(text or "")
    if not raw.strip() or len(raw) > MAX_COMMAND_LENGTH or raw.lstrip().startswith("/"):
        return None
    key = normalise(raw)
    if language is not None and (language, key) in _ONLY_IN_LANGUAGE:
        return _ONLY_IN_LANGUAGE[(language, key)]
    return _ANYWHERE.get(key)


def yes_no(text: str, language: str | None = None) -> bool | None:
    """True for a translated yes ("Tak", "Da, trimiteți-o"), False for a no, else None."""
    command = english_for(text, language)
    if command is None:
        return None
    first = command.split(",")[0]
    return True if first == YES else False if first == NO else None


def mentions(text: str, command: str) -> bool:
    """Whether a translated phrase of `command` is in the message, as whole words."""
    padded = f" {normalise(text)} "
    return any(
        f" {normalise(phrase)} " in padded
        for table in COMMAND_WORDS.values()
        for phrase in table.get(command, ())
    )


def phrases_of(language: str, command: str) -> tuple[str, ...]:
    """The phrases of `language` that mean `command` (empty for English or none)."""
    return tuple(COMMAND_WORDS.get(language, {}).get(command, ()))
