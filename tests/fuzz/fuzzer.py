"""Property-based fuzzing of the system's public inputs over HTTP (issue 13).

hypothesis generates requests for four endpoints of a running system (tests/system.py):

- `webchat`: the backend's `POST /chat/message` (what the chat page sends), with or without an
  Origin header and a conversation cookie;
- `rest` and `webchat-channel`: the Rasa REST channel (`/webhooks/rest/webhook`, Bearer
  ASB_REST_TOKEN) and the web chat channel (`/webhooks/webchat/webhook`, Bearer the ingest
  secret), mostly with the right token;
- `sms`: the Twilio webhook (`/webhooks/sms/webhook`), mostly signed with the system's Twilio
  auth token exactly as Twilio signs (twilio's RequestValidator).

Bodies: JSON objects with the fields each endpoint reads, filled with arbitrary text (control
characters, lone surrogates, 200 to 6,000 characters, typed `/intent{...}` shapes, words) or
arbitrary JSON values (wrong types, huge numbers, NaN); any JSON value; nesting 1 to 3,000
deep; numbers of 300 to 6,000 digits; random bytes; empty; bodies over the size limits; wrong
content types (text/plain, multipart without a boundary, none). SMS: arbitrary form fields
(NumMedia, Body, From, MessageSid, MediaUrlN, unknown ones), blank values, a query string.

`fuzz` sends each generated request and counts the answers by HTTP status. A 5xx, a reset
connection or a timeout is a failure, kept with a short description of the input (the inputs
are generated: no real personal data). Used by bench/fuzz.py (10,000+ inputs) and
tests/fuzz/test_fuzz_sample.py (a small sample in the suite).
"""

from __future__ import annotations

import http.client
import json
import string
import urllib.parse
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st
from twilio.request_validator import RequestValidator

# -- what a generated request is, and what came back ------------------------------------------


@dataclass(frozen=True)
class Probe:
    """One generated HTTP request; `shape` says what kind of input it is (for the report)."""

    path: str
    body: bytes
    headers: tuple[tuple[str, str], ...]
    shape: str

    def describe(self, limit: int = 240) -> str:
        headers = ", ".join(f"{k}: {v[:60]}" for k, v in self.headers if k != "Authorization")
        return (
            f"POST {self.path} [{self.shape}] {len(self.body)} bytes; {headers}; "
            f"body starts {self.body[:limit]!r}"
        )


@dataclass
class Tally:
    """Answers by status (an int, or a string for a connection error or timeout)."""

    statuses: Counter = field(default_factory=Counter)
    shapes: Counter = field(default_factory=Counter)
    failures: list[tuple[int | str, Probe]] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.statuses.values())

    @property
    def server_errors(self) -> int:
        return sum(n for status, n in self.statuses.items() if is_failure(status))

    def add(self, status: int | str, probe: Probe) -> None:
        self.statuses[status] += 1
        self.shapes[probe.shape] += 1
        if is_failure(status):
            self.failures.append((status, probe))


def is_failure(status: int | str) -> bool:
    return not isinstance(status, int) or status >= 500


@dataclass(frozen=True)
class Target:
    name: str
    base_url: str
    probes: st.SearchStrategy[Probe]


# -- text and JSON ----------------------------------------------------------------------------

ANY_CHAR = st.characters(exclude_categories=())  # lone surrogates and control characters too
SURROGATES = st.sampled_from(["\ud800", "\udbff", "\udc00", "\udfff"])
CONTROLS = st.characters(max_codepoint=0x1F) | st.just("\x7f")
WORDS = (
    "hello", "hi", "noise", "loud", "music", "every", "night", "neighbour", "upstairs", "dog",
    "barking", "yes", "no", "1", "2", "3", "skip", "car", "parked", "rubbish", "garden",
    "party", "since", "March", "flat", "12", "High", "Street", "AB1 2CD", "anonymous", "start",
    "again", "thanks", "bye", "Prefer not to say", "Stay anonymous", "last night",
)  # fmt: skip
ODD_TEXTS = (
    "", " ", "/", "///", "/ ", "\x00", "\x01\x02", "\u200b", "\ufeff", "\r\n", "\t", "\x7f",
    "\ud800", "/\ud800", "\x00/inform", "\u202e", "%s%s%n", "{{7*7}}", "<script>", "' OR 1=1",
)  # fmt: skip
INTENTS = ("inform", "affirm", "deny", "restart", "greet", "report_asb", "stop", "x", "")
ENTITIES = ("phone", "postcode", "email", "address", "location", "anonymous", "requested_slot")
LONG_SIZES = st.integers(200, 6000) | st.sampled_from([1599, 1600, 1601, 1999, 2000, 2001])

