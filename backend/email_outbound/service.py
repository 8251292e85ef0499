"""Queueing an email to a resident in the caller's transaction (the outbox's email rows).

Like `backend.sms_outbound.service.enqueue_sms`: no commit, a dedupe key so the same email is
queued once, and the row is written with the change it reports. Each email about a case adds a
timeline event ("Email (update): queued"); the worker adds "sent" or "failed".
"""

from __future__ import annotations

import logging

from sqlalchemy.orm import Session

from backend.sms_outbound.models import OutboxMessage
from backend.sms_outbound.service import add_once, record_delivery_event

log = logging.getLogger(__name__)


def enqueue_email(
    session: Session,
    *,
    case_id: int | None,
    to_email: str | None,
    subject: str,
    body: str,
    kind: str,
    dedupe_key: str,
    urgent: bool = False,
) -> OutboxMessage | None:
    """Queue an email (no commit); return the row (an existing one for a known dedupe key), or
    None when there is no address. Urgent emails ignore quiet hours, like urgent texts."""
    if not to_email or not to_email.strip():
        return None
    if not body.strip() or not subject.strip():
        raise ValueError("an email needs a subject and a body")
    message, added = add_once(
        session,
        OutboxMessage(
            channel="email",
            case_id=case_id,
            to_email=to_email.strip(),
            subject=subject,
            body=body,
            kind=kind,
            dedupe_key=dedupe_key,
            urgent=urgent,
        ),
    )
    if added:
        log.info("email queued: outbox=%s case=%s kind=%s", message.id, case_id, kind)
        if case_id is not None:
            record_delivery_event(session, message, "queued")
    return message
