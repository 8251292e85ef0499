"""The words Twilio itself acts on when a text is only that word, shared by every process.

Twilio's default keyword handling (long codes, "Twilio support for opt-out keywords"): a text
whose whole body is one of these words, in any case, with spaces and punctuation around it,
opts the number out of every text from our number (`OPT_OUT_KEYWORDS`), back in
(`OPT_IN_KEYWORDS`; YES only does so for a number that opted out, for everyone else it is an
ordinary answer), or asks for help (`HELP_KEYWORDS`). Twilio still passes the text on to us.

So the assistant never suggests one of these words as something to send for anything else
("stop this report", "cancel"): a resident who texts "cancel" to drop a report would stop every
text from us, updates about their case included. It offers words Twilio does not reserve
("cancel report", "start again"); tests/test_plain_words.py checks every catalog for this.

Used by `backend.sms_inbound.keywords` (mirroring Twilio's opt-out list) and the Twilio stand-in
(`ops/twilio_standin`), so both match Twilio's list exactly.
"""

from __future__ import annotations

import re

OPT_OUT_KEYWORDS = frozenset(
    {"STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT"}
)
OPT_IN_KEYWORDS = frozenset({"START", "UNSTOP"})
# Twilio opts a number back in on YES too; for a number that has not opted out it is an answer.
OPT_IN_IF_OPTED_OUT = frozenset({"YES"})
HELP_KEYWORDS = frozenset({"HELP", "INFO"})
# Every word Twilio acts on by itself (YES left out: "yes" is how residents answer questions).
RESERVED_KEYWORDS = OPT_OUT_KEYWORDS | OPT_IN_KEYWORDS | HELP_KEYWORDS

# Twilio matches single words only; a longer text is never a keyword.
MAX_KEYWORD_TEXT = 20


def keyword_of(body: str) -> str:
    """The text as Twilio reads a keyword: 'stop', 'Stop.', ' STOP ' -> 'STOP'.

    Letters only, upper case; "" for a text that is longer than any keyword. Two words become
    one ("cancel report" -> "CANCELREPORT"), which is no keyword: Twilio only acts on a text
    that is the word alone.
    """
    text = body.strip()
    if len(text) > MAX_KEYWORD_TEXT:
        return ""
    return re.sub(r"[^A-Z]", "", text.upper())


def is_opt_out(body: str) -> bool:
    """Does Twilio opt the sender out on this text?"""
    return keyword_of(body) in OPT_OUT_KEYWORDS
