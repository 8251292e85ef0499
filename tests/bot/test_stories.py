"""The conversation stories in tests/bot/test_stories.yml (every route and digression) against
the trained model: `rasa test core`, as a resident's turns would be predicted. Fails on any wrong
next action."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from ops.training import ensure_model

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.e2e


def test_every_story_predicts_the_expected_actions(tmp_path: Path) -> None:
    model = ensure_model(log=lambda _message: None)
    result = subprocess.run(
        [
            # Rasa's `rasa test core`, with DIET loaded without tracing (ops/rasa_speedups/)
            sys.executable, "-m", "ops.rasa_speedups", "test", "core",
            "--model", str(model),
            "--stories", str(ROOT / "tests" / "bot" / "test_stories.yml"),
            "--out", str(tmp_path),
            "--no-plot",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    failed = tmp_path / "failed_test_stories.yml"
    text = failed.read_text() if failed.exists() else ""
    assert "story:" not in text, f"stories with a wrong prediction:\n{text[:4000]}"
