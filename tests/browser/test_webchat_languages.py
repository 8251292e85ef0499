"""Issue 16 "done shows": the web chat page in headless Chromium in Welsh and in Urdu. A browser
that asks for Welsh (Accept-Language) gets the page in Welsh with lang="cy"; the language menu
on the first screen is reached with the keyboard and switches to Urdu, which lays the page out
right to left (dir="rtl") and is kept for the session; axe-core finds no violation in either
language at 1280 px and 320 px; the screenshot docs/screenshots/webchat-ur-rtl-360.png shows it.

Only the backend runs (no message is sent: no Rasa needed). Chromium is Debian's, as in
tests/browser/test_staff_browser.py.
"""

from __future__ import annotations

import os
import secrets
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from core.i18n import _
from core.settings import Settings
from ops.supervisor import Supervisor
from ops.topology import build_services
from tests.browser.test_staff_browser import SCREENSHOTS, _chromium_or_fail
from tests.browser.test_webchat_embed import LOCAL_ONLY
from tests.browser.webchat_driver import (
    PHONE,
    WEATHER_PAGE,
    WIDE,
    check_state,
    chromium,
    wait_until_ready,
)
from tests.system import free_port

pytestmark = [pytest.mark.browser, pytest.mark.e2e]


@pytest.fixture(scope="module")
def backend_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The backend alone on a free port with a fresh SQLite database."""
    from backend.migrate import upgrade

    _chromium_or_fail()
    var_dir = tmp_path_factory.mktemp("languages")
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ASB_", "TWILIO_"))}
    env.update(
        ASB_VAR_DIR=str(var_dir),
        DATABASE_URL=f"sqlite:///{var_dir / 'asb.sqlite3'}",
        ASB_BACKEND_PORT=str(port),
        ASB_INGEST_SECRET=secrets.token_urlsafe(24),
        ASB_LANDLORD_NAME="Example Homes",
        ASB_LANDLORD_PHONE="0300 000 0000",
        PYTHONUNBUFFERED="1",
    )
    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update(env)
    try:
        settings = Settings.from_env()
    finally:
        os.environ.clear()
        os.environ.update(saved)
    upgrade(settings.database_url)
    services = [
        s
        for s in build_services(settings, Path("no-model"), with_twilio_standin=False)
        if s.name == "backend"
    ]
    supervisor = Supervisor(
        services, env, var_dir / "logs", out=lambda m: print(m, file=sys.stderr)
    )
    supervisor.start()
    try:
        supervisor.wait_until_ready()
        yield f"http://127.0.0.1:{port}"
    finally:
        supervisor.stop()


def welsh_browser_page(browser: Any) -> Any:
    """A browser whose user asked for Welsh (Accept-Language: cy)."""
    context = browser.new_context(viewport=WIDE, locale="cy-GB")
    context.route(
        "https://www.bbc.co.uk/**",
        lambda route: route.fulfill(status=200, content_type="text/html", body=WEATHER_PAGE),
    )
    page = context.new_page()
    page.set_default_timeout(60_000)
    return page


def html_attributes(page: Any) -> tuple[str, str]:
    return tuple(
        page.evaluate("() => [document.documentElement.lang, document.documentElement.dir]")
    )


def screenshot_first_screen(page: Any, name: str) -> None:
    """docs/screenshots/webchat-<name>-360.png and -1280.png: the first screen, menu in view."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for viewport in (PHONE, WIDE):
        page.set_viewport_size(viewport)
        page.evaluate("window.scrollTo(0, 0)")
        page.wait_for_timeout(50)  # let layout settle after the resize (not an assertion)
        page.screenshot(path=str(SCREENSHOTS / f"webchat-{name}-{viewport['width']}.png"))
    page.set_viewport_size(WIDE)


def tab_to_language(page: Any, code: str) -> None:
    """Tab from the top of the page to the menu's link for `code` (keyboard only)."""
    page.locator("body").focus()
    for _attempt in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.getAttribute('hreflang')") == code:
            return
    raise AssertionError(f"the {code} link of the language menu cannot be reached with Tab")


def test_welsh_by_accept_language_then_urdu_right_to_left(backend_url: str) -> None:
    with chromium() as browser:
        page = welsh_browser_page(browser)
        page.goto(backend_url + "/")
        wait_until_ready(page)
        assert html_attributes(page) == ("cy", "ltr")
        welsh_title = _("Report anti-social behaviour", "cy")
        assert welsh_title != "Report anti-social behaviour", "the Welsh catalog lacks the title"
        assert page.locator("h1").inner_text() == welsh_title
        assert _("Exit this page", "cy") in page.locator("#quick-exit").inner_text()
        menu = page.locator(".language-list a")
        assert menu.all_inner_texts() == [
            "English", "Cymraeg", "Polski", "Română", "ਪੰਜਾਬੀ", "اردو", "Português"
        ]  # fmt: skip
        assert page.locator('.language[aria-current="true"]').inner_text() == "Cymraeg"
        check_state(page, "Welsh page")

        tab_to_language(page, "ur")
        page.keyboard.press("Enter")
        page.wait_for_url("**/?lang=ur")
        wait_until_ready(page)
        assert html_attributes(page) == ("ur", "rtl")
        assert page.locator("h1").inner_text() == _("Report anti-social behaviour", "ur")
        # Right to left: the exit button sits at the left end of its bar, the message box's
        # label at the right.
        width = page.evaluate("() => window.innerWidth")
        exit_box = page.locator("#quick-exit").bounding_box()
        assert exit_box["x"] + exit_box["width"] < width / 2
        label = page.evaluate(
            """() => {
              const range = document.createRange();
              range.selectNodeContents(document.querySelector('label[for=chat-input]'));
              const box = range.getBoundingClientRect();
              return {x: box.x, width: box.width};
            }"""
        )
        assert label["x"] > width / 2, "the label's words do not start on the right"
        check_state(page, "Urdu page")
        screenshot_first_screen(page, "ur-rtl")

        # The choice is kept for the session: the plain address opens in Urdu again.
        page.goto(backend_url + "/")
        wait_until_ready(page)
        assert html_attributes(page) == ("ur", "rtl")


def test_the_embed_script_opens_the_chat_in_the_host_pages_language(backend_url: str) -> None:
    landlord = (
        '<!doctype html><html lang="cy"><title>Cysylltu</title><main><h1>Cysylltu</h1>'
        f'<script src="{backend_url}/chat/embed.js" data-lang="cy" '
        'data-label="Rhoi gwybod am ymddygiad gwrthgymdeithasol"></script></main></html>'
    )
    # Another origin, answered locally; Chromium's local network checks are off as in
    # test_webchat_embed.py (on the internet the service is public too).
    host_page = backend_url.replace("127.0.0.1", "localhost") + "/landlord/contact"
    with chromium(extra_args=LOCAL_ONLY) as browser:
        context = browser.new_context(viewport=WIDE)
        context.route(
            host_page,
            lambda route: route.fulfill(status=200, content_type="text/html", body=landlord),
        )
        page = context.new_page()
        page.goto(host_page)
        button = page.locator("a.asb-assistant-launcher")
        button.wait_for()
        assert button.inner_text() == "Rhoi gwybod am ymddygiad gwrthgymdeithasol"
        assert button.get_attribute("href") == f"{backend_url}/?lang=cy"
        assert button.get_attribute("hreflang") == "cy"
