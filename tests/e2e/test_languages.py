"""End to end, issue 16 ("Done shows"): residents who write Welsh, Urdu and Polish, on the
running system (the real Rasa server, action server, backend, SMS worker and Twilio stand-in of
the session's one `e2e_system`).

- Welsh on the web: the first screen in English, "Cymraeg" chosen from its language menu, then
  a report from the first message to the reference, every question and answer in Welsh
  (locales/cy); the case is stored as "cy" and the acknowledgement text reaches "Twilio" in
  Welsh.
- Urdu on the web (the browser's Accept-Language): a report started in Urdu, then the answer
  to its question says a man is at the door with a knife right now: the first reply is the
  999 advice in Urdu (locales/ur).
- Polish by SMS: the language chosen by name at the first reply, the report answered by number
  and in Polish to a reference; then a staff update (backend/casework/updates.py, as the case
  page sends it) reaches "Twilio" in Polish.

The assistant's questions are recognised through the language's own catalog: each reply is read
back to the English source strings it was made from, and tests/e2e/conversation.py says which
report question those ask. So a question said in English, or a string the catalog lacks, stops
the report. Fictional data only.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
import requests
from babel.messages.pofile import read_po
from sqlalchemy import update
from sqlalchemy.orm import sessionmaker

from backend.casework.updates import UPDATE_TEMPLATES, Landlord, send_update
from backend.db import make_engine, make_session_factory, transaction
from backend.intake.service import acknowledgement_text
from backend.sms_outbound.models import OutboxMessage
from backend.sms_outbound.sms_format import gsm_safe
from bot.messages import RESPONSES
from core.i18n import LOCALES_DIR, _
from core.workdays import WorkingCalendar
from tests.e2e.conversation import REFERENCE, Answers, question_key, report
from tests.e2e.test_sms import Resident, case_by_reference, wait_until
from tests.system import RunningSystem

pytestmark = pytest.mark.e2e

LANDLORD = Landlord("Example Homes", "0300 000 0000")  # as tests/system.py configures it
WELSH_PHONE, WELSH_PHONE_NATIONAL = "+447700900731", "07700 900731"
POLISH_PHONE = "+447700900732"
MAX_TURNS = 40
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")
EMERGENCY = RESPONSES["utter_safety_emergency"].text
REPORT_SENT = RESPONSES["utter_report_sent"].when_given["pin"]
LANGUAGE_CHOSEN = RESPONSES["utter_language_chosen_tell"].text
# What the residents type (in their own words; every other answer is a button or its number).
WELSH_OPENING = [
    "Helo",
    "Mae'r bobl drws nesaf yn chwarae cerddoriaeth uchel iawn bob nos tan 3 y bore",
]
WELSH_WORDS: dict[str, str | list[str]] = {
    "location": "Fflat 3, 1 Example Road",
    "happened_when": "neithiwr tua 11 o'r gloch",
    "started_when": "tua thri mis yn ôl",
    "people_involved": "y bobl drws nesaf",
    "reporter_name": "hepgor",
    "reporter_postcode": ["yr un fath", "ZZ99 1AA"],  # "the same", then its postcode
    "phone": WELSH_PHONE_NATIONAL,
}
POLISH_WORDS: dict[str, str | list[str]] = {
    "description": "Sąsiedzi z mieszkania obok puszczają bardzo głośną muzykę co noc",
    "location": "Mieszkanie 3, 1 Example Road",
    "happened_when": "wczoraj w nocy około 23",
    "started_when": "około trzech miesięcy temu",
    "people_involved": "sąsiedzi z mieszkania obok",
    "reporter_name": "pomiń",
    "reporter_postcode": ["ten sam", "ZZ99 1AA"],
}


@pytest.fixture
def db(e2e_system: RunningSystem) -> Iterator[sessionmaker]:
    """Sessions on the running system's own database."""
    engine = make_engine(e2e_system.settings.database_url)
    try:
        yield make_session_factory(engine)
    finally:
        engine.dispose()


def flat(text: str) -> str:
    """One line, GSM-safe punctuation (as a text arrives), so web and SMS compare alike."""
    return " ".join(gsm_safe(text).split())


