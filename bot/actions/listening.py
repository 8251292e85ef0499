"""A report that listens: what the resident's own words already say, so it is not asked again.

A first message often says where, when and how often ("the man in flat 6, 12 Elm Court plays
loud music every night until 3am, it's been three weeks"). `heard_in()` reads those details
from it, and the report form (bot/actions/forms.py) fills the matching questions so that only
what is missing is asked; the summary shows everything, so a wrong reading is one "change" away.

Deliberately narrow rules: a detail is taken only when the words are clear, otherwise the
question is asked as before.
- where: a street address (a number and a street word: "12 Elm Court", "14 larchmere rd"), a
  flat or house number in a named block ("flat 9, Oakhurst House"), a named block or estate
  ("the bin store behind Maple Tower"), or a postcode, with a shared place or "outside" before
  it when there is one;
- when it last happened: "last night", "yesterday evening", "on Saturday", "two days ago",
  "this morning" (with a time after it: "at 11pm");
- when it started: "for three weeks", "it's been two months", "since March", "started in the
  summer";
- how often: unambiguous phrases only ("every night", "most weekends", "3 times a week",
  "all the time"); never "a week" or "once" alone, which are usually about something else;
- happening now: "right now", "as we speak", or "not happening now", "it has stopped now";
- who: a person or group as the subject ("the man in flat 6", "a group of teenagers", "my
  neighbour at number 4", "the family upstairs"); whether the resident knows them follows only
  when the words say so (a flat, number or "next door" points at someone they know of; "I don't
  know them" at strangers).
"""

from __future__ import annotations

import re
from typing import Any

# -- where ------------------------------------------------------------------------------------
STREET_WORDS = (
    r"road|rd|street|st|avenue|ave|lane|ln|close|court|ct|crescent|cres|drive|dr|way|place|pl|"
    r"gardens|gdns|grove|terrace|walk|square|sq|row|hill|mews|parade|rise|view|green|park|"
    r"house|tower|towers|block|lodge|mansions|heights|point|estate|buildings|yard|wharf|grange|"
    r"gate|fields|meadow|vale|chase"
)
_NAME = r"[A-Za-z][A-Za-z'\-]+"
# "12 Elm Court", "flat 6, 12 Elm Court", "no. 14 Harcourt House", "14a larchmere rd"
NUMBERED_ADDRESS = re.compile(
    rf"(?:\b(?:flat|apartment|apt|unit|maisonette)\s*\d+[a-z]?\s*,?\s*(?:at\s+|in\s+|of\s+)?)?"
    rf"\b(?:(?:no\.?|number|house)\s*)?\d+[a-z]?,?\s+(?:{_NAME}\s+){{1,3}}(?:{STREET_WORDS})\b",
    re.IGNORECASE,
)
# "flat 9, Oakhurst House", "Maple Tower", "the Greenfields Estate" (capitalised names only, so
# "my house" or "the park" are not places).
NAMED_BLOCK = re.compile(
    r"(?:\b(?i:flat|apartment|apt|unit|number|no\.?)\s*\d+[a-z]?\s*,?\s*(?i:at\s+|in\s+|of\s+)?)?"
    r"\b(?:[A-Z][a-z'\-]+\s+){1,3}(?i:House|Court|Tower|Towers|Block|Lodge|Mansions|Heights|"
    r"Point|Estate|Buildings|Road|Street|Avenue|Lane|Close|Crescent|Drive|Way|Gardens|Grove|"
    r"Terrace|Walk|Square|Mews|Parade|Rise)\b"
)
POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b", re.IGNORECASE)
# A shared place or a position just before the address: "the car park behind", "outside".
PLACE_BEFORE = re.compile(
    r"(?:(?:in|on|at|by|near|behind|outside|opposite|under|round|around)\s+)?(?:the\s+)?"
    r"(?<![A-Za-z])(?:(?:communal|shared|back|front|rear|main|main\s+entrance)\s+)?"
    r"(?:(?:stairwell|stairs|staircase|car\s*park|bin\s*store|bin\s*area|bins|landing|"
    r"corridor|hallway|entrance|entrance\s+door|lift|lifts|lobby|foyer|garden|gardens|"
    r"play\s*area|play\s*park|playground|park|bench|garages|alley|alleyway|walkway|footpath|"
    r"underpass|courtyard|green|field|shop|shops|parking|bike\s*store|bike\s*shed|basement|"
    r"laundry(?:\s+room)?|drying\s*(?:area|room)|community\s+room|roof|path|door|"
    r"back\s*of|front\s*of|end\s+of|outside\s+of)\s+)"
    r"(?:(?:of|at|behind|in|outside|by|near|next\s+to|opposite|on|under|round)\s+)?$",
    re.IGNORECASE,
)
POSITION_BEFORE = re.compile(
    r"(?:outside|opposite|behind|in\s+front\s+of|next\s+to|near|by|under)\s+$", re.IGNORECASE
)
# Numbers that are not house numbers: "3 times a week", "2 weeks", "11pm".
NOT_A_HOUSE = re.compile(
    r"^\d+\s*(?:times?|weeks?|days?|nights?|months?|years?|hours?|minutes?|am|pm|o'?clock)\b",
    re.IGNORECASE,
)


