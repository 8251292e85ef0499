"""Fixtures of the resident email tests: a real local SMTP server (`smtp`) and the worker's
email configuration pointing at it (`mail`). The databases come from tests/conftest.py (each
test that uses them runs on SQLite and on PostgreSQL)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest

from backend.email_outbound.smtp import ResidentEmail, SmtpServer
from tests.backend.smtp_server import LocalSmtp, running_smtp_server


@pytest.fixture
def smtp() -> Iterator[LocalSmtp]:
    with running_smtp_server() as server:
        yield server


@pytest.fixture
def mail(smtp: LocalSmtp) -> ResidentEmail:
    config = ResidentEmail.from_env(
        {"ASB_SMTP_URL": smtp.url, "ASB_RESIDENT_EMAIL_FROM": "asb@example.org"},
        landlord_name="Example Homes",
    )
    assert config is not None
    return replace(config, server=replace(config.server, timeout=5.0))


@pytest.fixture
def unreachable_mail(mail: ResidentEmail) -> ResidentEmail:
    """The same sender, but a mail server that refuses connections (port 9, discard)."""
    return replace(mail, server=SmtpServer("127.0.0.1", 9, timeout=2.0))
