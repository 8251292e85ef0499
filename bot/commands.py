"""Conversation commands read from the words alone: "cancel report" and "start again".

They work on every channel, and they are what the assistant offers by SMS instead of "stop" or
"cancel": a text that is only one of Twilio's reserved words (core/sms_keywords.py) opts the
resident out of every text, updates about their case included, while "cancel report" reaches
the assistant like any other text. The match is deterministic (`command_intent`, applied by
`bot.routing.decide` on every message after the safety layer), so these words never depend on
how the trained classifier reads them:

- "cancel report" (also "cancel the report", "stop my report", "yes, cancel the report"): the
  `cancel` intent, and an explicit one (`is_cancel_report`): a report in progress is cancelled
  at once, without the "are you sure?" question a plain "cancel" gets;
- "never mind", "forget it": the `cancel` intent (the question is asked first in a report);
- "start again", "start over", "restart": the `start_again` intent.

Only a short message that is the command and nothing else counts ("please cancel the report
about the noise next door" is not one): anything longer is read as usual.

The translations the catalogs ask residents to type ("anuluj zgłoszenie", "dechrau eto", "ਰਹਿਣ
ਦਿਓ"...) are the same commands: `core.command_words` gives the English a whole message means, and
that is read here as if typed in English. A whole translated answer word is the intent the
classifier gives its English ("Tak", "Nu, mulțumesc", "ਛੱਡੋ": `affirm`, `deny`, `skip`), since
the classifier was trained on English answers: the translated "yes" to "are you sure you want to
cancel?" cancels like "yes" does.
"""

from __future__ import annotations

import re

from core import command_words

CANCEL_INTENT = "cancel"
START_AGAIN_INTENT = "start_again"
AFFIRM_INTENT, DENY_INTENT, SKIP_INTENT = "affirm", "deny", "skip"
# Translated answers by the English they mean (core/command_words.py) -> the classifier's intent.
_SKIPS = frozenset({command_words.SKIP, "skip these"})
MAX_COMMAND_LENGTH = 60

_POLITE = r"(please\s+|ok(ay)?\W+|yes\W+|yeah\W+|i want to\s+|i'?d like to\s+|can (you|i|we)\s+)*"
_END = r"(\s+(please|now|thanks|thank you))*\W*$"
CANCEL_REPORT = re.compile(
    rf"^\W*{_POLITE}(cancel|stop|end|quit|drop|scrap|delete|abandon)\s+"
    rf"((the|this|my|that)\s+)?report{_END}",
    re.IGNORECASE,
)
NEVER_MIND = re.compile(rf"^\W*{_POLITE}(never\s?mind|forget (it|about it)){_END}", re.IGNORECASE)
# A message that is only a request to start the report again (compare `START_AGAIN`, which
# only needs to begin with one, inside the report form).
START_AGAIN_COMMAND = re.compile(
    rf"^\W*{_POLITE}(let'?s\s+)?(start (again|over|afresh|from scratch|from the (beginning|start)"
    rf"|a new report)|restart( the report)?|begin again){_END}",
    re.IGNORECASE,
)
# Inside the report form, a message that begins with a request to start again.
START_AGAIN = re.compile(
    r"^\W*(can (we|i)\s+|let'?s\s+|i (want|wanna|would like) to\s+|please\s+)?"
    r"(start (again|over|afresh|from scratch|from the (beginning|start)|a new report)"
    r"|restart|begin again|go back to the (beginning|start))\b",
    re.IGNORECASE,
)


def _short(text: str) -> str | None:
    text = " ".join(str(text or "").split())
    if not text or text.startswith("/") or len(text) > MAX_COMMAND_LENGTH:
        return None
    return command_words.english_for(text) or text


def is_cancel_report(text: str) -> bool:
    """Is the message the explicit command "cancel report" (or one of its forms)?"""
    short = _short(text)
    return short is not None and CANCEL_REPORT.match(short) is not None


def command_intent(text: str) -> str | None:
    """The intent a command message always means (`cancel`, `start_again`, or a translated
    answer's `affirm`/`deny`/`skip`), else None."""
    short = _short(text)
    if short is None:
        return None
    if CANCEL_REPORT.match(short) or NEVER_MIND.match(short):
        return CANCEL_INTENT
    if START_AGAIN_COMMAND.match(short):
        return START_AGAIN_INTENT
    return translated_answer_intent(text)


def translated_answer_intent(text: str) -> str | None:
    """`affirm`/`deny`/`skip` for a whole answer in a catalog's language ("TAK", "ਨਹੀਂ"), else
    None (English answers are the classifier's to read, as they always were)."""
    english = command_words.english_for(" ".join(str(text or "").split()))
    if english is None:
        return None
    if english in _SKIPS:
        return SKIP_INTENT
    yes = command_words.yes_no(text)
    if yes is None:
        return None
    return AFFIRM_INTENT if yes else DENY_INTENT
