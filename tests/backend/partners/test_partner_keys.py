"""Partner keys: made, listed, rotated and revoked by admins (staff pages with CSRF, and the
command line); only a keyed hash is stored and the key is shown once. Fictional partners."""

from __future__ import annotations

import re

from sqlalchemy import select

from backend.db import transaction
from backend.partners import service
from backend.partners.command import run_partner_key
from backend.partners.models import PartnerKey
from tests.backend.partners.helpers import KEY_TIME, make_key
from tests.conftest import INGEST_SECRET

PAGE = "/staff/partners"


def _keys(session_factory) -> list[PartnerKey]:
    with transaction(session_factory) as session:
        return list(session.execute(select(PartnerKey).order_by(PartnerKey.id)).scalars())


def _caller(session_factory, key: str):
    with transaction(session_factory) as session:
        return service.caller_for_key(session, key, secret=INGEST_SECRET, now=KEY_TIME)


def test_only_a_hash_is_stored_and_the_key_works_until_revoked(session_factory):
    issued = make_key(session_factory, scopes=("create", "read"))
    assert issued.key.startswith("asbp_") and len(issued.key) == 45
    assert issued.scopes == ("read", "create")
    [row] = _keys(session_factory)
    assert issued.key not in (row.key_hash, row.key_prefix)
    assert row.key_hash == service.hash_key(issued.key, INGEST_SECRET)
    assert row.key_prefix == issued.key[:12]

    caller = _caller(session_factory, issued.key)
    assert caller is not None and caller.partner == "Example Borough Council"
    assert caller.may("read") and caller.may("create")
    assert _keys(session_factory)[0].last_used_at == KEY_TIME
    # The same key hashed with another secret, a near miss, or nothing: no partner.
    assert (
        _caller(session_factory, issued.key[:-1] + ("A" if issued.key[-1] != "A" else "B")) is None
    )
    assert _caller(session_factory, "") is None
    assert _caller(session_factory, "x" * 10_000) is None

    with transaction(session_factory) as session:
        service.revoke_key(session, issued.key_id, actor="ada", now=KEY_TIME)
    assert _caller(session_factory, issued.key) is None


def test_rotating_refuses_the_old_key_and_keeps_partner_and_scopes(session_factory):
    old = make_key(session_factory, scopes=("read",), partner="Example Police", kind="police")
    with transaction(session_factory) as session:
        new = service.rotate_key(
            session, old.key_id, actor="ada", secret=INGEST_SECRET, now=KEY_TIME
        )
    assert new.key != old.key and new.scopes == ("read",) and new.partner == "Example Police"
    assert _caller(session_factory, old.key) is None
    caller = _caller(session_factory, new.key)
    assert caller is not None and caller.kind == "police" and not caller.may("create")
    rows = {row.id: row for row in _keys(session_factory)}
    assert rows[old.key_id].revoked_reason == "rotated"
    assert rows[new.key_id].rotated_from_id == old.key_id
    with transaction(session_factory) as session:
        try:
            service.rotate_key(session, old.key_id, actor="ada", secret=INGEST_SECRET, now=KEY_TIME)
        except service.PartnerKeyError as exc:
            assert "rotated already" in str(exc)
        else:
            raise AssertionError("a rotated key was rotated again")


def test_bad_names_and_scopes_are_refused(session_factory):
    for partner, scopes, words in (
        ("", ("read",), "partner's name"),
        ("Example Council", (), "at least one scope"),
        ("Example Council", ("read", "delete"), "Unknown scope delete"),
        ("x" * 121, ("read",), "too long"),
    ):
        with transaction(session_factory) as session:
            try:
                service.create_key(
                    session, partner=partner, scopes=scopes, actor="t", secret="s", now=KEY_TIME
                )
            except service.PartnerKeyError as exc:
                assert words in str(exc)
            else:
                raise AssertionError(f"accepted {partner!r} {scopes}")
    assert _keys(session_factory) == []