class Catalog:
    """One language's catalog read backwards: which English source strings a reply was made
    of (a translation with placeholders is recognised by its longest fixed piece)."""

    def __init__(self, code: str) -> None:
        self.code = code
        with (LOCALES_DIR / code / "LC_MESSAGES" / "messages.po").open("rb") as handle:
            catalog = read_po(handle, locale=code)
        self.english_of: dict[str, str] = {}  # a translation (flat) -> its English source
        self.pieces: list[tuple[str, str]] = []  # (longest fixed piece of a translation, source)
        for message in catalog:
            if not isinstance(message.id, str) or not message.id or not message.string:
                continue
            translated = flat(str(message.string))
            self.english_of.setdefault(translated, message.id)
            piece = max(PLACEHOLDER.split(translated), key=len).strip()
            if len(piece) >= 8:
                self.pieces.append((piece, message.id))
        # English sources that read differently in this language: seen in a reply, they leaked.
        self.untranslated = {
            flat(source).lower()
            for translated, source in self.english_of.items()
            if translated != flat(source) and len(source) > 3
        }

    def sources(self, text: str) -> list[str]:
        """The English source strings whose translations `text` contains (a piece found only
        inside a longer one's match, such as "Someone else" inside a sentence, does not count)."""
        said = flat(text)
        spans = [
            (match.start(), match.end(), source)
            for piece, source in self.pieces
            for match in re.finditer(re.escape(piece), said)
        ]
        return [
            source
            for start, end, source in spans
            if not any(s <= start and end <= e and e - s > end - start for s, e, _src in spans)
        ]

    def question_key(self, text: str) -> str | None:
        """Which report question `text` asks (tests/e2e/conversation.py), read in English."""
        return question_key("\n".join(self.sources(text)))

    def english(self, title: str) -> str:
        """A button's English title (the title itself when the catalog does not have it)."""
        return self.english_of.get(flat(title), title)

    def says(self, text: str, source: str) -> bool:
        """Does `text` contain `source` as this language says it (a placeholder: any words)?"""
        parts = [re.escape(piece) for piece in PLACEHOLDER.split(flat(_(source, self.code)))]
        return re.search(r".+?".join(parts), flat(text)) is not None

    def english_in(self, text: str) -> list[str]:
        """Lines of `text`, or summary values after "label: ", that are English sources this
        language says otherwise: what a resident reading only this language would not read."""
        leaked = []
        for line in text.splitlines():
            candidates = [line, line.split(": ", 1)[-1]]
            leaked += [c for c in candidates if flat(c).lower().rstrip(".") in self.untranslated]
        return leaked

    def options(self, text: str) -> dict[str, str]:
        """The numbered options at the end of a text, by English title in lower case: the
        digit to reply ("Prosimy odpowiedzieć: 1 - Tak, 2 - Nie." -> {"yes": "1", "no": "2"})."""
        before, after = flat(_("Reply {choices}.", self.code)).split("{choices}")
        match = re.search(re.escape(before) + r"\s*(.+?)" + re.escape(after) + r"$", flat(text))
        if not match:
            return {}
        item = re.escape(flat(_("{number} for {option}", self.code)))
        item = item.replace(r"\{number\}", r"(?P<number>\d{1,2})")
        item = item.replace(r"\{option\}", r"(?P<option>.+?)")
        found = {}
        # Options are joined by ", ", which a title may contain too ("Tak, dobrze się znamy"):
        # split only next to an option's number.
        for choice in re.split(r"(?<=\d), |, (?=\d{1,2}\D)", match.group(1)):
            one = re.fullmatch(item, choice.strip())
            if one:
                found[self.english(one.group("option")).lower()] = one.group("number")
        return found


class WebResident:
    """A resident in a browser on the web chat: opens the page (its language from the menu or
    the browser), then posts each message with the page's language as its script does.

    `say` (a `conversation.Talker`) gives each reply with its English source strings added and
    its buttons' titles in English, so `conversation.report` answers it in any language;
    `replies` keeps what the resident actually read."""

    def __init__(self, system: RunningSystem, catalog: Catalog) -> None:
        self.url = system.backend_url
        self.catalog = catalog
        self.http = requests.Session()
        self.page_language = self.page_direction = ""
        self.replies: list[dict[str, Any]] = []
        self.typed: list[str] = []  # messages that were not a tap on a button just shown

    def open_page(self, path: str = "/", **headers: str) -> str:
        page = self.http.get(f"{self.url}{path}", headers=headers, timeout=30)
        assert page.status_code == 200, page.text
        tag = re.search(r'<html lang="(\w+)" dir="(\w+)">', page.text)
        assert tag, "no <html lang dir> on the page"
        self.page_language, self.page_direction = tag.group(1), tag.group(2)
        return page.text

    def say(self, _sender: str, message: str) -> list[dict[str, Any]]:
        shown = [b["payload"] for r in self.replies[-3:] for b in r.get("buttons", [])]
        if message not in shown:
            self.typed.append(message)
        answer = self.http.post(
            f"{self.url}/chat/message",
            json={"message": message, "language": self.page_language},
            headers={"Origin": self.url},
            timeout=90,
        )
        assert answer.status_code == 200, answer.text
        replies = answer.json()["messages"]
        self.replies.extend(replies)
        return [self._in_english(reply) for reply in replies]

    def _in_english(self, reply: dict[str, Any]) -> dict[str, Any]:
        text = str(reply.get("text", ""))
        sources = "\n".join(self.catalog.sources(text))
        buttons = [
            {"title": self.catalog.english(button["title"]), "payload": button["payload"]}
            for button in reply.get("buttons", [])
        ]
        return {**reply, "text": f"{text}\n{sources}".strip(), "buttons": buttons}

    def read(self) -> str:
        """Everything the resident read, with the buttons' titles."""
        lines = []
        for reply in self.replies:
            titles = " | ".join(button["title"] for button in reply.get("buttons", []))
            lines.append(str(reply.get("text", "")) + (f"  [{titles}]" if titles else ""))
        return "\n".join(lines)


