"""Duty-officer alerts by email (ASB_ALERT_EMAIL through ASB_SMTP_URL), against a tiny local
SMTP server."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import date, datetime, timezone
from email import message_from_bytes, policy
from email.message import EmailMessage

import pytest

from backend.alerts.email import AlertEmail, send_alert_emails
from tests.backend.smtp_server import Received, running_smtp_server


@pytest.fixture
def smtp_server() -> Iterator[tuple[str, list[Received]]]:
    """`(smtp_url, received)`: a local SMTP server and the messages it accepted."""
    with running_smtp_server() as server:
        yield server.url, server.received


def parsed(raw: bytes) -> EmailMessage:
    return message_from_bytes(raw, policy=policy.default)  # type: ignore[return-value]


def test_configuration_comes_from_the_environment() -> None:
    assert AlertEmail.from_env({}) is None
    assert AlertEmail.from_env({"ASB_SMTP_URL": "smtp://mail.example"}) is None
    with pytest.raises(ValueError, match="ASB_SMTP_URL is not"):
        AlertEmail.from_env({"ASB_ALERT_EMAIL": "duty@example.org"})
    with pytest.raises(ValueError, match="smtp://host"):
        AlertEmail.from_env({"ASB_ALERT_EMAIL": "duty@example.org", "ASB_SMTP_URL": "mail"})
    plain = AlertEmail.from_env(
        {"ASB_ALERT_EMAIL": "duty@example.org", "ASB_SMTP_URL": "smtp://mail.example"}
    )
    assert plain == AlertEmail("duty@example.org", "mail.example", 25, "asb-assistant@mail.example")
    secure = AlertEmail.from_env(
        {
            "ASB_ALERT_EMAIL": "duty@example.org",
            "ASB_SMTP_URL": "smtp://alerts%40example.org:p%3Ass@mail.example:587?starttls=1",
            "ASB_ALERT_EMAIL_FROM": "asb@example.org",
        }
    )
    assert secure is not None
    assert (secure.port, secure.starttls, secure.tls) == (587, True, False)
    assert (secure.username, secure.password, secure.sender) == (
        "alerts@example.org",
        "p:ss",
        "asb@example.org",
    )
    tls = AlertEmail.from_env({"ASB_ALERT_EMAIL": "d@example.org", "ASB_SMTP_URL": "smtps://m.ex"})
    assert tls is not None and (tls.port, tls.tls) == (465, True)


def test_alerts_are_emailed_with_no_resident_details(smtp_server) -> None:
    url, received = smtp_server
    config = AlertEmail.from_env({"ASB_ALERT_EMAIL": "duty@example.org", "ASB_SMTP_URL": url})
    alerts = [
        {
            "case_id": 1,
            "reference": "ASB-2026-000007",
            "reason": "new_domestic_abuse",
            "owner_team": "TEM",
            "triage_due": date(2026, 11, 23),
        },
        {"case_id": 2, "reference": "ASB-2026-000009", "reason": "overdue_urgent"},
    ]
    assert send_alert_emails(config, alerts) == 2
    assert [item.recipients for item in received] == [["duty@example.org"]] * 2
    first = parsed(received[0].raw)
    assert first["Subject"] == "ASB alert: New domestic abuse report ASB-2026-000007"
    assert first["To"] == "duty@example.org"
    body = first.get_content()
    assert "(team TEM)" in body and "Triage due Monday 23 November 2026." in body
    assert "no details about the resident" in body


def test_an_unreachable_mail_server_is_logged_not_raised(caplog) -> None:
    config = AlertEmail("duty@example.org", "127.0.0.1", 9, "asb@example.org", timeout=2)
    alert = {"case_id": 1, "reference": "ASB-2026-000001", "reason": "new_emergency"}
    assert send_alert_emails(config, [alert]) == 0
    assert "alert email failed after 0 of 1" in caplog.text
    assert send_alert_emails(None, [alert]) == 0


async def test_a_new_domestic_abuse_report_is_emailed_to_the_duty_officer(
    smtp_server, monkeypatch, make_api_client, ingest_headers, make_report
) -> None:
    url, received = smtp_server
    monkeypatch.setenv("ASB_ALERT_EMAIL", "duty@example.org")
    monkeypatch.setenv("ASB_SMTP_URL", url)
    client = await make_api_client()
    # Received just now: a report from weeks ago would also be overdue by today (a second alert).
    report = make_report(
        route="domestic_abuse",
        category="domestic_abuse",
        flags={"domestic_abuse": True},
        received_at=datetime.now(timezone.utc).isoformat(),
    )
    response = await client.post("/api/reports", json=report, headers=ingest_headers)
    assert response.status == 201
    reference = (await response.json())["reference"]
    for _ in range(100):  # sent in the background after the reply
        if received:
            break
        await asyncio.sleep(0.05)
    [raw] = [item.raw for item in received]
    message = parsed(raw)
    assert message["Subject"] == f"ASB alert: New domestic abuse report {reference}"
    text = message.get_content()
    assert "+447700900123" not in text and "Alex" not in text and "Example Road" not in text
    # The same report again (a relay retry) raises nothing new, so no second email.
    again = await client.post("/api/reports", json=report, headers=ingest_headers)
    assert again.status == 200
    await asyncio.sleep(0.3)
    assert len(received) == 1
