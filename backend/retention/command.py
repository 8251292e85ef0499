"""`bin/asb retention [--dry-run]`: run retention now and say what was (or would be) purged."""

from __future__ import annotations

import getpass
from datetime import datetime

from backend.db import make_engine, make_session_factory, utcnow
from backend.retention.purge import KIND_LABELS, KINDS, periods, run_retention
from core.settings import Settings


def command_actor() -> str:
    """Who ran it, for the audit: the operating-system account."""
    try:
        return f"cli ({getpass.getuser()})"
    except (KeyError, OSError):  # no name for this uid (a container)
        return "cli"


def run_command(settings: Settings, *, dry_run: bool, now: datetime | None = None) -> str:
    """Run (or count) retention once, record it, and describe it in plain lines."""
    engine = make_engine(settings.database_url)
    try:
        result = run_retention(
            make_session_factory(engine),
            settings,
            now=now or utcnow(),
            actor=command_actor(),
            dry_run=dry_run,
        )
    finally:
        engine.dispose()
    verb = "would be" if dry_run else "were"
    lines = [f"Retention run {result.run_id}{' (dry run: nothing changed)' if dry_run else ''}"]
    lines += [
        f"  period, {kind.replace('_', ' ')}: {text}" for kind, text in periods(settings).items()
    ]
    lines += [f"  {KIND_LABELS[kind]}: {result.counts.get(kind, 0)}" for kind in KINDS]
    if result.references:
        lines.append(f"  cases that {verb} anonymised: {', '.join(result.references)}")
    return "\n".join(lines)
