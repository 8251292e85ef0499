"""The sentence encoder (bot/embeddings.py) and the classifier that blends it with DIET."""

from __future__ import annotations

import numpy as np
import pytest
from rasa.engine.graph import ExecutionContext
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.embeddings import MAX_TOKENS, SentenceEncoder
from bot.nlu import SENTENCE_RANKING_KEY, SentenceEmbeddingClassifier
from bot.routing import decide, override_intent


@pytest.fixture(scope="module")
def encoder() -> SentenceEncoder:
    return SentenceEncoder.load()


def test_similarities_match_the_published_model(encoder: SentenceEncoder) -> None:
    # The all-MiniLM-L6-v2 model card's example: "That is a happy person" against three others.
    source, dog, person, weather = encoder.encode(
        [
            "That is a happy person",
            "That is a happy dog",
            "That is a very happy person",
            "Today is a sunny day",
        ]
    )
    assert round(float(source @ dog), 3) == 0.695
    assert round(float(source @ person), 3) == 0.943
    assert round(float(source @ weather), 3) == 0.257


def test_vectors_are_unit_length_and_long_messages_are_cut(encoder: SentenceEncoder) -> None:
    rambling = "the music from upstairs goes on and on " * 100
    vectors = encoder.encode(["loud music", rambling, "🙂"])
    assert vectors.shape == (3, encoder.dimension)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert len(encoder.token_ids([rambling])[0]) == MAX_TOKENS
    assert encoder.encode([]).shape == (0, encoder.dimension)


def test_training_in_padded_batches_gives_the_same_vectors(encoder: SentenceEncoder) -> None:
    texts = [
        "loud music",
        "the dog next door barks from 6am every single day and nobody walks it",
        "the music from upstairs goes on and on " * 100,  # cut at MAX_TOKENS
        "🙂",
        "someone keeps dumping mattresses by the bin store",
    ] * 5  # more than one batch, lengths mixed
    batched = encoder.encode_many(texts, batch=4)
    assert batched.shape == (len(texts), encoder.dimension)
    assert np.abs(batched - encoder.encode_uncached(texts)).max() < 1e-5
    assert encoder.encode_many([]).shape == (0, encoder.dimension)
    # The model card's similarity holds on this path too.
    source, dog = encoder.encode_many(["That is a happy person", "That is a happy dog"])
    assert round(float(source @ dog), 3) == 0.695


def _message(text: str, intent: str | None = None, ranking: list | None = None) -> Message:
    data = {TEXT: text}
    if intent:
        data[INTENT] = intent
    message = Message(data=data)
    if ranking is not None:
        message.set(INTENT, ranking[0])
        message.set(INTENT_RANKING_KEY, ranking)
    return message


TRAINING = {
    "asb_noise": [
        "loud music every night",
        "they play music until 4am",
        "banging and shouting through the wall all night",
        "the bass from next door keeps me awake",
    ],
    "asb_pets_animals": [
        "the dog next door barks all day",
        "dog mess all over the stairs",
        "their dog is left alone and howls",
        "a loose dog keeps jumping at children",
    ],
}


def test_a_description_in_new_words_finds_its_intent(tmp_path) -> None:
    storage = LocalModelStorage(tmp_path)
    resource = Resource("sentence_classifier")
    config = SentenceEmbeddingClassifier.get_default_config()
    context = ExecutionContext(graph_schema=None, model_id="test")
    component = SentenceEmbeddingClassifier.create(config, storage, resource, context)
    examples = [_message(t, intent) for intent, texts in TRAINING.items() for t in texts]
    component.train(TrainingData(training_examples=examples))

    loaded = SentenceEmbeddingClassifier.load(config, storage, resource, context)
    # DIET, knowing none of these words, was unsure and wrong: its intent is left alone.
    unsure = [
        {"name": "asb_pets_animals", "confidence": 0.55},
        {"name": "asb_noise", "confidence": 0.45},
    ]
    message = _message("the lad upstairs plays his guitar amplifier till dawn", ranking=unsure)
    blank = _message("   ")
    loaded.process([message, blank])
    assert message.get(INTENT)["name"] == "asb_pets_animals"
    ranking = message.get(SENTENCE_RANKING_KEY)
    assert [r["name"] for r in ranking] == ["asb_noise", "asb_pets_animals"]
    assert ranking[0]["confidence"] > 0.5
    assert sum(r["confidence"] for r in ranking) == pytest.approx(1.0, abs=1e-3)
    assert blank.get(SENTENCE_RANKING_KEY) is None


