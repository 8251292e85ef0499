"""Bring a database up to the latest schema with Alembic (used by the CLI and the tests)."""

from __future__ import annotations

from alembic import command
from alembic.config import Config

from backend.db import private_sqlite_file
from core.settings import PROJECT_ROOT

ALEMBIC_INI = PROJECT_ROOT / "alembic.ini"
MIGRATIONS_DIR = PROJECT_ROOT / "backend" / "migrations"


def alembic_config(database_url: str) -> Config:
    """An Alembic config for `database_url` that leaves the caller's logging alone."""
    config = Config(str(ALEMBIC_INI))
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["database_url"] = database_url
    config.attributes["configure_logging"] = False
    return config


def upgrade(database_url: str) -> None:
    """Run every migration up to head; a SQLite file is created private (0600, in a 0700
    folder when the folder is new: backend.db.private_sqlite_file)."""
    private_sqlite_file(database_url)
    # "heads": parallel branches of work may each add a migration before their merge revision.
    command.upgrade(alembic_config(database_url), "heads")
