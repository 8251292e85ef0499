"""The sentence encoder's fast paths (issue 14) give the plain path's results, to the bit."""

from __future__ import annotations

import numpy as np
import pytest
from rasa.engine.graph import ExecutionContext
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot import embeddings, nlu
from bot.descriptions import DescriptionModel
from bot.embeddings import SentenceEncoder
from bot.nlu import DESCRIPTION_RANKING_KEY, DescriptionClassifier
from tests.bot.test_descriptions import LABELLED, _write

TEXTS = [
    "The people upstairs play loud music every night until 3am",
    "/affirm",
    '/change_field{"field": "location"}',
    "Stay anonymous",
    "Ça suffit! La STRASSE naïve, 東京 and 🙂 at no. 27",
    "the music from upstairs goes on and on " * 100,
    "yes",
]


@pytest.fixture(scope="module")
def encoder() -> SentenceEncoder:
    return SentenceEncoder.load()


def test_the_compiled_tokenizer_gives_the_eager_tokenizers_ids(encoder: SentenceEncoder) -> None:
    eager = encoder._tokenizer.tokenize(TEXTS).merge_dims(1, 2).to_list()
    expected = [
        [embeddings.CLS_ID, *ids[: embeddings.MAX_TOKENS - 2], embeddings.SEP_ID] for ids in eager
    ]
    assert encoder.token_ids(TEXTS) == expected
    assert [encoder.token_ids([text])[0] for text in TEXTS] == expected
    assert encoder.token_ids([]) == []


def test_cached_vectors_are_the_plain_paths(encoder: SentenceEncoder) -> None:
    plain = encoder.encode_uncached(TEXTS)
    first = encoder.encode(TEXTS)  # fills the cache
    again = encoder.encode([*reversed(TEXTS), TEXTS[0]])  # all from the cache
    assert np.array_equal(first, plain)
    assert np.array_equal(again, np.vstack([plain[::-1], plain[:1]]))
    one_by_one = np.stack([encoder.encode_uncached([text])[0] for text in TEXTS])
    assert np.array_equal(one_by_one, plain)  # a text's vector does not depend on its batch


def test_the_cache_keeps_the_latest_texts_only(encoder, monkeypatch) -> None:
    monkeypatch.setattr(embeddings, "CACHE_SIZE", 2)
    vectors = encoder.encode(["first text", "second text", "third text", "second text"])
    assert len(encoder._cache) == 2
    assert list(encoder._cache) == ["second text", "third text"]  # the oldest one went
    assert np.array_equal(encoder.encode(["first text"])[0], vectors[0])  # encoded again
    assert list(encoder._cache) == ["third text", "first text"]


def test_the_returned_vectors_are_copies_of_the_cache(encoder: SentenceEncoder) -> None:
    vector = encoder.encode(["a text to change"])
    vector[0] *= 0.0
    assert np.linalg.norm(encoder.encode(["a text to change"])[0]) == pytest.approx(1.0)


def test_the_description_models_weights_give_the_plain_product() -> None:
    texts = ["loud music at night", "dog barking all day", "car parked on the grass", "music"]
    labels = ["asb_noise", "asb_pets_animals", "asb_vehicle_nuisance", "asb_noise"]
    rng = np.random.default_rng(7)
    vectors = rng.standard_normal((len(texts), 384)).astype(np.float32)
    model = DescriptionModel.fit(texts, labels, vectors)
    features = model._features(texts, vectors)
    scores = np.asarray(features @ model._coef.T) + model._intercept
    scores = np.exp(scores - scores.max(axis=1, keepdims=True))
    expected = scores / scores.sum(axis=1, keepdims=True)
    assert np.array_equal(model.probabilities(texts, vectors), expected)


@pytest.fixture()
def trained(tmp_path, monkeypatch) -> DescriptionClassifier:
    """A DescriptionClassifier trained on test_descriptions.LABELLED, saved and loaded."""
    from bot import descriptions

    _write(tmp_path / "fictional.jsonl", LABELLED)
    monkeypatch.setattr(descriptions, "ROUTES_DIR", tmp_path)
    (tmp_path / "storage").mkdir()
    storage = LocalModelStorage(tmp_path / "storage")
    resource = Resource("description_classifier")
    config = DescriptionClassifier.get_default_config()
    context = ExecutionContext(graph_schema=None, model_id="test")
    component = DescriptionClassifier.create(config, storage, resource, context)
    component.train(TrainingData(training_examples=[]))
    return DescriptionClassifier.load(config, storage, resource, context)


def test_a_text_seen_again_gets_the_same_description_ranking(trained, monkeypatch) -> None:
    texts = ["the dog downstairs howls for hours", "/affirm", "yes", "music till dawn"]
    monkeypatch.setattr(nlu, "RANKINGS_KEPT", 2)
    first = [Message(data={TEXT: text}) for text in texts]
    trained.process(first)
    plain = trained._model.rank(texts, SentenceEncoder.load().encode_uncached(texts), 10)
    assert [m.get(DESCRIPTION_RANKING_KEY) for m in first] == plain
    assert list(trained._rankings) == texts[2:]
    again = [Message(data={TEXT: text}) for text in [*reversed(texts), texts[0]]]
    trained.process(again)  # two from the cache, the others ranked again
    assert [m.get(DESCRIPTION_RANKING_KEY) for m in again] == [*reversed(plain), plain[0]]
    assert len(trained._rankings) == 2
    again[0].get(DESCRIPTION_RANKING_KEY)[0]["confidence"] = -1.0  # a copy, not the cache's
    repeat = Message(data={TEXT: texts[-1]})
    trained.process([repeat])
    assert repeat.get(DESCRIPTION_RANKING_KEY) == plain[-1]
