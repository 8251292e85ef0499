"""Issue 16: a number's language by text. The first reply's language menu is remembered like any
options, so "3" or "Polski" maps to the menu's payload; the language a conversation chose is
kept for the number (sms_conversations.language) and told to the assistant with each later
text; the backend's own replies (HELP) use it. Real database (SQLite and PostgreSQL)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po
from sqlalchemy import select
from sqlalchemy.orm import sessionmaker

from backend.sms_inbound.assistant import queue_assistant_replies
from backend.sms_inbound.keywords import help_text
from backend.sms_inbound.service import receive_inbound
from backend.sms_inbound.texts import InboundSms
from backend.sms_outbound.models import OutboxMessage
from core import i18n

RESIDENT = "+447700900462"
NOW = datetime(2026, 12, 7, 10, 0, tzinfo=timezone.utc)
MENU = [
    {"title": title, "payload": f'/choose_language{{"language": "{code}"}}'}
    for code, title in [
        ("en", "English"), ("cy", "Cymraeg"), ("pl", "Polski"), ("ro", "Română"),
        ("pa", "ਪੰਜਾਬੀ"), ("ur", "اردو"), ("pt", "Português"),
    ]
]  # fmt: skip


def sid(n: int) -> str:
    return f"SM{n:032x}"


def inbound(session_factory: sessionmaker, n: int, body: str) -> dict:
    with session_factory.begin() as session:
        result = receive_inbound(
            session,
            InboundSms(message_sid=sid(n), from_number=RESIDENT, body=body),
            now=NOW,
            landlord_name="Example Homes",
            landlord_phone="0300 000 0000",
        )
        return result.as_json()


def reply(session_factory: sessionmaker, n: int, language: str, buttons: list | None = None):
    message = {"text": "Where is this happening?", **({"buttons": buttons} if buttons else {})}
    with session_factory.begin() as session:
        queue_assistant_replies(
            session, to_number=RESIDENT, in_reply_to=sid(n), messages=[message], language=language
        )


def test_the_menu_number_and_name_map_to_the_language_payload(
    session_factory: sessionmaker,
) -> None:
    inbound(session_factory, 1, "There is loud music")
    reply(session_factory, 1, "en", MENU)
    with session_factory() as session:
        [text] = session.execute(select(OutboxMessage.body)).scalars().all()
    assert text.endswith("1 English, 2 Cymraeg, 3 Polski, 4 Română, 5 ਪੰਜਾਬੀ, 6 اردو, 7 Português")
    assert inbound(session_factory, 2, "3")["text"] == '/choose_language{"language": "pl"}'
    assert inbound(session_factory, 3, "cymraeg")["text"] == '/choose_language{"language": "cy"}'


def test_the_chosen_language_is_kept_for_the_number(session_factory: sessionmaker) -> None:
    assert "language" not in inbound(session_factory, 1, "hello")
    reply(session_factory, 1, "pl")
    answer = inbound(session_factory, 2, "Głośna muzyka")
    assert answer["action"] == "assistant"
    assert answer["language"] == "pl"


@pytest.fixture
def welsh_help(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A test-only Welsh catalog holding the HELP reply (the drafts may still be changing)."""
    source = help_text("{landlord}", "{phone}", "en")
    catalog = Catalog(locale="cy")
    catalog.add(source, "{landlord}: CYMORTH. Ffoniwch {phone}. Perygl? Ffoniwch 999.")
    po = tmp_path / "locales" / "cy" / "LC_MESSAGES" / "messages.po"
    po.parent.mkdir(parents=True)
    with po.open("wb") as handle:
        write_po(handle, catalog)
    monkeypatch.setattr(i18n, "LOCALES_DIR", tmp_path / "locales")
    i18n.translations.cache_clear()
    yield "Example Homes: CYMORTH. Ffoniwch 0300 000 0000. Perygl? Ffoniwch 999."
    i18n.translations.cache_clear()


def test_the_backends_own_replies_use_the_numbers_language(
    session_factory: sessionmaker, welsh_help: str
) -> None:
    reply(session_factory, 1, "cy")
    answer = inbound(session_factory, 2, "HELP")
    assert answer["action"] != "assistant"
    with session_factory() as session:
        bodies = (
            session.execute(select(OutboxMessage.body).where(OutboxMessage.kind != "reply"))
            .scalars()
            .all()
        )
    assert bodies == [welsh_help]
