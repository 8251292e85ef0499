"""The partner API's rules: scopes (a read key cannot create, revoked and rotated keys are
refused), no personal data in reads, every call audited, bad input answered with 400/404 in the
spec's error format, updates after triage. Fictional data."""

from __future__ import annotations

import json
import logging

import pytest
from sqlalchemy import select

from backend.alerts.models import Alert
from backend.cases.models import Case, CaseEvent
from backend.casework.status import set_status
from backend.db import transaction
from backend.partners import service
from backend.triage.decision import TriageDecision, triage_case
from core.workdays import WorkingCalendar
from tests.backend.open311.helpers import BASE, NOW, good_form
from tests.backend.partners.helpers import api_calls, make_key
from tests.conftest import INGEST_SECRET

DA_WORDS = "My ex-partner Sam Example keeps turning up and shouting threats at the door"
HATE_WORDS = "Someone sprayed a racist slogan on my door at 14 Example Road"


@pytest.fixture
async def client(make_api_client):
    return await make_api_client(now=NOW)


async def _get(client, path: str, key: str, **params):
    response = await client.get(f"{BASE}/{path}", params={"api_key": key, **params})
    return response.status, await response.json()


async def test_scopes_revoked_and_rotated_keys(client, session_factory):
    reader = make_key(session_factory, scopes=("read",)).key
    creator = make_key(session_factory, scopes=("create",), partner="Example Police").key

    response = await client.post(f"{BASE}/requests.json", data=good_form(reader))
    assert response.status == 403
    assert "may not create" in (await response.json())[0]["description"]
    status, body = await _get(client, "services.json", creator)
    assert status == 403 and "may not read" in body[0]["description"]
    with transaction(session_factory) as session:
        assert session.execute(select(Case)).first() is None

    response = await client.post(f"{BASE}/requests.json", data=good_form(creator))
    assert response.status == 200
    assert (await _get(client, "services.json", reader))[0] == 200

    with transaction(session_factory) as session:
        service.revoke_key(session, 1, actor="ada", now=NOW)
        rotated = service.rotate_key(session, 2, actor="ada", secret=INGEST_SECRET, now=NOW)
    assert (await _get(client, "services.json", reader))[0] == 403
    response = await client.post(f"{BASE}/requests.json", data=good_form(creator))
    assert response.status == 403
    response = await client.post(f"{BASE}/requests.json", data=good_form(rotated.key))
    assert response.status == 200
    # Missing key, a staff token, a made-up key: refused.
    assert (await client.get(f"{BASE}/services.json")).status == 403
    assert (await _get(client, "services.json", "asbp_" + "x" * 40))[0] == 403


async def test_reads_carry_no_personal_data(client, session_factory, add_case):
    key = make_key(session_factory, scopes=("read", "create")).key
    abuse = add_case(
        route="domestic_abuse",
        category="domestic_abuse",
        description=DA_WORDS,
        location="Flat 2, 7 Example Close, ZZ99 2BB",
    )
    hate = add_case(route="hate", category="hate", description=HATE_WORDS)
    noise = add_case(
        description="Music from number 12 every night; ring me on 07700 900123",
        location="outside 12 Acacia Avenue, ZZ99 1AA",
        reporter={"name": "Alex Example", "email": "alex@example.org"},
    )
    refused = add_case(description="Shouting in the car park", reporter={"consent_to_share": False})
    response = await client.post(f"{BASE}/requests.json", data=good_form(key))
    [created] = await response.json()

    status, found = await _get(client, "requests.json", key, start_date="2026-11-01")
    assert status == 200
    by_reference = {request["service_request_id"]: request for request in found}
    assert set(by_reference) == {abuse, hate, noise, refused, created["service_request_id"]}
    text = json.dumps(found)
    for personal in (
        "Alex", "Pat", "Sam Example", "07700", "900123", "example.org", "1AA", "2BB", "Flat 2",
        "Flat 3", " 12 ", " 7 ", "racist", "ex-partner",
    ):  # fmt: skip
        assert personal not in text, personal
    assert by_reference[abuse]["description"] is None
    assert by_reference[abuse]["address"] == "Example Close, ZZ99"
    assert by_reference[abuse]["zipcode"] == "ZZ99"
    assert by_reference[hate]["description"] is None
    assert by_reference[refused]["description"] is None
    assert (
        by_reference[noise]["description"]
        == "Music from [number removed] every night; ring me on [number removed]"
    )
    assert by_reference[noise]["address"] == "outside Acacia Avenue, ZZ99"
    mine = by_reference[created["service_request_id"]]
    assert mine["address"] == "Example Road, ZZ99"
    assert (mine["lat"], mine["long"]) == (51.501, -0.141)

    xml = await (await client.get(f"{BASE}/requests.xml", params={"api_key": key})).text()
    assert "Alex" not in xml and "900123" not in xml and "Sam Example" not in xml


