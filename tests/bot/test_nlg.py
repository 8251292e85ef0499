"""The NLG endpoint (bot/nlg.py) and the action server process around it (bot/actions/server.py)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from sanic import Sanic

from bot import messages, nlg
from bot.actions import server_settings
from bot.actions.server import build_app
from bot.messages import Button, Response
from core import i18n
from core.settings import Settings
from tests.system import free_port

PHONE = "+447700900123"
LOCATION = "Flat 3, 1 Example Road"


@pytest.fixture
def settings(tmp_path: Path) -> Iterator[Settings]:
    value = Settings(
        var_dir=tmp_path,
        database_url=f"sqlite:///{tmp_path / 'unused.sqlite3'}",
        backend_url="http://127.0.0.1:9",
        landlord_name="Example Homes",
        landlord_phone="0300 000 0000",
        report_spool_path=tmp_path / "spool.sqlite3",
    )
    previous = server_settings._settings
    yield value
    server_settings._settings = previous


def rasa_request(
    response: str,
    slots: dict[str, Any] | None = None,
    arguments: dict[str, Any] | None = None,
    channel: str = "collector",
    input_channel: str | None = "rest",
    metadata: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The body Rasa 3.6 POSTs to the NLG endpoint (rasa/core/nlg/callback.py)."""
    return {
        "response": response,
        "id": None,
        "arguments": arguments or {},
        "tracker": {
            "sender_id": "test",
            "slots": slots or {},
            "latest_message": {"text": "hi", "intent": {}, "metadata": metadata or {}},
            "latest_input_channel": input_channel,
            "events": [],
        },
        "channel": {"name": channel},
    }


@pytest.fixture
def welsh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A small Welsh catalog in a temporary locales directory."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po

    catalog = Catalog(locale="cy")
    catalog.add("Is it happening right now?", "Ydy e'n digwydd nawr?")
    catalog.add("Yes", "Ydy")
    catalog.add(
        "Thank you. Take care. If anyone is in danger, call 999.",
        "Diolch. Ffoniwch 999 os oes unrhyw un mewn perygl.",
    )
    po = tmp_path / "locales" / "cy" / "LC_MESSAGES" / "messages.po"
    po.parent.mkdir(parents=True)
    with po.open("wb") as handle:
        write_po(handle, catalog)
    monkeypatch.setattr(i18n, "LOCALES_DIR", tmp_path / "locales")
    i18n.translations.cache_clear()
    yield
    i18n.translations.cache_clear()


