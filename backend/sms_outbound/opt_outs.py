"""The opt-out list: numbers that texted STOP (or STOPALL, UNSUBSCRIBE...) get no text until
they text START.

The sending side owns it: `updates.may_text` checks it before queueing and the worker again
just before sending. `backend.sms_inbound.keywords` adds and removes numbers when a STOP or a
START arrives, mirroring Twilio's own opt-out.
"""

from __future__ import annotations

from sqlalchemy import Column, String
from sqlalchemy.orm import Session

from backend.db import Base, UTCDateTime, utcnow


class SmsOptOut(Base):
    """A number that texted STOP (or STOPALL, UNSUBSCRIBE...): no text goes to it until START."""

    __tablename__ = "sms_opt_outs"

    phone = Column(String(20), primary_key=True)  # E.164; personal data, never logged
    keyword = Column(String(16), nullable=False)
    opted_out_at = Column(UTCDateTime, nullable=False, default=utcnow)


def is_opted_out(session: Session, phone: str) -> bool:
    """Has `phone` texted STOP (and not START since)?"""
    return session.get(SmsOptOut, phone) is not None
