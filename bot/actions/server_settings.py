"""The settings the action server runs with (set once by `server.main`, or by tests)."""

from __future__ import annotations

from core.settings import Settings

_settings: Settings | None = None


def configure(settings: Settings) -> None:
    """Use `settings` for every action and the NLG endpoint in this process."""
    global _settings
    _settings = settings


def get_settings() -> Settings:
    """The configured settings, read from the environment on first use if none were set."""
    global _settings
    if _settings is None:
        _settings = Settings.from_env()
    return _settings