json_scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=-(10**400), max_value=10**400)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(ANY_CHAR, max_size=20)
)
json_values = st.recursive(
    json_scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(ANY_CHAR, max_size=10), inner, max_size=4)
    ),
    max_leaves=16,
)


def _intent(slashes: str, name: str, entities: dict[str, Any]) -> str:
    return slashes + name + (json.dumps(entities) if entities else "")


def texts() -> st.SearchStrategy[str]:
    """Resident messages: words, odd characters, long, `/intent{...}` shapes, edge cases."""
    plain = st.lists(st.sampled_from(WORDS), min_size=1, max_size=12).map(" ".join)
    weird = st.text(ANY_CHAR | CONTROLS | SURROGATES, max_size=60)
    long = st.tuples(st.text(ANY_CHAR, min_size=1, max_size=4), LONG_SIZES).map(
        lambda pair: (pair[0] * pair[1])[: pair[1]]
    )
    intent = st.builds(
        _intent,
        st.sampled_from(["/", "//", " /", "/\x00"]),
        st.sampled_from(INTENTS),
        st.dictionaries(st.sampled_from(ENTITIES), json_scalars | st.just("+12025550123")),
    )
    mixed = st.tuples(plain, weird).map(" ".join)
    return st.one_of(plain, plain, weird, long, intent, mixed, st.sampled_from(ODD_TEXTS))


def _nest(kind: str, depth: int) -> bytes:
    shapes = {
        "array": "[" * depth + "]" * depth,
        "object": '{"a":' * depth + "1" + "}" * depth,
        "unclosed": "[" * depth,
        "in message": '{"message": ' + "[" * depth + '"hi"' + "]" * depth + "}",
        "in metadata": '{"sender": "a", "message": "hi", "metadata": '
        + '{"language":' * depth
        + '"en"'
        + "}" * depth
        + "}",
    }
    return shapes[kind].encode()


RAW_BODIES = (
    b"null", b"[]", b'"text"', b"1", b"true", b"{}", b"{", b'{"message":}', b"\xef\xbb\xbf{}",
    b'{"message":"\\ud800"}', b'{"message":"hi","message":"x"}', b"NaN", b"[NaN]",
    b'{"message": "hi", "n": 1e999999}', b'{"message":"\xed\xa0\x80"}', b'{"message": "\xff"}',
    b"\x00", b"{\"message\": \"hi\"}\x00",
)  # fmt: skip


def raw_bodies() -> st.SearchStrategy[tuple[str, bytes]]:
    """(shape, body) pairs that are not a well-formed object of ours."""
    depths = st.integers(1, 3000) | st.sampled_from([19, 20, 21, 31, 32, 33, 999, 1000, 1001])
    kinds = st.sampled_from(["array", "object", "unclosed", "in message", "in metadata"])
    digits = st.integers(300, 6000).map(
        lambda n: b'{"message": "hi", "sender": "a", "n": ' + b"9" * n + b"}"
    )
    oversized = st.integers(16 * 1024 - 64, 80 * 1024).map(
        lambda n: b'{"sender": "a", "message": "' + b"a" * n + b'"}'
    )
    return st.one_of(
        st.builds(lambda k, d: (f"deep {k}", _nest(k, d)), kinds, depths),
        digits.map(lambda b: ("huge number", b)),
        oversized.map(lambda b: ("oversized", b)),
        st.binary(max_size=300).map(lambda b: ("random bytes", b)),
        st.sampled_from(RAW_BODIES).map(lambda b: ("odd JSON", b)),
        st.just(("empty", b"")),
    )


def dumps(value: Any, ascii_only: bool) -> bytes:
    """JSON as a client might send it: lone surrogates escaped, or as raw (invalid) UTF-8."""
    return json.dumps(value, ensure_ascii=ascii_only).encode("utf-8", "surrogatepass")


def json_bodies(objects: st.SearchStrategy[dict]) -> st.SearchStrategy[tuple[str, bytes]]:
    """(shape, body): mostly `objects`, also any JSON value and the raw bodies above."""
    as_object = st.builds(lambda o, a: ("object", dumps(o, a)), objects, st.booleans())
    any_value = st.builds(lambda v, a: ("any JSON", dumps(v, a)), json_values, st.booleans())
    # About 40% objects, 15% other JSON, 45% raw bodies of six kinds.
    return st.one_of(*[as_object] * 5, any_value, any_value, raw_bodies())


