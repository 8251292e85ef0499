"""Issue 15: the web chat survives a reload, a failed send and an expired session, in headless
Chromium against the whole system (real Rasa server).

After a reload the transcript comes back from the server (nothing is kept in the browser) with
the open question's buttons, and the next answer lands in that question; a send that fails keeps
the typed text and offers to try again; a conversation the server no longer has says so plainly
and offers to start again. The error states are checked with axe-core too.
"""

from __future__ import annotations

import uuid
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.browser.webchat_driver import (
    answer_until_buttons,
    bot_texts,
    check_state,
    chromium,
    new_page,
    next_key,
    press_button,
    quick_replies,
    send_typed,
    wait_for_reply,
    wait_until_ready,
)
from tests.e2e.conversation import Answers
from tests.system import RunningSystem

pytestmark = [pytest.mark.browser, pytest.mark.e2e]


def transcript(page: Any) -> list[str]:
    return page.locator("#messages .message p").all_inner_texts()


def test_a_reload_brings_the_conversation_back_and_the_answer_lands_in_the_open_question(
    e2e_system: RunningSystem,
) -> None:
    with chromium() as browser:
        page = new_page(browser)
        page.goto(e2e_system.backend_url + "/")
        wait_until_ready(page)
        page.locator("#chat-input").focus()
        opening = "Someone keeps spraying graffiti on the garages behind our block"
        replies = send_typed(page, opening)
        replies = answer_until_buttons(page, replies, Answers())
        key_before = next_key(replies)
        buttons_before = quick_replies(page)
        shown_before = transcript(page)

        page.reload()
        wait_until_ready(page)
        assert transcript(page) == shown_before  # from the server: nothing in the browser
        assert quick_replies(page) == buttons_before  # the open question, with its buttons
        assert page.evaluate("localStorage.length + sessionStorage.length") == 0
        assert page.locator("#announcer").inner_text() == ""  # the history is not re-announced

        page.locator("#chat-input").focus()
        replies = press_button(page, buttons_before[-1])
        assert next_key(replies) != key_before, "the answer did not land in the open question"


def test_a_failed_send_keeps_the_text_and_can_be_tried_again(e2e_system: RunningSystem) -> None:
    with chromium() as browser:
        page = new_page(browser)
        page.goto(e2e_system.backend_url + "/")
        wait_until_ready(page)
        text = "The dog next door barks all night"
        page.context.route("**/chat/message", lambda route: route.abort("internetdisconnected"))
        page.locator("#chat-input").fill(text)
        page.keyboard.press("Enter")
        error = page.locator("#chat-error")
        error.get_by_text("Your message was not sent").wait_for()
        assert page.locator("#chat-input").input_value() == text
        assert page.locator("#messages .message.user").count() == 0
        check_state(page, "error (not sent)")

        page.context.unroute("**/chat/message")
        before = len(bot_texts(page))
        page.locator("#retry").click()
        assert wait_for_reply(page, before)
        assert page.locator("#chat-input").input_value() == ""
        assert page.locator("#messages .message.user p").all_inner_texts() == [text]
        assert not page.locator("#chat-error").inner_text().strip()


def test_an_expired_session_says_so_and_offers_to_start_again(e2e_system: RunningSystem) -> None:
    with chromium() as browser:
        page = new_page(browser)
        host = urlsplit(e2e_system.backend_url).hostname
        stale = str(uuid.uuid4())  # a conversation this backend no longer has
        cookie = {"name": "asb_chat", "value": stale, "domain": host, "path": "/"}
        page.context.add_cookies([cookie])
        page.goto(e2e_system.backend_url + "/")
        wait_until_ready(page)
        expired = page.locator("#expired")
        expired.wait_for()
        assert "This conversation has ended" in expired.inner_text()
        assert page.evaluate("document.activeElement.id") == "start-new"
        check_state(page, "expired session")

        page.keyboard.press("Enter")  # "Start a new conversation"
        expired.wait_for(state="hidden")
        assert page.evaluate("document.activeElement.id") == "chat-input"
        assert send_typed(page, "Loud music from the flat above every night")
        cookies = [c for c in page.context.cookies() if c["name"] == "asb_chat"]
        assert cookies and cookies[0]["value"] != stale
        assert cookies[0]["expires"] == -1  # a session cookie
