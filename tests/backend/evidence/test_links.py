"""By text: UPLOAD gets a one-time link (24 hours, one case, a few files, only its hash kept);
the link's page uses the same upload checks. Runs on SQLite and PostgreSQL."""

from __future__ import annotations

import re
import secrets
from datetime import timedelta

from sqlalchemy import select

from backend.db import transaction
from backend.evidence import service as evidence_service
from backend.evidence.models import EvidenceFile, EvidenceLink
from backend.sms_outbound.models import OutboxMessage
from tests.backend.evidence.conftest import NOW, form, pdf_bytes, photo_with_exif

PHONE = "+447700900123"  # make_report's fictional reporter (Ofcom drama range)


async def text_in(client, ingest_headers, body: str, phone: str = PHONE) -> dict:
    message = {"message_sid": "SM" + secrets.token_hex(16), "from": phone, "body": body}
    response = await client.post("/api/sms/inbound", json=message, headers=ingest_headers)
    assert response.status == 200, await response.text()
    return await response.json()


def last_text(session_factory, phone: str = PHONE) -> str:
    with transaction(session_factory) as session:
        row = session.execute(
            select(OutboxMessage)
            .where(OutboxMessage.to_number == phone)
            .order_by(OutboxMessage.id.desc())
            .limit(1)
        ).scalar_one()
        return row.body


async def link_for(client, ingest_headers, session_factory) -> str:
    answer = await text_in(client, ingest_headers, "Upload")
    assert answer["action"] == "upload_link"
    found = re.search(r"https?://\S+/evidence/([A-Za-z0-9_-]+)", last_text(session_factory))
    assert found, last_text(session_factory)
    return found.group(1)


async def test_texting_upload_sends_a_link_whose_page_takes_files(
    client, ingest_headers, report_case, session_factory
) -> None:
    reference, _pin = await report_case()
    token = await link_for(client, ingest_headers, session_factory)
    text = last_text(session_factory)
    assert reference in text and "24 hours" in text and "court" in text
    with transaction(session_factory) as session:
        [link] = session.execute(select(EvidenceLink)).scalars()
        assert link.token_hash != token and token not in link.token_hash  # only a hash

    page = await client.get(f"/evidence/{token}")
    assert page.status == 200
    html = await page.text()
    assert "may be used as evidence, including in court" in html
    assert 'enctype="multipart/form-data"' in html
    assert page.headers["X-Frame-Options"] == "DENY"

    sent = await client.post(f"/evidence/{token}", data=form(photo_with_exif()))
    assert sent.status == 201
    assert "Your photo has been added to your report" in await sent.text()
    with transaction(session_factory) as session:
        [row] = session.execute(select(EvidenceFile)).scalars()
        assert row.case_id is not None and row.source == "sms_link"

    refused = await client.post(f"/evidence/{token}", data=form(b"not a photo"))
    assert refused.status == 415
    assert "We cannot take this kind of file" in await refused.text()


async def test_a_link_takes_a_few_files_then_stops(
    client, ingest_headers, report_case, session_factory
) -> None:
    await report_case()
    token = await link_for(client, ingest_headers, session_factory)
    for _ in range(evidence_service.LINK_FILES):
        assert (await client.post(f"/evidence/{token}", data=form(pdf_bytes()))).status == 201
    used = await client.post(f"/evidence/{token}", data=form(pdf_bytes()))
    assert used.status == 404
    assert "expired or has already been used" in await used.text()
    assert (await client.get(f"/evidence/{token}")).status == 404


async def test_a_link_expires_after_24_hours(
    make_api_client, rasa, ingest_headers, report_case, client, session_factory
) -> None:
    await report_case()
    token = await link_for(client, ingest_headers, session_factory)
    later = await make_api_client(now=NOW + timedelta(hours=24, minutes=1), rasa_port=rasa.port)
    assert (await later.get(f"/evidence/{token}")).status == 404
    assert (await later.post(f"/evidence/{token}", data=form(pdf_bytes()))).status == 404


async def test_an_unknown_link_or_number_without_a_case(
    client, ingest_headers, session_factory
) -> None:
    assert (await client.get("/evidence/not-a-real-token")).status == 404
    answer = await text_in(client, ingest_headers, "upload", phone="+447700900999")
    assert answer["action"] == "upload_link"
    assert "could not find an open report" in last_text(session_factory, "+447700900999")
    with transaction(session_factory) as session:
        assert list(session.execute(select(EvidenceLink)).scalars()) == []


async def test_the_evidence_questions_words_still_reach_the_assistant(
    client, ingest_headers, report_case
) -> None:
    await report_case()
    for word in ("photos", "video", "recording", "stop"):
        answer = await text_in(client, ingest_headers, word)
        assert answer["action"] != "upload_link"
