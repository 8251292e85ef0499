"""Residents send evidence from the web chat: while reporting (joined to the case when the
receipt comes back), after the receipt, and later with the reference after the identity check.
Limits refused plainly with a 4xx. Runs on SQLite and PostgreSQL."""

from __future__ import annotations

import hashlib
import logging

import pytest
from PIL import Image
from sqlalchemy import select

from backend.cases.models import Case, CaseEvent
from backend.db import transaction
from backend.evidence import service as evidence_service
from backend.evidence.models import EvidenceFile
from tests.backend.evidence.conftest import (
    DEVICE,
    POSTCODE,
    form,
    mp4_bytes,
    pdf_bytes,
    photo_with_exif,
)

RECEIPT = (
    "Thank you. Your report has been sent. Your reference is {reference} and your PIN is "
    "{pin}. Keep both to check on your report. Our team will review it on Monday."
)


def files_of(session_factory, reference: str | None = None) -> list[EvidenceFile]:
    with transaction(session_factory) as session:
        query = select(EvidenceFile).order_by(EvidenceFile.id)
        if reference is not None:
            case = session.execute(select(Case).where(Case.reference == reference)).scalar_one()
            query = query.where(EvidenceFile.case_id == case.id)
        rows = list(session.execute(query).scalars())
        session.expunge_all()
        return rows


def evidence_events(session_factory, reference: str) -> list[CaseEvent]:
    with transaction(session_factory) as session:
        case = session.execute(select(Case).where(Case.reference == reference)).scalar_one()
        rows = list(
            session.execute(
                select(CaseEvent).where(CaseEvent.case_id == case.id, CaseEvent.kind == "evidence")
            ).scalars()
        )
        session.expunge_all()
        return rows


async def test_a_photo_sent_while_reporting_joins_the_case_when_the_receipt_comes(
    client, rasa, report_case, session_factory, settings
) -> None:
    await client.post("/chat/message", json={"message": "Loud music every night"})
    response = await client.post("/chat/evidence", data=form(photo_with_exif()))
    assert response.status == 201, await response.text()
    answer = await response.json()
    assert answer["attached"] is False
    assert "added to your report when you send it" in answer["message"]
    [held] = files_of(session_factory)
    assert held.case_id is None and held.session_key

    reference, pin = await report_case()
    rasa.reply = RECEIPT.format(reference=reference, pin=pin)
    await client.post("/chat/message", json={"message": "/affirm"})

    [kept] = files_of(session_factory, reference)
    assert kept.kind == "photo" and kept.source == "web_chat" and kept.session_key is None
    stored = settings.evidence_path / kept.stored_name
    content = stored.read_bytes()
    assert hashlib.sha256(content).hexdigest() == kept.sha256
    assert DEVICE.encode() not in content  # EXIF gone
    with Image.open(stored) as image:
        assert image.size == (20, 40)
    [event] = evidence_events(session_factory, reference)
    assert event.actor == "resident" and event.data["sha256"] == kept.sha256
    assert "Photo added by the resident" in event.summary

    # After the receipt, the next file goes straight on the case.
    response = await client.post(
        "/chat/evidence", data=form(pdf_bytes(), "letter.pdf", "application/pdf")
    )
    assert response.status == 201
    answer = await response.json()
    assert answer["attached"] is True and reference in answer["message"]
    assert len(files_of(session_factory, reference)) == 2


async def test_a_receipt_with_a_wrong_pin_joins_nothing(
    client, rasa, report_case, session_factory
) -> None:
    reference, pin = await report_case()
    await client.post("/chat/evidence", data=form(photo_with_exif()))
    wrong = f"{(int(pin) + 1) % 10**6:06d}"
    rasa.reply = RECEIPT.format(reference=reference, pin=wrong)
    await client.post("/chat/message", json={"message": "yes"})
    assert files_of(session_factory, reference) == []
    assert files_of(session_factory)[0].case_id is None


async def test_later_with_the_reference_and_postcode_or_pin(
    client, report_case, session_factory, caplog
) -> None:
    reference, pin = await report_case()
    with caplog.at_level(logging.DEBUG):
        by_postcode = await client.post(
            "/chat/evidence",
            data=form(
                mp4_bytes(),
                "number-7-party.mp4",
                "video/mp4",
                reference=reference,
                postcode=POSTCODE,
            ),
        )
    assert "number-7-party" not in caplog.text and POSTCODE not in caplog.text
    assert by_postcode.status == 201, await by_postcode.text()
    by_pin = await client.post(
        "/chat/evidence",
        data=form(photo_with_exif(), reference=reference.lower(), pin=pin),
    )
    assert by_pin.status == 201
    rows = files_of(session_factory, reference)
    assert [(row.kind, row.source) for row in rows] == [
        ("video", "case_check"),
        ("photo", "case_check"),
    ]


