"""Photos texted in: the answer to a picture sent without words, and putting the photos sent
while reporting on the report's case as evidence.

Photos (MMS) sent while reporting stay with their inbound row until the report's case is
opened: `attach_recent_media`, called by case intake in the same transaction, puts them on the
case as evidence.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.cases.models import Case, CaseEvent
from backend.db import utcnow
from backend.sms_inbound.models import SmsInbound
from backend.sms_inbound.texts import InboundResult, InboundSms, queue_reply
from backend.sms_outbound.models import REPLY_KIND, OutboxMessage
from core.i18n import _

log = logging.getLogger(__name__)

# Photos a number sent this long before its report's case was opened belong to that report.
EVIDENCE_WINDOW = timedelta(hours=6)
# Outcomes of texts that were part of a conversation with the assistant.
REPORT_OUTCOMES = ("assistant", "media_only")


def _reporting(latest: OutboxMessage | None, now: datetime) -> bool:
    """Is this number in a conversation with the assistant (its last text was a reply)?"""
    return (
        latest is not None
        and latest.kind == REPLY_KIND
        and latest.created_at >= now - EVIDENCE_WINDOW
    )


def answer_without_words(
    session: Session,
    sms: InboundSms,
    latest: OutboxMessage | None,
    now: datetime,
    language: str,
) -> InboundResult:
    """A text with no words: thank the sender for a picture (kept for the report when they are
    reporting); with no picture either there is nothing to do."""
    if sms.num_media and _reporting(latest, now):
        text = _(
            "Thank you for the picture. It will be added to your report when you send it. "
            "Please carry on with the last question.",
            language=language,
        )
        return InboundResult("media_only", queued=queue_reply(session, sms, text, "media"))
    if sms.num_media:
        text = _(
            "Thank you for the picture. Please also tell us in words what is happening. "
            "If anyone is in danger call 999.",
            language=language,
        )
        return InboundResult("media_only", queued=queue_reply(session, sms, text, "media"))
    return InboundResult("ignored")


def _unattached_photo_texts(
    session: Session, case: Case, phone: str, moment: datetime
) -> list[SmsInbound]:
    """Texts with photos from `phone` during this report (see `attach_recent_media`)."""
    since = moment - EVIDENCE_WINDOW
    previous = session.execute(
        select(Case.created_at)
        .where(Case.reporter_phone == phone, Case.id != case.id)
        .order_by(Case.created_at.desc())
        .limit(1)
    ).scalar_one_or_none()
    if previous is not None and previous > since:
        since = previous
    return list(
        session.execute(
            select(SmsInbound)
            .where(
                SmsInbound.from_number == phone,
                SmsInbound.case_id.is_(None),
                SmsInbound.num_media > 0,
                SmsInbound.outcome.in_(REPORT_OUTCOMES),
                SmsInbound.received_at >= since,
                SmsInbound.received_at <= moment,
            )
            .order_by(SmsInbound.received_at, SmsInbound.id)
        ).scalars()
    )


def attach_recent_media(session: Session, case: Case, *, now: datetime | None = None) -> int:
    """Attach the photos the reporter texted during this report to `case` as evidence.

    For a case reported by SMS with reporter phone P: every inbound text from P with media,
    received in the last `EVIDENCE_WINDOW` (and after P's previous case was opened), that went
    to the assistant and is not yet attached to a case. Each photo becomes an item of
    `case.details["evidence"]` ({type, url, received_at, message_sid}); one "evidence" event
    goes on the timeline; the inbound rows are marked with the case. Runs in the caller's
    transaction; returns the number of photos attached.
    """
    phone = case.reporter_phone
    if case.channel != "sms" or not phone:
        return 0
    moment = now or utcnow()
    rows = _unattached_photo_texts(session, case, phone, moment)
    items: list[dict[str, str]] = []
    for row in rows:
        for url in row.media_urls or []:
            items.append(
                {
                    "type": "photo",
                    "url": url,
                    "received_at": row.received_at.isoformat(),
                    "message_sid": row.message_sid,
                }
            )
        row.case_id = case.id
    if not items:
        return 0
    details = dict(case.details or {})
    details["evidence"] = [*details.get("evidence", []), *items]
    case.details = details  # a new dict, so the JSON column is written
    links = " ".join(item["url"] for item in items)
    session.add(
        CaseEvent(
            case_id=case.id,
            at=moment,
            actor="resident",
            kind="evidence",
            summary=f"{len(items)} picture(s) sent by text with the report: {links}",
            data={
                "channel": "sms",
                "evidence": items,
                "message_sids": [row.message_sid for row in rows],
            },
        )
    )
    log.info("sms evidence attached: case=%s photos=%s", case.id, len(items))
    return len(items)
