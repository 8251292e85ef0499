"""When did the incident a report describes happen? Read from the resident's own words.

The ASB Case Review counts a report only when it was made within a month of the incident it
describes (docs/domain.md section 9). Cases keep "when it last happened" in the resident's words
(`happened_when`: "last night about 11pm", "on Saturday", "12/11", "3 weeks ago") and whether it
was happening at the time of the report. `incident_date` reads those words deterministically,
relative to the day the report was made, and returns None when the words give no date it can be
sure of ("ages", "last month", "in the summer"): such a report is "date not clear", never
counted as timely by guesswork.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
WEEKDAYS = {
    name: number
    for number, names in enumerate(
        (
            # Not "mon", "wed", "sat" or "sun": everyday words ("I sat outside", "the sun").
            ("monday",),
            ("tuesday", "tue", "tues"),
            ("wednesday", "weds"),
            ("thursday", "thu", "thur", "thurs"),
            ("friday", "fri"),
            ("saturday",),
            ("sunday",),
        )
    )
    for name in names
}
_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
_WEEKDAY_NAMES = "|".join(sorted(WEEKDAYS, key=len, reverse=True))
_NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "a couple of": 2,
    "couple of": 2,
    "two": 2,
    "a few": 3,
    "few": 3,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}
_UNIT_DAYS = {"day": 1, "night": 1, "week": 7, "fortnight": 14, "month": 31, "year": 366}

SAME_DAY = re.compile(
    r"\b(now|right now|at the moment|as we speak|currently|today|tonight|this (morning|"
    r"afternoon|evening)|earlier( today| on)?|just now|just happened|an? (hour|few hours) ago|"
    r"\d+ (hours|hrs|mins|minutes) ago)\b"
)
YESTERDAY = re.compile(r"\b(last night|yesterday|yday|yest|overnight|late last night)\b")
DAY_BEFORE = re.compile(r"\bday before yesterday\b")
AGO = re.compile(
    r"\b(\d{1,3}|an?|one|a couple of|couple of|two|a few|few|three|four|five|six|seven|eight|"
    r"nine|ten)\s+(day|night|week|fortnight|month|year)s?\s+ago\b"
)
LAST_UNIT = re.compile(r"\b(last|this|past) (week|weekend|fortnight)\b")
WEEKDAY = re.compile(rf"\b(last |this |on |on the |past )?({_WEEKDAY_NAMES})(day)?\b")
# 12/11, 12/11/26, 12-11-2026, 12.11.2026 (a time such as 11.30 or "3-4 times" is not a date).
NUMERIC = re.compile(
    r"\b(\d{1,2})/(\d{1,2})(?:/(\d{2}|\d{4}))?\b|\b(\d{1,2})([.-])(\d{1,2})\5(\d{4})\b"
)
ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
DAY_MONTH = re.compile(
    rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH_NAMES})\b\.?(?:\s+(\d{{4}}))?"
)
MONTH_DAY = re.compile(rf"\b({_MONTH_NAMES})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}}))?")


def _words(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9/.\-' ]+", " ", text.lower()).split())


def _on_or_before(made: date, month: int, day: int, year: int | None) -> date | None:
    """The date `day`/`month` (of `year`, else the latest one on or before `made`)."""
    try:
        if year is not None:
            found = date(year if year > 99 else 2000 + year, month, day)
            return found if found <= made else None
        found = date(made.year, month, day)
        return found if found <= made else date(made.year - 1, month, day)
    except ValueError:
        return None


def _explicit_date(text: str, made: date) -> date | None:
    if match := ISO.search(text):
        return _on_or_before(made, int(match[2]), int(match[3]), int(match[1]))
    if match := DAY_MONTH.search(text):
        year = int(match[3]) if match[3] else None
        return _on_or_before(made, MONTHS[match[2]], int(match[1]), year)
    if match := MONTH_DAY.search(text):
        year = int(match[3]) if match[3] else None
        return _on_or_before(made, MONTHS[match[1]], int(match[2]), year)
    if match := NUMERIC.search(text):  # UK order: day/month[/year]
        if match[1]:
            year = int(match[3]) if match[3] else None
            return _on_or_before(made, int(match[2]), int(match[1]), year)
        return _on_or_before(made, int(match[6]), int(match[4]), int(match[7]))
    return None


def _relative_date(text: str, made: date) -> date | None:
    if DAY_BEFORE.search(text):
        return made - timedelta(days=2)
    if YESTERDAY.search(text):
        return made - timedelta(days=1)
    if SAME_DAY.search(text):
        return made
    if match := AGO.search(text):
        amount = int(match[1]) if match[1].isdigit() else _NUMBER_WORDS[match[1]]
        return made - timedelta(days=amount * _UNIT_DAYS[match[2]])
    if match := LAST_UNIT.search(text):
        # "last week": at most 13 days before; "this week(end)": within the last 7.
        back = 13 if match[1] in ("last", "past") else 6
        return made - timedelta(days=14 if match[2] == "fortnight" else back)
    if match := WEEKDAY.search(text):
        back = (made.weekday() - WEEKDAYS[match[2]]) % 7
        if (match[1] or "").strip() == "last" and back == 0:
            back = 7
        return made - timedelta(days=back)
    return None


def incident_date(words: str | None, made: date, happening_now: bool | None = None) -> date | None:
    """The day of the incident the resident described, read from `words` (when it last
    happened) relative to `made` (the local day the report was made); the report's own day when
    it was happening at the time. None when the words give no date we can be sure of."""
    if happening_now:
        return made
    if not words or not words.strip():
        return None
    text = _words(words)
    found = _explicit_date(text, made)
    if found is not None:
        return found
    return _relative_date(text, made)
