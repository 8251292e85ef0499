"""Rasa NLU components: a sentence-embedding classifier, then the safety layer and filter.

`SentenceEmbeddingClassifier` (after DIET) adds a second intent ranking to each message, from a
logistic regression on all-MiniLM-L6-v2 sentence vectors (bot/embeddings.py). It knows
meanings rather than words, so it recognises an emergency described in words never seen in
training ("my boy should have been back by 7 and his phone is off"). It leaves DIET's intent as
it is; the routing (bot/routing.py) uses its emergency likelihood as a net under the
deterministic safety layer.

`DescriptionClassifier` (after it) adds a third ranking: which route, and which ASB category, a
resident's description calls for (bot/descriptions.py), learned from the labelled resident
messages in bot/data/routes/. The routing takes it for descriptions the safety layer is silent on.

`SafetyOverride` (last) is the safety layer and not-ASB filter on every parsed message: when
`bot.routing.decide` says so it replaces the intent (and keeps the text); the rules
(bot/data/rules.yml) then lead with the right advice. Button payloads (`/intent`) never reach NLU
components, so they are never overridden. A message in Welsh, Polish, Romanian, Panjabi, Urdu or
Portuguese is then read with that language's lexicons (bot/multilingual.py), in place of the
English-trained classifiers' guess.
"""

from __future__ import annotations

import io
import threading
from collections import OrderedDict
from pathlib import Path
from typing import Any

import numpy as np
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.multilingual import classifier_reads, language_intent, message_language
from bot.routing import MULTILINGUAL_RANKING_KEY, decide

CLASSIFIER_FILE = "sentence_classifier.npz"
# Where the second ranking is kept on the message (and shown in the parse result).
SENTENCE_RANKING_KEY = "sentence_intent_ranking"
# The description classifier's ranking (bot/descriptions.py), also in the parse result.
DESCRIPTION_RANKING_KEY = "description_ranking"
# The message's sentence vector, kept on the message (not in the output) for the next component.
SENTENCE_VECTOR_KEY = "asb_sentence_vector"
RANKING_LENGTH = 10
# Description rankings kept by text (the latest ones), as the sentence vectors are
# (bot/embeddings.py CACHE_SIZE).
RANKINGS_KEPT = 2048


