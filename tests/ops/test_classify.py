"""`asb classify`: the live model and safety layer from the command line (one model load)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run_asb(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ops.cli", *args],
        cwd=ROOT,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=600,
        env=dict(os.environ),
    )


def test_classify_needs_a_text_or_batch() -> None:
    result = run_asb("classify", "--json")
    assert result.returncode == 2
    assert result.stdout == ""


def test_a_missing_model_file_is_an_error_not_another_model(tmp_path: Path) -> None:
    result = run_asb("classify", "--json", "--model", str(tmp_path / "gone.tar.gz"), "noise")
    assert result.returncode == 1
    assert result.stdout == ""
    assert "no such model file" in result.stderr


# Both batch tests read one `asb classify --batch` run: loading the model is most of its time.
BATCH_LINES = [
    {"text": "someones breaking in rite now"},
    {"text": "loud music from the flat above every night until 3am"},
    {"text": "they had a party last Saturday"},
    {"text": "my boiler is broken"},
    {"text": "my bike was stolen last week", "id": 7},
    {"text": "Mężczyzna z nożem stoi pod moimi drzwiami", "language": "pl"},
    {"text": "Sąsiad gra głośno muzykę każdej nocy"},
]
# Indirect emergencies reach 999; the same words as figures of speech, or in the past, do not
# (the deterministic layer decides, whatever the model says).
INDIRECT = {
    "he's got a blade": "emergency",
    "smoke coming under the door of the flat opposite": "emergency",
    "my neighbour's collapsed on the landing": "emergency",
    "I'm going to end it tonight": "emergency",
    "swallowed a whole box of tablets": "emergency",
    "the noise is killing me, music every night till 3am": "asb",
    "he hit me last year": "crime_101",
    "can i get a parking permit": "out_of_scope",
    "their dog barks when the postman comes": "not_asb",
}


@pytest.fixture(scope="module")
def batch() -> list[dict]:
    """The output lines of one batch run over BATCH_LINES then INDIRECT."""
    model = os.environ.get("ASB_MODEL_PATH")
    args = ["classify", "--json", "--batch"] + (["--model", model] if model else [])
    lines = BATCH_LINES + [{"text": text} for text in INDIRECT]
    result = run_asb(*args, stdin="".join(json.dumps(line) + "\n" for line in lines))
    assert result.returncode == 0, result.stderr[-2000:]
    return [json.loads(line) for line in result.stdout.splitlines()]


@pytest.mark.e2e
def test_batch_writes_one_json_object_per_line(batch: list[dict]) -> None:
    assert len(batch) == len(BATCH_LINES) + len(INDIRECT)
    out = batch[: len(BATCH_LINES)]
    assert [o["text"] for o in out] == [line["text"] for line in BATCH_LINES]
    assert all(set(o) == {"text", "route", "category", "confidence", "language"} for o in out)
    assert [o["route"] for o in out] == [
        *("emergency", "asb", "not_asb", "out_of_scope", "crime_101"),
        *("emergency", "asb"),
    ]
    # the language given on the line, or detected when absent (issue 16)
    assert [o["language"] for o in out] == ["en"] * 5 + ["pl", "pl"]
    assert out[6]["category"] == "noise"
    assert out[1]["category"] == "noise"
    assert all(o["category"] is None for o in out if o["route"] != "asb")
    assert all(0.0 <= o["confidence"] <= 1.0 for o in out)


@pytest.mark.e2e
def test_batch_indirect_emergencies_and_everyday_figures_of_speech(batch: list[dict]) -> None:
    got = {o["text"]: o["route"] for o in batch[len(BATCH_LINES) :]}
    assert got == INDIRECT
