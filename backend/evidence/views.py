"""Staff download of residents' evidence files (issue 15): only with a staff login, only for a
case the member of staff may open, always as an attachment (never shown inline) with nosniff.

GET /staff/cases/{reference}/evidence/{evidence_id} -> the file (Content-Disposition:
attachment, a neutral file name made of the reference and the id), 404 when the file is not on
that case, the login page without a staff session. Residents are never served a file.
"""

from __future__ import annotations

import logging
from typing import Any

from aiohttp import web
from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.appkeys import CLOCK, SESSION_FACTORY, SETTINGS
from backend.cases.queries import get_case_by_reference
from backend.db import transaction
from backend.evidence.models import EvidenceFile
from backend.evidence.service import UNATTACHED_LIFETIME, delete_unattached, store_for
from backend.request_helpers import run_db
from backend.staff import permissions
from backend.staff.auth import require_staff
from backend.staff.ui import forbidden
from backend.sweeps import sweep_every

log = logging.getLogger(__name__)

MAX_ID = 2**31 - 1
SWEEP_SECONDS = 3600.0  # how often files held for reports never sent are looked for


async def download(request: web.Request) -> web.StreamResponse:
    """GET /staff/cases/{reference}/evidence/{evidence_id}."""
    identity = await require_staff(request)
    reference = request.match_info["reference"]
    raw_id = request.match_info["evidence_id"]
    if not raw_id.isdigit() or int(raw_id) > MAX_ID:
        raise web.HTTPNotFound(text="No such evidence file.")
    evidence_id = int(raw_id)

    def load(session: Session) -> dict[str, Any] | str | None:
        case = get_case_by_reference(session, reference)
        if case is None:
            return None
        if not permissions.can_view_case(identity, case.owner_team):
            return "forbidden"
        row = session.execute(
            select(EvidenceFile).where(
                EvidenceFile.id == evidence_id, EvidenceFile.case_id == case.id
            )
        ).scalar_one_or_none()
        if row is None:
            return None
        return {
            "case_id": case.id,
            "reference": case.reference,
            "stored_name": row.stored_name,
            "content_type": row.content_type,
            "extension": row.stored_name.rsplit(".", 1)[-1],
        }

    found = await run_db(request, load)
    if found == "forbidden":
        return forbidden(request, identity, "open cases owned by another team")
    if not isinstance(found, dict):
        raise web.HTTPNotFound(text="No such evidence file.")
    path = store_for(request.config_dict[SETTINGS]).path(found["stored_name"])
    if not path.is_file():
        log.warning(
            "evidence file missing on disk: case_id=%s evidence=%s", found["case_id"], evidence_id
        )
        raise web.HTTPNotFound(text="This evidence file is no longer stored.")
    log.info(
        "evidence downloaded: case_id=%s evidence=%s by=%s",
        found["case_id"],
        evidence_id,
        identity.username,
    )
    name = f"{found['reference']}-evidence-{evidence_id}.{found['extension']}"
    response = web.FileResponse(path)
    response.content_type = found["content_type"]
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "no-store"
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


def sweep_once(app: web.Application) -> int:
    """Delete files held for chat reports not sent within UNATTACHED_LIFETIME (worker thread)."""
    before = app[CLOCK]() - UNATTACHED_LIFETIME
    with transaction(app[SESSION_FACTORY]) as session:
        return delete_unattached(session, store_for(app[SETTINGS]), before)


_sweeper = sweep_every(
    lambda _app: SWEEP_SECONDS, sweep_once, name="evidence sweep", did="deleted files"
)


def setup_routes(app: web.Application) -> None:
    """Add GET /staff/cases/{reference}/evidence/{evidence_id} to `app`, and the hourly sweep
    of files held for chat reports that were never sent."""
    app.cleanup_ctx.append(_sweeper)
    app.router.add_get(
        "/staff/cases/{reference}/evidence/{evidence_id}",
        download,
        name="staff-evidence-download",
    )