async def test_a_failed_identity_check_keeps_nothing_and_counts(
    client, report_case, session_factory, caplog
) -> None:
    reference, _pin = await report_case()
    with caplog.at_level(logging.DEBUG):
        wrong = await client.post(
            "/chat/evidence",
            data=form(photo_with_exif(), "my-street.jpg", reference=reference, postcode="ZZ9 9ZZ"),
        )
    assert wrong.status == 404
    assert "could not find a report with those details" in (await wrong.json())["error"]
    assert files_of(session_factory) == []
    assert "my-street" not in caplog.text and "ZZ9" not in caplog.text
    for _ in range(5):
        await client.post(
            "/chat/evidence", data=form(b"x", reference=reference, postcode="ZZ9 9ZZ")
        )
    locked = await client.post(
        "/chat/evidence", data=form(photo_with_exif(), reference=reference, postcode=POSTCODE)
    )
    assert locked.status == 429
    assert "Too many tries" in (await locked.json())["error"]


async def test_a_closed_case_takes_no_more_evidence(client, report_case, session_factory) -> None:
    reference, pin = await report_case()
    with transaction(session_factory) as session:
        case = session.execute(select(Case).where(Case.reference == reference)).scalar_one()
        case.status = "closed"
    response = await client.post(
        "/chat/evidence", data=form(photo_with_exif(), reference=reference, pin=pin)
    )
    assert response.status == 409
    assert "closed" in (await response.json())["error"]


@pytest.mark.parametrize(
    ("data", "name", "ctype"),
    [
        (b"<html><script>alert(1)</script></html>", "photo.jpg", "image/jpeg"),
        (b"MZ\x90\x00 a program", "video.mp4", "video/mp4"),
        (b"PK\x03\x04 a word document", "letter.docx", "application/pdf"),
    ],
)
async def test_a_file_of_another_kind_is_refused_whatever_it_claims(
    client, session_factory, settings, data, name, ctype
) -> None:
    response = await client.post("/chat/evidence", data=form(data, name, ctype))
    assert response.status == 415
    assert "We cannot take this kind of file" in (await response.json())["error"]
    assert files_of(session_factory) == []
    assert [p for p in settings.evidence_path.iterdir()] == []  # nothing left on disk


async def test_sizes_are_limited_by_kind(make_api_client, rasa, session_factory) -> None:
    client = await make_api_client(
        rasa_port=rasa.port, evidence_max_bytes=1000, evidence_max_video_bytes=5000
    )
    big_pdf = pdf_bytes() + b"%" * 2000
    refused = await client.post(
        "/chat/evidence", data=form(big_pdf, "letter.pdf", "application/pdf")
    )
    assert refused.status == 413
    assert "too big" in (await refused.json())["error"]
    assert (await client.post("/chat/evidence", data=form(mp4_bytes(3000), "a.mp4"))).status == 201
    too_long = await client.post("/chat/evidence", data=form(mp4_bytes(6000), "a.mp4"))
    assert too_long.status == 413
    empty = await client.post("/chat/evidence", data=form(b"", "a.jpg"))
    assert empty.status == 400
    assert len(files_of(session_factory)) == 1


async def test_a_case_takes_a_limited_number_of_files(
    client, report_case, session_factory, monkeypatch
) -> None:
    monkeypatch.setattr(evidence_service, "MAX_FILES_PER_CASE", 2)
    reference, pin = await report_case()
    for _ in range(2):
        ok = await client.post(
            "/chat/evidence", data=form(pdf_bytes(), reference=reference, pin=pin)
        )
        assert ok.status == 201
    full = await client.post("/chat/evidence", data=form(pdf_bytes(), reference=reference, pin=pin))
    assert full.status == 409
    assert "most files we can take" in (await full.json())["error"]
    assert len(files_of(session_factory, reference)) == 2


@pytest.mark.parametrize(
    ("body", "headers"),
    [
        (b'{"file": "x"}', {"Content-Type": "application/json"}),
        (b"garbage", {"Content-Type": "multipart/form-data"}),
        (
            b"--b\r\nContent-Disposition: form-data\r\n\r\nx",
            {"Content-Type": "multipart/form-data; boundary=b"},
        ),
        (b"--b--\r\n", {"Content-Type": "multipart/form-data; boundary=b"}),
    ],
)
async def test_a_malformed_upload_is_a_plain_400(client, body, headers) -> None:
    response = await client.post("/chat/evidence", data=body, headers=headers)
    assert response.status == 400
    assert (await response.json())["error"] == "Please choose a file to send."


async def test_another_website_cannot_upload(client, session_factory) -> None:
    response = await client.post(
        "/chat/evidence", data=form(pdf_bytes()), headers={"Origin": "https://evil.example"}
    )
    assert response.status == 403
    assert files_of(session_factory) == []


async def test_files_held_for_a_report_never_sent_are_deleted_after_a_day(
    client, make_api_client, rasa, session_factory, settings
) -> None:
    from datetime import timedelta

    from backend.evidence.views import sweep_once
    from tests.backend.evidence.conftest import NOW

    await client.post("/chat/evidence", data=form(photo_with_exif()))
    [held] = files_of(session_factory)
    stored = settings.evidence_path / held.stored_name
    assert stored.exists()
    assert sweep_once(client.server.app) == 0  # not a day old yet
    later = await make_api_client(now=NOW + timedelta(hours=25), rasa_port=rasa.port)
    assert sweep_once(later.server.app) == 1
    assert files_of(session_factory) == [] and not stored.exists()
