"""A one-time upload link by text (issue 15): UK long codes do not receive MMS, so a resident
who texts UPLOAD (or "send photos", "photo link"...) gets a link to send photos, videos, sound
recordings and documents for their latest open case (backend/evidence/, the page in
backend/webchat/link_page.py). None of these words is one of Twilio's own keywords
(core.sms_keywords). The link works for 24 hours and a few files; only its hash is stored.
"""

from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.cases.models import Case
from backend.evidence.service import LINK_FILES, issue_link
from backend.sms_inbound.texts import InboundResult, InboundSms, queue_reply
from core.i18n import _
from core.settings import Settings

log = logging.getLogger(__name__)

# Not the words of the report's evidence question ("photos", "video", "recording": an SMS
# answer to it must still reach the assistant), and never one of Twilio's keywords.
UPLOAD_WORDS = frozenset(
    {
        "UPLOAD",
        "UPLOADS",
        "UPLOADLINK",
        "SENDPHOTO",
        "SENDPHOTOS",
        "SENDVIDEO",
        "SENDVIDEOS",
        "SENDEVIDENCE",
        "PHOTOLINK",
        "EVIDENCELINK",
    }
)


def latest_open_case(session: Session, phone: str) -> Case | None:
    query = (
        select(Case)
        .where(Case.reporter_phone == phone, Case.status != "closed")
        .order_by(Case.created_at.desc(), Case.id.desc())
        .limit(1)
    )
    return session.execute(query).scalar_one_or_none()


def send_upload_link(
    session: Session, sms: InboundSms, *, now: datetime, settings: Settings, language: str
) -> InboundResult:
    """Text a new upload link for the sender's latest open case (or say there is none)."""
    case = latest_open_case(session, sms.from_number)
    if case is None:
        text = _(
            "We could not find an open report from this number. To send photos or videos for "
            "a new problem, please report it first, then text UPLOAD. If anyone is in danger "
            "call 999.",
            language=language,
        )
        return InboundResult("upload_link", queued=queue_reply(session, sms, text, "upload_link"))
    token = issue_link(session, case.id, now)
    text = _(
        "Send photos, videos, sound recordings or documents for your report {reference} here: "
        "{url} The link works for 24 hours and up to {files} files. What you send may be used "
        "as evidence, in court too if we take legal action.",
        language=case.language or language,
        reference=case.reference,
        url=f"{settings.public_url}/evidence/{token}",
        files=LINK_FILES,
    )
    queued = queue_reply(session, sms, text, "upload_link", case_id=case.id)
    log.info("sms upload link sent: case=%s", case.reference)
    return InboundResult("upload_link", case_id=case.id, queued=queued)