def own_words(opening: list[str], words: dict[str, str | list[str]]) -> set[str]:
    """Everything the resident may type: the opening messages and each answer in words."""
    typed = set(opening)
    for answer in words.values():
        typed.update(answer if isinstance(answer, list) else [answer])
    return typed


def no_english(catalog: Catalog, texts: list[str], transcript: str) -> None:
    leaked = [line for text in texts for line in catalog.english_in(text)]
    assert not leaked, (
        f"said in English to a resident reading {catalog.code}: {leaked}\n{transcript}"
    )


def acknowledgement_in_both(db: sessionmaker, reference: str) -> tuple[str, str]:
    """The case's texted acknowledgement as the backend composes it in the case's language,
    and the same text in English (never stored: the session is not committed)."""
    with db() as session:
        case = case_by_reference(session, reference)
        composed = acknowledgement_text(case, case.queue_date, LANDLORD.name, by_text=True)
        case.language = "en"
        english = acknowledgement_text(case, case.queue_date, LANDLORD.name, by_text=True)
        session.rollback()
    return composed, english


# -- Welsh on the web --------------------------------------------------------------------------


def test_a_welsh_web_report_from_first_message_to_reference(
    e2e_system: RunningSystem, db: sessionmaker
) -> None:
    system = e2e_system
    welsh = Catalog("cy")
    resident = WebResident(system, welsh)
    first_screen = resident.open_page("/", **{"Accept-Language": "en-GB,en;q=0.9"})
    assert resident.page_language == "en"
    assert re.search(r'<a class="language" href="/\?lang=cy"[^>]*>Cymraeg</a>', first_screen)
    resident.open_page("/?lang=cy")  # "Cymraeg" from the menu
    assert resident.page_language == "cy"

    transcript = report(
        resident,
        "",
        WELSH_OPENING,
        WELSH_WORDS,
        max_turns=MAX_TURNS,
    )
    read = resident.read()
    # Every answer was a tap on a button or the resident's own Welsh words.
    assert set(resident.typed) <= own_words(WELSH_OPENING, WELSH_WORDS), resident.typed
    found = REFERENCE.findall("\n".join(transcript))
    assert found, f"no case reference was given to the resident:\n{read}"
    reference = found[-1]
    sent = [r["text"] for r in resident.replies if reference in r.get("text", "")]
    assert sent and welsh.says(sent[0], REPORT_SENT), read
    no_english(welsh, [str(r.get("text", "")) for r in resident.replies], read)
    titles = [b["title"] for r in resident.replies for b in r.get("buttons", [])]
    no_english(welsh, titles, read)

    case = system.api_get(f"/api/cases/{reference}")
    assert (case["language"], case["channel"], case["category"]) == ("cy", "web", "noise")
    welsh_text, english_text = acknowledgement_in_both(db, reference)
    assert welsh_text != english_text
    texts = system.wait_for_texts(lambda t: reference in t["body"])
    assert [(t["to"], t["body"]) for t in texts] == [(WELSH_PHONE, welsh_text)], texts


# -- Urdu: an emergency in the middle of a report ----------------------------------------------


def test_an_urdu_emergency_mid_report_is_answered_with_999_in_urdu_first(
    e2e_system: RunningSystem,
) -> None:
    urdu = Catalog("ur")
    resident = WebResident(e2e_system, urdu)
    resident.open_page("/", **{"Accept-Language": "ur-PK,ur;q=0.9,en;q=0.5"})
    assert (resident.page_language, resident.page_direction) == ("ur", "rtl")

    # "Very loud songs play every night in the house next door": the report form asks on.
    started = resident.say("", "ساتھ والے گھر میں ہر رات بہت اونچی آواز میں گانے بجتے ہیں")
    assert urdu.question_key(started[-1]["text"]), f"no report question:\n{resident.read()}"

    # The answer: "A man is standing at my door with a knife right now."
    replies = resident.say("", "ابھی ایک آدمی چاقو لے کر میرے دروازے پر کھڑا ہے")
    assert replies, "no answer to the emergency"
    first_line = replies[0]["text"].split("\n")[0]
    advice = _(EMERGENCY, "ur")
    assert advice != EMERGENCY
    assert first_line == advice.split("\n")[0], resident.read()