async def test_a_partner_report_goes_through_the_assistants_intake(client, session_factory):
    key = make_key(session_factory, scopes=("create",), partner="Example Police", kind="police").key
    form = good_form(
        key,
        service_code="harassment",
        **{"attribute[hate]": "yes", "attribute[police_reference]": "CAD 1234 21/11"},
    )
    [created] = await (await client.post(f"{BASE}/requests.json", data=form)).json()
    with transaction(session_factory) as session:
        case = session.execute(select(Case)).scalar_one()
        kinds = [event.kind for event in session.execute(select(CaseEvent)).scalars()]
        assert case.reference == created["service_request_id"]
        assert case.owner_team == "TEM" and case.hate and case.triage_priority_days == 1
        assert case.frequency == "daily" and case.happening_now is False
        assert case.reporter_name == "Pat Example" and case.reporter_phone == "+447700900123"
        assert case.consent_to_contact is False  # the system never texts them
        assert case.details["police_reference"] == "CAD 1234 21/11"
        assert case.details["open311"]["partner"] == "Example Police"
        assert kinds == ["created", "partner"]


async def test_every_call_is_audited_without_the_body(client, session_factory):
    key = make_key(session_factory, scopes=("read", "create")).key
    [created] = await (await client.post(f"{BASE}/requests.json", data=good_form(key))).json()
    reference = created["service_request_id"]
    await client.get(f"{BASE}/requests/{reference}.xml", params={"api_key": key})
    await client.get(f"{BASE}/services.json")
    await client.get(f"{BASE}/services/nope.json", params={"api_key": key})
    calls = api_calls(session_factory)
    assert [(c.method, c.endpoint, c.status, c.case_reference) for c in calls] == [
        ("POST", f"{BASE}/requests.json", 200, reference),
        ("GET", f"{BASE}/requests/{reference}.xml", 200, reference),
        ("GET", f"{BASE}/services.json", 403, None),
        ("GET", f"{BASE}/services/nope.json", 404, None),
    ]
    assert [c.partner for c in calls] == ["Example Borough Council"] * 2 + [
        None,
        "Example Borough Council",
    ]
    stored = json.dumps([[str(value) for value in vars(c).values()] for c in calls])
    assert "Pat" not in stored and key not in stored and "loud music" not in stored.lower()


async def test_admins_see_the_audit_page(client, session_factory, make_staff, login_as):
    key = make_key(session_factory, scopes=("read",)).key
    await client.get(f"{BASE}/services.json", params={"api_key": key})
    make_staff("ada.admin", "admin")
    await login_as(client, "ada.admin")
    html = await (await client.get("/staff/partners")).text()
    assert f"{BASE}/services.json" in html and "Example Borough Council (key 1)" in html


@pytest.mark.parametrize(
    ("changes", "status", "words"),
    [
        ({"service_code": None}, 400, "service_code is required"),
        ({"service_code": "parking"}, 404, "service_code parking was not found"),
        ({"description": None}, 400, "description is required"),
        ({"description": "x" * 4001}, 400, "description is too long"),
        ({"lat": "north", "long": "1"}, 400, "lat must be a number"),
        ({"lat": "91", "long": "1"}, 400, "lat must be between -90 and 90"),
        ({"lat": "51.5", "long": "-181"}, 400, "long must be between -180 and 180"),
        ({"lat": "nan", "long": "1"}, 400, "lat must be between"),
        ({"lat": "51.5", "long": None}, 400, "lat and long must be given together"),
        ({"lat": None, "long": None, "address_string": None}, 400, "a location is required"),
        ({"phone": "12"}, 400, "phone is not"),
        ({"email": "not an email"}, 400, "email is not an email address"),
        ({"attribute[frequency]": "hourly"}, 400, "must be one of: daily"),
        ({"attribute[colour]": "red"}, 400, "attribute[colour] is not an attribute"),
    ],
)
async def test_bad_posts_are_refused_in_the_spec_format(
    client, session_factory, changes, status, words
):
    key = make_key(session_factory, scopes=("create",)).key
    response = await client.post(f"{BASE}/requests.json", data=good_form(key, **changes))
    assert response.status == status
    [error] = await response.json()
    assert error["code"] == status and words in error["description"], error
    with transaction(session_factory) as session:
        assert session.execute(select(Case)).first() is None


@pytest.mark.parametrize(
    ("params", "words"),
    [
        ({"start_date": "yesterday"}, "start_date is not an ISO 8601"),
        ({"end_date": "2026-11-20T10:00:00"}, "end_date needs a UTC offset"),
        ({"start_date": "2026-11-20", "end_date": "2026-11-01"}, "before end_date"),
        ({"start_date": "2026-01-01", "end_date": "2026-11-01"}, "at most 90 days"),
        ({"status": "pending"}, "status must be open or closed"),
        ({"service_code": "noise,parking"}, "service_code parking"),
    ],
)
async def test_bad_filters_are_400s(client, session_factory, params, words):
    key = make_key(session_factory).key
    for path in (
        ("requests.json", "servicerequestupdates.json")
        if "start_date" in params
        else ("requests.json",)
    ):
        status, body = await _get(client, path, key, **params)
        assert status == 400 and words in body[0]["description"], (path, body)


