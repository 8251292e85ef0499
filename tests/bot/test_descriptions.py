"""The description classifier (bot/descriptions.py, bot.nlu.DescriptionClassifier) and how the
routing uses it (bot/routing.py: `description_intent`, `described_route`)."""

from __future__ import annotations

import json

import pytest
from rasa.engine.graph import ExecutionContext
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.actions.forms import _category_guess
from bot.descriptions import FORM_ANSWER, ROUTES_DIR, intent_of, is_label, load_examples
from bot.nlu import DESCRIPTION_RANKING_KEY, DescriptionClassifier
from bot.routing import decide, description_intent, route_of

# Fictional labelled messages, a few for each of four labels.
LABELLED = [
    ("loud music from the flat above every night until 4am", "asb", "noise"),
    ("they play drum and bass till the early hours, the walls shake", "asb", "noise"),
    ("banging and shouting through the wall all night long", "asb", "noise"),
    ("the bass from next door keeps the kids awake every night", "asb", "noise"),
    ("the dog next door barks all day while they are at work", "asb", "pets_animals"),
    ("dog mess all over the stairs again, nobody cleans it", "asb", "pets_animals"),
    ("their dog is left on the balcony and howls for hours", "asb", "pets_animals"),
    ("a loose dog keeps jumping up at children in the park", "asb", "pets_animals"),
    ("I can hear footsteps from upstairs when they walk about", "not_asb", None),
    ("I can smell their cooking in the hallway at dinner time", "not_asb", None),
    ("the baby next door cries sometimes in the night", "not_asb", None),
    ("my neighbour's washing machine is on in the evening", "not_asb", None),
    ("my kitchen tap is dripping and needs a washer", "out_of_scope", None),
    ("how do I pay my rent online", "out_of_scope", None),
    ("there is damp and black mould in the bedroom", "out_of_scope", None),
    ("I want to swap my flat for a bigger one", "out_of_scope", None),
]


def _write(path, rows) -> None:
    path.write_text(
        "\n".join(json.dumps({"text": t, "route": r, "category": c}) for t, r, c in rows) + "\n"
    )


def test_every_labelled_file_loads_with_routes_and_categories_of_the_domain() -> None:
    examples = load_examples()
    assert len(examples) > 2000
    assert {label for _text, label in examples} >= {
        "emergency",
        "asb_domestic_abuse",
        "asb_hate",
        "crime_not_in_progress",
        "not_asb",
        "out_of_scope",
        "report_asb",
        "asb_noise",
        "asb_other_asb",
    }
    assert all(is_label(label) or label == FORM_ANSWER for _text, label in examples)
    assert not list(ROUTES_DIR.glob("classify_test_s*"))  # the test split stays out


def test_a_bad_labelled_line_names_its_file_and_line(tmp_path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"text": "loud music", "route": "asb", "category": "noise"}\n{"text": 1}\n')
    with pytest.raises(ValueError, match="bad.jsonl:2"):
        load_examples([path])
    with pytest.raises(ValueError, match="unknown route"):
        intent_of("party", None)
    assert intent_of("asb", None) == "asb_other_asb"


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    """A DescriptionClassifier trained on LABELLED (and one NLU example), saved and loaded."""
    from bot import descriptions

    root = tmp_path_factory.mktemp("project")
    _write(root / "fictional.jsonl", LABELLED)
    patch = pytest.MonkeyPatch()
    patch.setattr(descriptions, "ROUTES_DIR", root)
    (root / "storage").mkdir()
    storage = LocalModelStorage(root / "storage")
    resource = Resource("description_classifier")
    config = DescriptionClassifier.get_default_config()
    context = ExecutionContext(graph_schema=None, model_id="test")
    component = DescriptionClassifier.create(config, storage, resource, context)
    nlu = [
        Message(data={TEXT: "music blaring at 3am", INTENT: "asb_noise"}),
        Message(data={TEXT: "hello there", INTENT: "greet"}),  # not a description: left out
    ]
    component.train(TrainingData(training_examples=nlu))
    patch.undo()
    return DescriptionClassifier.load(config, storage, resource, context)


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("the lad upstairs plays his guitar amp till dawn every night", "asb_noise"),
        ("the dog downstairs howls for hours when they go out", "asb_pets_animals"),
        ("I hear them walking about on the laminate upstairs", "not_asb"),
        ("the boiler is broken and I have no hot water", "out_of_scope"),
    ],
)
def test_a_description_in_new_words_gets_its_route(trained, text: str, label: str) -> None:
    message = Message(data={TEXT: text})
    blank = Message(data={TEXT: "  "})
    trained.process([message, blank])
    ranking = message.get(DESCRIPTION_RANKING_KEY)
    assert ranking[0]["name"] == label
    assert "greet" not in [row["name"] for row in ranking]
    assert sum(row["confidence"] for row in ranking) == pytest.approx(1.0, abs=1e-3)
    assert blank.get(DESCRIPTION_RANKING_KEY) is None


