"""A small real SMTP server for the email tests (alerts and resident emails): it listens on a
loopback port, speaks just enough SMTP for smtplib, keeps every message it accepts, and can be
told to misbehave once per fault (a 4xx or 5xx answer at a stage, or dropping the connection
after taking a message without answering)."""

from __future__ import annotations

import socketserver
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage


@dataclass
class Received:
    """One message the server accepted: the envelope and the message as sent."""

    sender: str
    recipients: list[str]
    raw: bytes

    @property
    def message(self) -> EmailMessage:
        return message_from_bytes(self.raw, policy=policy.default)  # type: ignore[return-value]

    @property
    def text(self) -> str:
        return self.message.get_content()


@dataclass
class LocalSmtp:
    """`url` to put in ASB_SMTP_URL; `received` fills as messages arrive; `fail(...)` queues a
    fault for the next time a stage is reached ("MAIL", "RCPT", "DATA": the DATA command,
    "END": after the message, "DROP": take the message, then close without an answer)."""

    url: str
    port: int
    received: list[Received] = field(default_factory=list)
    faults: list[tuple[str, str]] = field(default_factory=list)
    smtputf8: bool = False  # offer SMTPUTF8 (mailbox names beyond ASCII)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def fail(self, stage: str, reply: str = "") -> None:
        with self.lock:
            self.faults.append((stage, reply))

    def fault_at(self, stage: str) -> str | None:
        with self.lock:
            for index, (at, reply) in enumerate(self.faults):
                if at == stage:
                    del self.faults[index]
                    return reply
        return None

    def message_ids(self) -> list[str]:
        return [str(item.message["Message-ID"]) for item in self.received]


class _Handler(socketserver.StreamRequestHandler):
    def reply(self, text: str) -> None:
        self.wfile.write(text.encode() + b"\r\n")

    def handle(self) -> None:  # noqa: C901 - one branch per SMTP verb
        state: LocalSmtp = self.server.state  # type: ignore[attr-defined]
        self.reply("220 test-smtp ESMTP")
        sender, recipients = "", []
        while line := self.rfile.readline():
            command = line.decode("utf-8").strip()
            verb = command[:4].upper()
            if verb in ("EHLO", "HELO"):
                self.reply("250-test-smtp")
                if state.smtputf8:
                    self.reply("250-SMTPUTF8")
                self.reply("250 8BITMIME")
            elif verb == "MAIL":
                if fault := state.fault_at("MAIL"):
                    self.reply(fault)
                    continue
                sender, recipients = command[10:].split()[0].strip("<>"), []
                self.reply("250 OK")
            elif verb == "RCPT":
                if fault := state.fault_at("RCPT"):
                    self.reply(fault)
                    continue
                recipients.append(command[8:].split()[0].strip("<>"))
                self.reply("250 OK")
            elif verb == "DATA":
                if fault := state.fault_at("DATA"):
                    self.reply(fault)
                    continue
                self.reply("354 End data with <CR><LF>.<CR><LF>")
                body = []
                while (data := self.rfile.readline()) not in (b".\r\n", b".\n", b""):
                    body.append(data[1:] if data.startswith(b"..") else data)
                if state.fault_at("DROP") is not None:
                    # Taken, but the answer never arrives: the client cannot know.
                    state.received.append(Received(sender, recipients, b"".join(body)))
                    return
                if fault := state.fault_at("END"):
                    self.reply(fault)
                    continue
                state.received.append(Received(sender, recipients, b"".join(body)))
                self.reply("250 OK queued")
            elif verb == "RSET":
                sender, recipients = "", []
                self.reply("250 OK")
            elif verb == "QUIT":
                self.reply("221 Bye")
                return
            else:
                self.reply("250 OK")


@contextmanager
def running_smtp_server() -> Iterator[LocalSmtp]:
    """A server on 127.0.0.1 (a free port) for the duration of the block."""
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    port = server.server_address[1]
    state = LocalSmtp(url=f"smtp://127.0.0.1:{port}", port=port)
    server.state = state  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
