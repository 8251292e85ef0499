"""The resident's own address, a visit or a call, and communication needs in the report
(bot/actions/case_fields.py): asked only of a resident who gives their details, "skip" works,
answers are read from numbers, labels or words, and what is already said is not asked again.
Run the way rasa-sdk tests actions: a Tracker, a CollectingDispatcher. All data is fictional."""

from __future__ import annotations

import pytest

from bot.constants import SKIPPED
from bot.questions import CHOICE_QUESTIONS, PREFER_NOT_TO_SAY, parse_choice
from tests.bot.actions.helpers import FILLED, validate
from tests.bot.actions.test_case_fields import next_question, required

# -- the resident's own address -------------------------------------------------------------


async def test_the_address_is_asked_only_of_a_resident_who_gives_their_details() -> None:
    slots = {**FILLED, "reporter_postcode": None}
    assert await next_question(slots) == "reporter_postcode"
    assert "reporter_postcode" not in await required({**slots, "anonymous": "yes"})
    asked = await required(slots)
    assert asked.index("reporter_name") < asked.index("reporter_postcode") < asked.index("phone")


@pytest.mark.parametrize(
    "answer,postcode,address",
    [
        ("Flat 2, 5 Example Street, zz99 1aa", "ZZ99 1AA", "Flat 2, 5 Example Street"),
        ("ZZ991AA", "ZZ99 1AA", None),
        ("zz99 1aa, 7 Sample Close", "ZZ99 1AA", "7 Sample Close"),
    ],
)
async def test_the_postcode_and_the_address_line_come_from_one_answer(
    answer: str, postcode: str, address: str | None
) -> None:
    values, said, _ = await validate({"reporter_postcode": answer}, text=answer)
    assert values["reporter_postcode"] == postcode and said == []
    assert values.get("reporter_address") == address


async def test_same_as_where_it_happens_takes_that_address() -> None:
    slots = {"location": "Flat 3, 1 Example Road, ZZ99 1AA"}
    values, said, _ = await validate({"reporter_postcode": "same"}, slots=slots, text="same")
    assert values["reporter_postcode"] == "ZZ99 1AA"
    assert values["reporter_address"] == "Flat 3, 1 Example Road" and said == []


async def test_an_address_without_a_postcode_asks_for_the_postcode() -> None:
    slots = {"location": "Flat 3, 1 Example Road"}
    values, said, _ = await validate({"reporter_postcode": "same"}, slots=slots, text="same")
    assert values["reporter_postcode"] is None
    assert values["reporter_address"] == "Flat 3, 1 Example Road"
    assert said == ["utter_postcode_needed"]
    slots = {**slots, **values}
    values, said, _ = await validate(
        {"reporter_postcode": "zz99 1aa"}, slots=slots, text="zz99 1aa"
    )
    assert values["reporter_postcode"] == "ZZ99 1AA" and said == []
    assert "reporter_address" not in values  # the address line given first is kept


@pytest.mark.parametrize("answer,intent", [("skip", "skip"), ("/skip", "skip"), ("no", "deny")])
async def test_the_address_can_be_skipped(answer: str, intent: str) -> None:
    values, said, _ = await validate({"reporter_postcode": answer}, text=answer, intent=intent)
    assert values["reporter_postcode"] == SKIPPED and said == []


# -- a visit or a call ----------------------------------------------------------------------


async def test_a_visit_or_call_is_offered_only_to_a_resident_we_can_contact() -> None:
    slots = {**FILLED, "visit_or_call": None}
    assert await next_question(slots) == "visit_or_call"
    assert "visit_or_call" not in await required({**slots, "phone": SKIPPED})
    assert "visit_or_call" not in await required({**slots, "anonymous": "yes"})
    assert "visit_or_call" not in await required({**slots, "consent_to_contact": False})


@pytest.mark.parametrize(
    "answer,code",
    [("1", "visit"), ("could someone come round", "visit"), ("ring me", "call"), ("3", "neither")],
)
async def test_visit_or_call_answers(answer: str, code: str) -> None:
    values, said, _ = await validate({"visit_or_call": answer}, text=answer)
    assert values["visit_or_call"] == code and said == []


async def test_visit_or_call_skip_and_an_unclear_answer() -> None:
    values, _, _ = await validate({"visit_or_call": "skip"}, text="skip", intent="skip")
    assert values["visit_or_call"] == SKIPPED
    values, said, _ = await validate({"visit_or_call": "banana"}, text="banana")
    assert values["visit_or_call"] is None and said == ["utter_choose_option"]


# -- communication needs --------------------------------------------------------------------


