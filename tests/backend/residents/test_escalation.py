"""A repeat incident that reports danger raises the open case's flags, team, triage and alerts
the duty officer; one that does not behaves as before (backend/residents/escalation.py).

Runs on SQLite and PostgreSQL with fictional data only. make_report's case: a noise report on
Friday 20 November at 11pm, so CHM, LOW, priority 5, queued Monday 23 and due Friday 27
November; the incidents come on Saturday morning, when a new report would be queued on Monday.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime, timezone

import pytest
from sqlalchemy import select

from backend.alerts.models import Alert
from backend.alerts.service import acknowledge_alert
from backend.cases.queries import get_case_by_reference
from backend.db import transaction
from backend.residents.escalation import HARM, assess
from backend.sms_outbound.models import OutboxMessage
from backend.triage.decision import TriageDecision, triage_case
from core.workdays import WorkingCalendar

PHONE = "+447700900123"
DUTY_PHONE = "+447700900999"
NOW = datetime(2026, 11, 21, 10, 0, tzinfo=timezone.utc)  # Saturday morning


@pytest.fixture
async def client(make_api_client):
    return await make_api_client(now=NOW, duty_officer_phone=DUTY_PHONE)


async def report(client, headers, make_report, **overrides) -> str:
    response = await client.post("/api/reports", json=make_report(**overrides), headers=headers)
    assert response.status == 201, await response.text()
    return (await response.json())["reference"]


async def add_incident(client, headers, reference, description, **extra):
    body = {
        "report_id": str(uuid.uuid4()),
        "channel": "sms",
        "description": description,
        "happening_now": False,
        "verification": {"phone": PHONE},
        **extra,
    }
    return await client.post(f"/api/cases/{reference}/incidents", json=body, headers=headers)


def case_state(session_factory, reference):
    with transaction(session_factory) as session:
        case = get_case_by_reference(session, reference)
        flags = {
            name
            for name in ("urgent", "domestic_abuse", "hate", "safeguarding")
            if getattr(case, name)
        }
        events = [(event.kind, event.summary, event.data) for event in case.events]
        return (
            flags,
            case.owner_team,
            case.assigned_to,
            case.triage_priority_days,
            case.triage_due,
            events,
        )


def duty_texts(session_factory) -> list[str]:
    with transaction(session_factory) as session:
        query = select(OutboxMessage).where(OutboxMessage.to_number == DUTY_PHONE)
        return [row.body for row in session.execute(query.order_by(OutboxMessage.id)).scalars()]


def open_alert_reasons(session_factory, reference) -> list[str]:
    with transaction(session_factory) as session:
        case = get_case_by_reference(session, reference)
        query = select(Alert.reason).where(
            Alert.case_id == case.id, Alert.acknowledged_at.is_(None)
        )
        return sorted(session.execute(query).scalars())


def kinds(events) -> list[str]:
    return [kind for kind, _, _ in events]


# -- what counts as danger -------------------------------------------------------------------


def test_what_a_repeat_incident_says_about_danger():
    knife = assess("It happened again and he had a knife", None, {})
    assert knife is not None and knife.route == HARM
    assert knife.flags == {"urgent"} and knife.category == "violence"
    abuse = assess("my ex came round again and hit me", None, {})
    assert abuse.route == "domestic_abuse" and "domestic_abuse" in abuse.flags
    hate = assess("they called me a racist name again because I am black", None, {})
    assert hate.route == "hate" and "hate" in hate.flags
    now = assess("he is outside my door with a knife right now", None, {})
    assert now.route == "emergency" and "urgent" in now.flags
    # The assistant's own routing counts, with or without words the layer knows.
    assert assess("it happened again", "emergency", {}).flags == {"urgent"}
    assert assess("it happened again", None, {"urgent": True}).route == "emergency"
    # Not danger: everyday repeats, a past crime, or only the vulnerable flag.
    assert assess("The music was loud again until 2am", None, {}) is None
    assert assess("they scratched my car again", "crime_101", {}) is None
    assert assess("The music was loud again until 2am", None, {"vulnerable": True}) is None


# -- a new case, not yet triaged -------------------------------------------------------------


async def test_a_knife_raises_flags_team_and_triage_and_alerts_the_duty_officer(
    client, ingest_headers, make_report, session_factory
):
    reference = await report(client, ingest_headers, make_report)
    response = await add_incident(
        client, ingest_headers, reference, "It happened again and he had a knife"
    )
    assert response.status == 201, await response.text()
    # The resident's receipt is the same as for any incident.
    assert set(await response.json()) == {
        "reference",
        "incident_count",
        "reports_last_6_months",
        "case_review_eligible",
    }
    flags, team, _, priority, due, events = case_state(session_factory, reference)
    assert flags == {"urgent"}
    assert team == "TEM"  # a weapon: the violence category's team, as a new report would get
    assert priority == 1
    assert due == date(2026, 11, 23)  # Monday, the day a report made now is triaged
    assert kinds(events) == ["created", "incident", "escalation", "alert"]
    _, summary, data = events[2]
    assert "Repeat incident reports danger (harm or a weapon mentioned)" in summary
    assert "Owner CHM -> TEM" in summary
    assert "Priority 5 -> 1 working day" in summary
    assert "Triage due Fri 27 Nov -> Mon 23 Nov" in summary
    assert "knife" not in summary.lower()  # never the resident's words
    assert data["before"] == {
        "urgent": False,
        "owner_team": "CHM",
        "triage_priority_days": 5,
        "triage_due": "2026-11-27",
    }
    assert data["after"]["owner_team"] == "TEM" and data["after"]["urgent"] is True
    assert events[1][2]["danger"] == HARM
    # One text to the duty officer: reference and team, nothing the resident said.
    [text] = duty_texts(session_factory)
    assert reference in text and "team TEM" in text and "knife" not in text.lower()
    assert open_alert_reasons(session_factory, reference) == ["new_emergency"]


async def test_the_assistant_route_alone_escalates(
    client, ingest_headers, make_report, session_factory
):
    reference = await report(client, ingest_headers, make_report)
    response = await add_incident(
        client, ingest_headers, reference, "it happened again", route="hate"
    )
    assert response.status == 201
    flags, team, _, priority, _, events = case_state(session_factory, reference)
    assert flags == {"hate"} and team == "TEM" and priority == 1
    assert "the assistant routed it as hate" in events[2][1]
    assert events[1][2]["assistant_route"] == "hate"
    # Hate on a new case has no alert of its own: the escalation is the alert.
    assert open_alert_reasons(session_factory, reference) == ["escalated"]
    [text] = duty_texts(session_factory)
    assert text == (
        f"ASB alert: Repeat incident reports danger (hate) {reference} (team TEM). "
        "Please check the staff pages."
    )


# -- danger again, and a case staff already triaged ------------------------------------------


async def test_every_dangerous_repeat_reaches_the_duty_officer(
    client, ingest_headers, make_report, session_factory, settings
):
    # An emergency report from the start: already alerted as a new emergency.
    reference = await report(
        client, ingest_headers, make_report, route="emergency", flags={"urgent": True}
    )
    assert len(duty_texts(session_factory)) == 1
    first = await add_incident(
        client, ingest_headers, reference, "he is outside my door with a knife right now"
    )
    assert first.status == 201
    texts = duty_texts(session_factory)
    assert len(texts) == 2
    assert texts[1].startswith("ASB alert: Repeat incident reports danger (emergency) " + reference)
    assert (
        "Repeat incident reports danger (emergency)"
        in case_state(session_factory, reference)[5][-2][1]
    )
    # The duty officer acknowledges it; the next dangerous incident raises it again.
    with transaction(session_factory) as session:
        case = get_case_by_reference(session, reference)
        alert_id = session.execute(
            select(Alert.id).where(Alert.case_id == case.id, Alert.reason == "escalated")
        ).scalar_one()
        assert acknowledge_alert(session, alert_id, actor="duty.officer", now=NOW)
    assert "escalated" not in open_alert_reasons(session_factory, reference)
    second = await add_incident(
        client, ingest_headers, reference, "he came back and threatened to kill me"
    )
    assert second.status == 201
    assert len(duty_texts(session_factory)) == 3
    assert "escalated" in open_alert_reasons(session_factory, reference)


async def test_staff_assignment_is_kept_and_the_officer_told(
    client, ingest_headers, make_report, session_factory, settings
):
    reference = await report(client, ingest_headers, make_report)
    with transaction(session_factory) as session:
        case = get_case_by_reference(session, reference)
        triage_case(
            session,
            case,
            TriageDecision(
                category="noise",
                risk_band="LOW",
                priority_days=5,
                is_asb=True,
                reason="Noise nuisance, mediation first",
                assigned_to="cat.chm",
            ),
            actor="cat.chm",
            calendar=WorkingCalendar.from_settings(settings),
            now=NOW,
        )
    response = await add_incident(
        client, ingest_headers, reference, "my ex came round again and hit me"
    )
    assert response.status == 201
    flags, team, assigned, priority, due, events = case_state(session_factory, reference)
    assert flags == {"domestic_abuse"}
    assert (team, assigned) == ("CHM", "cat.chm")  # staff's decision stands
    assert priority == 1
    assert due == date(2026, 11, 27)  # triage is done: its date is history
    summary = events[-2][1]
    assert "Repeat incident reports danger (domestic abuse)" in summary
    assert "Assignment kept: staff gave this case to cat.chm (CHM)" in summary
    assert "the rules would give it to TEM, please review" in summary
    assert events[-2][2]["suggested_team"] == "TEM"
    [text] = duty_texts(session_factory)
    assert text == (
        f"ASB alert: Repeat incident reports danger (domestic abuse) {reference} (team CHM). "
        "Please check the staff pages."
    )


# -- no danger: as before --------------------------------------------------------------------


async def test_a_repeat_without_danger_changes_nothing_but_the_timeline(
    client, ingest_headers, make_report, session_factory
):
    reference = await report(client, ingest_headers, make_report)
    before = case_state(session_factory, reference)
    response = await add_incident(
        client, ingest_headers, reference, "The music was loud again until 2am", route="asb"
    )
    assert response.status == 201
    after = case_state(session_factory, reference)
    assert after[:5] == before[:5] == (set(), "CHM", None, 5, date(2026, 11, 27))
    assert kinds(after[5]) == ["created", "incident"]
    assert "danger" not in after[5][1][2]
    assert duty_texts(session_factory) == []
    assert open_alert_reasons(session_factory, reference) == []


async def test_an_unknown_route_is_refused(client, ingest_headers, make_report):
    reference = await report(client, ingest_headers, make_report)
    response = await add_incident(client, ingest_headers, reference, "again", route="panic")
    assert response.status == 400
    assert "route" in (await response.json())["fields"]
