"""When it started and when it last happened, from one answer (docs/domain.md section 8).

Asked "When did it last happen?", residents often say both: "it started in March, the last time
was last night", "since the summer, most recently on Sunday", "last night, but it's been going on
for months". `split_when` finds the parts that say when it started, so the form does not ask for
the start again. It is deliberately narrow: only clear words about a beginning ("started",
"began", "since", "first noticed", "been going on for ...") make a part a start, and an answer
without them is simply when it last happened, in the resident's own words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

START_WORDS = re.compile(
    r"\b(start(?:ed|s|ing)?|began|begun|beginning|since|first (?:noticed|happened|started|"
    r"began|time|heard|saw)|(?:been|was|has been|have been) going on|going on for|"
    r"been happening|(?:for|over) (?:the )?(?:past|last) (?:\w+ )?(?:days?|weeks?|months?|"
    r"years?)|for (?:days|weeks|months|years|ages|a while|a long time)|ever since|moved in)\b",
    re.IGNORECASE,
)
# Words that make a part the latest time even when it mentions a start ("it started again").
LAST_WORDS = re.compile(
    r"\b(again|last (?:time|one|incident|happened|occasion)|latest|most recent(?:ly)?|"
    r"the other (?:day|night)|recently)\b",
    re.IGNORECASE,
)
# A start within the last day is when the latest incident began ("it started at 10pm last night
# and went on until 3am"): the whole answer is the last time.
RECENT_WORDS = re.compile(
    r"\b(last night|tonight|today|yesterday|this (?:morning|afternoon|evening)|"
    r"(?:\d+|an?|a few|few|couple of) (?:minutes?|hours?) ago|an hour ago)\b",
    re.IGNORECASE,
)
# Parts of an answer: split after a comma or semicolon, a full stop, "and", "but" or "then".
PART_BREAK = re.compile(r"\s*(?:[,;]|\.(?:\s|$)|\s-\s|\band\b|\bbut\b|\bthen\b)\s*", re.IGNORECASE)


@dataclass(frozen=True)
class WhenAnswer:
    started: str | None  # the words about when it started, if any
    last: str | None  # the words about when it last happened, if any


def _tidy(parts: list[str]) -> str | None:
    text = ", ".join(part.strip(" ,;.-") for part in parts if part.strip(" ,;.-"))
    return text or None


def is_start(part: str) -> bool:
    """Whether `part` says when it started (not that it happened again, or when the latest
    incident began)."""
    return bool(START_WORDS.search(part)) and not (
        LAST_WORDS.search(part) or RECENT_WORDS.search(part)
    )


def split_when(text: str) -> WhenAnswer:
    """The start and the last time in `text`. Without words about a start the whole answer is
    the last time, exactly as typed; with only a start, `last` is None."""
    words = " ".join(str(text or "").split())
    if not words or not START_WORDS.search(words):
        return WhenAnswer(None, words or None)
    parts = [part for part in PART_BREAK.split(words) if part and part.strip()]
    starts = [part for part in parts if is_start(part)]
    if not starts:
        return WhenAnswer(None, words)
    if len(starts) == len(parts):
        return WhenAnswer(words, None)
    rest = [part for part in parts if not is_start(part)]
    return WhenAnswer(_tidy(starts), _tidy(rest))
