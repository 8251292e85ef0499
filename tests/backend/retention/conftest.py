"""A conversation store for the retention tests: Rasa's `events` table in a SQLite file (the
default, var/tracker.sqlite3) or, on the PostgreSQL runs, in the test PostgreSQL database."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest

from core.settings import Settings
from tests.backend.retention.helpers import drop_tracker


@pytest.fixture
def tracker_url(database_url: str, tmp_path) -> Iterator[str]:
    url = (
        f"sqlite:///{tmp_path / 'tracker.sqlite3'}"
        if database_url.startswith("sqlite")
        else database_url
    )
    yield url
    drop_tracker(url)  # never leave a table the models do not know in the test database


@pytest.fixture
def retention_settings(settings: Settings, tracker_url: str) -> Settings:
    return replace(settings, tracker_store_url=tracker_url)
