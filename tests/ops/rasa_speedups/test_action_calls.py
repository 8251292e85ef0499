"""The Rasa server's calls to the action server (ops/rasa_speedups/action_calls.py): the schema
check built once still refuses what Rasa refuses, and calls reuse one connection."""

from __future__ import annotations

import jsonschema
import pytest

from ops.rasa_speedups import action_calls


def test_action_answers_are_checked_as_rasa_checks_them(monkeypatch):
    from rasa.core.actions.action import RemoteAction

    monkeypatch.setattr(jsonschema, "validate", action_calls.cached_validate)
    action = RemoteAction("action_submit_report", None)
    good = {
        "events": [{"event": "slot", "name": "location", "value": "Example Road"}],
        "responses": [],
    }
    action._validate_action_result(good)
    twice = action._validate_action_result(good)  # the cached validator, again
    assert twice is True
    bad = {"events": [{"event": "no_such_event"}], "responses": []}
    with pytest.raises(jsonschema.ValidationError):
        action._validate_action_result(bad)


async def test_calls_to_an_endpoint_reuse_one_connection_with_its_headers(monkeypatch):
    """Each call to the action server used to open a new session and TCP connection; now the
    calls share one, and still carry the endpoint's token and get the answer back."""
    from aiohttp import web
    from rasa.utils.endpoints import EndpointConfig

    seen = []

    async def webhook(request: web.Request) -> web.Response:
        peer = request.transport.get_extra_info("peername")
        seen.append((peer, request.headers["Authorization"]))
        return web.json_response({"events": [], "responses": [await request.json()]})

    app = web.Application()
    app.router.add_post("/webhook", webhook)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]
    monkeypatch.setattr(EndpointConfig, "session", EndpointConfig.session)  # undone afterwards
    action_calls.share_endpoint_sessions()
    endpoint = EndpointConfig(
        f"http://127.0.0.1:{port}/webhook", headers={"Authorization": "Bearer fictional"}
    )
    try:
        body = {"text": 'Głośna muzyka / "bass" 🎸', "confidence": 0.987654321123, "n": None}
        answers = [await endpoint.request(json=body) for _ in range(3)]
    finally:
        await action_calls.close_endpoint_sessions()
        await runner.cleanup()
    assert answers == [{"events": [], "responses": [body]}] * 3  # the same JSON both ways
    assert [token for _, token in seen] == ["Bearer fictional"] * 3
    assert len({peer for peer, _ in seen}) == 1  # one connection for the three calls


def _answers_good_and_bad() -> list:
    from rasa.shared.core.events import (
        ActionExecuted,
        ActiveLoop,
        AllSlotsReset,
        BotUttered,
        FollowupAction,
        Restarted,
        SessionStarted,
        SlotSet,
        UserUttered,
    )

    events = [
        event.as_dict()
        for event in (
            SlotSet("location", "Example Road"),
            SlotSet("people", ["a neighbour", "a visitor"]),
            ActionExecuted("action_listen"),
            UserUttered("loud music", {"name": "asb_noise", "confidence": 0.9}),
            BotUttered("Where does it happen?", {"buttons": []}),
            ActiveLoop("report_form"),
            ActiveLoop(None),
            FollowupAction("action_submit_report"),
            AllSlotsReset(),
            Restarted(),
            SessionStarted(),
        )
    ]
    good = [{"events": [event], "responses": []} for event in events]
    good += [{"events": events, "responses": [{"response": "utter_ask_time"}]}, {}, {"events": []}]
    bad = [
        {"events": [{"event": "no_such_event"}]},
        {"events": [{"name": "location", "value": "x"}]},  # no event type
        {"events": [{"event": 7}]},
        {"events": [{"event": "user", "text": 5}]},
        {"events": [{"event": "slot", "name": "x", "timestamp": "yesterday"}]},
        {"events": [events[0], "not an event"]},
        {"events": {"event": "slot"}},
        {"events": [], "responses": "hello"},
        {"events": [{"event": "action", "name": "action_listen", "policy": 3}]},
        [],
    ]
    return good + bad


@pytest.mark.parametrize("answer", _answers_good_and_bad())
def test_each_answer_gets_the_verdict_of_the_full_schema_check(answer):
    """The quicker path (each event checked against its own type's part of the schema) accepts
    exactly what jsonschema's full check accepts, and rejects with its error."""
    from rasa.core.actions.action import RemoteAction

    schema = RemoteAction.action_response_format_spec()
    full = jsonschema.validators.validator_for(schema)(schema)
    expected = jsonschema.exceptions.best_match(full.iter_errors(answer))
    if expected is None:
        action_calls.cached_validate(answer, schema)
    else:
        with pytest.raises(jsonschema.ValidationError) as raised:
            action_calls.cached_validate(answer, schema)
        assert raised.value.message == expected.message
