"""Digressions inside the report form that are read from the words alone.

- "start again" / "start over": the report starts afresh (nothing has been sent); the words are
  those of `bot.commands`, which also makes a message that is only "start again" or "cancel
  report" that command wherever the conversation is.
- Corrections of an earlier answer while another question is open: "actually it was last
  night", "sorry I meant every night", "no wait, it's at flat 5", "my number is 07700 900123".

Both are deliberately narrow (a clear lead-in and a recognisable value) so that an ordinary
answer is never mistaken for one: when in doubt the words are simply the answer to the open
question, and the resident can still change anything from the summary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.actions import answers
from bot.commands import START_AGAIN

LEAD_IN = re.compile(
    r"^\W*(actually|correction|oops|no wait|wait|hang on|my mistake|scratch that|"
    r"sorry,? i meant|sorry,? i mean|i meant|i mean|sorry,? (it was|it's|it is)|sorry,? my)"
    r"\b[\s,.:;!-]*",
    re.IGNORECASE,
)
_TIME_WORD = (
    r"(yesterday|today|tonight|this (morning|afternoon|evening|week)|last (night|week|weekend|"
    r"month|monday|tuesday|wednesday|thursday|friday|saturday|sunday)|(on )?(monday|tuesday|"
    r"wednesday|thursday|friday|saturday|sunday)|\d{1,2}([:.]\d{2})?\s?(am|pm)|midnight|"
    r"\d+ (minutes?|hours?|days?|weeks?) ago|(an|a few|two|three) (hours?|days?|weeks?) ago|"
    r"(about|around) \d)"
)
TIME_CORRECTION = re.compile(
    rf"^((it|that) (was|happened|started|began)|it'?s|it is|happened|started|i meant|on|at)?\s*"
    rf"(?P<value>{_TIME_WORD}.*)$",
    re.IGNORECASE,
)
LOCATION_CORRECTION = re.compile(
    r"\b(the address is|address is|it'?s at|it is at|it was at|it'?s in|it is in|it was in|"
    r"(it )?happen(s|ed|ing) at|location is|should be|it'?s)\s+"
    r"(?P<value>(flat|number|no\.?|house|block|\d+[a-z]?\b).*)$",
    re.IGNORECASE,
)
NAME_CORRECTION = re.compile(r"\bmy name is\s+(?P<value>.+)$", re.IGNORECASE)
FREQUENCY_LEAD = re.compile(
    r"^((it|that) (is|happens|was)|it'?s|i meant)?\s*(?P<value>(every|most|once|daily|weekly|"
    r"monthly|nightly|all the time|constantly|a few times|just (the )?once|only once).*)$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Correction:
    slot: str
    value: str


def wants_to_start_again(text: str) -> bool:
    """ "start again", "can we start over", "restart": short messages that ask for it."""
    return len(text) <= 80 and START_AGAIN.search(text) is not None


def find_correction(text: str) -> Correction | None:
    """The answer the resident is correcting and its new value, or None."""
    lead = LEAD_IN.match(text)
    if not lead:
        return None
    rest = text[lead.end() :].strip(" .!")
    if not rest:
        return None
    phone = answers.parse_uk_phone(rest)
    if phone is not None and re.search(r"\b(number|phone|mobile)\b|^\+?\d", rest, re.IGNORECASE):
        return Correction("phone", phone.e164)
    if name := NAME_CORRECTION.search(rest):
        return Correction("reporter_name", name.group("value").strip())
    if (frequency := FREQUENCY_LEAD.match(rest)) and answers.parse_frequency(
        frequency.group("value")
    ):
        return Correction("frequency", frequency.group("value"))
    if time := TIME_CORRECTION.match(rest):
        started = re.match(r"((it|that) )?(started|began)\b", rest, re.IGNORECASE)
        return Correction("started_when" if started else "happened_when", time.group("value"))
    if place := LOCATION_CORRECTION.search(rest):
        return Correction("location", place.group("value"))
    return None
