"""Residents' words never reach a log file, whatever a library decides to log.

Rasa logs a message's text when handling it fails (`rest.message.received.failure`, as
structlog JSON with the traceback's local variables), copies a typed `/intent{...}` into a
warning, and Sanic logs exception messages; none of that is ours to reword. So every log record
of those libraries is redacted when it is made (a log record factory, so it holds for every
handler, including the ones Rasa and Sanic add later):

- a structlog JSON record keeps only its event name, level, logger and timestamp, and its
  exception's type and stack frames (file, line, function), never values or locals;
- any other record loses its quoted text (`'...'`, `"..."`), `{...}` blobs, phone numbers,
  email addresses and postcodes;
- an exception attached to a record is logged by type and stack only (as `core.logs` does).

`redact_line` is also applied to every line a supervised process writes (ops/supervisor.py), so
a phone number printed by anything at all is hidden in var/logs too.
"""

from __future__ import annotations

import json
import logging
import re
import traceback
from collections.abc import Callable
from typing import Any

# Loggers whose records are redacted (and their children). Our own code logs ids only.
REDACTED_LOGGERS = ("rasa", "rasa_sdk", "sanic", "structlog", "py.warnings", "asyncio", "root")
# Keys a structlog JSON record keeps (Rasa's other keys carry text, slots, trackers, locals).
STRUCTLOG_KEYS = ("event", "event_key", "level", "logger", "timestamp", "log_level")

PHONE_RE = re.compile(
    r"(?<![\w.+])(?:\+|00)\d(?:[ \-()]{0,2}\d){7,14}(?!\w)"  # +44 7700 900123, 0044...
    r"|(?<![\w.:+-])0\d(?:[ \-]?\d){8,9}(?![\w])"  # 07700 900123, 020 7946 0000
    r"|(?<![\w.:+-])\d{10,15}(?![\w])"  # a long run of digits
)
EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
POSTCODE_RE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b", re.IGNORECASE)
QUOTED_RE = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"", re.DOTALL)
BRACES_RE = re.compile(r"\{[^{}]*\}")


def redact_line(text: str) -> str:
    """`text` with phone numbers, email addresses and postcodes replaced."""
    text = EMAIL_RE.sub("[email]", text)
    text = PHONE_RE.sub("[number]", text)
    return POSTCODE_RE.sub("[postcode]", text)


def redact_text(text: str) -> str:
    """A library's log message without anything a resident may have written in it."""
    parsed = _structlog_json(text)
    if parsed is not None:
        return parsed
    text = QUOTED_RE.sub("'[redacted]'", text)
    for _ in range(3):  # nested {...}
        text = BRACES_RE.sub("{redacted}", text)
    return redact_line(text)


def _structlog_json(text: str) -> str | None:
    stripped = text.strip()
    if not (stripped.startswith("{") and stripped.endswith("}")):
        return None
    try:
        data = json.loads(stripped)
    except (ValueError, RecursionError):
        return None
    if not isinstance(data, dict):
        return None
    kept: dict[str, Any] = {k: data[k] for k in STRUCTLOG_KEYS if isinstance(data.get(k), str)}
    kept = {k: redact_line(v) for k, v in kept.items()}
    dropped = sorted(k for k in data if k not in kept and k != "exception")
    if dropped:
        kept["redacted"] = dropped
    exception = data.get("exception")
    if isinstance(exception, list):
        kept["exception"] = [_safe_structlog_exception(e) for e in exception if isinstance(e, dict)]
    elif exception is not None:
        kept["exception"] = "[redacted]"
    return json.dumps(kept)


def _safe_structlog_exception(exception: dict[str, Any]) -> dict[str, Any]:
    frames = exception.get("frames") if isinstance(exception.get("frames"), list) else []
    return {
        "exc_type": str(exception.get("exc_type", "")),
        "frames": [
            {k: frame.get(k) for k in ("filename", "lineno", "name")}
            for frame in frames
            if isinstance(frame, dict)
        ],
    }


def safe_exception_text(exc: BaseException) -> str:
    """An exception (and its causes) as types and stacks, without any exception message."""
    parts: list[str] = []
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        stack = "".join(traceback.format_tb(current.__traceback__))
        parts.append(f"Traceback (most recent call last):\n{stack}{type(current).__name__}")
        current = current.__cause__ or current.__context__
    return "\nwhich happened while handling:\n".join(parts)


def is_redacted_logger(name: str) -> bool:
    return any(name == prefix or name.startswith(prefix + ".") for prefix in REDACTED_LOGGERS)


def redact_record(record: logging.LogRecord) -> logging.LogRecord:
    """Redact `record` in place (its message, arguments and exception) and return it."""
    if not is_redacted_logger(record.name):
        # structlog (Rasa's) names loggers after the calling module: its JSON is redacted anywhere.
        if isinstance(record.msg, str) and record.msg.startswith("{") and '"event"' in record.msg:
            record.msg = _structlog_json(record.msg) or record.msg
        return record
    try:
        message = record.getMessage()
    except Exception:  # noqa: BLE001 - a broken format string still must not leak its args
        message = str(record.msg)
    record.msg = redact_text(message)
    record.args = ()
    if record.exc_info and record.exc_info[1] is not None:
        record.exc_text = safe_exception_text(record.exc_info[1])
        record.exc_info = None
    elif record.exc_text:
        record.exc_text = "[exception details redacted]"
    return record


_installed: Callable[..., logging.LogRecord] | None = None


def install() -> None:
    """Redact every record of the libraries above from now on, in this process (idempotent).

    Also routes `warnings.warn` (Rasa's warnings quote the message text) through logging, so it
    is redacted too.
    """
    global _installed
    if _installed is not None:
        return
    previous = logging.getLogRecordFactory()

    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        return redact_record(previous(*args, **kwargs))

    logging.setLogRecordFactory(factory)
    logging.captureWarnings(True)
    _installed = previous


def uninstall() -> None:
    """Undo `install` (tests)."""
    global _installed
    if _installed is not None:
        logging.setLogRecordFactory(_installed)
        logging.captureWarnings(False)
        _installed = None
