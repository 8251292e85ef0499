"""Driving the resident web chat in headless Chromium (issue 15): axe-core runs, screenshots,
and a resident who answers the report questions with the keyboard alone.

The page runs against the whole system (the `e2e_system` fixture: a real Rasa server, one per
test session). Chromium is Debian's, as in tests/browser/test_staff_browser.py.
"""

from __future__ import annotations

import json
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from tests.browser.test_staff_browser import CHROMIUM_ARGS, SCREENSHOTS, _chromium_or_fail
from tests.e2e.conversation import REFERENCE, Answers, question_key

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
WIDE = {"width": 1280, "height": 800}
NARROW = {"width": 320, "height": 640}
PHONE = {"width": 360, "height": 740}
WEATHER = "https://www.bbc.co.uk/weather"  # the default neutral site (ASB_QUICK_EXIT_URL)
WEATHER_PAGE = "<!doctype html><html lang=en><title>Weather</title><h1>Weather</h1></html>"


@contextmanager
def chromium(extra_args: tuple[str, ...] = ()) -> Iterator[Any]:
    """A headless Debian Chromium; the neutral site is answered locally (no network)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=_chromium_or_fail(), args=[*CHROMIUM_ARGS, *extra_args]
        )
        try:
            yield browser
        finally:
            browser.close()


def new_page(browser: Any, viewport: dict[str, int] = WIDE, **options: Any) -> Any:
    context = browser.new_context(viewport=viewport, locale="en-GB", **options)
    context.route(
        "https://www.bbc.co.uk/**",
        lambda route: route.fulfill(status=200, content_type="text/html", body=WEATHER_PAGE),
    )
    page = context.new_page()
    page.set_default_timeout(60_000)
    return page


def axe_violations(page: Any) -> str:
    """The axe-core violations on the page now, as a readable report ("" when none)."""
    from axe_playwright_python.sync_playwright import Axe

    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
    results = Axe().run(page, options=options)
    return results.generate_report() if results.violations_count else ""


def no_horizontal_scroll(page: Any) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))


def check_state(page: Any, state: str, shot: str | None = None) -> None:
    """Zero axe violations at 1280 px and 320 px (which reflows without sideways scrolling);
    with `shot`, screenshots at 360 px and 1280 px in docs/screenshots/."""
    for viewport in (WIDE, NARROW):
        page.set_viewport_size(viewport)
        page.wait_for_timeout(50)  # let layout settle after the resize (not an assertion)
        report = axe_violations(page)
        assert not report, f"{state} at {viewport['width']} px:\n{report}"
        if viewport is NARROW:
            assert no_horizontal_scroll(page), f"{state}: sideways scrolling at 320 px"
    if shot:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        for viewport in (PHONE, WIDE):
            page.set_viewport_size(viewport)
            page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
            page.wait_for_timeout(50)
            path = SCREENSHOTS / f"webchat-{shot}-{viewport['width']}.png"
            page.screenshot(path=str(path))
    page.set_viewport_size(WIDE)


def bot_texts(page: Any) -> list[str]:
    return page.locator("#messages .message.bot p").all_inner_texts()


def wait_for_reply(page: Any, bots_before: int) -> list[str]:
    """Wait until the assistant has answered; return the texts of its new messages."""
    page.wait_for_function(
        "n => document.querySelectorAll('#messages .message.bot').length > n"
        " && !document.querySelector('#send').disabled",
        arg=bots_before,
    )
    return bot_texts(page)[bots_before:]


def wait_until_ready(page: Any) -> None:
    """The page has loaded its history (the send button is enabled once it has). Predicates
    are functions, not expressions: the page's CSP forbids the eval Playwright uses for those."""
    page.wait_for_function("() => !document.querySelector('#send').disabled")


def send_typed(page: Any, text: str) -> list[str]:
    """Type into the focused message box and press Enter."""
    focused = page.evaluate("document.activeElement && document.activeElement.id")
    assert focused == "chat-input", f"focus is on {focused!r}, not the message box"
    before = len(bot_texts(page))
    page.keyboard.type(text)
    page.keyboard.press("Enter")
    return wait_for_reply(page, before)


def press_button(page: Any, title: str) -> list[str]:
    """From the message box, Shift+Tab back to the quick reply `title` and press Enter."""
    before = len(bot_texts(page))
    for _ in range(40):
        page.keyboard.press("Shift+Tab")
        label = page.evaluate(
            "(() => { const e = document.activeElement;"
            " return e && e.classList.contains('quick-reply') ? e.textContent : null })()"
        )
        if label is not None and label.lower().startswith(title.lower()):
            page.keyboard.press("Enter")
            return wait_for_reply(page, before)
    raise AssertionError(f"no quick reply {title!r} reached with the keyboard")


def quick_replies(page: Any) -> list[str]:
    return page.locator("#messages .quick-reply").all_inner_texts()


def answer(page: Any, plan: Answers, key: str) -> list[str]:
    """Answer the open question `key` as a keyboard user: a button if one fits, else words."""
    wanted = plan.next(key)
    if any(title.lower().startswith(wanted.lower()) for title in quick_replies(page)):
        return press_button(page, wanted)
    return send_typed(page, wanted)


def next_key(replies: list[str]) -> str | None:
    return question_key(replies[-1]) if replies else None


def reference_in(replies: list[str]) -> str | None:
    found = REFERENCE.findall("\n".join(replies))
    return found[-1] if found else None


def chat_cookie(page: Any) -> str | None:
    for cookie in page.context.cookies():
        if cookie["name"] == "asb_chat":
            return cookie["value"]
    return None


def backend_call(
    url: str, cookie: str | None, body: dict[str, Any] | None = None
) -> tuple[int, dict[str, Any], str | None]:
    """GET (or POST `body`) with the chat cookie `cookie`; returns status, JSON, new cookie."""
    headers = {"Content-Type": "application/json"}
    if cookie:
        headers["Cookie"] = f"asb_chat={cookie}"
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            set_cookie = response.headers.get("Set-Cookie") or ""
            value = set_cookie.split(";")[0].partition("=")[2] if set_cookie else None
            return response.status, json.loads(response.read()), value
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read()), None


def answer_until_buttons(page: Any, replies: list[str], plan: Answers) -> list[str]:
    """Answer the report's questions until the open one offers buttons."""
    for _ in range(15):
        if quick_replies(page):
            return replies
        key = next_key(replies)
        assert key is not None, f"an unexpected question: {replies}"
        replies = answer(page, plan, key)
    raise AssertionError("no question with buttons was asked")
