"""Residents' words never reach a log through Rasa's, Sanic's or Python's own logging
(core/log_redaction.py). Fictional data only."""

from __future__ import annotations

import logging
import subprocess
import sys
import textwrap
from collections.abc import Iterator

import pytest

from core import log_redaction
from core.settings import PROJECT_ROOT

PHONE = "+447700900999"
WORDS = "my neighbour Alex Example at 12 Example Road ZZ99 1AA hits me"


@pytest.fixture
def redacting() -> Iterator[None]:
    log_redaction.install()
    try:
        yield
    finally:
        log_redaction.uninstall()


def test_a_library_record_loses_the_text_phone_and_exception_message(
    redacting: None, caplog: pytest.LogCaptureFixture
) -> None:
    # another test's Rasa model load in this process may have quietened these loggers
    with (
        caplog.at_level(logging.INFO),
        caplog.at_level(logging.INFO, logger="rasa"),
        caplog.at_level(logging.INFO, logger="sanic"),
    ):
        try:
            raise ValueError(f"could not handle {WORDS} {PHONE}")
        except ValueError:
            logging.getLogger("sanic.error").exception("Exception handling %r", f"/x?q={PHONE}")
        logging.getLogger("rasa.core.processor").warning(
            'Failed to parse arguments in line \'/inform{"phone":"%s"}\'', PHONE
        )
        logging.getLogger("rasa.x").info("ring 07700 900999 or 00447700900999 or a@b.example")
    text = caplog.text
    assert PHONE not in text and "7700" not in text and "a@b.example" not in text
    assert "Alex" not in text and "Example Road" not in text
    assert "ValueError" in text and "Traceback" in text  # the type and stack stay
    assert "Failed to parse arguments in line" in text


def test_our_own_records_and_ordinary_lines_are_kept(
    redacting: None, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO):
        logging.getLogger("backend.sms_outbound").info("case %s ASB-2026-000123 sent", 42)
    assert "case 42 ASB-2026-000123 sent" in caplog.text
    line = "2026-12-05 22:47:40,123 INFO rasa on http://127.0.0.1:5005 pid 12345 ASB-2026-000123"
    assert log_redaction.redact_line(line) == line


def test_rasa_structlog_failure_and_warning_are_redacted_in_a_real_rasa_process() -> None:
    """Rasa's REST channel logs `rest.message.received.failure` with the text (JSON, with the
    traceback's locals when not on a terminal) and warns with a typed /intent{...}; both as
    `asb rasa` runs them (install, then Rasa's own logging setup)."""
    script = textwrap.dedent(
        f"""
        import logging, sys
        from core import log_redaction
        log_redaction.install()
        from rasa.utils.log_utils import configure_structlog
        import rasa.shared.utils.io
        import structlog
        configure_structlog(logging.INFO)
        text = "{WORDS} {PHONE}"
        try:
            raise RuntimeError(text)
        except RuntimeError:
            structlog.get_logger().exception("rest.message.received.failure", text=text)
        rasa.shared.utils.io.raise_warning(
            f"Failed to parse arguments in line '/inform{{{{\\"phone\\":\\"{PHONE}\\"}}}}'."
        )
        print("done", flush=True)
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "done" in output
    assert "rest.message.received.failure" in output and "RuntimeError" in output
    assert "Failed to parse arguments" in output
    assert PHONE not in output and "7700900999" not in output
    assert "Alex" not in output and "Example Road" not in output and "ZZ99" not in output
