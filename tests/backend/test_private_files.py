"""Data at rest: the backend's SQLite file (and its -wal and -shm files) can be read by its
owner only (0600), and the folder of local data (var/) entered by its owner only (0700), even
with a permissive umask and when an older install left them readable."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from backend.db import make_engine
from backend.migrate import upgrade


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def open_umask() -> Iterator[None]:
    """Files would be created world-readable and writable without our own care."""
    old = os.umask(0)
    try:
        yield
    finally:
        os.umask(old)


def test_a_new_database_is_private_from_its_first_byte(tmp_path: Path, open_umask) -> None:
    path = tmp_path / "var" / "asb.sqlite3"
    upgrade(f"sqlite:///{path}")
    engine = make_engine(f"sqlite:///{path}")
    try:
        with engine.begin() as connection:  # WAL mode: the -wal and -shm files appear
            connection.execute(text("CREATE TABLE scratch (a INTEGER)"))
            companions = [p for p in path.parent.iterdir() if p.name != path.name]
            assert {p.name for p in companions} >= {"asb.sqlite3-wal", "asb.sqlite3-shm"}
            assert {p.name: mode(p) for p in companions} == {p.name: 0o600 for p in companions}
    finally:
        engine.dispose()
    assert mode(path) == 0o600
    assert mode(path.parent) == 0o700


def test_an_existing_readable_database_is_made_private(tmp_path: Path) -> None:
    path = tmp_path / "asb.sqlite3"
    upgrade(f"sqlite:///{path}")
    for name in ("asb.sqlite3", "asb.sqlite3-wal"):
        (tmp_path / name).touch()
        os.chmod(tmp_path / name, 0o644)
    make_engine(f"sqlite:///{path}").dispose()
    assert mode(path) == 0o600 and mode(tmp_path / "asb.sqlite3-wal") == 0o600


async def test_the_backend_makes_its_data_folder_private(make_api_client, tmp_path: Path) -> None:
    var_dir = tmp_path / "old-var"
    var_dir.mkdir(mode=0o755)
    os.chmod(var_dir, 0o755)
    client = await make_api_client(var_dir=var_dir)
    assert (await client.get("/healthz")).status == 200
    assert mode(var_dir) == 0o700