def _ranking(*pairs: tuple[str, float]) -> list[dict]:
    return [{"name": name, "confidence": p} for name, p in pairs]


def test_the_classifier_decides_a_description_the_safety_layer_is_silent_on() -> None:
    text = "kids kicking a football against my window every evening after school"
    ranking = _ranking(("asb_groups_communal", 0.7), ("not_asb", 0.2))
    # DIET said everyday living; the description classifier's route wins, with its probability.
    assert decide(text, "not_asb", 0.9, (), (), ranking) == ("asb_groups_communal", 0.7)
    # Agreement: nothing to change.
    assert decide(text, "asb_groups_communal", 0.9, (), (), ranking) == (None, 0.9)
    parse = {"intent": {"name": "asb_groups_communal", "confidence": 0.7}}
    parse["description_ranking"] = ranking
    assert route_of(text, parse)["route"] == "asb"
    assert route_of(text, parse)["category"] == "groups_communal"


def test_the_safety_layer_comes_before_the_classifier() -> None:
    text = "he is kicking my door in right now with a knife"
    ranking = _ranking(("asb_vandalism", 0.9), ("emergency", 0.05))
    assert decide(text, "report_asb", 0.6, (), (), ranking)[0] == "emergency"


def test_the_emergency_net_catches_a_danger_ranked_second() -> None:
    text = (
        "a car is driving at people on the estate right now, it just went up the pavement at a pram"
    )
    ranking = _ranking(("asb_vehicle_nuisance", 0.55), ("emergency", 0.4))
    assert description_intent(text, "report_asb", ranking) == "emergency"
    # Below the net, or a habit that is over: the classifier's best route.
    low = _ranking(("asb_vehicle_nuisance", 0.85), ("emergency", 0.1))
    assert description_intent(text, "report_asb", low) == "asb_vehicle_nuisance"
    habit = "cars used to race up and down the pavement here every night last year"
    assert description_intent(habit, "report_asb", ranking) == "asb_vehicle_nuisance"


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("Flat 3, 1 Example Road", "report_asb"),  # a short answer in the form
        ("yes", "affirm"),  # small talk
        ("it happened again last night", "report_repeat_incident"),  # a returning resident
        ("/emergency", "emergency"),  # a button payload
    ],
)
def test_the_classifier_leaves_answers_small_talk_and_repeats(text: str, intent: str) -> None:
    ranking = _ranking(("emergency", 0.9), ("asb_noise", 0.1))
    assert description_intent(text, intent, ranking) is None


def test_uncategorised_asb_is_a_report_with_category_other() -> None:
    text = "people keep propping the communal door open so strangers wander into the block at night"
    ranking = _ranking(("asb_other_asb", 0.6), ("asb_groups_communal", 0.3))
    new, confidence = decide(text, "nlu_fallback", 0.3, (), (), ranking)
    assert (new, confidence) == ("report_asb", 0.6)
    parse = {"intent": {"name": new, "confidence": confidence}, "description_ranking": ranking}
    assert route_of(text, parse) | {"text": ""} == {
        "text": "",
        "route": "asb",
        "category": "other_asb",
        "confidence": 0.6,
    }


