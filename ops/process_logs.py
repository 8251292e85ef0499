"""What the supervisor does with its children's output and files: each child's output goes to
var/logs/<name>.log line by line with phone numbers, emails and postcodes hidden
(core/log_redaction.py), rotated at 5 MB with 5 older files kept, and var/ stays private
(directory 0700, files 0600).
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

from core.log_redaction import redact_line

LOG_MAX_BYTES = 5 * 1024 * 1024
LOG_BACKUPS = 5
LINE_LIMIT = 64 * 1024


class RotatingLog:
    """An append-only log file of at most `max_bytes`, rotated to `.1` ... `.<backups>`
    (like logging.handlers.RotatingFileHandler, for a child's raw output); files are 0600."""

    def __init__(self, path: Path, max_bytes: int = LOG_MAX_BYTES, backups: int = LOG_BACKUPS):
        self.path = path
        self.max_bytes = max_bytes
        self.backups = backups
        self._lock = threading.Lock()
        self._open()

    def _open(self) -> None:
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        os.fchmod(fd, 0o600)
        self._file = os.fdopen(fd, "ab")
        self.size = self._file.tell()

    def _rotate(self) -> None:
        self._file.close()
        for number in range(self.backups - 1, 0, -1):
            older = self.path.with_name(f"{self.path.name}.{number}")
            if older.exists():
                older.replace(self.path.with_name(f"{self.path.name}.{number + 1}"))
        if self.backups > 0:
            self.path.replace(self.path.with_name(f"{self.path.name}.1"))
        else:
            self.path.unlink()
        self._open()

    def write(self, data: bytes) -> None:
        with self._lock:
            if self.size and self.size + len(data) > self.max_bytes:
                self._rotate()
            self._file.write(data)
            self._file.flush()
            self.size += len(data)

    def close(self) -> None:
        with self._lock:
            self._file.close()


def pump_output(stream, log: RotatingLog) -> None:
    """Copy a child's output into `log` line by line, hiding phone numbers and the like."""
    with stream:
        for raw in iter(lambda: stream.readline(LINE_LIMIT), b""):
            log.write(redact_line(raw.decode("utf-8", "replace")).encode("utf-8"))


def make_private(var_dir: Path) -> None:
    """var/ and var/logs 0700, the files directly in them 0600 (made by earlier versions 0644)."""
    for directory in (var_dir, var_dir / "logs"):
        if not directory.is_dir():
            continue
        os.chmod(directory, 0o700)
        for path in directory.iterdir():
            if path.is_file() and not path.is_symlink():
                os.chmod(path, 0o600)