# -- Polish by SMS -----------------------------------------------------------------------------


def answer_in(
    catalog: Catalog, turn: list[str], plan: Answers, words: dict[str, Any], said: str
) -> str:
    """The resident's answer to the last question of `turn`: the option's number when the
    answer is one of the numbered options, else the resident's own words (never English)."""
    # A question and its options may arrive as two texts.
    last = turn[-1] if catalog.question_key(turn[-1]) else "\n".join(turn[-2:])
    key = catalog.question_key(last)
    assert key, f"not a report question in {catalog.code}: {last!r}\n{said}"
    answer = plan.next(key)
    for title, number in catalog.options(last).items():
        if title.startswith(answer.lower()):
            return number
    assert key in words, f"would answer {key!r} in English: {answer!r}\n{said}"
    return answer


def sent_or_let_go(db: sessionmaker, outbox_id: int) -> bool:
    """Has the text been sent? A routine text queued in quiet hours (21:00-08:00, the worker's
    own clock) is held until the morning: such a text is let go at once (marked urgent), as
    the morning would, since the test cannot wait for it."""
    with transaction(db) as session:
        row = session.get(OutboxMessage, outbox_id)
        assert row is not None and row.state not in ("failed", "cancelled"), row and row.state
        if row.state == "sent":
            return True
        held = datetime.now(timezone.utc) + timedelta(seconds=30)
        session.execute(
            update(OutboxMessage)
            .where(
                OutboxMessage.id == outbox_id,
                OutboxMessage.state == "pending",
                OutboxMessage.next_attempt_at > held,
            )
            .values(urgent=True, next_attempt_at=datetime.now(timezone.utc))
        )
    return False


def test_a_polish_sms_report_and_a_staff_update_in_polish(
    e2e_system: RunningSystem, db: sessionmaker
) -> None:
    system = e2e_system
    polish = Catalog("pl")
    resident = Resident(system, db, POLISH_PHONE)

    first = "\n".join(resident.text("Dzień dobry"))
    assert "Polski" in first, resident.said  # the first reply offers the languages
    turn = resident.text("Polski")
    assert polish.says("\n".join(turn), LANGUAGE_CHOSEN), resident.said
    plan = Answers(POLISH_WORDS)
    reference = None
    for _turn in range(MAX_TURNS):
        assert turn, f"the assistant said nothing:\n{resident.said}"
        turn = resident.text(answer_in(polish, turn, plan, POLISH_WORDS, resident.said))
        found = REFERENCE.findall("\n".join(turn))
        if found:
            reference = found[-1]
            break
    assert reference, f"no case reference was texted to the resident:\n{resident.said}"
    said = resident.said
    assert re.search(r"^resident: [1-9]$", said, re.M), said  # options answered by number
    after_choice = resident.transcript[resident.transcript.index("resident: Polski") :]
    bot_texts = [line.removeprefix("bot: ") for line in after_choice if line.startswith("bot: ")]
    no_english(polish, bot_texts, said)
    case = system.api_get(f"/api/cases/{reference}")
    assert (case["language"], case["channel"], case["category"]) == ("pl", "sms", "noise")
    polish_ack, _english_ack = acknowledgement_in_both(db, reference)
    wait_until(lambda: polish_ack in [t["body"] for t in system.texts_to(POLISH_PHONE)], "ack")

    # An officer sends "Progress update" from the case page (the same service call).
    with transaction(db) as session:
        event = send_update(
            session,
            case_by_reference(session, reference),
            "in_progress",
            nonce=uuid.uuid4().hex,
            actor="e2e.officer",
            now=datetime.now(timezone.utc),
            landlord=LANDLORD,
            calendar=WorkingCalendar(),
        )
        outbox_id = int(event.data["outbox_id"])
    with db() as session:
        body = session.get(OutboxMessage, outbox_id).body
    assert reference in body and polish.says(body, UPDATE_TEMPLATES["in_progress"][1]), body
    wait_until(lambda: sent_or_let_go(db, outbox_id), "the update to be sent")
    assert body in [t["body"] for t in system.texts_to(POLISH_PHONE)]
