"""Photos texted while reporting become evidence on the report's case."""

from __future__ import annotations

from datetime import timedelta

import aiohttp
from sqlalchemy import select

from backend.cases.models import Case
from backend.db import transaction, utcnow
from backend.sms_inbound.evidence import EVIDENCE_WINDOW, attach_recent_media
from backend.sms_inbound.models import SmsInbound
from tests.backend.sms_inbound.two_way_world import OTHER, RESIDENT, World, make_case, update

# -- photos sent during a report become evidence ----------------------------------------------


async def _report(world: World, report: dict) -> dict:
    """POST /api/reports as the action server does; returns the receipt."""
    headers = {"Authorization": f"Bearer {world.settings.ingest_secret}"}
    report = {**report, "received_at": utcnow().isoformat()}  # sent just now, like the photos
    async with aiohttp.ClientSession() as http:
        url = world.backend_url + "/api/reports"
        async with http.post(url, json=report, headers=headers) as answer:
            assert answer.status in (200, 201), await answer.text()
            return await answer.json()


def _case(world: World, case_id: int) -> Case:
    with world.session_factory() as session:
        return session.get(Case, case_id)


async def test_photos_sent_while_reporting_become_evidence(world: World, make_report) -> None:
    sms_reporter = {"phone": RESIDENT, "safe_to_text": True, "consent_to_contact": True}
    # A web report from the same number first (no texts about it, so later texts still reach
    # the assistant): photos sent before it are not this report's.
    web_reporter = {**sms_reporter, "safe_to_text": False}
    await world.text("Old photo", media_urls=["https://x.test/ME-before"])
    web = await _report(world, make_report(channel="web", reporter=web_reporter))
    await world.text("Loud music again", media_urls=["https://x.test/ME-old"])
    web_case = _case(world, web["case_id"])
    assert "evidence" not in web_case.details
    with world.session_factory() as session:
        assert attach_recent_media(session, session.get(Case, web["case_id"])) == 0
    await world.text("Loud music upstairs", media_urls=["https://x.test/ME1", "https://x.test/ME2"])
    await world.text(None, media_urls=["https://x.test/ME3"])  # a photo sent alone
    await world.send_all()
    assert any("added to your report when you send it" in t for t in world.sent_to())
    await world.text("Flat 3, 1 Example Road")  # no photo
    await world.text("Another flat", sender=OTHER, media_urls=["https://x.test/ME-other"])

    report = make_report(channel="sms", reporter=sms_reporter)
    receipt = await _report(world, report)
    case = _case(world, receipt["case_id"])
    evidence = case.details["evidence"]
    assert [item["url"] for item in evidence] == [
        "https://x.test/ME-old",
        "https://x.test/ME1",
        "https://x.test/ME2",
        "https://x.test/ME3",
    ]
    assert {item["type"] for item in evidence} == {"photo"}
    assert all(item["message_sid"] and item["received_at"] for item in evidence)
    [event] = world.events(case.id, "evidence")
    assert event.actor == "resident" and "https://x.test/ME3" in event.summary
    assert len(event.data["message_sids"]) == 3
    with world.session_factory() as session:
        other = session.execute(
            select(SmsInbound).where(SmsInbound.from_number == OTHER)
        ).scalar_one()
        assert other.case_id is None  # another number's photos stay where they are

    # The same report again (a retried POST) attaches nothing twice; a new report gets none.
    assert (await _report(world, report))["case_id"] == case.id
    assert len(_case(world, case.id).details["evidence"]) == 4
    second = await _report(world, make_report(channel="sms", reporter=sms_reporter))
    assert "evidence" not in _case(world, second["case_id"]).details
    assert world.events(second["case_id"], "evidence") == []

    # A photo sent in reply to an update about the case is a note with its link, as before.
    update(world, second["case_id"], "status", status="in_progress")
    await world.send_all()
    await world.text("Here is a photo", media_urls=["https://x.test/ME-later"])
    [note] = world.events(second["case_id"], "resident_reply")
    assert note.data["media_urls"] == ["https://x.test/ME-later"]
    assert "evidence" not in _case(world, second["case_id"]).details


async def test_old_photos_are_not_evidence(world: World) -> None:
    await world.text("Loud music upstairs", media_urls=["https://x.test/ME1"])
    case_id = make_case(world.session_factory)
    with transaction(world.session_factory) as session:
        case = session.get(Case, case_id)
        later = utcnow() + EVIDENCE_WINDOW + timedelta(minutes=1)
        assert attach_recent_media(session, case, now=later) == 0
        assert attach_recent_media(session, case) == 1
    assert "evidence" in _case(world, case_id).details
