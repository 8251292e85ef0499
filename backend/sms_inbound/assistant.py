"""The conversation with the assistant by text: what an inbound text means to Rasa (a digit or
an option's words become the payload of the options offered last), and the assistant's
replies, shaped for SMS and queued as urgent outbox rows the worker sends strictly in order.
"""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy.orm import Session

from backend.db import utcnow
from backend.sms_inbound.models import SmsConversation
from backend.sms_inbound.texts import InboundResult
from backend.sms_outbound.models import REPLY_KIND
from backend.sms_outbound.service import enqueue_sms
from backend.sms_outbound.sms_format import last_buttons, match_option, shape_replies

log = logging.getLogger(__name__)


def for_the_assistant(session: Session, phone: str, body: str) -> InboundResult:
    """Pass the text on to the assistant: a chosen option's payload, or the words as typed."""
    conversation = session.get(SmsConversation, phone)
    payload = match_option(body, conversation.buttons) if conversation is not None else None
    language = conversation.language if conversation is not None else None
    return InboundResult("assistant", text=payload or body, language=language)


def number_language(session: Session, phone: str) -> str:
    """The language of the number's conversation with the assistant ("en" when none yet)."""
    conversation = session.get(SmsConversation, phone)
    return (conversation.language if conversation is not None else None) or "en"


def _upsert_conversation(session: Session, phone: str, buttons: list, language: str) -> None:
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    values = {"phone": phone, "buttons": buttons, "language": language, "updated_at": utcnow()}
    statement = insert(SmsConversation.__table__).values(**values)
    statement = statement.on_conflict_do_update(
        index_elements=["phone"],
        set_={"buttons": buttons, "language": language, "updated_at": values["updated_at"]},
    )
    session.execute(statement)


def queue_assistant_replies(
    session: Session,
    *,
    to_number: str,
    in_reply_to: str,
    messages: list[dict[str, Any]],
    language: str = "en",
) -> list[int]:
    """Queue one turn's replies as SMS parts, in order; remember its options for the number.

    Dedupe keys `reply:<MessageSid>:<n>` make a retried call queue nothing new.
    """
    parts = shape_replies(messages, language=language)
    ids: list[int] = []
    for index, part in enumerate(parts):
        row = enqueue_sms(
            session,
            case_id=None,
            to_number=to_number,
            body=part,
            kind=REPLY_KIND,
            dedupe_key=f"reply:{in_reply_to}:{index}",
            urgent=True,
        )
        if row is not None:
            ids.append(row.id)
    _upsert_conversation(session, to_number, last_buttons(messages), language)
    log.info("sms replies queued: in_reply_to=%s parts=%s", in_reply_to, len(ids))
    return ids
