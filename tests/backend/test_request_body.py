"""Bad request bodies get a clear 4xx on every endpoint that reads one, never a 500
(backend/request_body.py: JSON too deep, not an object, not Unicode; forms that cannot be read)."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from backend.cases.models import Case
from backend.db import transaction
from backend.request_body import BodyError, json_depth, parse_json
from tests.backend.case_helpers import MONDAY

DEEP = b"[" * 1000 + b"]" * 1000  # Python's own parser raises RecursionError on this
DEEP_OBJECT = b'{"a":' * 1000 + b"1" + b"}" * 1000

JSON_API = [
    "/api/reports",
    "/api/held-reports",
    "/api/safeguarding/records",
    "/api/residents/case-status",
    "/api/residents/verification-codes",
    "/api/residents/open-cases",
    "/api/cases/ASB-2026-000001/incidents",
    "/api/sms/inbound",
    "/api/sms/outbound",
]
NO_BOUNDARY = {"Content-Type": "multipart/form-data"}


@pytest.mark.parametrize("path", JSON_API)
@pytest.mark.parametrize("body", [DEEP, DEEP_OBJECT], ids=["arrays", "objects"])
async def test_json_nested_a_thousand_deep_is_a_clear_400(api_client, ingest_headers, path, body):
    response = await api_client.post(
        path, data=body, headers={**ingest_headers, "Content-Type": "application/json"}
    )
    assert response.status == 400
    assert "nests deeper than 32 levels" in (await response.text())


@pytest.mark.parametrize("path", JSON_API)
async def test_text_that_is_not_unicode_is_never_a_500(api_client, ingest_headers, path):
    response = await api_client.post(
        path,
        data=b'{"description": "noise \\ud800 at night"}',
        headers={**ingest_headers, "Content-Type": "application/json"},
    )
    assert 400 <= response.status < 500  # these bodies lack what each endpoint needs


async def test_a_report_with_a_broken_character_still_becomes_a_case(
    make_api_client, ingest_headers, make_report, session_factory
):
    client = await make_api_client(now=MONDAY)
    report = json.dumps(make_report(description="Loud music \ud800 every night"))
    response = await client.post(
        "/api/reports",
        data=report.encode(),
        headers={**ingest_headers, "Content-Type": "application/json"},
    )
    assert response.status == 201, await response.text()
    with transaction(session_factory) as session:
        [case] = session.execute(select(Case)).scalars()
        assert case.description == "Loud music \ufffd every night"


@pytest.mark.parametrize(
    "path", ["/api/residents/case-status", "/api/sms/inbound", "/api/sms/outbound"]
)
@pytest.mark.parametrize("body", [b"[]", b'"text"', b"null", b"7"])
async def test_json_that_is_not_an_object_is_a_clear_400(api_client, ingest_headers, path, body):
    response = await api_client.post(
        path, data=body, headers={**ingest_headers, "Content-Type": "application/json"}
    )
    assert response.status == 400
    assert "object" in (await response.text())


async def test_sms_inbound_refuses_an_impossible_media_count(api_client, ingest_headers):
    text = {
        "message_sid": "SM" + "0" * 32,
        "from": "+447700900123",
        "body": "photo",
        "num_media": 999999999999999999999,
    }
    response = await api_client.post("/api/sms/inbound", json=text, headers=ingest_headers)
    assert response.status == 400
    assert (await response.json())["fields"] == {"num_media": "must be from 0 to 10"}


async def test_sms_inbound_body_over_the_limit_is_refused(api_client, ingest_headers):
    response = await api_client.post(
        "/api/sms/inbound",
        data=b'{"body": "' + b"x" * 70_000 + b'"}',
        headers={**ingest_headers, "Content-Type": "application/json"},
    )
    assert response.status == 400
    assert "larger than 65536 bytes" in (await response.text())


async def test_web_chat_message_nested_a_thousand_deep_is_a_clear_400(api_client):
    response = await api_client.post(
        "/chat/message", data=DEEP_OBJECT, headers={"Content-Type": "application/json"}
    )
    assert response.status == 400
    assert (await response.json()) == {"error": "Please send the message as JSON."}


async def test_login_form_without_a_multipart_boundary_is_a_400(api_client):
    response = await api_client.post("/staff/login", data=b"username=x", headers=NO_BOUNDARY)
    assert response.status == 400
    assert "The form could not be read" in (await response.text())


async def test_login_form_with_an_unknown_charset_is_a_400(api_client):
    response = await api_client.post(
        "/staff/login",
        data=b"username=x",
        headers={"Content-Type": "application/x-www-form-urlencoded; charset=bogus"},
    )
    assert response.status == 400


async def test_a_staff_form_without_a_multipart_boundary_is_a_400(
    api_client, make_staff, login_as, add_case
):
    reference = add_case()
    await login_as(api_client, make_staff("sam.manager", "manager"))
    response = await api_client.post(
        f"/staff/cases/{reference}/note", data=b"note=x", headers=NO_BOUNDARY
    )
    assert response.status == 400


async def test_twilio_status_without_a_multipart_boundary_is_a_400(api_client):
    response = await api_client.post(
        "/api/twilio/status", data=b"MessageSid=x", headers=NO_BOUNDARY
    )
    assert response.status == 400


def test_depth_ignores_brackets_inside_strings():
    assert json_depth(b'{"a": "[[[[{{{{", "b": ["\\"[[["]}') == 2
    assert parse_json(b'{"note": "' + b"[" * 100 + b'"}') == {"note": "[" * 100}


def test_web_chat_text_keeps_going_with_a_replacement_character():
    assert parse_json(b'{"message": "hi \\ud800"}', replace_bad_text=True) == {
        "message": "hi \ufffd"
    }
    with pytest.raises(BodyError):
        parse_json(b'{"message": "hi \\ud800"}')


@pytest.mark.parametrize(
    "path",
    [
        "/staff/held-reports/99999999999999999999999",
        "/staff/held-reports?page=99999999999999999999999",
        "/staff?page=99999999999999999999999",
    ],
)
async def test_numbers_too_large_for_the_database_are_not_a_500(
    api_client, make_staff, login_as, path
):
    await login_as(api_client, make_staff("sam.manager", "manager"))
    response = await api_client.get(path)
    assert response.status in (200, 404)


async def test_an_alert_number_too_large_for_the_database_is_a_404(
    api_client, make_staff, login_as
):
    csrf = await login_as(api_client, make_staff("sam.manager", "manager"))
    response = await api_client.post(
        "/staff/alerts/99999999999999999999999/acknowledge", data={"csrf_token": csrf}
    )
    assert response.status == 404


def test_only_utf8_json_is_read():
    with pytest.raises(BodyError, match="not UTF-8"):
        parse_json('{"a": "\\"[["}'.encode("utf-16"))
    assert parse_json('{"a": "caf\u00e9"}'.encode()) == {"a": "caf\u00e9"}
