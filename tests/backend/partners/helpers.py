"""Partner keys for the tests: made straight through backend.partners.service (fictional
partners)."""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import select

from backend.db import transaction
from backend.partners import service
from backend.partners.models import PartnerApiCall
from tests.conftest import INGEST_SECRET

# Monday 30 November 2026, 10:00 in London.
KEY_TIME = datetime(2026, 11, 30, 10, 0, tzinfo=timezone.utc)


def make_key(
    session_factory, scopes=("read",), partner="Example Borough Council", kind="council"
) -> service.IssuedKey:
    with transaction(session_factory) as session:
        return service.create_key(
            session,
            partner=partner,
            scopes=scopes,
            actor="test",
            secret=INGEST_SECRET,
            now=KEY_TIME,
            kind=kind,
        )


def api_calls(session_factory) -> list[PartnerApiCall]:
    with transaction(session_factory) as session:
        return list(session.execute(select(PartnerApiCall).order_by(PartnerApiCall.id)).scalars())
