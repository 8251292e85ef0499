"""Train the Rasa model when it is missing or stale, keyed on a hash of config and training data."""

from __future__ import annotations

import fcntl
import hashlib
import os
import subprocess
import sys
import time
from pathlib import Path

from core.settings import PROJECT_ROOT

CONFIG_FILE = PROJECT_ROOT / "config.yml"
DOMAIN_FILE = PROJECT_ROOT / "bot" / "domain.yml"
DATA_DIR = PROJECT_ROOT / "bot" / "data"
MODELS_DIR = PROJECT_ROOT / "models"
# Code of the trainable custom components and the encoders they train on.
TRAINED_CODE = [
    PROJECT_ROOT / "bot" / "nlu.py",
    PROJECT_ROOT / "bot" / "embeddings.py",
    PROJECT_ROOT / "bot" / "descriptions.py",
    PROJECT_ROOT / "bot" / "language_model.py",
]
# Training data files: Rasa's YAML, and the description classifier's labelled messages.
DATA_SUFFIXES = {".yml", ".yaml", ".jsonl"}


def training_inputs() -> list[Path]:
    """Every file whose content changes what the model learns."""
    files = [CONFIG_FILE, DOMAIN_FILE, *TRAINED_CODE]
    files += sorted(p for p in DATA_DIR.rglob("*") if p.is_file() and p.suffix in DATA_SUFFIXES)
    return files


def fingerprint() -> str:
    """A short hash of the training inputs and the Rasa version."""
    import rasa

    digest = hashlib.sha256(f"rasa {rasa.__version__}\n".encode())
    for path in training_inputs():
        digest.update(str(path.relative_to(PROJECT_ROOT)).encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def model_path() -> Path:
    return MODELS_DIR / f"asb-{fingerprint()}.tar.gz"


def ensure_model(*, force: bool = False, log=print) -> Path:
    """Return the up-to-date model, training it first if needed (one trainer at a time).

    ASB_MODEL_PATH names a model to use as it is (benches and tests pinning one): never trains.
    """
    pinned = os.environ.get("ASB_MODEL_PATH", "").strip()
    if pinned and not force:
        if not Path(pinned).is_file():
            raise RuntimeError(f"ASB_MODEL_PATH names no model file: {pinned}")
        return Path(pinned)
    MODELS_DIR.mkdir(parents=True, exist_ok=True)
    target = model_path()
    with open(MODELS_DIR / ".train.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if target.exists() and not force:
            log(f"model is up to date: {target.relative_to(PROJECT_ROOT)}")
            return target
        log("training the Rasa model (config or training data changed; takes a few minutes)")
        started = time.monotonic()
        # Rasa's `rasa train`, with the graph's independent parts trained side by side.
        command = [
            sys.executable, "-m", "ops.parallel_training", "train",
            "--config", str(CONFIG_FILE),
            "--domain", str(DOMAIN_FILE),
            "--data", str(DATA_DIR),
            "--out", str(MODELS_DIR),
            "--fixed-model-name", target.name.removesuffix(".tar.gz"),
        ]  # fmt: skip
        log_file = MODELS_DIR / "train.log"
        with log_file.open("w") as out:
            result = subprocess.run(command, cwd=PROJECT_ROOT, stdout=out, stderr=subprocess.STDOUT)
        if result.returncode != 0 or not target.exists():
            tail = log_file.read_text(errors="replace").splitlines()[-25:]
            raise RuntimeError(
                "Rasa training failed:\n" + "\n".join(tail) + f"\n(full log: {log_file})"
            )
        for old in MODELS_DIR.glob("asb-*.tar.gz"):
            if old != target:
                old.unlink()
        elapsed = time.monotonic() - started
        log(f"model trained in {elapsed:.0f} s: {target.relative_to(PROJECT_ROOT)}")
        return target