def _likely_emergency(likelihood: float) -> list[dict]:
    return [
        {"name": "emergency", "confidence": likelihood},
        {"name": "report_asb", "confidence": 0.1},
    ]


@pytest.mark.parametrize(
    "text",
    [
        "my mum went to the shops at lunchtime and still is not back, she has no phone and her"
        " purse is here on the table",
        "the old man from number 4 is out in the street in his slippers and he does not know"
        " where he lives",
    ],
)
def test_the_embedding_net_routes_an_unknown_emergency_to_999(text: str) -> None:
    # The deterministic layer knows none of these words; the sentence classifier's likelihood
    # of an emergency is enough to lead with the 999 advice.
    assert override_intent(text, "report_asb", 0.7, (), _likely_emergency(0.35)) == "emergency"
    new, confidence = decide(text, "report_asb", 0.7, (), _likely_emergency(0.35))
    assert (new, confidence) == ("emergency", 0.35)
    # Below the net's threshold the classifier's intent stands.
    assert override_intent(text, "report_asb", 0.7, (), _likely_emergency(0.05)) is None


@pytest.mark.parametrize(
    "text",
    [
        "my boy did not come home one night last year and his phone was off",  # over
        "the lads by the garages square up to each other every friday",  # a habit
        "outside flat 12 on the third floor landing",  # an answer to "where?", not a description
    ],
)
def test_the_embedding_net_leaves_past_habitual_and_short_answers(text: str) -> None:
    assert override_intent(text, "report_asb", 0.7, (), _likely_emergency(0.6)) != "emergency"


def _likely(intent: str, likelihood: float) -> list[dict]:
    return [{"name": intent, "confidence": likelihood}, {"name": "report_asb", "confidence": 0.1}]


def test_the_abuse_net_routes_abuse_in_new_words_to_the_abuse_advice() -> None:
    # Past abuse is still abuse: not an emergency, but the helpline and the referral flag.
    text = "since I moved out he sits in his car across the road most evenings watching my window"
    assert override_intent(text, "report_asb", 0.7, (), _likely("asb_domestic_abuse", 0.3)) == (
        "asb_domestic_abuse"
    )
    # The classifier's "emergency" does not stand for a habit ("most evenings"): abuse it is.
    assert override_intent(text, "emergency", 0.95, (), _likely("asb_domestic_abuse", 0.3)) == (
        "asb_domestic_abuse"
    )
    # An emergency happening now that the classifier is sure of stays an emergency.
    now = "he is kicking the front door in right now and shouting that he will get me tonight"
    assert override_intent(now, "emergency", 0.95, (), _likely("asb_domestic_abuse", 0.3)) in (
        None,
        "emergency",
    )


def test_the_hate_net_keeps_the_residents_perception() -> None:
    text = "someone keeps pushing leaflets through our door with cartoons mocking our faith"
    assert override_intent(text, "report_asb", 0.7, (), _likely("asb_hate", 0.4)) == "asb_hate"
    assert override_intent(text, "report_asb", 0.7, (), _likely("asb_hate", 0.05)) is None


def test_the_classifiers_emergency_needs_the_sentence_classifiers_agreement() -> None:
    # DIET sure of an emergency for an address given as an answer: the sentence classifier,
    # which reads meanings, disagrees, so the report goes on.
    address = "Flat 3, 1 Example Road"
    assert override_intent(address, "emergency", 0.99, (), _likely("emergency", 0.02)) != (
        "emergency"
    )
    # Both agree: the 999 advice leads.
    scared = "my elderly mum lives with me and she is scared of what he will do tonight"
    assert override_intent(scared, "emergency", 0.95, (), _likely("emergency", 0.6)) in (
        None,
        "emergency",
    )
