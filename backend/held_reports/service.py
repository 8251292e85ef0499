"""Keeping a refused report: the hand-over from the action server, reading held reports back,
and their audit trail.

Every function works inside the caller's transaction and never commits. The hand-over is
idempotent on `report_id`: the action server retries until it hears 200 or 201, and a report
handed over twice is stored once. A newly held report raises a duty-officer alert (dashboard,
text, email) that names only the held report's number. Logs name held report ids only.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from backend.alerts import service as alerts
from backend.alerts.models import Alert
from backend.cases.models import CHANNELS, Case
from backend.held_reports.models import MAX_REPORT_ID, STATUSES, HeldReport, HeldReportEvent
from backend.intake.contract import aware_moment

log = logging.getLogger(__name__)

MAX_REFUSAL_FIELDS = 200
MAX_MESSAGE = 500
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class HeldReportError(ValueError):
    """A hand-over that cannot be stored; `fields` maps a field to a plain message."""

    def __init__(self, fields: Mapping[str, str]) -> None:
        self.fields = dict(fields)
        super().__init__("invalid held report: " + ", ".join(sorted(self.fields)))


@dataclass(frozen=True)
class HeldReportIn:
    """What the action server hands over: the report as it was sent, and why it was refused."""

    report_id: str
    payload: Any
    refusal: dict[str, Any] = field(default_factory=dict)


def _text(value: Any, limit: int = MAX_MESSAGE) -> str:
    return str(value)[:limit]


def clean_refusal(raw: Any) -> dict[str, Any]:
    """The backend's refusal as `{"status", "error", "fields": {path: message}}`, whatever shape
    it arrived in (a list of field names is accepted too); bounded in size."""
    if not isinstance(raw, Mapping):
        return {"status": None, "error": None, "fields": {}}
    status = raw.get("status")
    if isinstance(status, bool) or not isinstance(status, int):
        status = None
    error = raw.get("error")
    fields_raw = raw.get("fields")
    fields: dict[str, str] = {}
    if isinstance(fields_raw, Mapping):
        items = list(fields_raw.items())
    elif isinstance(fields_raw, list):
        items = [(name, "") for name in fields_raw]
    else:
        items = []
    for name, message in items[:MAX_REFUSAL_FIELDS]:
        fields[_text(name, 200)] = "" if message is None else _text(message)
    return {"status": status, "error": None if error is None else _text(error), "fields": fields}


def parse_held_report(data: Any) -> HeldReportIn:
    """Check a hand-over body: any JSON object with a `report_id` and the `payload` as sent
    (any JSON); `refusal` is optional and tolerated in any shape. HeldReportError otherwise."""
    if not isinstance(data, Mapping):
        raise HeldReportError({"": "the body must be a JSON object"})
    errors: dict[str, str] = {}
    report_id = data.get("report_id")
    if not isinstance(report_id, str) or not report_id.strip():
        errors["report_id"] = "is required (the report's id, as text)"
    elif len(report_id.strip()) > MAX_REPORT_ID or _CONTROL.search(report_id):
        errors["report_id"] = f"must be at most {MAX_REPORT_ID} printable characters"
    if "payload" not in data or data.get("payload") is None:
        errors["payload"] = "is required (the report exactly as it was sent)"
    if errors:
        raise HeldReportError(errors)
    return HeldReportIn(
        report_id=str(report_id).strip(),
        payload=data["payload"],
        refusal=clean_refusal(data.get("refusal")),
    )


def _received_at(payload: Any) -> datetime | None:
    """When the resident sent the report, if the payload says so readably."""
    raw = payload.get("received_at") if isinstance(payload, Mapping) else None
    moment = aware_moment(raw)
    return moment if isinstance(moment, datetime) else None


def _channel(payload: Any) -> str | None:
    channel = payload.get("channel") if isinstance(payload, Mapping) else None
    return channel if channel in CHANNELS else None


def record_event(
    session: Session,
    held: HeldReport,
    actor: str,
    kind: str,
    summary: str,
    now: datetime,
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
    **extra: Any,
) -> HeldReportEvent:
    """Add an audit event to the held report: who, when, and the values that changed."""
    before = dict(before or {})
    after = dict(after or {})
    changed = [name for name in after if before.get(name) != after.get(name)]
    event = HeldReportEvent(
        held_report_id=held.id,
        at=now,
        actor=actor,
        kind=kind,
        summary=summary,
        data={
            "before": {name: before.get(name) for name in changed},
            "after": {name: after[name] for name in changed},
            **extra,
        },
    )
    session.add(event)
    held.updated_at = now
    return event


def _insert_if_new(session: Session, values: dict[str, Any]) -> bool:
    """INSERT the held report unless its report_id exists (a concurrent twin waits, then
    inserts nothing); True when this call inserted it."""
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    statement = (
        insert(HeldReport.__table__)
        .values(**values)
        .on_conflict_do_nothing(index_elements=["report_id"])
    )
    return session.execute(statement).rowcount == 1


def by_report_id(session: Session, report_id: str) -> HeldReport | None:
    query = select(HeldReport).where(HeldReport.report_id == report_id)
    return session.execute(query).scalar_one_or_none()


def store_held_report(
    session: Session, held_in: HeldReportIn, *, now: datetime, duty_phone: str = ""
) -> tuple[HeldReport, bool, list[dict[str, Any]]]:
    """Keep a refused report (idempotent on report_id); return (row, created, alerts raised).

    A new one is audited and alerts the duty officer. If a case already exists for the
    report_id (it was filed after all), the report is kept as filed, with no alert.
    """
    existing = by_report_id(session, held_in.report_id)
    if existing is not None:
        return existing, False, []
    case_id = session.execute(
        select(Case.id).where(Case.report_id == held_in.report_id)
    ).scalar_one_or_none()
    values = {
        "report_id": held_in.report_id,
        "payload": held_in.payload,
        "refusal": held_in.refusal,
        "open_fields": dict(held_in.refusal.get("fields") or {}),
        "status": "filed" if case_id else "held",
        "channel": _channel(held_in.payload),
        "received_at": _received_at(held_in.payload),
        "held_at": now,
        "retries": 0,
        "case_id": case_id,
        "resolution": "case_exists" if case_id else None,
        "resolved_at": now if case_id else None,
        "resolved_by": "system" if case_id else None,
        "updated_at": now,
    }
    inserted = _insert_if_new(session, values)
    held = by_report_id(session, held_in.report_id)
    if held is None:  # pragma: no cover - the row exists either way
        raise RuntimeError("held report vanished after insert")
    if not inserted:
        return held, False, []
    fields = sorted(held.open_fields)
    record_event(
        session,
        held,
        "assistant",
        "held",
        "Report refused by the report contract and kept for review"
        + (f" (refused: {', '.join(fields)})" if fields else ""),
        now,
        refused_fields=fields,
    )
    raised: list[dict[str, Any]] = []
    if case_id is None:
        alert = alerts.raise_held_report_alert(session, held.id, now=now, duty_phone=duty_phone)
        if alert is not None:
            raised.append(alert)
            record_event(
                session,
                held,
                "system",
                "alert",
                "Alert raised to the duty officer" + (" (texted)" if alert["texted"] else ""),
                now,
                texted=alert["texted"],
            )
    log.info("report held: held_report=%s status=%s", held.id, held.status)
    return held, True, raised


# -- reading back ---------------------------------------------------------------------------


def count_by_status(session: Session) -> dict[str, int]:
    """How many held reports there are in each status (every status present, 0 if none)."""
    rows = session.execute(
        select(HeldReport.status, func.count(HeldReport.id)).group_by(HeldReport.status)
    ).all()
    counts = dict.fromkeys(STATUSES, 0)
    counts.update({status: count for status, count in rows})
    return counts


def count_waiting(session: Session) -> int:
    """Held reports nobody has filed or resolved yet."""
    query = select(func.count(HeldReport.id)).where(HeldReport.status == "held")
    return session.execute(query).scalar_one()


def list_held_reports(
    session: Session, status: str | None, limit: int, offset: int = 0
) -> list[HeldReport]:
    """Held reports (of `status`, or all), the longest waiting first, then the newest."""
    query = select(HeldReport)
    if status:
        query = query.where(HeldReport.status == status)
    order = (
        (HeldReport.held_at, HeldReport.id)
        if status == "held"
        else (
            HeldReport.held_at.desc(),
            HeldReport.id.desc(),
        )
    )
    return list(session.execute(query.order_by(*order).limit(limit).offset(offset)).scalars())


def load_held_report(session: Session, held_id: int, lock: bool = False) -> HeldReport | None:
    query = select(HeldReport).where(HeldReport.id == held_id)
    if lock:
        query = query.with_for_update()
    return session.execute(query).scalar_one_or_none()


def events_of(session: Session, held_id: int) -> list[HeldReportEvent]:
    query = select(HeldReportEvent).where(HeldReportEvent.held_report_id == held_id)
    return list(session.execute(query.order_by(HeldReportEvent.id)).scalars())


def alerts_of(session: Session, held_id: int) -> list[Alert]:
    query = select(Alert).where(Alert.held_report_id == held_id)
    return list(session.execute(query.order_by(Alert.id)).scalars())


def acknowledge_open_alerts(session: Session, held_id: int, actor: str, now: datetime) -> int:
    """Acknowledge the held report's open alerts once someone has dealt with it."""
    count = 0
    for alert in alerts_of(session, held_id):
        if alert.acknowledged_at is None:
            alert.acknowledged_at = now
            alert.acknowledged_by = actor
            count += 1
    return count