# Without an address: a shared place with the name of where it is ("outside the shops on
# Kingsway", "the stairwell of Elm Tower"). A bare "in the corridor", "flat 22" or "next door"
# does not tell the team which block: the question is asked.
SHARED_PLACE = re.compile(
    r"\b(?i:in|on|at|by|outside|behind|near|round|around)\s+(?i:the\s+)?(?i:communal\s+|shared\s+)?"
    r"(?i:stairwell|stairs|car\s*park|bin\s*store|landing|corridor|hallway|lift|lobby|garages|"
    r"alley(?:way)?|footpath|underpass|courtyard|grass\s+verge|play\s*area|playground|park|green|"
    r"shops|field)\s+(?i:on|of|at|behind|in|outside)\s+(?i:the\s+)?[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2}"
)


def _place_without_address(text: str) -> str | None:
    postcode = POSTCODE.search(text)
    if postcode:
        return postcode.group(0).upper()
    match = SHARED_PLACE.search(text)
    return " ".join(match.group(0).split()) if match else None


def _place(text: str) -> str | None:
    found: list[re.Match[str]] = []
    for pattern in (NUMBERED_ADDRESS, NAMED_BLOCK):
        found += [m for m in pattern.finditer(text) if not NOT_A_HOUSE.match(m.group(0))]
    if not found:
        return _place_without_address(text)
    # The longest reading that starts first: "flat 6, 12 Elm Court" over "12 Elm Court".
    found.sort(key=lambda m: (m.start(), -(m.end() - m.start())))
    match = found[0]
    start, end = match.start(), match.end()
    for other in found[1:]:
        if other.start() <= end + 2 and other.end() > end:
            end = other.end()  # "flat 9, Oakhurst House, Tamworth Road": both parts
    postcode = POSTCODE.match(text[end:].lstrip(" ,"))
    if postcode:
        end = len(text) - len(text[end:].lstrip(" ,")) + postcode.end()
    before = text[:start]
    lead = PLACE_BEFORE.search(before) or POSITION_BEFORE.search(before)
    if lead:
        start = lead.start()
    return " ".join(text[start:end].strip(" ,.").split())