JSON_TYPES = ("application/json",) * 8 + (
    "application/json; charset=utf-8", "text/plain", "application/x-www-form-urlencoded",
    "multipart/form-data", "multipart/form-data; boundary=zz", "application/xml", "*/*",
    "application/json; charset=latin-1", "",
)  # fmt: skip
TOKEN_CHARS = string.ascii_letters + string.digits + "-_=.:"


def _headers(**values: str | None) -> tuple[tuple[str, str], ...]:
    return tuple((k.replace("_", "-"), v) for k, v in values.items() if v is not None)


def _probe(path: str, shape_body: tuple[str, bytes], **headers: str | None) -> Probe:
    shape, body = shape_body
    return Probe(path, body, _headers(**headers), shape)


# -- the endpoints ----------------------------------------------------------------------------


def webchat_probes(backend_url: str) -> st.SearchStrategy[Probe]:
    """POST /chat/message as the chat page (or anyone) sends it."""
    objects = st.fixed_dictionaries(
        {"message": texts() | json_values},
        optional={"language": st.sampled_from(["en", "cy", "pl", "pt-BR", "xx"]) | json_scalars},
    )
    origins = st.none() | st.sampled_from([backend_url, "https://evil.example", "null"])
    cookies = st.none() | st.builds(
        lambda v: f"asb_chat={v}", st.uuids().map(str) | st.text(TOKEN_CHARS, max_size=40)
    )
    return st.builds(
        lambda sb, ct, origin, cookie: _probe(
            "/chat/message", sb, Content_Type=ct or None, Origin=origin, Cookie=cookie
        ),
        json_bodies(objects),
        st.sampled_from(JSON_TYPES),
        origins,
        cookies,
    )


def channel_probes(path: str, token: str, senders: st.SearchStrategy) -> st.SearchStrategy[Probe]:
    """A Rasa JSON channel (REST or web chat): sender, message, metadata, a bearer token."""
    metadata = st.fixed_dictionaries(
        {}, optional={"language": st.sampled_from(["en", "cy", "pl_PL", "x"]) | json_scalars}
    )
    objects = st.fixed_dictionaries(
        {"sender": senders | json_scalars, "message": texts() | json_values},
        optional={"metadata": metadata | json_values, "input_channel": st.just("sms")},
    )
    good = f"Bearer {token}"
    auths = st.sampled_from(
        [good] * 10 + [None, "", "Bearer", "Bearer wrong", f"bearer {token}", f"{good} ", token]
    )
    return st.builds(
        lambda sb, ct, auth: _probe(path, sb, Content_Type=ct or None, Authorization=auth),
        json_bodies(objects),
        st.sampled_from(JSON_TYPES),
        auths,
    )


def rest_senders() -> st.SearchStrategy[str]:
    valid = st.text(string.ascii_letters + string.digits + "._@:+-", min_size=1, max_size=40)
    return st.one_of(valid, valid, valid, st.text(ANY_CHAR, max_size=140))


def uuid_senders() -> st.SearchStrategy[str]:
    uuids = st.uuids().map(str)
    return st.one_of(uuids, uuids, uuids, uuids.map(str.upper), st.text(ANY_CHAR, max_size=40))


# Fictional numbers (555-0100 to 555-0199 in five US area codes): never a resident's.
FICTIONAL_NUMBERS = st.builds(
    lambda area, n: f"+1{area}5550{100 + n}", st.sampled_from([202, 212, 312, 415, 617]),
    st.integers(0, 99),
)  # fmt: skip
SIDS = st.binary(min_size=16, max_size=16).map(lambda b: "SM" + b.hex())
NUM_MEDIA = st.one_of(
    st.integers(0, 10).map(str),
    st.integers(-(10**30), 10**30).map(str),
    st.sampled_from(["999999999999999999999", "-1", "1e3", "\u0663", "\u00b2", " 5 ", "0x10"]),
    st.text(ANY_CHAR, max_size=10),
)
MEDIA_URLS = st.sampled_from(
    ["https://api.twilio.com/2010-04-01/Accounts/AC0/Messages/MM0/Media/ME0", "javascript:x"]
) | st.text(ANY_CHAR, max_size=50)
FORM_TYPES = ("application/x-www-form-urlencoded",) * 8 + (
    "application/x-www-form-urlencoded; charset=latin-1", "multipart/form-data",
    "application/json", "text/plain", "",
)  # fmt: skip


