"""A small sample of the fuzz run (bench/fuzz.py) against the whole running system.

hypothesis sends generated requests to the web chat, the Rasa REST and web chat channels and
the signed SMS webhook (tests/fuzz/fuzzer.py): none may answer 5xx, reset the connection or
stop a process. The inputs the full run found answered 5xx (or refused wrongly) are kept below
as plain examples (all fixed since, see docs/benchmarks.md). Every input is generated
or fictional.
"""

from __future__ import annotations

import json
import secrets
import urllib.parse

import pytest
from twilio.request_validator import RequestValidator

from tests.fuzz.fuzzer import Probe, fuzz, send, targets
from tests.system import RunningSystem

pytestmark = pytest.mark.e2e

SAMPLE = 60  # inputs per endpoint here; bench/fuzz.py sends 2,500 or more
JSON = (("Content-Type", "application/json"),)


@pytest.mark.parametrize("name", ["webchat", "rest", "webchat-channel", "sms"])
def test_generated_inputs_never_get_a_server_error(e2e_system: RunningSystem, name: str) -> None:
    target = next(t for t in targets(e2e_system) if t.name == name)
    e2e_system.wait_until_all_ready()
    restarts_before = e2e_system.restart_counts()
    tally = fuzz(target, SAMPLE, seed_value=13)
    failed = "\n".join(f"{status}: {probe.describe()}" for status, probe in tally.failures)
    assert tally.server_errors == 0, f"{name} answered 5xx or failed:\n{failed}"
    assert tally.total >= SAMPLE // 2
    # No process stopped (the supervisor would have started it again: its count would rise).
    assert e2e_system.restart_counts() == restarts_before


def chat(system: RunningSystem, message: str) -> int:
    body = json.dumps({"message": message}, ensure_ascii=False).encode("utf-8", "surrogatepass")
    return send(system.backend_url, Probe("/chat/message", body, JSON, "example"), 120)


# Found by the fuzz run of 2026-12-06 (503 then): the Rasa web chat channel refuses these
# (400: nothing left once cleaned; 413 when the backend escaped 2,000 emoji to 24 KB of JSON);
# the backend now sends UTF-8 as typed and asks the resident to type the message again.


@pytest.mark.parametrize(
    "message",
    [
        "/",  # slashes only: nothing left once they are removed
        "///",
        "\x01",  # control characters only: nothing left, cleaned
        "\x7f\x1f",
        "\U0001f600" * 2000,  # the 2,000-character limit, emoji
        "\U0001f600" * 1300,
    ],
    ids=["slash", "slashes", "control", "controls", "2000 emoji", "1300 emoji"],
)
def test_web_chat_messages_that_clean_to_nothing_or_are_long_emoji_are_not_a_5xx(
    e2e_system: RunningSystem, message: str
) -> None:
    """The page says what is wrong (4xx) or the assistant answers; never "not available"."""
    status = chat(e2e_system, message)
    assert isinstance(status, int) and status < 500, status


def signed_text(system: RunningSystem, **fields: str) -> int:
    """POST `fields` to the SMS webhook, signed as Twilio signs (every field, blank or not)."""
    url = system.sms_webhook_url
    token = system.env["TWILIO_AUTH_TOKEN"]
    signature = RequestValidator(token).compute_signature(url, fields)
    probe = Probe(
        urllib.parse.urlsplit(url).path,
        urllib.parse.urlencode(fields).encode(),
        (
            ("Content-Type", "application/x-www-form-urlencoded"),
            ("X-Twilio-Signature", signature),
        ),
        "example",
    )
    return send(system.rasa_url, probe, 60)


def test_a_signed_text_with_blank_fields_is_accepted(e2e_system: RunningSystem) -> None:
    """Twilio signs every field it posts, blank ones too (a photo alone has `Body=`, and
    FromCity/FromState/FromZip are often blank): such a text is not refused as forged."""
    status = signed_text(
        e2e_system,
        MessageSid="SM" + secrets.token_hex(16),
        From="+12025550188",  # fictional
        To="+447700900000",
        Body="",
        NumMedia="0",
        FromCity="",
        FromZip="",
    )
    assert status == 200


def test_a_signed_text_longer_than_twilio_sends_is_not_a_5xx(e2e_system: RunningSystem) -> None:
    """6,000 emoji (Twilio sends at most 1,600 characters): a clear answer, never a 5xx that
    Twilio would retry."""
    status = signed_text(
        e2e_system,
        MessageSid="SM" + secrets.token_hex(16),
        From="+12025550189",  # fictional
        Body="\U0001f600" * 6000,
        NumMedia="0",
    )
    assert isinstance(status, int) and status < 500, status
