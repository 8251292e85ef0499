"""The daily scheduled retention run, safe with several backend instances.

Every instance checks every `CHECK_SECONDS`; once the landlord's local time is past
`settings.retention_run_at` ("HH:MM", or "off"), the first instance to insert the day's
RetentionRun row (its `scheduled_day` is unique) runs retention; the others get a unique-key
error and do nothing. A run that fails is recorded as failed and retried the next day (every
rule catches up on whatever is past its period, so a missed day loses nothing).
"""

from __future__ import annotations

import logging
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import sessionmaker

from backend.db import transaction
from backend.retention.models import RetentionRun
from backend.retention.purge import RunResult, run_retention, start_run
from core.settings import Settings

log = logging.getLogger(__name__)

CHECK_SECONDS = 600
SCHEDULER = "scheduler"


def run_at(settings: Settings) -> time | None:
    """The local time of the daily run, or None when it is off (or not a valid HH:MM)."""
    raw = settings.retention_run_at.strip().lower()
    if raw in ("", "off"):
        return None
    try:
        hours, minutes = raw.split(":")
        return time(int(hours), int(minutes))
    except ValueError:
        log.error("ASB_RETENTION_RUN_AT must look like HH:MM or be off: no scheduled run")
        return None


def due_day(settings: Settings, now: datetime) -> date | None:
    """Today's local date once the run time has passed, else None."""
    at = run_at(settings)
    if at is None:
        return None
    local = now.astimezone(ZoneInfo(settings.timezone))
    return local.date() if local.time() >= at else None


def claim_day(factory: sessionmaker, settings: Settings, now: datetime, day: date) -> int | None:
    """The id of the day's run row if this instance inserted it; None if another one did."""
    with transaction(factory) as session:
        taken = select(RetentionRun.id).where(RetentionRun.scheduled_day == day)
        if session.execute(taken).first() is not None:
            return None  # the usual case: no insert, so no unique-key error in the server log
    return insert_day(factory, settings, now, day)


def insert_day(factory: sessionmaker, settings: Settings, now: datetime, day: date) -> int | None:
    """Insert the day's run row: its id, or None when another instance inserted it first (two
    instances that both found no row: the unique `scheduled_day` lets one through)."""
    try:
        with transaction(factory) as session:
            run = start_run(
                session,
                now=now,
                actor=SCHEDULER,
                dry_run=False,
                settings=settings,
                scheduled_day=day,
            )
            return run.id
    except IntegrityError:
        return None


def scheduled_run(factory: sessionmaker, settings: Settings, now: datetime) -> RunResult | None:
    """Run retention if today's run is due and no instance has claimed it yet."""
    day = due_day(settings, now)
    if day is None:
        return None
    run_id = claim_day(factory, settings, now, day)
    if run_id is None:
        return None
    return run_retention(factory, settings, now=now, actor=SCHEDULER, dry_run=False, run_id=run_id)