async def test_filters_and_status_after_triage_and_closure(client, session_factory, add_case):
    key = make_key(session_factory, scopes=("read",)).key
    noise = add_case()
    harassment = add_case(category="harassment")
    calendar = WorkingCalendar()
    with transaction(session_factory) as session:
        case = session.execute(select(Case).where(Case.reference == noise)).scalar_one()
        triage_case(
            session,
            case,
            TriageDecision("noise", "MEDIUM", 3, True, "Loud music reported by Alex"),
            actor="jo.officer",
            calendar=calendar,
            now=NOW,
        )
    status, found = await _get(client, f"requests/{noise}.json", key)
    assert status == 200 and found[0]["status"] == "open"
    assert found[0]["status_notes"] == (
        "Triaged; next step due by Wed 25 Nov 2026."  # the team is named when it changes
    )
    assert "Alex" not in json.dumps(found)
    with transaction(session_factory) as session:
        case = session.execute(select(Case).where(Case.reference == noise)).scalar_one()
        set_status(
            session,
            case,
            "closed",
            actor="jo.officer",
            now=NOW,
            closure_reason="Resolved",
            note="Told Alex",
            tell_resident=False,
        )

    assert [
        r["service_request_id"]
        for r in (await _get(client, "requests.json", key, status="closed"))[1]
    ] == [noise]
    assert [
        r["service_request_id"]
        for r in (await _get(client, "requests.json", key, status="open"))[1]
    ] == [harassment]
    assert [
        r["service_request_id"]
        for r in (await _get(client, "requests.json", key, service_code="harassment"))[1]
    ] == [harassment]
    both = (
        await _get(
            client, "requests.json", key, service_request_id=f"{noise},{harassment},nonsense"
        )
    )[1]
    assert {r["service_request_id"] for r in both} == {noise, harassment}
    closed = (await _get(client, f"requests/{noise}.json", key))[1][0]
    assert closed["status"] == "closed" and closed["status_notes"] == "Closed: Resolved."
    assert closed["expected_datetime"] is None

    status, updates = await _get(
        client, "servicerequestupdates.json", key, start_date="2026-11-20T00:00:00Z"
    )
    mine = [u for u in updates if u["service_request_id"] == noise]
    assert [u["status"] for u in mine] == ["OPEN", "INVESTIGATING", "FIXED"]
    assert list(mine[0]) == [
        "update_id",
        "service_request_id",
        "status",
        "updated_datetime",
        "description",
        "media_url",
    ]
    assert "Told Alex" not in json.dumps(updates) and "Alex" not in json.dumps(updates)
    xml = await (
        await client.get(
            f"{BASE}/servicerequestupdates.xml",
            params={"api_key": key, "start_date": "2026-11-20T00:00:00Z"},
        )
    ).text()
    assert "<service_requests_updates><request_update><update_id>" in xml


async def test_keys_in_the_query_never_reach_the_access_log(client, session_factory, caplog):
    key = make_key(session_factory).key
    with caplog.at_level(logging.INFO, logger="aiohttp.access"):
        assert (await _get(client, "services.json", key))[0] == 200
    lines = [record.getMessage() for record in caplog.records if record.name == "aiohttp.access"]
    assert any("api_key=[hidden]" in line for line in lines), lines
    assert key not in caplog.text


async def test_the_openapi_document_lists_the_open311_paths(client):
    spec = await (await client.get("/api/openapi.json")).json()
    for path in (
        "/open311/v2/services.{fmt}",
        "/open311/v2/services/{service_code}.{fmt}",
        "/open311/v2/requests.{fmt}",
        "/open311/v2/requests/{service_request_id}.{fmt}",
        "/open311/v2/servicerequestupdates.{fmt}",
    ):
        assert path in spec["paths"], path
    assert set(spec["paths"]["/open311/v2/requests.{fmt}"]) == {"get", "post"}


async def test_a_partners_domestic_abuse_report_alerts_the_duty_officer(client, session_factory):
    key = make_key(session_factory, scopes=("create", "read"), partner="Example Police").key
    form = good_form(key, service_code="domestic_abuse", description=DA_WORDS)
    [created] = await (await client.post(f"{BASE}/requests.json", data=form)).json()
    with transaction(session_factory) as session:
        case = session.execute(select(Case)).scalar_one()
        alerts = session.execute(select(Alert)).scalars().all()
        assert case.domestic_abuse and case.owner_team == "TEM" and case.route == "domestic_abuse"
        assert [alert.case_id for alert in alerts] == [case.id]
    [read] = (await _get(client, f"requests/{created['service_request_id']}.json", key))[1]
    assert read["description"] is None and read["service_code"] == "domestic_abuse"