def test_the_command_line_makes_lists_rotates_and_revokes(settings, session_factory):
    status, text = run_partner_key(
        settings, "create", partner="Example Council", kind="council", scopes=["read", "create"]
    )
    assert status == 0
    key = re.search(r"(asbp_\S+)", text).group(1)
    assert _caller(session_factory, key).may("create")
    status, listing = run_partner_key(settings, "list")
    assert status == 0 and "Example Council" in listing and key not in listing
    assert key[:12] in listing

    status, text = run_partner_key(settings, "rotate", key_id=1)
    new_key = re.search(r"(asbp_\S+)", text).group(1)
    assert status == 0 and _caller(session_factory, key) is None
    assert _caller(session_factory, new_key) is not None
    status, text = run_partner_key(settings, "revoke", key_id=2)
    assert status == 0 and _caller(session_factory, new_key) is None
    status, text = run_partner_key(settings, "revoke", key_id=2)
    assert status == 1 and "revoked already" in text
    assert run_partner_key(settings, "revoke", key_id=99)[0] == 1


async def test_admins_make_rotate_and_revoke_keys_in_the_staff_pages(
    api_client, make_staff, login_as, session_factory
):
    make_staff("ada.admin", "admin")
    csrf = await login_as(api_client, "ada.admin")
    page = await api_client.get(PAGE)
    assert page.status == 200 and "No partner key yet" in await page.text()

    made = await api_client.post(
        f"{PAGE}/keys",
        data={
            "csrf_token": csrf,
            "partner": "Example Police",
            "kind": "police",
            "scope": ["read", "create"],
        },
    )
    html = await made.text()
    assert made.status == 201 and "shown only this once" in html
    key = re.search(r'value="(asbp_[^"]+)"', html).group(1)
    assert _caller(session_factory, key).scopes == {"read", "create"}
    # The page never shows it again.
    assert key not in await (await api_client.get(PAGE)).text()

    rotated = await api_client.post(f"{PAGE}/keys/1/rotate", data={"csrf_token": csrf})
    new_key = re.search(r'value="(asbp_[^"]+)"', await rotated.text()).group(1)
    assert rotated.status == 201 and _caller(session_factory, key) is None
    revoked = await api_client.post(f"{PAGE}/keys/2/revoke", data={"csrf_token": csrf})
    assert revoked.status == 200 and "no longer works" in await revoked.text()
    assert _caller(session_factory, new_key) is None

    bad = await api_client.post(
        f"{PAGE}/keys", data={"csrf_token": csrf, "partner": "Example", "kind": "police"}
    )
    assert bad.status == 400 and "at least one scope" in await bad.text()
    assert (
        await api_client.post(f"{PAGE}/keys/abc/revoke", data={"csrf_token": csrf})
    ).status == 404


async def test_the_forms_need_the_csrf_token_and_an_admin(
    api_client, make_staff, login_as, session_factory
):
    make_staff("ada.admin", "admin")
    make_staff("max.manager", "manager")
    await login_as(api_client, "ada.admin")
    issued = make_key(session_factory)
    for path, data in (
        (f"{PAGE}/keys", {"partner": "Example", "scope": "read"}),
        (f"{PAGE}/keys/{issued.key_id}/revoke", {}),
        (f"{PAGE}/keys/{issued.key_id}/rotate", {}),
    ):
        for token in (None, "wrong-token"):
            form = dict(data, **({"csrf_token": token} if token else {}))
            response = await api_client.post(path, data=form)
            assert response.status == 403, path
    assert len(_keys(session_factory)) == 1
    assert _caller(session_factory, issued.key) is not None

    csrf = await login_as(api_client, "max.manager")
    assert (await api_client.get(PAGE)).status == 403
    response = await api_client.post(
        f"{PAGE}/keys/{issued.key_id}/revoke", data={"csrf_token": csrf}
    )
    assert response.status == 403
    assert _caller(session_factory, issued.key) is not None
    # Signed out: the login page.
    api_client.session.cookie_jar.clear()
    response = await api_client.get(PAGE, allow_redirects=False)
    assert response.status == 303 and "/staff/login" in response.headers["Location"]
