"""The Rasa server's calls to the action server and the NLG endpoint (issue 14).

1. Answers' schema check. Rasa 3.6 validates every answer of the action server and of the NLG
endpoint with `jsonschema.validate`, which checks the schema itself again on every call (about
24 ms an answer here, a third of the Rasa server's time under load: bench/load.py). Rasa
imports `validate` from `jsonschema` inside each call, so replacing the module's function
reaches both checks: each schema's validator is built (and the schema checked) once, and each
event of an answer is checked against its own event type's part of the schema (`_Check`).
Answers are validated exactly as before: a bad one still raises `jsonschema.ValidationError`.

4. Calling the action server. `EndpointConfig.request` opens a new aiohttp session, and so a new
TCP connection, for every call (several a turn): 6% of the server's time at c=20 (py-spy). Here
each endpoint keeps one session per event loop, with the same headers, authentication and
timeout, and its connections are reused. They are dropped after `KEEPALIVE_SECONDS` idle, well
before the action server (Sanic) drops them after 5 s, so a call never goes out on a connection
the server is closing. Request bodies (the whole conversation, on every call) are written with
ujson, which gives the same JSON in half the time of the standard library.
"""

from __future__ import annotations

import asyncio
import json
import weakref
from typing import Any

import jsonschema
from jsonschema.exceptions import best_match
from jsonschema.validators import validator_for

_validators: dict[str, Any] = {}
MAX_SCHEMAS = 256  # Rasa has a handful; a bound all the same


class _Check:
    """A schema's validator, and for Rasa's answer schema a quicker equivalent path.

    Rasa's answer schema allows each event through a `oneOf` of one branch per event type, each
    branch fixing `event` to its own constant; jsonschema tries every branch for every event (a
    tenth of the Rasa server's time under load, py-spy). Since `event` is required and the
    constants differ, an event matches the oneOf exactly when it matches the branch named by its
    `event`: that branch alone is checked. Anything that does not pass that way (an unknown
    event type, a malformed answer) is checked by the full validator, which raises the same
    error as before."""

    def __init__(self, schema: Any, cls: Any, *args: Any, **kwargs: Any) -> None:
        cls = cls or validator_for(schema)
        cls.check_schema(schema)
        self.full = cls(schema, *args, **kwargs)
        self.outer: Any = None
        self.by_event: dict[str, Any] = {}
        items = _discriminated_events(schema)
        if items is not None:
            base = {key: value for key, value in items.items() if key != "oneOf"}
            events = {**schema["properties"]["events"], "items": {}}
            outer = {**schema, "properties": {**schema["properties"], "events": events}}
            self.outer = cls(outer, *args, **kwargs)
            self.by_event = {
                branch["properties"]["event"]["const"]: cls(
                    {"allOf": [base, branch]}, *args, **kwargs
                )
                for branch in items["oneOf"]
            }

    def passes_quickly(self, instance: Any) -> bool:
        if self.outer is None or not isinstance(instance, dict):
            return False
        events = instance.get("events", [])
        if not isinstance(events, list) or not self.outer.is_valid(instance):
            return False
        for event in events:
            name = event.get("event") if isinstance(event, dict) else None
            branch = self.by_event.get(name) if isinstance(name, str) else None
            if branch is None or not branch.is_valid(event):
                return False
        return True


def _discriminated_events(schema: Any) -> dict | None:
    """The items schema of `properties.events` when it is a oneOf whose every branch fixes
    `event` to a distinct constant and `event` is required; else None."""
    try:
        items = schema["properties"]["events"]["items"]
        branches = items["oneOf"]
        names = [branch["properties"]["event"]["const"] for branch in branches]
    except (KeyError, TypeError):
        return None
    if "event" not in items.get("required", []) or len(set(names)) != len(names):
        return None
    if not all(isinstance(name, str) for name in names):
        return None
    return items


def cached_validate(instance: Any, schema: Any, cls: Any = None, *args: Any, **kwargs: Any) -> None:
    """`jsonschema.validate`, with the validator for each distinct schema built once."""
    key = json.dumps(schema, sort_keys=True, default=str)
    check = _validators.get(key)
    if check is None:
        check = _Check(schema, cls, *args, **kwargs)
        if len(_validators) < MAX_SCHEMAS:
            _validators[key] = check
    if check.passes_quickly(instance):
        return
    error = best_match(check.full.iter_errors(instance))
    if error is not None:
        raise error


# Idle connections to an endpoint are closed after this long (Sanic's keep-alive is 5 s).
KEEPALIVE_SECONDS = 2.0
_sessions: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # loop -> {endpoint: session}


class _SharedSession:
    """What `EndpointConfig.session()` returns once installed: `async with` gives the endpoint's
    session for the running loop (made on first use) and leaves it open for the next call."""

    def __init__(self, endpoint: Any) -> None:
        self._endpoint = endpoint

    async def __aenter__(self) -> Any:
        import aiohttp
        import ujson

        endpoint = self._endpoint
        key = (
            endpoint.url,
            json.dumps(endpoint.headers, sort_keys=True, default=str),
            json.dumps(endpoint.basic_auth, sort_keys=True, default=str),
        )
        by_endpoint = _sessions.setdefault(asyncio.get_running_loop(), {})
        session = by_endpoint.get(key)
        if session is None or session.closed:
            auth = None
            if endpoint.basic_auth:
                auth = aiohttp.BasicAuth(
                    endpoint.basic_auth["username"], endpoint.basic_auth["password"]
                )
            from rasa.utils.endpoints import DEFAULT_REQUEST_TIMEOUT

            session = aiohttp.ClientSession(
                headers=endpoint.headers,
                auth=auth,
                timeout=aiohttp.ClientTimeout(total=DEFAULT_REQUEST_TIMEOUT),
                connector=aiohttp.TCPConnector(keepalive_timeout=KEEPALIVE_SECONDS),
                json_serialize=ujson.dumps,  # the same JSON, in half the time of json.dumps
            )
            by_endpoint[key] = session
        return session

    async def __aexit__(self, *exc_info: Any) -> bool:
        return False


def share_endpoint_sessions() -> None:
    """Every `EndpointConfig` reuses one aiohttp session per event loop (see point 4)."""
    from rasa.utils.endpoints import EndpointConfig

    EndpointConfig.session = lambda self: _SharedSession(self)


async def close_endpoint_sessions() -> None:
    """Close the running loop's shared sessions (a server stopping, a test ending)."""
    for session in _sessions.pop(asyncio.get_running_loop(), {}).values():
        await session.close()


def install() -> None:
    """Items 1 and 4."""
    jsonschema.validate = cached_validate
    share_endpoint_sessions()
