"""The mail server (ASB_SMTP_URL) and opening a connection to it: shared by the duty officer's
alert emails (backend.alerts.email) and emails to residents (backend.email_outbound.sending).

`smtp://[user:password@]host[:port]` (port 25; add `?starttls=1` for STARTTLS, usually port 587)
or `smtps://...` (TLS from the start, port 465). User and password are URL-encoded
(`alerts%40example.org`). The URL holds a secret: never log it.
"""

from __future__ import annotations

import os
import smtplib
import ssl
from collections.abc import Mapping
from dataclasses import dataclass
from email.headerregistry import Address
from email.utils import formataddr, parseaddr
from urllib.parse import parse_qs, unquote, urlsplit

SMTP_URL_SHAPE = "ASB_SMTP_URL must look like smtp://host:25 or smtps://host:465"


@dataclass(frozen=True)
class SmtpServer:
    """Where mail is handed over, and how."""

    host: str
    port: int
    username: str = ""
    password: str = ""
    tls: bool = False  # smtps: TLS from the start
    starttls: bool = False
    timeout: float = 10.0

    @classmethod
    def from_url(cls, url: str) -> SmtpServer:
        """ValueError when `url` is not a usable smtp:// or smtps:// URL."""
        parts = urlsplit(url.strip())
        if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
            raise ValueError(SMTP_URL_SHAPE)
        try:
            port = parts.port
        except ValueError as exc:  # a port that is not a number
            raise ValueError(SMTP_URL_SHAPE) from exc
        tls = parts.scheme == "smtps"
        options = parse_qs(parts.query)
        return cls(
            host=parts.hostname,
            port=port or (465 if tls else 25),
            username=unquote(parts.username or ""),
            password=unquote(parts.password or ""),
            tls=tls,
            starttls=options.get("starttls", ["0"])[0] in ("1", "true", "yes"),
        )

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> SmtpServer | None:
        """The server in ASB_SMTP_URL, or None when it is not set (ValueError when malformed)."""
        env = os.environ if env is None else env
        url = env.get("ASB_SMTP_URL", "").strip()
        return cls.from_url(url) if url else None

    @property
    def default_sender(self) -> str:
        return f"asb-assistant@{self.host}"

    def connect(self) -> smtplib.SMTP:
        """An open, greeted (and, if configured, encrypted and logged-in) connection.

        Raises OSError or smtplib.SMTPException when the server cannot be reached or refuses;
        nothing has been sent at that point. The caller closes it (`with server.connect() as
        smtp:`)."""
        if self.tls:
            smtp: smtplib.SMTP = smtplib.SMTP_SSL(
                self.host, self.port, timeout=self.timeout, context=ssl.create_default_context()
            )
        else:
            smtp = smtplib.SMTP(self.host, self.port, timeout=self.timeout)
        try:
            smtp.ehlo()
            if self.starttls:
                smtp.starttls(context=ssl.create_default_context())
                smtp.ehlo()
            if self.username:
                smtp.login(self.username, self.password)
        except BaseException:
            smtp.close()
            raise
        return smtp


@dataclass(frozen=True)
class ResidentEmail:
    """How emails to residents go: the mail server and the sender residents see.

    ASB_RESIDENT_EMAIL_FROM sets the sender, as `asb@example.org` or `Example Homes
    <asb@example.org>`; without a display name the landlord's name (ASB_LANDLORD_NAME) is
    shown. It defaults to ASB_ALERT_EMAIL_FROM's address, then to `asb-assistant@<smtp host>`.
    """

    server: SmtpServer
    sender_address: str
    sender_name: str = ""

    @classmethod
    def from_env(
        cls, env: Mapping[str, str] | None = None, landlord_name: str = ""
    ) -> ResidentEmail | None:
        """None when ASB_SMTP_URL is not set; ValueError when a setting is malformed."""
        env = os.environ if env is None else env
        server = SmtpServer.from_env(env)
        if server is None:
            return None
        raw = env.get("ASB_RESIDENT_EMAIL_FROM", "").strip()
        alert_sender = env.get("ASB_ALERT_EMAIL_FROM", "").strip()
        name, address = parseaddr(raw) if raw else ("", parseaddr(alert_sender)[1])
        address = address or server.default_sender
        if "@" not in address:
            raise ValueError("ASB_RESIDENT_EMAIL_FROM must be an email address")
        display = name or landlord_name.strip()
        if display.lower() in ("", "your landlord"):  # the placeholder is not a name
            display = ""
        return cls(server=server, sender_address=address, sender_name=display)

    @property
    def sender(self) -> str:
        """The From header: `Example Homes <asb@example.org>`."""
        return formataddr((self.sender_name, self.sender_address))

    @property
    def domain(self) -> str:
        """The sender's domain, for Message-IDs."""
        try:
            return Address(addr_spec=self.sender_address).domain or self.server.host
        except (ValueError, IndexError):
            return self.server.host
