"""The safeguarding settings (core/settings.py): how long a conversation given safety advice may
be silent before it becomes an incomplete-report case, and how often the backend looks."""

from __future__ import annotations

import pytest

from core.settings import Settings


def test_defaults_are_ten_minutes_and_thirty_seconds(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ASB_ABANDONED_AFTER_MINUTES", raising=False)
    monkeypatch.delenv("ASB_SAFEGUARDING_SWEEP_SECONDS", raising=False)
    settings = Settings.from_env()
    assert settings.abandoned_after_minutes == 10
    assert settings.safeguarding_sweep_seconds == 30


def test_fractions_of_a_minute_are_allowed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASB_ABANDONED_AFTER_MINUTES", "0.25")
    monkeypatch.setenv("ASB_SAFEGUARDING_SWEEP_SECONDS", "2")
    settings = Settings.from_env()
    assert settings.abandoned_after_minutes == 0.25
    assert settings.safeguarding_sweep_seconds == 2


@pytest.mark.parametrize("value", ["ten", "0", "-5", "inf", "nan"])
def test_a_nonsense_value_stops_the_process_with_a_clear_message(
    monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("ASB_ABANDONED_AFTER_MINUTES", value)
    with pytest.raises(ValueError, match="ASB_ABANDONED_AFTER_MINUTES must be a number"):
        Settings.from_env()
