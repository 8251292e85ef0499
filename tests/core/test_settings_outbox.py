"""How often the SMS worker looks at the outbox when nothing was due (core/settings.py,
`ASB_OUTBOX_POLL_SECONDS`)."""

from __future__ import annotations

import pytest

from core.settings import Settings


def test_the_worker_looks_once_a_second_unless_told_otherwise(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("ASB_OUTBOX_POLL_SECONDS", raising=False)
    assert Settings.from_env().outbox_poll_seconds == 1.0
    monkeypatch.setenv("ASB_OUTBOX_POLL_SECONDS", "0.2")
    assert Settings.from_env().outbox_poll_seconds == 0.2


@pytest.mark.parametrize("value", ["soon", "0", "-1", "inf"])
def test_a_nonsense_value_stops_the_process_with_a_clear_message(
    monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("ASB_OUTBOX_POLL_SECONDS", value)
    with pytest.raises(ValueError, match="ASB_OUTBOX_POLL_SECONDS must be a number"):
        Settings.from_env()
