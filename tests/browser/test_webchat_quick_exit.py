"""Issue 15: "Exit this page" in a real browser, by the button and by Shift pressed 3 times.

It hides the page at once, ends the chat on the server (the old cookie finds nothing and a
message with it starts afresh), clears the cookie, and replaces the page with the neutral site so
Back does not come back to the chat. Runs against the whole system (real Rasa server).
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.webchat_driver import (
    PHONE,
    SCREENSHOTS,
    WEATHER,
    backend_call,
    chat_cookie,
    check_state,
    chromium,
    new_page,
    send_typed,
    wait_until_ready,
)
from tests.system import RunningSystem

pytestmark = [pytest.mark.browser, pytest.mark.e2e]

START = "https://start.example/"  # the page the resident was on before (answered locally)
START_PAGE = "<!doctype html><html lang=en><title>Start</title><h1>Start</h1></html>"


def open_chat_after_another_page(browser: Any, system: RunningSystem) -> Any:
    page = new_page(browser)
    page.context.route(
        START, lambda route: route.fulfill(status=200, content_type="text/html", body=START_PAGE)
    )
    page.goto(START)
    page.goto(system.backend_url + "/")
    wait_until_ready(page)
    page.locator("#chat-input").focus()
    replies = send_typed(page, "The people next door play loud music every night until 3am")
    assert replies, "the assistant did not answer"
    return page


def assert_chat_ended(page: Any, system: RunningSystem, old_cookie: str, entries: int) -> None:
    """Back leads to the page before the chat; the session is gone on the server and here."""
    assert page.url.startswith(WEATHER)
    assert page.evaluate("history.length") == entries  # the chat's entry was replaced
    page.go_back()
    assert page.url == START
    assert chat_cookie(page) is None
    status, answer, _ = backend_call(f"{system.backend_url}/chat/history", old_cookie)
    assert status == 200 and answer == {"state": "new", "turns": []}
    status, _, new_cookie = backend_call(
        f"{system.backend_url}/chat/message", old_cookie, {"message": "hello"}
    )
    assert status == 200
    assert new_cookie and new_cookie != old_cookie  # a fresh conversation, not the old one


def test_the_exit_button_ends_the_chat_and_back_does_not_return(
    e2e_system: RunningSystem,
) -> None:
    with chromium() as browser:
        page = open_chat_after_another_page(browser, e2e_system)
        old_cookie = chat_cookie(page)
        assert old_cookie
        note = page.locator(".exit-note").inner_text()
        assert "does not delete your browser history" in note
        entries = page.evaluate("history.length")
        with page.expect_navigation(url=WEATHER):
            page.locator("#quick-exit").click()
        assert_chat_ended(page, e2e_system, old_cookie, entries)


def test_shift_three_times_ends_the_chat(e2e_system: RunningSystem) -> None:
    with chromium() as browser:
        page = open_chat_after_another_page(browser, e2e_system)
        old_cookie = chat_cookie(page)
        assert old_cookie
        # Shift used for a capital letter does not count: only Shift on its own.
        page.keyboard.press("Shift")
        page.keyboard.press("Shift")
        assert "1 more time" in page.locator("#exit-status").inner_text()
        page.keyboard.press("Shift+A")
        page.locator("#chat-input").fill("")  # the "A" just typed (starts the count again too)
        page.keyboard.press("Shift")
        assert "2 more times" in page.locator("#exit-status").inner_text()
        page.keyboard.press("Shift")
        # Two presses light two of the three lights (the "quick exit" screenshots).
        assert page.locator("#quick-exit").get_attribute("data-presses") == "2"
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        for viewport in (PHONE, {"width": 1280, "height": 800}):
            page.set_viewport_size(viewport)
            page.screenshot(path=str(SCREENSHOTS / f"webchat-quick-exit-{viewport['width']}.png"))
        entries = page.evaluate("history.length")
        with page.expect_navigation(url=WEATHER):
            page.keyboard.press("Shift")
        assert_chat_ended(page, e2e_system, old_cookie, entries)

        # Coming back to the chat afterwards: a fresh, accessible page; nothing was kept.
        page.goto(e2e_system.backend_url + "/")
        wait_until_ready(page)
        assert page.locator("#messages .message").count() == 1  # the greeting only
        assert page.evaluate("localStorage.length + sessionStorage.length") == 0
        check_state(page, "after quick exit")
