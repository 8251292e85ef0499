"""`asb run`'s generated local secrets (ops/cli.py): the action server's token is made, the REST
channel's is not (the REST channel stays off), and the file is private."""

from __future__ import annotations

import os

from ops.cli import load_local_secrets


def test_the_action_server_token_is_generated_and_rest_stays_off(tmp_path) -> None:
    saved = dict(os.environ)
    try:
        for key in ("ASB_ACTION_SERVER_TOKEN", "ASB_REST_TOKEN", "ASB_INGEST_SECRET"):
            os.environ.pop(key, None)
        load_local_secrets(tmp_path)
        token = os.environ["ASB_ACTION_SERVER_TOKEN"]
        assert len(token) >= 32
        assert "ASB_REST_TOKEN" not in os.environ
        secrets_file = tmp_path / "secrets.env"
        assert f"ASB_ACTION_SERVER_TOKEN={token}" in secrets_file.read_text()
        assert secrets_file.stat().st_mode & 0o777 == 0o600
        os.environ.pop("ASB_ACTION_SERVER_TOKEN")
        load_local_secrets(tmp_path)  # the next run reads the same token
        assert os.environ["ASB_ACTION_SERVER_TOKEN"] == token
    finally:
        os.environ.clear()
        os.environ.update(saved)
