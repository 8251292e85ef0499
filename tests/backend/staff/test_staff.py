"""Staff sign-in and pages."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from backend.db import transaction
from backend.staff.models import StaffSession, StaffUser
from backend.staff.service import (
    SESSION_COOKIE,
    DuplicateUserError,
    StaffError,
    WeakPasswordError,
    authenticate,
    create_session,
    create_user,
    identity_for_token,
)

PASSWORD = "correct horse battery"


@pytest.fixture
def staff_user(session_factory) -> str:
    with transaction(session_factory) as session:
        # Officers only see their own team's cases; the report below goes to TEM.
        create_user(session, "sam.officer", PASSWORD, "officer", "Sam Officer", team="TEM")
    return "sam.officer"


def csrf_from(html: str) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert match, "no CSRF token in the page"
    return match.group(1)


async def log_in(client, username: str, password: str = PASSWORD, next_page: str = "/staff"):
    page = await client.get("/staff/login")
    token = csrf_from(await page.text())
    return await client.post(
        "/staff/login",
        data={"username": username, "password": password, "csrf_token": token, "next": next_page},
        allow_redirects=False,
    )


def test_create_user_refuses_duplicates_and_weak_passwords(session_factory, staff_user):
    with transaction(session_factory) as session:
        with pytest.raises(DuplicateUserError):
            create_user(session, "Sam.Officer", "another long password", "officer")
    with transaction(session_factory) as session:
        with pytest.raises(WeakPasswordError):
            create_user(session, "kim", "short", "agent")
        with pytest.raises(StaffError):
            create_user(session, "kim", "long enough password", "superhero")
        with pytest.raises(StaffError):
            create_user(session, "kim", "long enough password", "agent", team="POLICE")
    with transaction(session_factory) as session:
        user = session.execute(select(StaffUser)).scalar_one()
        assert user.password_hash.startswith("$argon2id$")
        assert PASSWORD not in user.password_hash


def test_sessions_expire_after_twelve_hours(session_factory, staff_user):
    now = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)
    with transaction(session_factory) as session:
        user = authenticate(session, staff_user, PASSWORD)
        assert user is not None
        assert authenticate(session, staff_user, "wrong password!") is None
        assert authenticate(session, "nobody", PASSWORD) is None
        token, _ = create_session(session, user, now)
    with transaction(session_factory) as session:
        stored = session.execute(select(StaffSession)).scalar_one()
        assert token not in stored.token_hash  # only the hash is kept
        assert identity_for_token(session, token, now + timedelta(hours=11)) is not None
        assert identity_for_token(session, token, now + timedelta(hours=12)) is None


async def test_staff_pages_need_a_login(api_client):
    for path in ("/staff", "/staff/cases/ASB-2026-000001"):
        response = await api_client.get(path, allow_redirects=False)
        assert response.status in (302, 303)
        assert response.headers["Location"].startswith("/staff/login")


async def test_wrong_password_is_refused(api_client, staff_user):
    response = await log_in(api_client, staff_user, "not the password")
    assert response.status == 401
    assert "do not match" in await response.text()
    assert SESSION_COOKIE not in {c.key for c in api_client.session.cookie_jar}
    queue = await api_client.get("/staff", allow_redirects=False)
    assert queue.status == 303


async def test_login_then_queue_and_case_pages_show_the_report(
    make_api_client, staff_user, ingest_headers, make_report
):
    client = await make_api_client(now=datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc))
    report = make_report(category="harassment", happening_now=True, flags={"vulnerable": True})
    created = await client.post("/api/reports", json=report, headers=ingest_headers)
    reference = (await created.json())["reference"]

    response = await log_in(client, staff_user)
    assert response.status == 303
    assert response.headers["Location"] == "/staff"
    cookie = response.cookies[SESSION_COOKIE]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"

    queue = await client.get("/staff")
    assert queue.status == 200
    html = await queue.text()
    assert reference in html
    assert "Harassment" in html and "TEM" in html and "Vulnerable" in html
    assert "Sam Officer" in html
    assert "+447700900123" not in html  # no contact details in the queue

    case_page = await client.get(f"/staff/cases/{reference}")
    assert case_page.status == 200
    html = await case_page.text()
    assert "Loud music from the flat above" in html
    assert "Flat 3, 1 Example Road" in html
    assert "+447700900123" in html
    assert "Report received" in html  # the timeline
    assert "Vulnerable" in html and "Happening now" in html
    assert "Your reference is " + reference in html  # the acknowledgement text

    missing = await client.get("/staff/cases/ASB-2026-999999")
    assert missing.status == 404

    # Staff signed in through the browser can also use the JSON API.
    assert (await client.get("/api/triage-queue")).status == 200


async def test_login_goes_back_to_the_page_asked_for(api_client, staff_user):
    response = await log_in(api_client, staff_user, next_page="/staff?team=TEM")
    assert response.headers["Location"] == "/staff?team=TEM"
    await api_client.post("/staff/logout", data={"csrf_token": "x"}, allow_redirects=False)


async def test_login_never_redirects_away_from_staff_pages(api_client, staff_user):
    response = await log_in(api_client, staff_user, next_page="https://evil.example.org/")
    assert response.headers["Location"] == "/staff"


async def test_login_form_without_csrf_token_is_refused(api_client, staff_user):
    response = await api_client.post(
        "/staff/login", data={"username": staff_user, "password": PASSWORD}
    )
    assert response.status == 403


async def test_logout_needs_the_csrf_token(api_client, staff_user):
    await log_in(api_client, staff_user)
    response = await api_client.post("/staff/logout", data={}, allow_redirects=False)
    assert response.status == 403
    response = await api_client.post(
        "/staff/logout", data={"csrf_token": "forged"}, allow_redirects=False
    )
    assert response.status == 403
    assert (await api_client.get("/staff", allow_redirects=False)).status == 200


async def test_logout_ends_the_session(api_client, staff_user, session_factory):
    await log_in(api_client, staff_user)
    queue = await api_client.get("/staff")
    token = csrf_from(await queue.text())
    response = await api_client.post(
        "/staff/logout", data={"csrf_token": token}, allow_redirects=False
    )
    assert response.status == 303
    assert response.headers["Location"] == "/staff/login"
    assert (await api_client.get("/staff", allow_redirects=False)).status == 303
    with transaction(session_factory) as session:
        assert session.execute(select(StaffSession)).first() is None


async def test_secure_cookies_when_public_url_is_https(make_api_client, staff_user):
    client = await make_api_client(public_url="https://asb.example.org")
    page = await client.get("/staff/login")
    login_cookie = page.cookies["asb_login_csrf"]
    assert login_cookie["secure"]
    # The test client speaks plain http, so hand the Secure cookie back ourselves.
    response = await client.post(
        "/staff/login",
        data={"username": staff_user, "password": PASSWORD, "csrf_token": login_cookie.value},
        headers={"Cookie": f"asb_login_csrf={login_cookie.value}"},
        allow_redirects=False,
    )
    assert response.status == 303
    assert response.cookies[SESSION_COOKIE]["secure"]