# -- when ---------------------------------------------------------------------------------------
_DAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
_CLOCK = r"\d{1,2}(?:[.:]\d\d)?\s*"
_TIME_AFTER = (
    rf"(?:\s+(?:at|about|around|from|till|until|after|before)\s+(?:about\s+)?{_CLOCK}(?:am|pm)?|"
    rf"\s+{_CLOCK}(?:am|pm))?"
)
LAST_TIME = re.compile(
    rf"\b(?:(?:late\s+|early\s+)?last\s+(?:night|{_DAY}(?:\s+(?:night|evening|morning|afternoon))?|weekend|week)|"
    rf"yesterday(?:\s+(?:morning|afternoon|evening|night))?|"
    rf"(?:earlier\s+)?(?:this|today)\s+(?:morning|afternoon|evening)|earlier\s+today|"
    rf"(?:on\s+|this\s+(?:past\s+)?)?{_DAY}(?:\s+(?:night|evening|morning|afternoon))|"
    rf"on\s+{_DAY}|last\s+nite|today|tonight|over\s+the\s+(?:bank\s+holiday\s+)?weekend|"
    rf"(?:{_DAY}|weekend|wknd)\s+just\s+gone|last\s+wknd|(?:sometime\s+)?overnight|"
    rf"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\s+(?:night|evening|morning|afternoon)|"
    rf"appeared\s+(?:on\s+)?{_DAY}|"
    rf"last\s+bank\s+holiday|"
    rf"(?:a\s+(?:few|couple\s+of)|two|three|four|five|\d+)\s+(?:hours|days|nights)\s+ago|"
    rf"an?\s+(?:hour|day)\s+ago|the\s+other\s+(?:day|night)|"
    rf"on\s+the\s+\d{{1,2}}(?:st|nd|rd|th)?(?:\s+of\s+[A-Za-z]+)?){_TIME_AFTER}",
    re.IGNORECASE,
)
_AMOUNT = (
    r"(?:a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a\s+few|"
    r"a\s+couple\s+of|several|many|\d+)"
)
_SPAN = rf"{_AMOUNT}\s+(?:days|weeks|months|years|day|week|month|year)"
_ROUGHLY = r"(?:(?:about|around|roughly|nearly|almost|over|well\s+over|at\s+least)\s+)?"
STARTED = re.compile(
    rf"\b(?:(?:for|over)\s+{_ROUGHLY}(?:the\s+)?(?:(?:past|last)\s+)?{_SPAN}(?:\s+now)?|"
    rf"(?:(?:it'?s|it\s+has|this\s+has|has|it\s+is|its)\s+)?been(?:\s+going\s+on|\s+goin\s+on|"
    rf"\s+happening|\s+like\s+(?:it|this|that))?(?:\s+for)?\s+{_ROUGHLY}{_SPAN}(?:\s+now)?|"
    rf"since\s+(?:i|we|they|he|she)\s+[a-z']+(?:\s+[a-z']+){{0,7}}|"
    rf"(?:for|has\s+done\s+for)\s+(?:months|weeks|years|ages|a\s+while|a\s+long\s+time)|"
    rf"(?:started|began)\s+(?:after|when)\s+[a-z'][a-z']*(?:\s+[A-Za-z']+){{1,7}}|"
    rf"since\s+(?:the\s+)?(?:start|beginning|end|middle)\s+of\s+(?:the\s+)?[a-z]+|"
    rf"since\s+the\s+[a-z]+\s+(?:changed|started|came|opened|moved|went)(?:\s+[a-z]+)?|"
    rf"since\s+(?:the\s+)?(?:new\s+year|(?:[a-z]+\s+)?half\s+term)|"
    rf"since\s+{_ROUGHLY}(?:last\s+)?(?:early\s+|late\s+|mid\s*-?\s*)?(?:january|february|march|april|may|june|july|august|september|october|"
    rf"november|december|christmas|easter|the\s+summer|the\s+spring|the\s+autumn|the\s+winter|summer|"
    rf"spring|autumn|winter|new\s+year|last\s+year|summer\s+hols|the\s+summer\s+holidays|xmas|"
    rf"20\d\d)|"
    rf"(?:started|began|begun)\s+(?:about\s+|around\s+)?(?:{_SPAN}\s+(?:ago|back)|"
    rf"(?:back\s+)?(?:in|at|around|over)\s+(?:about\s+|around\s+)?(?:the\s+)?[A-Za-z]+|"
    rf"last\s+[A-Za-z]+|when\s+[a-z]+\s+moved\s+in))",
    re.IGNORECASE,
)

