"""Rasa configuration files: endpoints read from the environment, channels, training config."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]


def test_endpoints_take_their_urls_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Rasa only expands ${VAR} in unquoted YAML values; this reads the file the way Rasa does."""
    from rasa.utils.endpoints import read_endpoint_config

    monkeypatch.setenv("ASB_ACTION_SERVER_URL", "http://127.0.0.1:5055/webhook")
    monkeypatch.setenv("ASB_NLG_URL", "http://127.0.0.1:5055/nlg")
    monkeypatch.setenv("ASB_TRACKER_STORE_URL", "sqlite:////srv/asb/var/tracker.sqlite3")
    monkeypatch.setenv("ASB_ACTION_SERVER_TOKEN", "token-0123")
    endpoints = str(ROOT / "endpoints.yml")
    actions = read_endpoint_config(endpoints, "action_endpoint")
    assert actions.url == "http://127.0.0.1:5055/webhook"
    nlg = read_endpoint_config(endpoints, "nlg")
    assert nlg.url == "http://127.0.0.1:5055/nlg"
    # Rasa sends the action server's token with every action and NLG call (issue 13).
    assert actions.headers == nlg.headers == {"Authorization": "Bearer token-0123"}
    store = read_endpoint_config(endpoints, "tracker_store")
    assert store.type == "bot.tracker_store.CachedSQLTrackerStore"  # Rasa SQL store, kept
    # A full URL as the host: Rasa's SQLTrackerStore uses it as is (SQLite or PostgreSQL).
    assert store.url == "sqlite:////srv/asb/var/tracker.sqlite3"


def test_credentials_use_only_our_guarded_channels() -> None:
    """Rasa's own REST channel takes any sender with no token; ours replaces it (issue 13)."""
    credentials = yaml.safe_load((ROOT / "credentials.yml").read_text())
    assert set(credentials) == {
        "channels.rest.RestInput",
        "channels.webchat.WebChatInput",
        "channels.sms.SmsInput",
    }


def test_training_config_is_reproducible_and_small() -> None:
    config = yaml.safe_load((ROOT / "config.yml").read_text())
    assert config["language"] == "en"
    assert config["assistant_id"]
    diet = next(c for c in config["pipeline"] if c["name"] == "DIETClassifier")
    assert diet["random_seed"] == 42 and diet["epochs"] <= 100
    fallback = next(c for c in config["pipeline"] if c["name"] == "FallbackClassifier")
    assert fallback["threshold"] == pytest.approx(0.4)
    assert {p["name"] for p in config["policies"]} == {"MemoizationPolicy", "RulePolicy"}
