"""Duty-officer alerts by email: ASB_ALERT_EMAIL through the SMTP server at ASB_SMTP_URL.

`smtp://[user:password@]host[:port]` (port 25; add `?starttls=1` for STARTTLS, usually port 587)
or `smtps://...` (TLS from the start, port 465). ASB_ALERT_EMAIL_FROM sets the sender (default
`asb-assistant@<host>`). Like the text, the email names only the case reference, the team, the
reason and the triage date: never the resident's details. Emails are sent after the alert is
committed; a failure is logged and the alert stays on the dashboard and the queue.
"""

from __future__ import annotations

import asyncio
import logging
import os
import smtplib
import ssl
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from aiohttp import web

from backend.alerts.service import REASON_LABELS

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class AlertEmail:
    """Where alert emails go and how they are sent."""

    to: str
    host: str
    port: int
    sender: str
    username: str = ""
    password: str = ""
    tls: bool = False  # smtps: TLS from the start
    starttls: bool = False
    timeout: float = 10.0

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> AlertEmail | None:
        """The configuration from the environment, or None when alerts are not emailed.
        ValueError when ASB_SMTP_URL is not a usable smtp:// or smtps:// URL."""
        env = os.environ if env is None else env
        to = env.get("ASB_ALERT_EMAIL", "").strip()
        url = env.get("ASB_SMTP_URL", "").strip()
        if not to:
            return None
        if not url:
            raise ValueError("ASB_ALERT_EMAIL is set but ASB_SMTP_URL is not")
        parts = urlsplit(url)
        if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
            raise ValueError("ASB_SMTP_URL must look like smtp://host:25 or smtps://host:465")
        tls = parts.scheme == "smtps"
        options = parse_qs(parts.query)
        return cls(
            to=to,
            host=parts.hostname,
            port=parts.port or (465 if tls else 25),
            sender=env.get("ASB_ALERT_EMAIL_FROM", "").strip() or f"asb-assistant@{parts.hostname}",
            username=unquote(parts.username or ""),
            password=unquote(parts.password or ""),
            tls=tls,
            starttls=options.get("starttls", ["0"])[0] in ("1", "true", "yes"),
        )


ALERT_EMAIL = web.AppKey("alert_email", object)  # AlertEmail | None (alerts.views.setup_routes)
PENDING_EMAILS = web.AppKey("pending_alert_emails", set)


def alert_email(config: AlertEmail, alert: Mapping[str, Any]) -> EmailMessage:
    """One alert as an email: reference, team, reason and triage date only."""
    label = REASON_LABELS.get(alert["reason"], alert["reason"])
    due = alert.get("triage_due")
    message = EmailMessage()
    message["Subject"] = f"ASB alert: {label} {alert['reference']}"
    message["From"] = config.sender
    message["To"] = config.to
    lines = [
        f"{label}: {alert['reference']} (team {alert.get('owner_team', '?')}).",
        f"Triage due {due:%A %d %B %Y}." if due else None,
        "",
        "Open the case in the staff pages (the queue lists it under the alerts) and acknowledge",
        "the alert there. This email holds no details about the resident.",
    ]
    message.set_content("\n".join(line for line in lines if line is not None) + "\n")
    return message


def send_alert_emails(config: AlertEmail | None, alerts: Iterable[Mapping[str, Any]]) -> int:
    """Email each alert over one SMTP connection; return how many were accepted. Never raises:
    a failure is logged (without personal data) and the alerts stay on the dashboard."""
    alerts = list(alerts)
    if config is None or not alerts:
        return 0
    sent = 0
    try:
        if config.tls:
            smtp: smtplib.SMTP = smtplib.SMTP_SSL(
                config.host, config.port, timeout=config.timeout,
                context=ssl.create_default_context(),
            )  # fmt: skip
        else:
            smtp = smtplib.SMTP(config.host, config.port, timeout=config.timeout)
        with smtp:
            if config.starttls:
                smtp.starttls(context=ssl.create_default_context())
            if config.username:
                smtp.login(config.username, config.password)
            for alert in alerts:
                smtp.send_message(alert_email(config, alert))
                sent += 1
    except (OSError, smtplib.SMTPException) as exc:
        log.error("alert email failed after %s of %s: %s", sent, len(alerts), type(exc).__name__)
    else:
        log.info("alert email sent for %s alert(s)", sent)
    return sent


def email_in_background(app: web.Application, raised: list[dict[str, Any]]) -> None:
    """Email newly raised alerts (already committed) without holding up the request."""
    config = app.get(ALERT_EMAIL)
    if config is None or not raised:
        return
    task = asyncio.create_task(asyncio.to_thread(send_alert_emails, config, raised))  # type: ignore[arg-type]
    pending: set = app[PENDING_EMAILS]
    pending.add(task)
    task.add_done_callback(pending.discard)
