"""Reading request bodies safely: every JSON and form body the backend reads comes through here.

Bad input is the sender's mistake, never a crash: a body that is too large, not JSON, nested
deeper than any of our documents (`MAX_JSON_DEPTH`; Python's parser would otherwise raise
RecursionError near 1000 levels) or not an object raises `BodyError` with the HTTP status and a
plain message; handlers turn it into their own error shape (JSON for the API, a translated
sentence for the web chat). Text that is not valid Unicode (a lone surrogate such as
"\\ud800", which cannot be stored as UTF-8) becomes U+FFFD: a resident's report or message is
never lost or refused over one broken character (`parse_json` can refuse it instead). A form
that cannot be parsed (multipart without a boundary, an unknown charset) or that carries a file
raises `web.HTTPBadRequest`.
"""

from __future__ import annotations

import json
import re
from typing import Any

from aiohttp import web
from multidict import MultiDictProxy

# Our deepest document (a held report: payload -> reporter -> a list -> a value) is 5 levels.
MAX_JSON_DEPTH = 32
# What decides nesting: quotes, escapes (an escaped quote does not end a string), brackets.
_TOKENS = re.compile(rb'\\.|["\[\]{}]', re.DOTALL)
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


class BodyError(ValueError):
    """The request body cannot be used: `status` (400 or 413) and a plain `message`."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def _no_constants(name: str) -> None:
    raise ValueError(f"{name} is not allowed in JSON")


def json_depth(raw: bytes, stop_after: int = MAX_JSON_DEPTH) -> int:
    """How deeply arrays and objects nest in `raw` (brackets inside strings do not count), in
    one linear pass; it stops counting once the depth passes `stop_after`."""
    depth = deepest = 0
    in_string = False
    for token in _TOKENS.findall(raw):
        if token == b'"':
            in_string = not in_string
        elif in_string or len(token) == 2:
            continue
        elif token in (b"[", b"{"):
            depth += 1
            deepest = max(deepest, depth)
            if deepest > stop_after:
                break
        else:
            depth -= 1
    return deepest


def _clean_text(value: Any, replace: bool) -> Any:
    """`value` with lone surrogates replaced by U+FFFD (`replace`), or BodyError on one."""
    if isinstance(value, str):
        if not _LONE_SURROGATE.search(value):
            return value
        if replace:
            return _LONE_SURROGATE.sub("\ufffd", value)
        raise BodyError(400, "the request body has text that is not valid Unicode")
    if isinstance(value, list):
        return [_clean_text(item, replace) for item in value]
    if isinstance(value, dict):
        return {_clean_text(k, replace): _clean_text(v, replace) for k, v in value.items()}
    return value


def parse_json(
    raw: bytes, *, max_depth: int = MAX_JSON_DEPTH, replace_bad_text: bool = False
) -> Any:
    """The JSON value in `raw`; BodyError (400) when it is not JSON, nests deeper than
    `max_depth`, uses NaN or Infinity, or has a lone surrogate (replaced by U+FFFD instead
    when `replace_bad_text`)."""
    try:
        text = raw.decode("utf-8")  # JSON between systems is UTF-8 (RFC 8259), and only then
    except UnicodeDecodeError as exc:  # is the byte scan below exact
        raise BodyError(400, "the request body is not UTF-8 text") from exc
    if json_depth(raw, max_depth) > max_depth:
        raise BodyError(400, f"the JSON nests deeper than {max_depth} levels")
    try:
        value = json.loads(text, parse_constant=_no_constants)
    except RecursionError as exc:  # pragma: no cover - the depth check comes first
        raise BodyError(400, "the JSON nests too deeply") from exc
    except ValueError as exc:
        raise BodyError(400, f"the request body is not valid JSON ({exc})") from exc
    return _clean_text(value, replace_bad_text)


async def read_limited(request: web.Request, max_bytes: int, what: str = "the body") -> bytes:
    """The raw body, at most `max_bytes` of it (BodyError 413 beyond, without reading it all)."""
    too_large = BodyError(413, f"{what} is larger than {max_bytes} bytes")
    if (request.content_length or 0) > max_bytes:
        raise too_large
    body = bytearray()
    while chunk := await request.content.read(max_bytes + 1 - len(body)):
        body += chunk
        if len(body) > max_bytes:
            raise too_large
    return bytes(body)


async def read_json(
    request: web.Request,
    max_bytes: int,
    *,
    what: str = "the body",
    object_required: bool = True,
    replace_bad_text: bool = True,
) -> Any:
    """The JSON body (a dict unless `object_required` is False); BodyError otherwise. Lone
    surrogates become U+FFFD (BodyError instead unless `replace_bad_text`)."""
    value = parse_json(
        await read_limited(request, max_bytes, what), replace_bad_text=replace_bad_text
    )
    if object_required and not isinstance(value, dict):
        raise BodyError(400, f"{what} must be a JSON object")
    return value


async def read_form(request: web.Request) -> MultiDictProxy[str]:
    """The POSTed form's fields; 400 when it cannot be read (multipart without a boundary or
    broken, an unknown charset) or carries a file (no form of ours takes one)."""
    try:
        form = await request.post()
    except web.HTTPException:
        raise  # 413 from aiohttp's own size limit
    except (ValueError, AssertionError, LookupError) as exc:
        raise web.HTTPBadRequest(
            text=f"The form could not be read ({type(exc).__name__}). Reload the page and try "
            "again."
        ) from exc
    if any(not isinstance(value, str) for value in form.values()):
        raise web.HTTPBadRequest(text="This form does not take files.")
    return form  # type: ignore[return-value]