def test_renders_slot_placeholders_and_buttons(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(
        messages.RESPONSES,
        "utter_test_slots",
        Response(
            "Is {location} right, {reporter_name}? Texts: {safe_to_text}. Call {landlord_phone}.",
            buttons=(Button("Yes", "/affirm"), Button("No", "/deny")),
        ),
    )
    body = rasa_request(
        "utter_test_slots",
        slots={"location": LOCATION, "reporter_name": None, "safe_to_text": True},
    )
    answer = nlg.render_request(body, settings)
    assert answer == {
        "text": f"Is {LOCATION} right, Not given? Texts: Yes. Call 0300 000 0000.",
        "buttons": [{"title": "Yes", "payload": "/affirm"}, {"title": "No", "payload": "/deny"}],
    }


def test_arguments_from_actions_fill_placeholders(settings: Settings) -> None:
    body = rasa_request(
        "utter_report_sent",
        # rasa_sdk's dispatcher sends its own keys along; they are not placeholders.
        arguments={
            "text": None,
            "buttons": [],
            "template": "utter_report_sent",
            "reference": "ASB-2026-000123",
            "review_day": "Monday 23 November",
        },
    )
    assert nlg.render_request(body, settings) == {
        "text": "Thank you. Your report has been sent. Your reference is ASB-2026-000123. "
        "Our team will review it on Monday 23 November."
    }


def test_settings_placeholders(settings: Settings) -> None:
    text = nlg.render_request(rasa_request("utter_greet"), settings)["text"]
    assert "to Example Homes here" in text and "call 999" in text


def test_frequency_buttons_and_sms_variant(settings: Settings) -> None:
    web = nlg.render_request(rasa_request("utter_ask_frequency", input_channel="webchat"), settings)
    assert [b["payload"] for b in web["buttons"]] == ["1", "2", "3", "4", "5"]
    assert web["buttons"][0]["title"] == "Every day"
    # SMS: the same buttons (the SMS path numbers them), and shorter texts where there are some.
    sms = nlg.render_request(rasa_request("utter_ask_frequency", input_channel="sms"), settings)
    assert sms == web
    greet_web = nlg.render_request(rasa_request("utter_greet", input_channel="webchat"), settings)
    greet_sms = nlg.render_request(rasa_request("utter_greet", input_channel="sms"), settings)
    assert len(greet_sms["text"]) < len(greet_web["text"]) <= 300
    assert "999" in greet_sms["text"]


def test_unknown_language_falls_back_to_english(settings: Settings) -> None:
    body = rasa_request("utter_ask_incident_happening_now", slots={"language": "xx"})
    answer = nlg.render_request(body, settings)
    assert answer["text"] == "Is it happening right now?"
    assert answer["buttons"][0]["title"] == "Yes"


def test_translates_from_the_language_slot_or_channel_metadata(
    settings: Settings, welsh: None
) -> None:
    answer = nlg.render_request(
        rasa_request("utter_ask_incident_happening_now", slots={"language": "cy"}), settings
    )
    assert answer["text"] == "Ydy e'n digwydd nawr?"
    assert answer["buttons"] == [
        {"title": "Ydy", "payload": "/affirm"},
        {"title": "No", "payload": "/deny"},  # untranslated strings fall back to English
    ]
    by_metadata = nlg.render_request(
        rasa_request("utter_goodbye", metadata={"language": "cy-GB"}), settings
    )
    assert by_metadata["text"].startswith("Diolch.")


def test_unknown_response_renders_nothing(settings: Settings) -> None:
    assert nlg.render_request(rasa_request("utter_does_not_exist"), settings) == {}


def test_placeholder_values_are_not_reinterpreted(settings: Settings) -> None:
    slots = {"description": "{landlord_phone} {0.__class__}", "location": LOCATION}
    text = nlg.render(
        "utter_summary", {"summary_fields": ["description"]}, {"slots": slots}, None, settings
    )["text"]
    assert "What is happening: {landlord_phone} {0.__class__}" in text


# -- the action server process ----------------------------------------------------------------


@pytest.fixture
async def action_server(settings: Settings) -> AsyncIterator[str]:
    """bot.actions.server's app served on a free loopback port (relay loop included)."""
    test_mode = Sanic.test_mode
    Sanic.test_mode = True  # allows building the app more than once in one process
    app = build_app(settings)
    port = free_port()
    server = await app.create_server(
        host="127.0.0.1", port=port, return_asyncio_server=True, access_log=False
    )
    await server.startup()
    await server.after_start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        await server.before_stop()
        await server.close()
        await server.after_stop()
        Sanic._app_registry.pop(app.name, None)
        Sanic.test_mode = test_mode


async def test_action_server_serves_nlg_and_actions(action_server: str) -> None:
    async with aiohttp.ClientSession() as http:
        async with http.get(f"{action_server}/health") as resp:
            assert resp.status == 200
        async with http.post(
            f"{action_server}/nlg", json=rasa_request("utter_ask_safe_to_text")
        ) as resp:
            body = await resp.json()
        assert resp.status == 200
        assert body["text"].startswith("Is it safe for us to send text messages")
        assert [b["payload"] for b in body["buttons"]] == ["/affirm", "/deny"]

        async with http.get(f"{action_server}/actions") as resp:
            names = {a["name"] for a in await resp.json()}
        assert {"validate_report_form", "action_submit_report", "action_show_summary"} <= names

        call = {
            "next_action": "action_show_summary",
            "sender_id": "test",
            "version": "3.6.2",
            "domain": {},
            "tracker": {
                "sender_id": "test",
                "slots": {"description": "Loud music", "location": LOCATION, "phone": PHONE},
                "latest_message": {"text": "yes", "intent": {"name": "affirm"}},
                "events": [],
                "paused": False,
                "followup_action": None,
                "active_loop": {},
                "latest_action_name": "report_form",
            },
        }
        async with http.post(f"{action_server}/webhook", json=call) as resp:
            result = await resp.json()
        assert resp.status == 200
        assert result["responses"][0]["response"] == "utter_summary"
        assert "summary_fields" in result["responses"][0]


async def test_action_server_errors_do_not_echo_the_tracker(action_server: str) -> None:
    call = {
        "next_action": "action_show_summary",
        "tracker": {"slots": "not a dict", "secret": PHONE},
    }
    async with aiohttp.ClientSession() as http:
        async with http.post(f"{action_server}/webhook", json=call) as resp:
            text = await resp.text()
        assert resp.status == 500
        assert PHONE not in text
        async with http.post(f"{action_server}/nlg", data=b"not json") as resp:
            assert resp.status == 400


# -- only the Rasa server may call it (issue 13) ----------------------------------------------

ACTION_TOKEN = "test-action-token-0123456789"


@pytest.fixture
async def guarded_server(settings: Settings) -> AsyncIterator[str]:
    """The action server as `asb action-server` runs it: with ASB_ACTION_SERVER_TOKEN."""
    test_mode = Sanic.test_mode
    Sanic.test_mode = True
    app = build_app(settings, token=ACTION_TOKEN)
    port = free_port()
    server = await app.create_server(
        host="127.0.0.1", port=port, return_asyncio_server=True, access_log=False
    )
    await server.startup()
    await server.after_start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        await server.before_stop()
        await server.close()
        await server.after_stop()
        Sanic._app_registry.pop(app.name, None)
        Sanic.test_mode = test_mode


@pytest.mark.parametrize("authorization", [None, "", ACTION_TOKEN, "Bearer nope"])
async def test_the_action_server_needs_the_token(guarded_server: str, authorization) -> None:
    headers = {"Authorization": authorization} if authorization is not None else {}
    nlg_call = rasa_request("utter_ask_safe_to_text")
    action_call = {"next_action": "action_show_summary", "tracker": {}, "domain": {}}
    async with aiohttp.ClientSession(headers=headers) as http:
        async with http.get(f"{guarded_server}/health") as resp:
            assert resp.status == 200  # the supervisor's health check needs no token
        async with http.post(f"{guarded_server}/nlg", json=nlg_call) as resp:
            assert resp.status == 401
        async with http.post(f"{guarded_server}/webhook", json=action_call) as resp:
            assert resp.status == 401
        async with http.get(f"{guarded_server}/actions") as resp:
            assert resp.status == 401
    async with aiohttp.ClientSession(headers={"Authorization": f"Bearer {ACTION_TOKEN}"}) as http:
        async with http.post(f"{guarded_server}/nlg", json=nlg_call) as resp:
            assert resp.status == 200
            assert (await resp.json())["text"].startswith("Is it safe")


def test_the_action_server_will_not_start_without_its_token(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bot.actions import server
    from core import log_redaction

    monkeypatch.delenv("ASB_ACTION_SERVER_TOKEN", raising=False)
    try:
        with pytest.raises(SystemExit) as stopped:
            server.main(settings)
    finally:
        log_redaction.uninstall()
    assert stopped.value.code == 2


def test_an_opted_out_number_is_told_how_to_get_texts_again(settings: Settings) -> None:
    """After a web report with a number that once replied STOP (bot/actions/submit.py)."""
    body = rasa_request("utter_text_follows", arguments={"number_opted_out": "yes"})
    text = nlg.render_request(body, settings)["text"]
    assert "cannot text that number" in text and "text START" in text
    plain = nlg.render_request(rasa_request("utter_text_follows"), settings)["text"]
    assert plain == "We will also send you a text to confirm."


def test_a_summary_shows_a_button_answer_in_the_residents_language() -> None:
    """The "Any time" button is stored as its payload; the Welsh summary says "Unrhyw bryd"."""
    slots = {"best_time": "any time", "language": "cy"}
    assert nlg.build_summary(["best_time"], slots, "cy").endswith(i18n._("Any time", "cy"))
    assert nlg.build_summary(["best_time"], slots, "en").endswith(": Any time")
    typed = {"best_time": "gyda'r nos", "language": "cy"}
    assert nlg.build_summary(["best_time"], typed, "cy").endswith(": gyda'r nos")
