"""Issue 16: the web chat page's language: the menu on the first screen (own-script names),
Accept-Language as the default, the choice kept for the session, `lang`/`dir` on the page, and
the chosen language sent to Rasa with every message."""

# ruff: noqa: F811 - the fixtures of test_page.py are imported by name and used as arguments
from __future__ import annotations

import re
from typing import Any

from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from backend.webchat.common import LANGUAGE_COOKIE
from core.i18n import _
from tests.backend.webchat.test_page import (  # noqa: F401 - pytest fixtures
    FakeRasa,
    client,
    fake_rasa,
    make_client,
    settings_for,
)

OWN_NAMES = ["English", "Cymraeg", "Polski", "Română", "ਪੰਜਾਬੀ", "اردو", "Português"]


def html_tag(page: str) -> str:
    match = re.search(r"<html[^>]*>", page)
    assert match, "no <html> tag"
    return match.group(0)


def language_cookie(client: TestClient) -> str | None:
    for cookie in client.session.cookie_jar:
        if cookie.key == LANGUAGE_COOKIE:
            return cookie.value or None
    return None


async def test_accept_language_welsh_gives_a_welsh_page(client: TestClient) -> None:
    page = await (await client.get("/", headers={"Accept-Language": "cy-GB,cy;q=0.9"})).text()
    assert html_tag(page) == '<html lang="cy" dir="ltr">'
    welsh_title = _("Report anti-social behaviour", "cy")
    assert f"<title>{welsh_title}</title>" in page
    assert _("Exit this page", "cy") in page
    # Negotiated, not chosen: nothing is kept until the resident picks from the menu.
    assert language_cookie(client) is None


async def test_the_menu_lists_every_language_in_its_own_script(client: TestClient) -> None:
    page = await (await client.get("/", headers={"Accept-Language": "pl"})).text()
    link = r'<a class="language" href="/\?lang=(\w+)" lang="(\w+)"[^>]*>([^<]+)</a>'
    links = re.findall(link, page)
    assert [name for _code, _lang, name in links] == OWN_NAMES
    assert all(code == lang for code, lang, _name in links)
    assert re.search(r'lang="pl" hreflang="pl" dir="ltr" aria-current="true">Polski<', page)
    assert 'lang="ur" hreflang="ur" dir="rtl">اردو<' in page
    assert page.count('aria-current="true"') == 1
    assert "flag" not in page.lower()


async def test_a_choice_from_the_menu_is_kept_for_the_session(client: TestClient) -> None:
    page = await (await client.get("/?lang=ur", headers={"Accept-Language": "en"})).text()
    assert html_tag(page) == '<html lang="ur" dir="rtl">'
    assert language_cookie(client) == "ur"
    later = await (await client.get("/", headers={"Accept-Language": "en-GB"})).text()
    assert html_tag(later) == '<html lang="ur" dir="rtl">'
    # Another choice replaces it.
    await client.get("/?lang=pt")
    assert language_cookie(client) == "pt"
    assert 'lang="pt"' in html_tag(await (await client.get("/")).text())


async def test_an_unknown_choice_is_ignored(client: TestClient) -> None:
    page = await (await client.get("/?lang=de", headers={"Accept-Language": "ro"})).text()
    assert html_tag(page) == '<html lang="ro" dir="ltr">'
    assert language_cookie(client) is None


async def test_exit_this_page_forgets_the_language_too(client: TestClient) -> None:
    await client.get("/?lang=cy")
    assert language_cookie(client) == "cy"
    response = await client.post("/chat/exit", headers={"Origin": str(client.make_url(""))})
    assert response.status == 200
    assert language_cookie(client) is None
    page = await (await client.get("/", headers={"Accept-Language": "en"})).text()
    assert 'lang="en"' in html_tag(page)


async def test_the_chosen_language_goes_to_rasa_as_metadata(
    client: TestClient, fake_rasa: FakeRasa
) -> None:
    await client.get("/?lang=ur")
    response = await client.post(
        "/chat/message",
        json={"message": "Loud music every night", "language": "ur"},
        headers={"Origin": str(client.make_url(""))},
    )
    assert response.status == 200
    assert fake_rasa.received[-1]["metadata"] == {"language": "ur"}


async def test_a_language_chosen_in_the_chat_moves_the_page(
    make_client: Any, settings_for: Any
) -> None:
    """The assistant says a language was chosen (a custom message, bot/actions/language.py):
    the page is told to follow, and the choice is kept for the session."""
    chosen: dict[str, Any] = {"custom": {"language": "pl"}}

    async def webhook(request: web.Request) -> web.Response:
        data = await request.json()
        said = {"recipient_id": data["sender"], "text": "Dziękuję."}
        return web.json_response([said, {"recipient_id": data["sender"], **chosen}])

    rasa = web.Application()
    rasa.router.add_post("/webhooks/webchat/webhook", webhook)
    server = TestServer(rasa, host="127.0.0.1")
    await server.start_server()
    try:
        client = await make_client(settings_for(server.port))
        await client.get("/", headers={"Accept-Language": "en"})
        origin = {"Origin": str(client.make_url(""))}
        response = await client.post(
            "/chat/message", json={"message": "Polski", "language": "en"}, headers=origin
        )
        assert response.status == 200
        data = await response.json()
        assert data["language"] == "pl"
        assert data["messages"][0]["text"] == "Dziękuję."
        assert language_cookie(client) == "pl"
        page = await (await client.get("/", headers={"Accept-Language": "en"})).text()
        assert 'lang="pl"' in html_tag(page)
        # Already the page's language, or an unsupported one: nothing moves.
        for custom, language in (({"language": "pl"}, "pl"), ({"language": "de"}, "pl")):
            chosen["custom"] = custom
            answer = await client.post(
                "/chat/message", json={"message": "Polski", "language": language}, headers=origin
            )
            assert "language" not in await answer.json()
    finally:
        await server.close()
