"""One inbound text and what becomes of it: `InboundSms` as Twilio delivered it, `InboundResult`
(what the SMS channel should do next), and the two writes every route shares: an insert that a
repeat turns into a no-op, and an urgent reply to the sender.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from backend.sms_outbound.service import enqueue_sms


@dataclass(frozen=True)
class InboundSms:
    """One text as Twilio delivered it (after the channel checked the signature)."""

    message_sid: str
    from_number: str
    body: str = ""
    media_urls: tuple[str, ...] = ()
    num_media: int = 0


@dataclass
class InboundResult:
    """What the channel should do: only action "assistant" goes on to Rasa, with `text`."""

    action: str
    text: str = ""
    case_id: int | None = None
    queued: list[int] = field(default_factory=list)
    # Alerts raised by this text (committed with it), for the duty officer's email.
    alerts: list[dict[str, Any]] = field(default_factory=list)
    # The language this number's conversation uses (issue 16): the assistant is told it with
    # the text, so a resident who chose a language by text keeps it in a later conversation.
    language: str | None = None

    def as_json(self) -> dict[str, Any]:
        answer: dict[str, Any] = {"action": self.action, "text": self.text, "queued": self.queued}
        if self.language:
            answer["language"] = self.language
        return answer


def insert_ignore(session: Session, table, values: dict[str, Any], key: str) -> bool:
    """INSERT ... ON CONFLICT DO NOTHING; True when this call inserted the row."""
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    statement = insert(table).values(**values).on_conflict_do_nothing(index_elements=[key])
    return session.execute(statement).rowcount == 1


def queue_reply(
    session: Session, sms: InboundSms, text: str, kind: str, case_id: int | None = None
) -> list[int]:
    """Queue `text` to the sender of `sms` (once per inbound text and kind); the outbox ids."""
    row = enqueue_sms(
        session,
        case_id=case_id,
        to_number=sms.from_number,
        body=text,
        kind=kind,
        dedupe_key=f"{kind}:{sms.message_sid}",
        urgent=True,  # it answers what the resident has just sent
    )
    return [row.id] if row is not None else []