def test_the_report_form_asks_the_category_only_when_the_classifier_is_unsure() -> None:
    text = "they rev their motorbikes round the car park every night"
    sure = {
        "intent": {"name": "asb_vehicle_nuisance", "confidence": 0.92},
        "description_ranking": _ranking(("asb_vehicle_nuisance", 0.92), ("asb_noise", 0.05)),
    }
    guess = _category_guess(text, sure)
    assert (guess.category, guess.clear) == ("vehicle_nuisance", True)
    unsure = {
        "intent": {"name": "asb_vehicle_nuisance", "confidence": 0.5},
        "description_ranking": _ranking(
            ("asb_vehicle_nuisance", 0.5), ("not_asb", 0.2), ("asb_noise", 0.2)
        ),
    }
    guess = _category_guess(text, unsure)
    assert not guess.clear
    assert guess.candidates == ("vehicle_nuisance", "noise")


def test_an_answer_to_a_report_question_is_left_to_the_other_nets() -> None:
    # "Where?" answered at length: the classifier knows an answer when it sees one, and its
    # emergency net stays out of it.
    text = "in the car park behind the block next to the bins by the garages"
    ranking = _ranking(("form_answer", 0.7), ("emergency", 0.25))
    assert description_intent(text, "report_asb", ranking) is None
    assert decide(text, "report_asb", 0.6, (), (), ranking) == (None, 0.6)


def test_a_change_to_the_labelled_files_retrains_the_classifier(tmp_path, monkeypatch) -> None:
    # Rasa's training cache keys the component on its config: the files' hash is part of it.
    from bot import descriptions
    from bot.nlu import fingerprint_of_labelled_data

    monkeypatch.setattr(descriptions, "ROUTES_DIR", tmp_path)
    _write(tmp_path / "a.jsonl", LABELLED[:3])
    before = fingerprint_of_labelled_data()
    assert DescriptionClassifier.get_default_config()["fingerprint"] == before
    _write(tmp_path / "a.jsonl", LABELLED[:4])
    assert fingerprint_of_labelled_data() != before


def test_an_answer_is_not_given_safety_advice_on_diets_word_alone() -> None:
    # DIET sure of an emergency for "where?" answered at length; the description classifier reads
    # an answer: no 999 line (the safety layer would still have its say).
    text = "in the hallway outside my flat on the 3rd floor"
    answer = _ranking(("form_answer", 0.8), ("emergency", 0.1))
    assert decide(text, "emergency", 0.89, (), (), answer) == ("nlu_fallback", 0.8)
    unsure = _ranking(("form_answer", 0.4), ("emergency", 0.3))
    assert decide(text, "emergency", 0.89, (), (), unsure)[0] in (None, "emergency")
    knife = "in the hallway outside my flat, he has a knife and is trying to get in"
    assert decide(knife, "report_asb", 0.5, (), (), answer)[0] == "emergency"


def test_a_message_counted_three_times_outweighs_one_counted_once() -> None:
    import numpy as np

    from bot.descriptions import DescriptionModel

    texts = ["music all night upstairs"] * 3 + ["music all night upstairs"]
    texts += ["dog barking all day", "dog barking all day", "rubbish dumped by the bins"] * 2
    labels = ["not_asb"] * 3 + ["asb_noise"]
    labels += ["asb_pets_animals", "asb_pets_animals", "asb_environmental"] * 2
    vectors = np.zeros((len(texts), 4), dtype=np.float32)
    model = DescriptionModel.fit(texts, labels, vectors, c=10.0)
    best = model.rank(["music all night upstairs"], np.zeros((1, 4), dtype=np.float32))[0][0]
    assert best["name"] == "not_asb"