# -- how often ------------------------------------------------------------------------------------
FREQUENCY_PHRASES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "most_days",
        re.compile(
            r"\b(?:most\s+(?:days|nights|evenings|mornings)|(?:nearly|almost)\s+every\s+"
            r"(?:day|night|evening)|every\s+other\s+(?:day|night)|every\s+(?:few|couple\s+of)\s+days|"
            r"(?:second|third|fourth|fifth|2nd|3rd|4th|5th)\s+(?:night|time|day)\s+this\s+week|"
            r"(?:[2-6]|two|three|four|five|six|several|a\s+few|a\s+couple\s+of)\s+(?:times|nights|days)\s+a\s+week)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "daily",
        re.compile(
            r"\b(?:every\s+(?:single\s+)?(?:day|night|nite|evening|morning|afternoon)|"
            r"each\s+(?:day|night)|nightly|daily|day\s+(?:and|&)\s+night|all\s+day\s+every\s+day|"
            r"(?:all\s+the\s+time|constantly|24/?7|non[\s-]?stop)|(?:\d+|several|a\s+few)\s+times\s+a\s+day|"
            r"7\s+nights\s+a\s+week|seven\s+nights\s+a\s+week|every\s+time\s+(?:i|we)\s+"
            r"(?:leave|go\s+out|step\s+out|come\s+home|go\s+outside))\b",
            re.IGNORECASE,
        ),
    ),
    (
        "most_weeks",
        re.compile(
            rf"\b(?:every\s+(?:week|weekend|wknd|{_DAY})|most\s+(?:weeks|weekends)|weekly|"
            rf"each\s+(?:week|weekend)|once\s+a\s+week|(?:every|most)\s+{_DAY}s?|{_DAY}s\s+and\s+{_DAY}s)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "most_months",
        re.compile(
            r"\b(?:every\s+month|most\s+months|monthly|(?:once|twice|once\s+or\s+twice|a\s+couple"
            r"\s+of\s+times|two\s+or\s+three\s+times|a\s+few\s+times)\s+a\s+month)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "occasionally",
        re.compile(
            r"\b(?:now\s+and\s+(?:then|again)|occasionally|every\s+so\s+often|once\s+in\s+a\s+while|"
            r"(?:the\s+)?first\s+time|only\s+(?:happened\s+)?once|a\s+one[\s-]off|once\s+before)\b",
            re.IGNORECASE,
        ),
    ),
)

# -- happening now --------------------------------------------------------------------------------
NOT_NOW = re.compile(
    r"\b(?:(?:it'?s|it\s+is|they'?re|they\s+are|it)\s+not\s+(?:happening|going\s+on)(?:\s+right)?\s+now|"
    r"not\s+(?:happening|going\s+on)\s+(?:right\s+)?(?:now|at\s+the\s+moment)|"
    r"(?:isn'?t|aren'?t)\s+(?:happening|going\s+on)\s+(?:right\s+)?now|"
    r"(?:it'?s|it\s+has|it\s+is|they'?ve|they\s+have)\s+(?:stopped|gone\s+quiet|quiet|over)\s+(?:for\s+)?now|"
    r"quiet\s+(?:right\s+)?now|(?:all\s+)?quiet\s+at\s+the\s+moment|"
    r"(?:they'?re|they\s+are|he'?s|she'?s|he\s+is|she\s+is|it'?s|it\s+is)\s+not\s+(?:there|here|"
    r"outside|about|around|doing\s+it|happening|going\s+on)\s+(?:right\s+)?(?:now|at\s+(?:the\s+"
    r"moment|present))|not\s+happening\s+at\s+(?:present|the\s+moment)|"
    r"(?:nobody|no\s*one|no-one)\s+(?:is\s+)?(?:there|here|about|around)\s+(?:right\s+)?now|"
    r"(?:they'?ve|they\s+have|he'?s|she'?s|he\s+has|she\s+has|it'?s|they'?re)\s+(?:all\s+)?gone"
    r"(?:\s+(?:in|inside|home|away|off|quiet))?\s+now|not\s+on\s+(?:right\s+)?now)\b",
    re.IGNORECASE,
)
NOW = re.compile(
    r"\b(?:right\s+now|as\s+we\s+speak|as\s+i\s+(?:type|write|speak)|"
    r"(?:it'?s|it\s+is|they'?re|they\s+are)\s+(?:happening|going\s+on|doing\s+it|at\s+it)\s+(?:again\s+)?now|"
    r"(?:happening|going\s+on|still\s+going)\s+(?:on\s+)?now|"
    r"(?:they'?re|they\s+are|he'?s|she'?s|he\s+is|she\s+is)\s+(?:there|here|outside|out\s+there|"
    r"doing\s+it|at\s+it|still\s+there)\s+(?:right\s+)?now)\b",
    re.IGNORECASE,
)

# -- who ---------------------------------------------------------------------------------------
PERSON = (
    r"man|men|woman|women|lady|ladies|bloke|blokes|guy|guys|lad|lads|boy|boys|girl|girls|kids|"
    r"children|teenagers|teens|youths|youngsters|people|family|couple|tenant|tenants|neighbour|"
    r"neighbours|neighbor|neighbors|occupants|occupant|residents|resident|owner|owners|group|gang|"
    r"someone|somebody|lodger|lodgers|son|daughter|landlord|dealers|dealer|drinkers|gentleman|"
    r"student|students|person|crowd|occupier|occupiers"
)
# Said without a determiner at the start of a clause: "lads riding scooters", "kids on bikes".
BARE_PEOPLE = (
    r"(?:[a-z]+\s+)?(?:kids|lads|youths|teenagers|teens|youngsters|people|dealers|drinkers|boys|"
    r"girls|men|bloke|man|woman|guy)"
)
_DETERMINER = (  # longest first: "a group of" before "a"
    r"a\s+group\s+of|a\s+gang\s+of|a\s+load\s+of|a\s+bunch\s+of|group\s+of|gang\s+of|"
    r"the|my|our|a|an|some|two|three|four|five|several|these|those|this"
)
WHO = re.compile(
    rf"(?:^|[.,;!?(]\s*|\b(?:and|but|because|cos|coz|as|from|by|when|that|to|report|about|there'?s|"
    rf"theres|there\s+are)\s+)"
    rf"((?:(?:{_DETERMINER})\s+(?:[a-z'\-]+\s+){{0,2}}?(?:{PERSON})|(?:{BARE_PEOPLE}))\b"
    rf"(?:\s+(?:next\s+door|upstairs|downstairs|above(?:\s+me)?|below(?:\s+me)?|"
    rf"opposite|across\s+the\s+(?:road|landing|hall|way)|"
    rf"(?:in|at|from|of|on)\s+(?:the\s+)?(?:flat|number|no\.?|house|block)\s*\d+[a-z]?|"
    rf"(?:of|at|from|in)\s+\d+[a-z]?\s+(?:{_NAME}\s+){{1,3}}(?:{STREET_WORDS})\b|"
    rf"(?:in|at|from)\s+(?:number\s+)?\d+[a-z]?|"
    rf"(?:in|of|from|at)\s+the\s+(?:flat|house|maisonette)\s+(?:above|below|upstairs|downstairs|"
    rf"next\s+door|opposite)(?:\s+(?:me|mine|us|ours))?)"
    rf"(?:,?\s+\d+[a-z]?\s+(?:{_NAME}\s+){{1,3}}(?:{STREET_WORDS})\b)?)?)",
    re.IGNORECASE,
)
# Who they are points at someone the resident knows of (RAM question 4, "known").
KNOWN_PERSON = re.compile(
    r"\b(?:next\s+door|upstairs|downstairs|above|below|opposite|across\s+the|neighbours?|"
    r"neighbors?|flat\s*\d|number\s*\d|no\.?\s*\d|house\s*\d|(?:in|at|from)\s+\d|landlord|lodger)",
    re.IGNORECASE,
)
# ... or someone they know well ("well").
CLOSE_PERSON = re.compile(
    r"\bmy\s+(?:ex|ex-partner|ex-husband|ex-wife|brother|sister|cousin|uncle|aunt|friend|"
    r"former\s+friend|relative|son|daughter)\b",
    re.IGNORECASE,
)
STRANGERS = re.compile(
    r"\b(?:(?:i|we)\s+(?:don'?t|do\s+not)\s+know\s+(?:them|him|her|who)|strangers?|"
    r"no\s+idea\s+who|never\s+seen\s+(?:them|him|her)\s+before|not\s+from\s+(?:round|around)\s+here)\b",
    re.IGNORECASE,
)
# "the people ... are affected": a person phrase is not who does it when a verb of suffering
# follows it.
AFFECTED_AFTER = re.compile(
    r"^\s*(?:is|are|were|was|have\s+been|has\s+been|can'?t|cannot|get|gets|got)\s+"
    r"(?:being\s+)?(?:affected|scared|woken|kept\s+awake|frightened|upset|disturbed|sleep|"
    r"picked\s+up)",
    re.IGNORECASE,
)
AFFECTED_BEFORE = re.compile(
    r"\b(?:affect(?:s|ing)?|scar(?:es|ing)|wak(?:es|ing)(?:\s+up)?|frighten(?:s|ing)|"
    r"upset(?:s|ting)?|disturb(?:s|ing)|for|with|me\s+and|knocked|nearly\s+hit)\s*$",
    re.IGNORECASE,
)


# Without a person named: a home that stands for them ("the flat above me", "loud bass from no 4").
HOME_AS_PEOPLE = re.compile(
    r"\b(?:the\s+(?:flat|house|maisonette)\s+(?:above|below|upstairs|downstairs|next\s+door|"
    r"opposite)(?:\s+(?:me|us))?|next\s+door|(?<=from\s)(?:no\.?|number|flat)\s*\d+[a-z]?)\b",
    re.IGNORECASE,
)


def _people(text: str) -> str | None:
    found = _person(text)
    if found is None:
        home = HOME_AS_PEOPLE.search(text)
        found = " ".join(home.group(0).split()) if home else None
    return found


def _person(text: str) -> str | None:
    for match in WHO.finditer(text):
        phrase = " ".join(match.group(1).split())
        if AFFECTED_AFTER.match(text[match.end(1) :]) or AFFECTED_BEFORE.search(
            text[: match.start(1)]
        ):
            continue
        if re.match(r"(?:this|that|a|an)\s+(?:time|week|night)", phrase, re.IGNORECASE):
            continue
        return phrase
    return None


def _frequency(text: str) -> str | None:
    for code, pattern in FREQUENCY_PHRASES:
        if pattern.search(text):
            return code
    return None


def _happening_now(text: str) -> bool | None:
    if NOT_NOW.search(text):
        return False
    if NOW.search(text):
        return True
    return None


def _last_time(text: str) -> str | None:
    """The first time phrase that is not a habit ("every Saturday night", "most Friday nights")."""
    for match in LAST_TIME.finditer(text):
        if not re.search(r"\b(?:every|most|on|all)\s+$", text[: match.start()], re.IGNORECASE):
            return " ".join(match.group(0).split())
    return None


def _first(pattern: re.Pattern[str], text: str) -> str | None:
    match = pattern.search(text)
    return " ".join(match.group(0).split()) if match else None


def heard_in(text: str) -> dict[str, Any]:
    """The report details `text` states clearly, as slot values of the report form: location,
    happening_now, happened_when, started_when, frequency, people_involved, people_known.
    Details it does not state are left out."""
    words = " ".join(str(text or "").split())
    if not words:
        return {}
    found: dict[str, Any] = {
        "location": _place(words),
        "happening_now": _happening_now(words),
        "happened_when": _last_time(words),
        "started_when": _first(STARTED, words),
        "frequency": _frequency(words),
        "people_involved": _people(words),
    }
    if found["happening_now"] is True:
        found["happened_when"] = None  # it is happening now: that is the last time
    if STRANGERS.search(words) or CLOSE_PERSON.search(words):
        found["people_known"] = known_from(words)
    elif found["people_involved"]:
        found["people_known"] = known_from(found["people_involved"])
    return {slot: value for slot, value in found.items() if value is not None}


def known_from(who: str) -> str | None:
    """Whether the resident knows the people they describe (RAM question 4: "well", "known" or
    "no"), when their words say so; None when they do not."""
    if STRANGERS.search(who):
        return "no"
    if CLOSE_PERSON.search(who):
        return "well"
    if KNOWN_PERSON.search(who):
        return "known"
    return None


def last_time_in(text: str) -> str | None:
    """When it last happened, said alongside another answer ("no, it was last night at 11")."""
    return _last_time(" ".join(str(text or "").split()))
