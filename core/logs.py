"""Logging errors without personal data: an exception's message may hold a resident's words,
phone number or address (a refused value, a request body), so unexpected errors are logged by
their type and stack only."""

from __future__ import annotations

import logging
import traceback


def log_unexpected(logger: logging.Logger, what: str, exc: BaseException) -> None:
    """Log that `what` failed with `exc`: its type and stack, never its message."""
    stack = "".join(traceback.format_tb(exc.__traceback__))
    logger.error("%s failed: %s\n%s", what, type(exc).__name__, stack)