async def test_communication_needs_are_asked_when_the_resident_gives_their_details() -> None:
    slots = {**FILLED, "communication_needs": None}
    assert await next_question(slots) == "communication_needs"
    assert "communication_needs" in await required({**slots, "phone": SKIPPED})  # letters
    assert "communication_needs" not in await required({**slots, "anonymous": "yes"})
    assert "communication_needs" not in await required({**slots, "consent_to_contact": False})


async def test_an_interpreter_asks_which_language_unless_the_answer_names_it() -> None:
    slots = {**FILLED, "communication_needs": None, "communication_language": None}
    values, said, _ = await validate(
        {"communication_needs": "1 and 3"}, slots=slots, text="1 and 3"
    )
    assert values["communication_needs"] == ["interpreter", "large_print"] and said == []
    assert values["requested_slot"] == "communication_language"

    answer = "I need a Polish interpreter"
    values, said, _ = await validate({"communication_needs": answer}, slots=slots, text=answer)
    assert values["communication_needs"] == ["interpreter"]
    assert values["communication_language"] == "Polish"
    assert values["requested_slot"] is None  # not asked again

    values, _, _ = await validate({"communication_needs": "Urdu"}, slots=slots, text="Urdu")
    assert values["communication_needs"] == ["interpreter"]
    assert values["communication_language"] == "Urdu"


async def test_something_else_asks_what_helps_unless_the_resident_said_it() -> None:
    slots = {**FILLED, "communication_needs": None, "communication_other": None}
    values, _, _ = await validate({"communication_needs": "7"}, slots=slots, text="7")
    assert values["communication_needs"] == ["other"]
    assert values["requested_slot"] == "communication_other"
    answer = "letters in braille please"
    values, said, _ = await validate({"communication_needs": answer}, slots=slots, text=answer)
    assert values["communication_needs"] == ["other"]
    assert values["communication_other"] == answer and said == []
    assert values["requested_slot"] is None


@pytest.mark.parametrize(
    "answer,intent,codes",
    [
        ("no", "deny", ["none"]),
        ("8", None, ["none"]),
        ("skip", "skip", [PREFER_NOT_TO_SAY]),
        ("9", None, [PREFER_NOT_TO_SAY]),
        ("BSL and easy read", None, ["bsl", "easy_read"]),
        ("my son speaks for me", None, ["advocate"]),
    ],
)
async def test_communication_needs_answers(answer: str, intent: str | None, codes: list[str]):
    values, said, _ = await validate({"communication_needs": answer}, text=answer, intent=intent)
    assert values["communication_needs"] == codes and said == []


async def test_calls_not_texts_switches_a_text_preference_to_calls() -> None:
    slots = {**FILLED, "preferred_contact": "text"}
    answer = "5"
    values, said, _ = await validate({"communication_needs": answer}, slots=slots, text=answer)
    assert values["communication_needs"] == ["call_not_text"]
    assert values["preferred_contact"] == "call"
    assert said == ["utter_call_not_text_noted"]


async def test_an_unclear_single_word_is_asked_again() -> None:
    values, said, _ = await validate({"communication_needs": "hmm"}, text="hmm")
    assert values["communication_needs"] is None and said == ["utter_choose_option"]


def test_the_new_questions_are_data_with_numbered_options() -> None:
    assert parse_choice(CHOICE_QUESTIONS["communication_needs"], "2 and 4") == ["bsl", "easy_read"]
    assert CHOICE_QUESTIONS["communication_needs"].declinable  # "Prefer not to say"
    assert CHOICE_QUESTIONS["communication_needs"].multiple
    assert [o.code for o in CHOICE_QUESTIONS["visit_or_call"].options] == [
        "visit",
        "call",
        "neither",
    ]


@pytest.mark.parametrize(
    "answer,slots",
    [
        ("I don't know my postcode", {}),
        ("not sure", {}),
    ],
)
async def test_not_knowing_the_postcode_carries_on(answer: str, slots: dict) -> None:
    values, said, _ = await validate({"reporter_postcode": answer}, slots=slots, text=answer)
    assert values["reporter_postcode"] == SKIPPED and said == []
    assert "reporter_address" not in values


async def test_same_without_a_known_place_and_one_word_are_not_an_address() -> None:
    for answer, slots in (("same", {"location": SKIPPED}), ("banana", {})):
        values, said, _ = await validate({"reporter_postcode": answer}, slots=slots, text=answer)
        assert values["reporter_postcode"] is None and said == ["utter_postcode_needed"]
        assert "reporter_address" not in values
