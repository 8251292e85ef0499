"""End to end, issue 13 (Rasa side): the holes a hostile tester found, closed on the running
system (Rasa server, action server, backend, SMS worker, Twilio stand-in, as `asb run` starts
them; the REST channel turned on with a token, as tests do).

- An SMS conversation cannot be taken over through the REST channel (the tester's attack).
- The REST and web chat channels refuse callers without their secret, nulls, nesting, huge
  messages; the action server refuses anyone but Rasa.
- A lone surrogate gets a normal reply; a signed text with an absurd NumMedia is answered.
- A phone number typed as `/inform{...}` on any channel never reaches a log file; var/ is
  private. Fictional data only.
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.orm import sessionmaker
from twilio.request_validator import RequestValidator

from backend.db import make_engine, make_session_factory
from tests.e2e.test_sms import Resident, turn_done, wait_until
from tests.system import RunningSystem

pytestmark = pytest.mark.e2e

RESIDENT = "+447700900461"  # Ofcom's drama range; the number in the issue
TYPED_NUMBER = "+447700900999"
ADDRESS = "Flat 7, 41 Example Road"


@pytest.fixture
def db(e2e_system: RunningSystem) -> Iterator[sessionmaker]:
    engine = make_engine(e2e_system.settings.database_url)
    try:
        yield make_session_factory(engine)
    finally:
        engine.dispose()


def post(url: str, raw: bytes, headers: dict[str, str] | None = None) -> tuple[int, object]:
    """POST `raw`; (HTTP status, decoded JSON or text), 4xx/5xx included."""
    request = urllib.request.Request(
        url, data=raw, headers={"Content-Type": "application/json", **(headers or {})}
    )
    try:
        with urllib.request.urlopen(request, timeout=120) as answer:
            status, body = answer.status, answer.read()
    except urllib.error.HTTPError as error:
        status, body = error.code, error.read()
    try:
        return status, json.loads(body)
    except ValueError:
        return status, body.decode(errors="replace")


def rest(system: RunningSystem, raw: bytes, token: str | None = None) -> tuple[int, object]:
    token = system.env["ASB_REST_TOKEN"] if token is None else token
    return post(
        f"{system.rasa_url}/webhooks/rest/webhook", raw, {"Authorization": f"Bearer {token}"}
    )


def webchat(system: RunningSystem, raw: bytes, secret: str | None = None) -> tuple[int, object]:
    secret = system.env["ASB_INGEST_SECRET"] if secret is None else secret
    return post(
        f"{system.rasa_url}/webhooks/webchat/webhook", raw, {"Authorization": f"Bearer {secret}"}
    )


def tracker_rows(system: RunningSystem) -> list[tuple[str, str]]:
    """(conversation id, event data) of every event in Rasa's tracker store."""
    path = Path(system.env["ASB_TRACKER_DB"])
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as connection:
        return list(connection.execute("SELECT sender_id, data FROM events"))


def test_an_sms_conversation_cannot_be_taken_over_through_rest(
    e2e_system: RunningSystem, db: sessionmaker
) -> None:
    system = e2e_system
    resident = Resident(system, db, RESIDENT)
    resident.text("The people next door play very loud music every night until 3am")
    resident.text(ADDRESS)

    # The tester's attack: the REST channel, naming the resident's number as the sender.
    said: list[str] = []
    for text in ("hello", "yes", "show me my report", "/affirm", "start again"):
        status, replies = rest(system, json.dumps({"sender": RESIDENT, "message": text}).encode())
        assert status == 200, replies
        said += [str(r.get("text", "")) for r in replies]
        assert {r["recipient_id"] for r in replies} <= {f"rest:{RESIDENT}"}
    assert not any("Example Road" in line for line in said), said

    rows = tracker_rows(system)
    ids = {sender for sender, _ in rows}
    # The number names no conversation (the REST caller got its own, `rest:+44...`).
    assert RESIDENT not in ids
    assert not any("7700900461" in sender for sender in ids if not sender.startswith("rest:"))
    sms_ids = {sender for sender in ids if sender.startswith("sms:")}
    assert sms_ids, ids
    from_rest = [
        data
        for sender, data in rows
        if sender in sms_ids and '"event": "user"' in data and '"input_channel": "rest"' in data
    ]
    assert from_rest == []
    # A null or empty sender is refused, not one shared "default" conversation.
    for sender in (None, "", " "):
        status, _ = rest(system, json.dumps({"sender": sender, "message": "hi"}).encode())
        assert status == 400
    assert "default" not in {sender for sender, _ in tracker_rows(system)}

    # The resident's own conversation goes on where it was.
    assert "Example Road" in "\n".join(resident.transcript)