class _TrainedComponent(GraphComponent):
    """A trainable component that keeps its config and its place in Rasa's model storage;
    `load` reads back what `train` wrote there (`_restore`)."""

    def __init__(
        self, config: dict[str, Any], model_storage: ModelStorage, resource: Resource
    ) -> None:
        self._config = config
        self._model_storage = model_storage
        self._resource = resource

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> GraphComponent:
        return cls(config, model_storage, resource)

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> GraphComponent:
        component = cls(config, model_storage, resource)
        with model_storage.read_from(resource) as directory:
            component._restore(directory)
        return component

    def _restore(self, directory: Path) -> None:
        raise NotImplementedError


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class SentenceEmbeddingClassifier(_TrainedComponent):
    """Adds an intent ranking from a logistic regression on sentence embeddings."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {
            # Inverse regularisation strength of the logistic regression.
            "C": 10.0,
            # Part of the config so that another encoder retrains the model.
            "model": "sentence-transformers/all-MiniLM-L6-v2",
        }

    def __init__(
        self, config: dict[str, Any], model_storage: ModelStorage, resource: Resource
    ) -> None:
        super().__init__(config, model_storage, resource)
        self._intents: list[str] = []
        self._coef: np.ndarray | None = None
        self._intercept: np.ndarray | None = None

    def _restore(self, directory: Path) -> None:
        from bot.embeddings import SentenceEncoder

        saved = np.load(directory / CLASSIFIER_FILE, allow_pickle=False)
        self._intents = [str(name) for name in saved["intents"]]
        self._coef, self._intercept = saved["coef"], saved["intercept"]
        SentenceEncoder.load()  # the weights now, while the server starts, not on a first message

    def train(self, training_data: TrainingData) -> Resource:
        from sklearn.linear_model import LogisticRegression

        from bot.embeddings import SentenceEncoder

        examples = [
            (str(m.get(TEXT)), str(m.get(INTENT)))
            for m in training_data.intent_examples
            if m.get(TEXT) and m.get(INTENT)
        ]
        vectors = SentenceEncoder.load().encode_many([text for text, _ in examples])
        regression = LogisticRegression(C=float(self._config["C"]), max_iter=5000)
        regression.fit(vectors, [intent for _, intent in examples])
        coef, intercept = regression.coef_, regression.intercept_
        if len(regression.classes_) == 2:
            # A two-intent regression keeps one row (for the second intent); with a zero row for
            # the first, the softmax below gives the same probabilities as its sigmoid.
            coef = np.vstack([np.zeros_like(coef), coef])
            intercept = np.concatenate([np.zeros_like(intercept), intercept])
        with self._model_storage.write_to(self._resource) as directory:
            np.savez(
                directory / CLASSIFIER_FILE,
                intents=np.array(regression.classes_, dtype=str),
                coef=coef.astype(np.float32),
                intercept=intercept.astype(np.float32),
            )
        return self._resource

    def process(self, messages: list[Message]) -> list[Message]:
        described = [m for m in messages if (m.get(TEXT) or "").strip()]
        if self._coef is None or not described:
            return messages
        from bot.embeddings import SentenceEncoder

        vectors = SentenceEncoder.load().encode([str(m.get(TEXT)) for m in described])
        for message, vector in zip(described, vectors, strict=True):
            message.set(SENTENCE_VECTOR_KEY, vector)
        for message, probabilities in zip(described, self._probabilities(vectors), strict=True):
            ranking = sorted(zip(self._intents, probabilities, strict=True), key=lambda kv: -kv[1])
            message.set(
                SENTENCE_RANKING_KEY,
                [
                    {"name": name, "confidence": round(float(p), 6)}
                    for name, p in ranking[:RANKING_LENGTH]
                ],
                add_to_output=True,
            )
        return messages

    def _probabilities(self, vectors: np.ndarray) -> np.ndarray:
        from bot.descriptions import softmax

        return softmax(vectors @ self._coef.T + self._intercept)


def fingerprint_of_labelled_data() -> str:
    """A short hash of bot/data/routes/*.jsonl and bot/descriptions.py."""
    import hashlib

    from bot import descriptions

    digest = hashlib.sha256(Path(descriptions.__file__).read_bytes())
    for path in sorted(descriptions.ROUTES_DIR.glob("*.jsonl")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def _sentence_vectors(messages: list[Message]) -> np.ndarray:
    """The messages' sentence vectors: kept by SentenceEmbeddingClassifier, or encoded now (a
    pipeline without it)."""
    from bot.embeddings import SentenceEncoder

    missing = [m for m in messages if m.get(SENTENCE_VECTOR_KEY) is None]
    if missing:
        encoded = SentenceEncoder.load().encode([str(m.get(TEXT)) for m in missing])
        for message, vector in zip(missing, encoded, strict=True):
            message.set(SENTENCE_VECTOR_KEY, vector)
    return np.stack([m.get(SENTENCE_VECTOR_KEY) for m in messages])


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class DescriptionClassifier(_TrainedComponent):
    """Adds the description classifier's ranking (bot/descriptions.py) to every message.

    Trained on the labelled resident messages in bot/data/routes/ and the NLU examples of the
    intents that describe a problem; the routing (bot/routing.py) takes its answer for a
    description when the deterministic safety layer is silent."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {
            # Inverse regularisation strength of the logistic regression.
            "C": 10.0,
            # A hash of the labelled messages (bot/data/routes/*.jsonl, JSON lines: text, route,
            # category) and of bot/descriptions.py: Rasa's training cache keys a component on
            # its config and its Rasa inputs, so without it a change to the labelled files would
            # be ignored (the component restored from the cache).
            "fingerprint": fingerprint_of_labelled_data(),
        }

    def __init__(
        self, config: dict[str, Any], model_storage: ModelStorage, resource: Resource
    ) -> None:
        super().__init__(config, model_storage, resource)
        self._model: Any = None
        self._rankings: OrderedDict[str, list[dict[str, Any]]] = OrderedDict()

    def _restore(self, directory: Path) -> None:
        from bot.descriptions import MODEL_FILE, DescriptionModel

        self._model = DescriptionModel.load(directory / MODEL_FILE)

    def train(self, training_data: TrainingData) -> Resource:
        from bot.descriptions import MODEL_FILE, DescriptionModel, is_label, load_examples
        from bot.embeddings import SentenceEncoder

        examples = load_examples()
        examples += [
            (str(m.get(TEXT)), str(m.get(INTENT)))
            for m in training_data.intent_examples
            if m.get(TEXT) and is_label(str(m.get(INTENT) or ""))
        ]
        texts = [text for text, _label in examples]
        model = DescriptionModel.fit(
            texts,
            [label for _text, label in examples],
            SentenceEncoder.load().encode_many(texts),
            c=float(self._config["C"]),
        )
        with self._model_storage.write_to(self._resource) as directory:
            model.save(directory / MODEL_FILE)
        return self._resource

    def process(self, messages: list[Message]) -> list[Message]:
        described = [m for m in messages if (m.get(TEXT) or "").strip()]
        if self._model is None or not described:
            return messages
        # A text's ranking depends on the text alone (its words and its sentence vector), so a
        # text seen lately (a button payload, "yes") takes the ranking it was given then.
        known = {}
        for text in (str(m.get(TEXT)) for m in described):
            if text in self._rankings:
                known[text] = self._rankings[text]
                self._rankings.move_to_end(text)
        fresh = [m for m in described if str(m.get(TEXT)) not in known]
        if fresh:
            texts = [str(m.get(TEXT)) for m in fresh]
            rankings = self._model.rank(texts, _sentence_vectors(fresh), RANKING_LENGTH)
            known.update(zip(texts, rankings, strict=True))
            self._rankings.update(zip(texts, rankings, strict=True))
            while len(self._rankings) > RANKINGS_KEPT:
                self._rankings.popitem(last=False)
        for message in described:
            ranking = [dict(row) for row in known[str(message.get(TEXT))]]
            message.set(DESCRIPTION_RANKING_KEY, ranking, add_to_output=True)
        return messages


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class MultilingualDescriptionClassifier(_TrainedComponent):
    """Adds a ranking of the description's route and category (`multilingual_ranking`) to a
    description in Welsh, Polish, Romanian, Panjabi, Urdu or Portuguese (bot/language_model.py,
    `bot.multilingual.classifier_reads`); English messages and short answers are left alone.
    `SafetyOverride` gives it to bot/multilingual.py."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        from bot import language_model

        return {"C": 30.0, "fingerprint": language_model.fingerprint()}

    def __init__(
        self, config: dict[str, Any], model_storage: ModelStorage, resource: Resource
    ) -> None:
        super().__init__(config, model_storage, resource)
        self._model: Any = None
        # The model file's bytes until the first message in another language needs the model:
        # an English-only server never holds its 138,000 terms (about 50 MiB, issue 14).
        self._saved: bytes | None = None
        self._lock = threading.Lock()

    def _restore(self, directory: Path) -> None:
        from bot.language_model import MODEL_FILE

        self._saved = (directory / MODEL_FILE).read_bytes()

    def _loaded_model(self) -> Any:
        with self._lock:
            if self._model is None and self._saved is not None:
                from bot.descriptions import DescriptionModel

                self._model = DescriptionModel.load(io.BytesIO(self._saved))
                self._saved = None
            return self._model

    def train(self, training_data: TrainingData) -> Resource:
        from bot import language_model

        model = language_model.train(float(self._config["C"]))
        with self._model_storage.write_to(self._resource) as directory:
            model.save(directory / language_model.MODEL_FILE)
        return self._resource

    def process(self, messages: list[Message]) -> list[Message]:
        from bot import language_model

        for message in messages:
            text = str(message.get(TEXT) or "")
            # only what bot/multilingual.py takes the reading for is encoded (~20 ms a message)
            if not classifier_reads(text, message_language(text, message.get("metadata"))):
                continue
            model = self._loaded_model()
            if model is None:
                return messages
            ranking = language_model.rank(model, [text], RANKING_LENGTH)[0]
            message.set(MULTILINGUAL_RANKING_KEY, ranking, add_to_output=True)
        return messages


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class SafetyOverride(GraphComponent):
    """Overrides the classifier's intent when the safety layer or not-ASB filter matches."""

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> SafetyOverride:
        return cls()

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            intent = message.get(INTENT) or {}
            new, confidence = decide(
                text,
                intent.get("name"),
                float(intent.get("confidence") or 0.0),
                message.get(INTENT_RANKING_KEY) or [],
                message.get(SENTENCE_RANKING_KEY) or [],
                message.get(DESCRIPTION_RANKING_KEY) or [],
            )
            language = message_language(text, message.get("metadata"))
            in_language = language_intent(
                text,
                language,
                new or intent.get("name"),
                message.get(MULTILINGUAL_RANKING_KEY) or [],
            )
            if in_language is not None:  # Welsh, Polish, ... (bot/multilingual.py)
                new, confidence = in_language, 1.0
            if new is None:
                continue
            chosen = {"name": new, "confidence": confidence}
            ranking = [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get("name") != new]
            message.set(INTENT, chosen, add_to_output=True)
            message.set(INTENT_RANKING_KEY, [chosen, *ranking], add_to_output=True)
        return messages
