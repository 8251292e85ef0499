"""`bin/asb partner-key create|list|rotate|revoke`: partner keys from the command line.

The key is printed once, when it is made or rotated; the command records the operating-system
account that ran it as the actor (as `bin/asb retention` does).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from backend.db import make_engine, make_session_factory, transaction, utcnow
from backend.partners import service
from backend.retention.command import command_actor
from core.settings import Settings


def _issued_lines(issued: service.IssuedKey, verb: str) -> list[str]:
    return [
        f"partner key {issued.key_id} {verb} for {issued.partner} "
        f"(scopes: {', '.join(issued.scopes)})",
        f"key (shown once, keep it safe): {issued.key}",
    ]


def run_partner_key(
    settings: Settings,
    action: str,
    *,
    partner: str = "",
    kind: str = "other",
    scopes: Sequence[str] = (),
    key_id: int | None = None,
    now: datetime | None = None,
) -> tuple[int, str]:
    """Do `action` (create, list, rotate, revoke); (exit status, what to print)."""
    engine = make_engine(settings.database_url)
    moment = now or utcnow()
    actor = command_actor()
    secret = settings.ingest_secret
    try:
        with transaction(make_session_factory(engine)) as session:
            if action == "create":
                issued = service.create_key(
                    session,
                    partner=partner,
                    kind=kind,
                    scopes=scopes,
                    actor=actor,
                    secret=secret,
                    now=moment,
                )
                return 0, "\n".join(_issued_lines(issued, "made"))
            if action == "rotate" and key_id is not None:
                issued = service.rotate_key(session, key_id, actor=actor, secret=secret, now=moment)
                return 0, "\n".join(
                    [f"key {key_id} is rotated: it no longer works"] + _issued_lines(issued, "made")
                )
            if action == "revoke" and key_id is not None:
                service.revoke_key(session, key_id, actor=actor, now=moment)
                return 0, f"key {key_id} is revoked: it no longer works"
            if action == "list":
                return 0, _listing(service.list_keys(session))
    except service.PartnerKeyError as exc:
        return 1, str(exc)
    finally:
        engine.dispose()
    return 2, f"unknown action {action!r} (create, list, rotate KEY_ID, revoke KEY_ID)"


def _listing(keys: list[dict]) -> str:
    if not keys:
        return "no partner key yet"
    lines = []
    for key in keys:
        state = "works" if key["live"] else f"{key['revoked_reason'] or 'revoked'}"
        used = key["last_used_at"].isoformat() if key["last_used_at"] else "never"
        lines.append(
            f"{key['id']:>4}  {key['key_prefix']}…  {key['partner']} ({key['kind']})  "
            f"scopes {','.join(key['scopes'])}  {state}  last used {used}"
        )
    return "\n".join(lines)
