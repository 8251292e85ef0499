"""The mail server and the sender residents see, from the environment (README)."""

from __future__ import annotations

import pytest

from backend.email_outbound.smtp import ResidentEmail, SmtpServer


def test_no_mail_server_means_no_resident_emails() -> None:
    assert ResidentEmail.from_env({}) is None
    assert ResidentEmail.from_env({"ASB_RESIDENT_EMAIL_FROM": "asb@example.org"}) is None
    with pytest.raises(ValueError, match="smtp://host"):
        ResidentEmail.from_env({"ASB_SMTP_URL": "mail.example.org"})
    with pytest.raises(ValueError, match="smtp://host"):
        SmtpServer.from_url("smtp://mail.example.org:port")


def test_the_sender_shows_the_landlords_name() -> None:
    url = "smtp://asb%40example.org:p%3Ass@mail.example.org:587?starttls=1"
    default = ResidentEmail.from_env({"ASB_SMTP_URL": url}, landlord_name="Example Homes")
    assert default is not None
    assert default.sender == "Example Homes <asb-assistant@mail.example.org>"
    assert (default.server.port, default.server.starttls, default.server.username) == (
        587,
        True,
        "asb@example.org",
    )
    assert default.server.password == "p:ss"
    alerts_address = ResidentEmail.from_env(
        {"ASB_SMTP_URL": url, "ASB_ALERT_EMAIL_FROM": "Duty <duty@example.org>"},
        landlord_name="Example Homes",
    )
    assert alerts_address is not None
    assert alerts_address.sender == "Example Homes <duty@example.org>"
    own = ResidentEmail.from_env(
        {"ASB_SMTP_URL": url, "ASB_RESIDENT_EMAIL_FROM": "Example Homes ASB <asb@example.org>"},
        landlord_name="Example Homes",
    )
    assert own is not None and own.sender == "Example Homes ASB <asb@example.org>"
    assert own.domain == "example.org"
    # The placeholder landlord name is not shown as a name.
    plain = ResidentEmail.from_env(
        {"ASB_SMTP_URL": url, "ASB_RESIDENT_EMAIL_FROM": "asb@example.org"},
        landlord_name="your landlord",
    )
    assert plain is not None and plain.sender == "asb@example.org"
    with pytest.raises(ValueError, match="ASB_RESIDENT_EMAIL_FROM"):
        ResidentEmail.from_env({"ASB_SMTP_URL": url, "ASB_RESIDENT_EMAIL_FROM": "not an address"})
