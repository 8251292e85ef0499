"""POST /api/safeguarding/records: the ingest secret, strict validation with clear 400s, and
idempotent updates that keep the most urgent route and the latest activity."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from backend.safeguarding.contract import RecordValidationError, parse_record
from backend.safeguarding.models import CONVERTED, OPEN
from tests.backend.case_helpers import NOW
from tests.backend.safeguarding.helpers import (
    RESIDENT_PHONE,
    WORDS,
    apply,
    case_events,
    iso,
    make_record,
    record_row,
    run_sweep,
)

PATH = "/api/safeguarding/records"


# -- the contract -----------------------------------------------------------------------------


def test_a_valid_record_is_cleaned_up() -> None:
    record = parse_record(
        make_record(
            language="pl-PL",
            contact={"phone": "07700 900321", "name": " Sam Example ", "safe_to_text": True},
        ),
        now=NOW,
    )
    assert record.route == "emergency"
    assert record.language == "pl"
    assert record.contact.phone == RESIDENT_PHONE
    assert record.contact.name == "Sam Example"
    assert record.contact.safe_to_text is True
    assert record.words == tuple(WORDS)
    assert record.flags == frozenset({"urgent"})


def test_every_problem_is_listed_at_once() -> None:
    with pytest.raises(RecordValidationError) as refused:
        parse_record(
            make_record(
                record_id="x",
                sequence=0,
                route="hate",
                channel="fax",
                started_at="2026-11-20T23:00:00",
                words="not a list",
                contact={"phone": "12", "favourite_colour": "blue"},
                flags={"urgent": "yes", "brave": True},
                surprise=True,
            ),
            now=NOW,
        )
    assert set(refused.value.fields) == {
        "record_id",
        "sequence",
        "route",
        "channel",
        "started_at",
        "words",
        "contact.phone",
        "contact.favourite_colour",
        "flags.urgent",
        "flags.brave",
        "surprise",
    }
    assert "UTC offset" in refused.value.fields["started_at"]
    assert "emergency, domestic_abuse" in refused.value.fields["route"]


def test_a_record_from_the_future_or_too_long_is_refused() -> None:
    with pytest.raises(RecordValidationError) as refused:
        parse_record(
            make_record(last_activity_at=iso(NOW + timedelta(hours=1)), words=["x" * 5001]),
            now=NOW,
        )
    assert refused.value.fields["last_activity_at"] == "is in the future"
    assert "5000" in refused.value.fields["words"]


# -- the endpoint -----------------------------------------------------------------------------


async def test_records_need_the_ingest_secret(api_client) -> None:
    response = await api_client.post(PATH, json=make_record())
    assert response.status == 401
    response = await api_client.post(
        PATH, json=make_record(), headers={"Authorization": "Bearer wrong"}
    )
    assert response.status == 401


async def test_bad_bodies_get_clear_400s(api_client, ingest_headers) -> None:
    response = await api_client.post(PATH, data="{not json", headers=ingest_headers)
    assert response.status == 400
    assert "not valid JSON" in (await response.json())["error"]
    response = await api_client.post(PATH, json=[1, 2], headers=ingest_headers)
    assert response.status == 400
    response = await api_client.post(
        PATH, json=make_record(route="crime_101", words=[1]), headers=ingest_headers
    )
    assert response.status == 400
    body = await response.json()
    assert set(body["fields"]) == {"route", "words"}
    huge = json.dumps(make_record(words=["x" * 4000] * 20))
    response = await api_client.post(PATH, data=huge, headers=ingest_headers)
    assert response.status == 413


async def test_a_record_is_opened_once_and_updated_in_order(
    api_client, ingest_headers, session_factory
) -> None:
    body = make_record(route="domestic_abuse", words=WORDS[:1], message_count=1)
    first = await api_client.post(PATH, json=body, headers=ingest_headers)
    assert first.status == 201
    assert await first.json() == {"record_id": body["record_id"], "state": "open"}
    again = await api_client.post(PATH, json=body, headers=ingest_headers)
    assert again.status == 200  # a retry of the same snapshot changes nothing

    later = iso(NOW + timedelta(minutes=3))
    update = {
        **body,
        "sequence": 3,
        "route": "emergency",
        "last_activity_at": later,
        "words": WORDS,
        "message_count": 2,
        "contact": {"phone": RESIDENT_PHONE},
    }
    assert (await api_client.post(PATH, json=update, headers=ingest_headers)).status == 200
    # A snapshot older than the one applied (sequence 2 after 3) arrives late: ignored.
    stale = {**body, "sequence": 2, "words": ["something else"], "message_count": 1}
    assert (await api_client.post(PATH, json=stale, headers=ingest_headers)).status == 200

    row = record_row(session_factory, body["record_id"])
    assert row.state == OPEN
    assert row.route == "emergency"
    assert row.words == WORDS
    assert row.message_count == 2
    assert row.contact["phone"] == RESIDENT_PHONE
    assert row.contact["location"] == "Flat 7, 3 Example Road"  # kept from the first snapshot
    assert row.last_activity_at == NOW + timedelta(minutes=3)
    assert row.sequence == 3


def test_a_more_urgent_route_is_kept_whatever_comes_after(session_factory) -> None:
    body = make_record()
    apply(session_factory, body)
    apply(
        session_factory,
        {**body, "sequence": 2, "route": "domestic_abuse", "flags": {"domestic_abuse": True}},
    )
    row = record_row(session_factory, body["record_id"])
    assert row.route == "emergency"
    assert set(row.flags) == {"urgent", "domestic_abuse"}


def test_words_after_the_case_was_opened_go_on_its_timeline(session_factory, settings) -> None:
    body = make_record()
    apply(session_factory, body)
    run_sweep(session_factory, settings)
    row = record_row(session_factory, body["record_id"])
    assert row.state == CONVERTED
    assert row.words is None and row.contact is None  # the case holds them now

    more = "he has gone now but he smashed the window"
    answer, opened = apply(
        session_factory,
        {
            **body,
            "sequence": 2,
            "words": [*WORDS, more],
            "message_count": 3,
            "last_activity_at": iso(NOW + timedelta(minutes=20)),
        },
        now=NOW + timedelta(minutes=20),
    )
    assert answer["state"] == CONVERTED and not opened
    events = [e for e in case_events(session_factory, row.case_id) if e.kind == "incomplete_more"]
    assert len(events) == 1
    assert more in events[0].summary
    assert WORDS[0] not in events[0].summary  # only what is new
