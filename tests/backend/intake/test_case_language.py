"""Issue 16: the report's language is the case's, and every text about the case follows it.
A Welsh report's acknowledgement is the Welsh catalog's words with the day named in Welsh; a
Polish case's update texts are Polish. The catalogs here are test-only (tmp dir), so the test
does not depend on the drafts' progress; the database is the real one (SQLite, PostgreSQL)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po
from sqlalchemy import select

from backend.db import transaction
from backend.email_outbound.compose import email_subject
from backend.sms_outbound.models import OutboxMessage
from backend.sms_outbound.updates import update_text
from core import i18n
from tests.backend.case_helpers import create

ACK = (
    "{landlord}: thank you, we have your report about anti-social behaviour. "
    "Your reference is {reference}. Our team will review it on {day}. "
    "If anyone is in danger call 999."
)
UPLOAD = "To send photos, videos or recordings, text UPLOAD for a link."
STATUS = "{landlord}: an update on your case {reference}: {status}."
WORKING = "we are working on it"
SUBJECT = "{landlord}: we have your report {reference}"

TEST_CATALOGS = {
    "cy": {
        ACK: "{landlord}: diolch, mae gennym eich adroddiad. Eich cyfeirnod yw {reference}. "
        "Bydd ein tîm yn ei adolygu ar {day}. Os oes unrhyw un mewn perygl, ffoniwch 999.",
        UPLOAD: "I anfon lluniau, tecstiwch UPLOAD am ddolen.",
        SUBJECT: "{landlord}: mae gennym eich adroddiad {reference}",
    },
    "pl": {
        STATUS: "{landlord}: informacja o sprawie {reference}: {status}.",
        WORKING: "zajmujemy się nią",
    },
}


@pytest.fixture(autouse=True)
def test_catalogs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    for language, entries in TEST_CATALOGS.items():
        catalog = Catalog(locale=language)
        for source, translated in entries.items():
            catalog.add(source, translated)
        po = tmp_path / "locales" / language / "LC_MESSAGES" / "messages.po"
        po.parent.mkdir(parents=True)
        with po.open("wb") as handle:
            write_po(handle, catalog)
    monkeypatch.setattr(i18n, "LOCALES_DIR", tmp_path / "locales")
    i18n.translations.cache_clear()
    yield
    i18n.translations.cache_clear()


def test_a_welsh_reports_acknowledgement_is_welsh(session_factory, make_report) -> None:
    case, _created = create(session_factory, make_report(language="cy-GB", channel="sms"))
    assert case.language == "cy"
    with transaction(session_factory) as session:
        [ack] = session.execute(select(OutboxMessage).where(OutboxMessage.kind == "ack")).scalars()
        body = ack.body
    assert body == (
        f"Example Homes: diolch, mae gennym eich adroddiad. Eich cyfeirnod yw {case.reference}. "
        "Bydd ein tîm yn ei adolygu ar dydd Llun 23 Tachwedd. Os oes unrhyw un mewn perygl, "
        "ffoniwch 999. I anfon lluniau, tecstiwch UPLOAD am ddolen."
    )
    assert email_subject(case, "ack", "Example Homes") == (
        f"Example Homes: mae gennym eich adroddiad {case.reference}"
    )


def test_a_polish_cases_updates_are_polish(session_factory, make_report) -> None:
    case, _created = create(session_factory, make_report(language="pl", channel="sms"))
    assert case.language == "pl"
    text = update_text(case, "status", landlord_name="Example Homes", status="in_progress")
    assert text == f"Example Homes: informacja o sprawie {case.reference}: zajmujemy się nią."


def test_an_english_case_stays_english(session_factory, make_report) -> None:
    case, _created = create(session_factory, make_report())
    text = update_text(case, "status", landlord_name="Example Homes", status="in_progress")
    assert text == f"Example Homes: an update on your case {case.reference}: we are working on it."