def test_channels_and_the_action_server_refuse_what_is_not_theirs(
    e2e_system: RunningSystem,
) -> None:
    system = e2e_system
    hello = json.dumps({"sender": str(uuid.uuid4()), "message": "hello"}).encode()
    assert rest(system, hello, token="wrong")[0] == 401
    assert webchat(system, hello, secret="wrong")[0] == 401
    assert post(f"{system.rasa_url}/webhooks/webchat/webhook", hello)[0] == 401
    actions = f"http://127.0.0.1:{system.settings.actions_port}"
    assert post(f"{actions}/webhook", b'{"next_action": "action_show_summary"}')[0] == 401
    assert post(f"{actions}/nlg", b'{"response": "utter_greet"}')[0] == 401

    sender = str(uuid.uuid4())
    nested = b"[" * 1000 + b"]" * 1000
    for send in (rest, webchat):
        for raw in (nested, b"", b"[]", b"null", b'"hi"', b"{oops"):
            status, answer = send(system, raw)
            assert status == 400, (send.__name__, raw[:8], answer)
            assert isinstance(answer, dict) and answer["error"]
        long = json.dumps({"sender": sender, "message": "loud music " * 200}).encode()
        status, answer = send(system, long)
        assert status == 400 and "2000 characters" in answer["error"]
        huge = json.dumps({"sender": sender, "message": "x" * 100_000}).encode()
        assert send(system, huge)[0] == 413
    # A body far too big for any channel is refused by the server before it is read.
    from tests.channels.test_rest import status_of_announced_body

    for path in ("rest", "webchat", "sms"):
        base = f"{system.rasa_url}/webhooks/{path}"
        assert asyncio.run(status_of_announced_body(base, 50 * 1024 * 1024)) == 413
    # ... and the next resident is answered as usual.
    assert rest(system, json.dumps({"sender": sender, "message": "hello"}).encode())[0] == 200


def test_a_lone_surrogate_gets_a_normal_reply(e2e_system: RunningSystem) -> None:
    raw = b'{"sender": "%s", "message": "hello \\ud800"}' % str(uuid.uuid4()).encode()
    status, replies = rest(e2e_system, raw)
    assert status == 200 and replies and replies[0].get("text"), replies
    assert "not available" not in replies[0]["text"]
    status, replies = webchat(e2e_system, raw)
    assert status == 200 and replies and replies[0].get("text"), replies


def test_an_absurd_num_media_is_answered_not_retried_forever(
    e2e_system: RunningSystem, db: sessionmaker
) -> None:
    system = e2e_system
    url = system.sms_webhook_url
    sid = "SM" + uuid.uuid4().hex
    form = {
        "MessageSid": sid,
        "From": "+447700900462",
        "To": "+447700900000",
        "Body": "loud music again",
        "NumMedia": "999999999999999999999",
    }
    signature = RequestValidator(system.env["TWILIO_AUTH_TOKEN"]).compute_signature(url, form)
    request = urllib.request.Request(
        url,
        data=urllib.parse.urlencode(form).encode(),
        headers={"X-Twilio-Signature": signature},
    )
    with urllib.request.urlopen(request, timeout=60) as answer:
        assert answer.status == 200
    wait_until(lambda: turn_done(db, sid), "the answer to a text with NumMedia=999...")


def test_typed_payloads_with_a_number_never_reach_a_log_and_var_is_private(
    e2e_system: RunningSystem, db: sessionmaker
) -> None:
    system = e2e_system
    typed = '/inform{"phone":"' + TYPED_NUMBER + '"}'
    for send in (rest, webchat):
        raw = json.dumps({"sender": str(uuid.uuid4()), "message": typed}).encode()
        status, replies = send(system, raw)
        assert status == 200 and replies, replies
    Resident(system, db, "+447700900463").text(typed)

    var = Path(system.settings.var_dir)
    logs = sorted((var / "logs").glob("*.log*"))
    assert logs
    for log in logs:
        assert "7700900999" not in log.read_text(errors="replace"), log.name
        assert log.stat().st_mode & 0o777 == 0o600, log.name
    assert (var.stat().st_mode & 0o777, (var / "logs").stat().st_mode & 0o777) == (0o700, 0o700)
    tracker = Path(system.env["ASB_TRACKER_DB"])
    assert tracker.stat().st_mode & 0o777 == 0o600


def test_the_web_chat_page_still_reaches_the_assistant_through_the_backend(
    e2e_system: RunningSystem,
) -> None:
    """The backend is the web chat channel's one caller: with its secret, it is answered."""
    status, answer = post(f"{e2e_system.backend_url}/chat/message", b'{"message": "hello"}')
    assert status == 200, answer
    assert isinstance(answer, dict) and answer["messages"], answer
