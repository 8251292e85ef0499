"""Duty-officer alerts by email: ASB_ALERT_EMAIL through the SMTP server at ASB_SMTP_URL
(parsed and connected to by `backend.email_outbound.smtp`, which residents' emails share).

ASB_ALERT_EMAIL_FROM sets the sender (default `asb-assistant@<host>`). Like the text, the email
names only the case reference, the team, the reason and the triage date (for a held report, only
its number): never the resident's details.
Emails are sent after the alert is committed; a failure is logged and the alert stays on the
dashboard and the queue.
"""

from __future__ import annotations

import asyncio
import logging
import os
import smtplib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Any

from aiohttp import web

from backend.alerts.service import REASON_LABELS
from backend.email_outbound.smtp import SmtpServer

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
        server = SmtpServer.from_url(url)
        return cls(
            to=to,
            host=server.host,
            port=server.port,
            sender=env.get("ASB_ALERT_EMAIL_FROM", "").strip() or server.default_sender,
            username=server.username,
            password=server.password,
            tls=server.tls,
            starttls=server.starttls,
        )

    @property
    def server(self) -> SmtpServer:
        return SmtpServer(
            self.host,
            self.port,
            self.username,
            self.password,
            self.tls,
            self.starttls,
            self.timeout,
        )


ALERT_EMAIL = web.AppKey("alert_email", object)  # AlertEmail | None (alerts.views.setup_routes)
PENDING_EMAILS = web.AppKey("pending_alert_emails", set)


def held_report_email(config: AlertEmail, alert: Mapping[str, Any]) -> EmailMessage:
    """A held report's alert as an email: its number only, never what the resident said."""
    number = alert["held_report_id"]
    message = EmailMessage()
    message["Subject"] = f"ASB alert: a report could not be filed (held report {number})"
    message["From"] = config.sender
    message["To"] = config.to
    message.set_content(
        f"A report could not be filed and is held for review (held report {number}).\n\n"
        "Open Held reports in the staff pages to file or resolve it, and acknowledge the\n"
        "alert there. This email holds no details about the resident.\n"
    )
    return message


def alert_email(config: AlertEmail, alert: Mapping[str, Any]) -> EmailMessage:
    """One alert as an email: reference, team, reason and triage date only."""
    if alert.get("held_report_id") is not None and alert.get("case_id") is None:
        return held_report_email(config, alert)
    label = REASON_LABELS.get(alert["reason"], alert["reason"])
    due = alert.get("triage_due")
    message = EmailMessage()
    message["Subject"] = f"ASB alert: {label} {alert['reference']}"
    message["From"] = config.sender
    message["To"] = config.to
    lines = [
        f"{label}: {alert['reference']} (team {alert.get('owner_team', '?')}).",
        # An unfinished conversation's case, or a repeat incident reporting danger: the route
        # too, never the resident's words.
        f"Route: {str(alert.get('route')).replace('_', ' ')}."
        if alert["reason"] in ("incomplete_report", "escalated")
        else None,
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
        with config.server.connect() as smtp:
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
