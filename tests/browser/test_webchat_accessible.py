"""Issue 15: a whole report made with the keyboard alone in headless Chromium, with axe-core
(WCAG 2.2 AA and best practice) at 320 px and 1280 px in each state, the live region, focus
never hidden under the sticky message box, reduced motion, and the screenshots in
docs/screenshots/ (empty, mid-form, summary). Runs against the whole system (real Rasa).
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.webchat_driver import (
    NARROW,
    WIDE,
    answer,
    bot_texts,
    check_state,
    chromium,
    new_page,
    next_key,
    quick_replies,
    reference_in,
    send_typed,
    wait_until_ready,
)
from tests.e2e.conversation import Answers
from tests.system import RunningSystem

pytestmark = [pytest.mark.browser, pytest.mark.e2e]

OPENING = "Someone keeps spraying graffiti on the garages behind our block"


def said(texts: list[str]) -> list[str]:
    return [" ".join(text.split()) for text in texts if text.strip()]


def announced(page: Any) -> list[str]:
    """What the polite live region holds now (each new message of the assistant, once)."""
    return said(page.locator("#announcer p").all_text_contents())


def tab_to_message_box(page: Any) -> None:
    """From the top of the page, Tab until the message box has focus (keyboard only)."""
    for _ in range(15):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "chat-input":
            return
    raise AssertionError("the message box cannot be reached with Tab")


def assert_focus_never_hidden(page: Any) -> None:
    """At 320 px, Shift+Tab from the message box through the open question's buttons: each
    focused control is fully in view, above the sticky message box and below the top bar."""
    page.set_viewport_size(NARROW)
    page.locator("#chat-input").focus()
    count = len(quick_replies(page))
    assert count, "no buttons to check"
    for _ in range(count):
        page.keyboard.press("Shift+Tab")
        hidden = page.evaluate(
            """() => {
              const e = document.activeElement;
              const r = e.getBoundingClientRect();
              const form = document.getElementById('chat-form').getBoundingClientRect();
              const top = document.getElementById('top');
              const stuck = getComputedStyle(top).position === 'sticky';
              const topEdge = stuck ? top.getBoundingClientRect().bottom : 0;
              return e.classList.contains('quick-reply') &&
                (r.bottom > form.top + 1 || r.top < topEdge - 1 || r.height < 24);
            }"""
        )
        assert not hidden, "a focused button is hidden under the sticky bars (or too small)"
    page.locator("#chat-input").focus()
    page.set_viewport_size(WIDE)


def assert_reduced_motion(page: Any) -> None:
    dots = "getComputedStyle(document.querySelector('.dots span')).animationName"
    assert page.evaluate(dots) == "blink"
    page.emulate_media(reduced_motion="reduce")
    assert page.evaluate(dots) == "none"
    page.emulate_media(reduced_motion="no-preference")


def test_a_whole_report_with_the_keyboard_alone_is_accessible_at_every_step(
    e2e_system: RunningSystem,
) -> None:
    with chromium() as browser:
        page = new_page(browser)
        page.goto(e2e_system.backend_url + "/")
        wait_until_ready(page)
        check_state(page, "empty", shot="empty")
        assert_reduced_motion(page)
        # The conversation is a plain list, not a live region; new messages are announced once.
        assert page.locator("#messages").get_attribute("aria-live") is None
        assert page.locator("#announcer").get_attribute("aria-live") == "polite"

        tab_to_message_box(page)
        replies = send_typed(page, OPENING)
        assert announced(page) == said(replies)
        plan = Answers({"description": OPENING, "location": "Garages behind 2 Example Road"})
        seen_buttons = seen_summary = False
        for _ in range(60):
            if reference_in(replies):
                break
            key = next_key(replies)
            assert key is not None, f"an unexpected question: {replies}"
            if quick_replies(page) and not seen_buttons:
                seen_buttons = True
                check_state(page, "mid-form with buttons", shot="mid-form")
                assert_focus_never_hidden(page)
            if key == "summary":
                seen_summary = True
                check_state(page, "summary", shot="summary")
            before = bot_texts(page)
            replies = answer(page, plan, key)
            # Only the new messages are in the live region, never the history.
            assert announced(page) == said(replies)
            assert not set(announced(page)) & set(said(before)) - set(said(replies))
        reference = reference_in(replies)
        assert reference, f"no reference given: {replies}"
        assert seen_buttons and seen_summary
        case = e2e_system.api_get(f"/api/cases/{reference}")
        assert case["location"] == "Garages behind 2 Example Road"
