"""Issue 15: a landlord puts the chat on their own site with one script tag.

A page on another origin (answered locally) carries `<script src=".../chat/embed.js">`, under
the Content-Security-Policy the README gives; the script adds an accessible button that opens
the chat in a new tab at the service's own address, where a report can start (first-party
cookie, quick exit over the whole tab). Runs against the whole system (real Rasa server).
"""

from __future__ import annotations

import urllib.request

import pytest

from tests.browser.webchat_driver import axe_violations, chromium, new_page, wait_until_ready
from tests.system import RunningSystem

pytestmark = [pytest.mark.browser, pytest.mark.e2e]

LOCAL_ONLY = (
    "--disable-features=LocalNetworkAccessChecks,PrivateNetworkAccessSendPreflights,"
    "PrivateNetworkAccessRespectPreflightResults,BlockInsecurePrivateNetworkRequests",
)


def landlord_page(backend_url: str) -> str:
    return (
        "<!doctype html><html lang=en><head><title>Contact us</title></head><body><main>"
        "<h1>Contact us</h1><p>Out of hours, tell us about anti-social behaviour here:</p>"
        f'<script src="{backend_url}/chat/embed.js" async></script>'
        "</main></body></html>"
    )


def test_one_script_tag_adds_a_button_that_opens_the_chat(e2e_system: RunningSystem) -> None:
    # Another origin (answered locally). Here the service is on a loopback address, which
    # Chromium's local network checks keep from a page it treats as public; on the internet the
    # service is public too, so those checks are off for this test only (LOCAL_ONLY below).
    landlord = e2e_system.backend_url.replace("127.0.0.1", "localhost") + "/landlord/contact"
    with urllib.request.urlopen(f"{e2e_system.backend_url}/chat/embed.js", timeout=30) as answer:
        assert answer.headers["Content-Type"].startswith("text/javascript")
        assert answer.headers["Cross-Origin-Resource-Policy"] == "cross-origin"
    # The CSP a landlord's page needs (README): the script from the service, nothing else.
    policy = f"default-src 'self'; script-src {e2e_system.backend_url}"
    with chromium(extra_args=LOCAL_ONLY) as browser:
        page = new_page(browser)
        page.context.route(
            landlord,
            lambda route: route.fulfill(
                status=200,
                content_type="text/html",
                headers={"Content-Security-Policy": policy},
                body=landlord_page(e2e_system.backend_url),
            ),
        )
        page.goto(landlord)
        launcher = page.get_by_role("link", name="Report anti-social behaviour")
        launcher.wait_for()
        assert launcher.bounding_box()["height"] >= 24
        assert axe_violations(page) == ""
        with page.context.expect_page() as opened:
            launcher.focus()
            page.keyboard.press("Enter")
        chat = opened.value
        chat.wait_for_load_state()
        assert chat.url == e2e_system.backend_url + "/"
        wait_until_ready(chat)
        assert page.url == landlord  # the landlord's page stays as it was
