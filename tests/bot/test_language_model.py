"""Issue 16: descriptions in Welsh, Polish, Romanian, Panjabi, Urdu and Portuguese read by a
classifier on a multilingual sentence encoder (bot/language_model.py), its Rasa component
(bot/nlu.py) and its place in the decision (bot/multilingual.py). The messages are fictional."""

from __future__ import annotations

from collections import Counter

import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.message import Message

from bot import language_model
from bot.descriptions import DescriptionModel
from bot.multilingual import language_intent
from bot.nlu import MultilingualDescriptionClassifier
from bot.routing import MULTILINGUAL_RANKING_KEY, route_of
from core.language_detect import SUPPORTED

LANGUAGES = sorted(set(SUPPORTED) - {"en"})
# The tests that share `small_model` (about 20 s to encode and fit) run on one pytest-xdist worker,
# so it is made once.
pytestmark = pytest.mark.xdist_group("small_multilingual_model")


def test_every_language_has_labelled_messages_of_each_kind() -> None:
    counts: dict[str, Counter] = {language: Counter() for language in LANGUAGES}
    for path in language_model.language_files():
        language = path.stem
        assert language in counts, path
        counts[language].update(
            label for _text, label in language_model.load_language_examples([path])
        )
    for language, labels in counts.items():
        assert labels["emergency"] >= 30, language
        for label in ("asb_domestic_abuse", "asb_hate", "crime_not_in_progress", "not_asb"):
            assert labels[label] >= 5, (language, label)
        assert sum(n for label, n in labels.items() if label.startswith("asb_")) >= 80, language


@pytest.fixture(scope="module")
def small_model() -> DescriptionModel:
    """A classifier learned from one file of labelled Welsh and one of Polish messages (a small
    model: the full one is trained by `bin/asb train`)."""
    paths = [
        p
        for p in language_model.language_files()
        if p.stem in ("cy", "pl") and p.parent.name == "written_s11"
    ]
    examples = language_model.load_language_examples(paths)
    texts = [text for text, _ in examples]
    vectors = language_model.MultilingualEncoder.load().encode_many(texts)
    return DescriptionModel.fit(texts, [label for _, label in examples], vectors, c=30.0)


def test_the_encoder_gives_one_unit_vector_a_text_and_remembers_it() -> None:
    encoder = language_model.MultilingualEncoder.load()
    vectors = encoder.encode(["Mae dyn efo cyllell tu allan", "Sąsiad gra głośno muzykę"])
    assert vectors.shape == (2, 384)
    assert abs(float((vectors[0] ** 2).sum()) - 1.0) < 1e-3
    again = encoder.encode(["Sąsiad gra głośno muzykę"])
    assert (again[0] == vectors[1]).all()


def test_a_welsh_and_a_polish_danger_now_read_as_emergencies(small_model: DescriptionModel) -> None:
    rankings = language_model.rank(
        small_model,
        [
            "Mae 'na ddyn efo cyllell yn trio torri mewn i'r fflat rŵan, helpwch!",
            "Sąsiad właśnie podpalił drzwi na klatce, wszędzie dym, pomocy",
        ],
    )
    assert [ranking[0]["name"] for ranking in rankings] == ["emergency", "emergency"]


def test_the_component_reads_messages_in_another_language_only(
    small_model: DescriptionModel, tmp_path
) -> None:
    component = MultilingualDescriptionClassifier(
        {"C": 30.0}, LocalModelStorage(tmp_path), Resource("multilingual")
    )
    component._model = small_model
    welsh = Message.build(text="Mae'r bobl drws nesa yn chwarae miwsig uchel bob nos tan 3 y bore")
    english = Message.build(text="my neighbour plays loud music every night until 3am")
    button = Message.build(text="/choose_language")
    component.process([welsh, english, button])
    assert welsh.get(MULTILINGUAL_RANKING_KEY)[0]["name"] == "asb_noise"
    assert english.get(MULTILINGUAL_RANKING_KEY) is None
    assert button.get(MULTILINGUAL_RANKING_KEY) is None


def test_the_reading_decides_a_description_the_lexicons_are_silent_on() -> None:
    ranking = [
        {"name": "asb_vandalism", "confidence": 0.8},
        {"name": "emergency", "confidence": 0.1},
    ]
    text = "Ktoś znowu porysował wszystkie samochody na parkingu za naszym blokiem w nocy"
    assert language_intent(text, "pl", "report_asb", ranking) == "asb_vandalism"
    # ASB of no listed category is a report whose kind the form asks
    other = [{"name": "asb_other_asb", "confidence": 0.7}]
    assert language_intent(text, "pl", "report_asb", other) == "report_asb"


def test_short_answers_are_not_read_by_the_classifier() -> None:
    # "the same" (the reporter's postcode is the same): a question's answer, not an emergency
    emergency = [{"name": "emergency", "confidence": 0.52}]
    assert language_intent("yr un fath", "cy", "nlu_fallback", emergency) != "emergency"
    assert language_intent("wczoraj w nocy około 23", "pl", "report_asb", emergency) != (
        "emergency"
    )


def test_a_description_the_table_calls_asb_is_not_turned_away_on_the_classifiers_guess() -> None:
    everyday = [{"name": "not_asb", "confidence": 0.8}, {"name": "asb_noise", "confidence": 0.15}]
    text = "Sąsiedzi z mieszkania obok puszczają bardzo głośną muzykę co noc do rana"
    assert language_intent(text, "pl", "not_asb", everyday) == "asb_noise"


def test_the_route_and_category_come_from_the_multilingual_reading() -> None:
    parse = {
        "text": "Ktoś znowu porysował wszystkie samochody na parkingu za blokiem",
        "intent": {"name": "report_asb", "confidence": 1.0},
        "description_ranking": [{"name": "not_asb", "confidence": 0.6}],
        MULTILINGUAL_RANKING_KEY: [
            {"name": "asb_other_asb", "confidence": 0.7},
            {"name": "asb_vandalism", "confidence": 0.2},
        ],
    }
    result = route_of(parse["text"], parse)
    assert (result["route"], result["category"]) == ("asb", "other_asb")


def test_a_restored_component_reads_another_language_from_its_saved_model(
    small_model: DescriptionModel, tmp_path
) -> None:
    """Restored from the model storage, the component (which reads its file only when a message
    in another language first needs it) still reads a Welsh description and leaves English."""
    storage, resource = LocalModelStorage(tmp_path), Resource("multilingual")
    with storage.write_to(resource) as directory:
        small_model.save(directory / language_model.MODEL_FILE)
    component = MultilingualDescriptionClassifier.load(
        {"C": 30.0}, storage, resource, ExecutionContext(GraphSchema({}))
    )
    english = Message.build(text="my neighbour plays loud music every night until 3am")
    component.process([english])
    welsh = Message.build(text="Mae'r bobl drws nesa yn chwarae miwsig uchel bob nos tan 3 y bore")
    component.process([welsh])
    assert english.get(MULTILINGUAL_RANKING_KEY) is None
    assert welsh.get(MULTILINGUAL_RANKING_KEY)[0]["name"] == "asb_noise"
