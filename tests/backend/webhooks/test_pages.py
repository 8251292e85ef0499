"""Partners' webhooks are managed by admins only: the staff page (CSRF on every form, the secret
shown once, https only) and `bin/asb partner-webhook`. Fictional partners."""

from __future__ import annotations

import re

from backend.webhooks.command import run_partner_webhook
from backend.webhooks.worker import deliver_due
from tests.backend.case_helpers import create
from tests.backend.webhooks.helpers import LATER, deliveries

PAGE = "/staff/partners/webhooks"


async def test_admins_add_rekey_and_disable_webhooks_and_see_the_delivery_log(
    api_client, make_staff, login_as, session_factory, make_report, partner, http
):
    make_staff("ada.admin", "admin")
    csrf = await login_as(api_client, "ada.admin")
    page = await api_client.get(PAGE)
    assert page.status == 200 and "No webhook yet" in await page.text()
    assert PAGE in await (await api_client.get("/staff/partners")).text()

    added = await api_client.post(
        PAGE,
        data={
            "csrf_token": csrf,
            "partner": "Example Police",
            "url": partner.url("police"),
            "event": ["created", "closed"],
        },
    )
    html = await added.text()
    assert added.status == 201 and "shown only this once" in html
    secret = re.search(r'value="(whsec_[^"]+)"', html).group(1)
    listing = await (await api_client.get(PAGE)).text()
    assert secret not in listing and secret[:12] in listing and "created, closed" in listing

    create(session_factory, make_report())
    await deliver_due(session_factory, http, LATER, worker="1")
    listing = await (await api_client.get(PAGE)).text()
    assert "HTTP 200" in listing and "1 delivered" in listing

    rotated = await api_client.post(f"{PAGE}/1/rotate", data={"csrf_token": csrf})
    new_secret = re.search(r'value="(whsec_[^"]+)"', await rotated.text()).group(1)
    assert rotated.status == 201 and new_secret != secret
    disabled = await api_client.post(f"{PAGE}/1/disable", data={"csrf_token": csrf})
    assert disabled.status == 200 and "is disabled" in await disabled.text()
    create(session_factory, make_report())
    assert len(deliveries(session_factory)) == 1  # nothing more queued for it

    for url, words in (
        ("http://partner.example/hooks", "must start with https://"),
        ("ftp://partner.example/", "must start with https://"),
        ("https://user:pw@partner.example/", "no user name or password"),
        ("", "URL, e.g. https://partner.example"),
    ):
        bad = await api_client.post(
            PAGE,
            data={"csrf_token": csrf, "partner": "Example", "url": url, "event": "created"},
        )
        assert bad.status == 400 and words in await bad.text(), url
    no_event = await api_client.post(
        PAGE, data={"csrf_token": csrf, "partner": "Example", "url": "https://partner.example/"}
    )
    assert no_event.status == 400 and "at least one event" in await no_event.text()
    again = await api_client.post(f"{PAGE}/1/disable", data={"csrf_token": csrf})
    assert again.status == 400 and "disabled already" in await again.text()
    assert (await api_client.post(f"{PAGE}/x/disable", data={"csrf_token": csrf})).status == 404


async def test_the_forms_need_the_csrf_token_and_an_admin(
    api_client, make_staff, login_as, session_factory
):
    make_staff("ada.admin", "admin")
    make_staff("mo.manager", "manager")
    csrf = await login_as(api_client, "ada.admin")
    made = await api_client.post(
        PAGE,
        data={
            "csrf_token": csrf,
            "partner": "Example Council",
            "url": "https://partner.example/hooks",
            "event": "created",
        },
    )
    assert made.status == 201
    for path in (PAGE, f"{PAGE}/1/rotate", f"{PAGE}/1/disable"):
        for token in (None, "wrong-token"):
            form = {"partner": "Example", "url": "https://partner.example/", "event": "created"}
            if token:
                form["csrf_token"] = token
            assert (await api_client.post(path, data=form)).status == 403, path

    csrf = await login_as(api_client, "mo.manager")
    assert (await api_client.get(PAGE)).status == 403
    for path in (f"{PAGE}/1/rotate", f"{PAGE}/1/disable"):
        assert (await api_client.post(path, data={"csrf_token": csrf})).status == 403
    api_client.session.cookie_jar.clear()
    response = await api_client.get(PAGE, allow_redirects=False)
    assert response.status == 303 and "/staff/login" in response.headers["Location"]


def test_the_command_line_adds_lists_and_disables(settings, session_factory):
    status, text = run_partner_webhook(
        settings,
        "add",
        partner="Example Council",
        url="https://partner.example/asb",
        events=["closed"],
    )
    assert status == 0 and "shown once" in text
    secret = re.search(r"(whsec_\S+)", text).group(1)
    status, listing = run_partner_webhook(settings, "list")
    assert status == 0 and "Example Council" in listing and secret not in listing
    assert "events closed" in listing and secret[:12] in listing
    assert run_partner_webhook(settings, "disable", webhook_id=1)[0] == 0
    assert "disabled" in run_partner_webhook(settings, "list")[1]
    status, text = run_partner_webhook(settings, "disable", webhook_id=1)
    assert status == 1 and "disabled already" in text
    status, text = run_partner_webhook(
        settings, "add", partner="Example", url="http://partner.example/", events=["closed"]
    )
    assert status == 1 and "https://" in text