def sms_fields() -> st.SearchStrategy[dict[str, str]]:
    """Twilio's inbound fields, mostly well-formed, with odd values and unknown fields."""
    text = st.text(ANY_CHAR, max_size=30)
    names = st.text(ANY_CHAR, min_size=1, max_size=10)
    # Blank values are rarer: the channel refuses a signed form with one (see the report).
    extras = st.dictionaries(names, text.filter(bool), max_size=3)
    return st.builds(
        lambda known, extra: {**extra, **known},
        st.fixed_dictionaries(
            {
                "MessageSid": st.one_of(SIDS, SIDS, SIDS, text),
                "From": st.one_of(FICTIONAL_NUMBERS, FICTIONAL_NUMBERS, FICTIONAL_NUMBERS, text),
            },
            optional={
                "Body": texts(),
                "NumMedia": NUM_MEDIA,
                "MediaUrl0": MEDIA_URLS,
                "MediaUrl1": MEDIA_URLS,
                "To": st.just("+447700900000"),
                "AccountSid": st.just("AC" + "0" * 32),
                "SmsStatus": st.sampled_from(["received", "", "receiving"]),
            },
        ),
        extras | st.dictionaries(names, text, max_size=2),
    )


def _sign(auth_token: str, url: str, fields: dict[str, str], how: str) -> str | None:
    if how == "none":
        return None
    if how == "bad":
        return "bm90IGEgc2lnbmF0dXJl"
    signed_url = url + "/other" if how == "other url" else url
    try:
        return RequestValidator(auth_token).compute_signature(signed_url, fields)
    except UnicodeError:  # a lone surrogate: Twilio would never send one
        return "bm90IGEgc2lnbmF0dXJl"


def sms_probes(public_url: str, auth_token: str) -> st.SearchStrategy[Probe]:
    """POST /webhooks/sms/webhook as Twilio (signed) or anyone else sends it."""
    path = urllib.parse.urlsplit(public_url).path

    def build(fields: dict[str, str], how: str, query: str, ct: str) -> Probe:
        url = f"{public_url}?{query}" if query else public_url
        body = urllib.parse.urlencode(fields, encoding="utf-8", errors="surrogatepass").encode()
        blank = any(v == "" for v in fields.values())
        shape = f"form, signature {how}" + (", a blank field" if blank else "")
        return _probe(
            f"{path}?{query}" if query else path,
            (shape, body),
            Content_Type=ct or None,
            X_Twilio_Signature=_sign(auth_token, url, fields, how),
        )

    return st.builds(
        build,
        sms_fields(),
        st.sampled_from(["good"] * 8 + ["none", "bad", "other url"]),
        st.sampled_from([""] * 8 + ["rc=3", "a=%ff", "x=1&x=2"]),
        st.sampled_from(FORM_TYPES),
    )


def targets(system: Any) -> list[Target]:
    """The four fuzzed endpoints of a running system (tests/system.RunningSystem)."""
    env = system.env
    return [
        Target("webchat", system.backend_url, webchat_probes(system.backend_url)),
        Target(
            "rest",
            system.rasa_url,
            channel_probes("/webhooks/rest/webhook", env["ASB_REST_TOKEN"], rest_senders()),
        ),
        Target(
            "webchat-channel",
            system.rasa_url,
            channel_probes("/webhooks/webchat/webhook", env["ASB_INGEST_SECRET"], uuid_senders()),
        ),
        Target(
            "sms", system.rasa_url, sms_probes(system.sms_webhook_url, env["TWILIO_AUTH_TOKEN"])
        ),
    ]


# -- sending ----------------------------------------------------------------------------------


def send(base_url: str, probe: Probe, timeout: float) -> int | str:
    """POST `probe`; the HTTP status, or what went wrong with the connection."""
    parts = urllib.parse.urlsplit(base_url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        connection.putrequest("POST", probe.path, skip_accept_encoding=True)
        for name, value in probe.headers:
            connection.putheader(name, value)
        connection.putheader("Content-Length", str(len(probe.body)))
        connection.endheaders(probe.body)
        response = connection.getresponse()
        response.read()
        return response.status
    except TimeoutError:  # socket.timeout too
        return "timeout"
    except (OSError, http.client.HTTPException) as exc:
        return f"connection error ({type(exc).__name__})"
    finally:
        connection.close()


def fuzz(target: Target, examples: int, *, seed_value: int = 0, timeout: float = 60.0) -> Tally:
    """Send `examples` generated requests to `target`; count the answers."""
    tally = Tally()

    @seed(seed_value)
    @settings(
        max_examples=examples,
        database=None,
        deadline=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
        print_blob=False,
    )
    @given(target.probes)
    def one(probe: Probe) -> None:
        tally.add(send(target.base_url, probe, timeout), probe)

    one()
    return tally
