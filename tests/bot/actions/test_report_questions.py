"""The complete report: multiple-choice questions (people, evidence, hate, the RAM screening,
anonymity, contact preferences, consent to share, equality monitoring), which questions are
asked, corrections and "start again", the two-invalid-answers rule, and what reaches the backend.
Run the way rasa-sdk tests actions: a Tracker, a CollectingDispatcher, the domain."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

import pytest
from rasa_sdk.executor import CollectingDispatcher

from bot.actions.corrections import Correction, find_correction, wants_to_start_again
from bot.actions.forms import ValidateReportForm
from bot.actions.report import ActionShowSummary, ActionStartAgain
from bot.actions.submit import build_payload
from bot.constants import EQUALITY_SLOTS, FORM_SLOTS, RAM_SLOTS, SKIPPED
from bot.nlg import render
from bot.questions import CHOICE_QUESTIONS, PREFER_NOT_TO_SAY, parse_choice
from core.settings import Settings
from tests.bot.actions.helpers import (
    DOMAIN,
    FILLED,
    make_tracker,
    responses,
    slot_events,
    validate,
)

NOW = datetime(2026, 11, 21, 2, 0, tzinfo=timezone.utc)


async def required(slots: dict[str, Any]) -> list[str]:
    """The questions validate_report_form says this report needs."""
    tracker = make_tracker(slots)
    return await ValidateReportForm().required_slots(
        list(FORM_SLOTS), CollectingDispatcher(), tracker, DOMAIN
    )


# -- reading answers --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "slot,answer,expected",
    [
        ("people_known", "2", "known"),
        ("people_known", "they live next door", "known"),
        ("people_known", "no idea who they are", "no"),
        ("people_known", "4", PREFER_NOT_TO_SAY),
        ("ram_affected", "a lot", "a_lot"),
        ("ram_affected", "quite a lot really", "moderately"),  # not "a lot"
        ("ram_affected", "I can't cope any more", "extremely"),
        ("ram_support", "not really", "isolated"),  # not "no"
        ("ram_support", "I live on my own", "alone_isolated"),
        ("ram_linked", "yes", "yes"),
        ("ram_linked", "/deny", "no"),
        ("ram_linked", "I'd rather not say", PREFER_NOT_TO_SAY),
        ("ram_start", "skip these", "no"),
        ("age_band", "35 to 44", "35_44"),
        ("age_band", "9", PREFER_NOT_TO_SAY),
        ("ethnicity", "Black British", "black"),
    ],
)
def test_single_choice_answers(slot: str, answer: str, expected: str) -> None:
    assert parse_choice(CHOICE_QUESTIONS[slot], answer) == expected


@pytest.mark.parametrize(
    "slot,answer,expected",
    [
        ("evidence", "2 and 5", ["photos", "diary"]),
        ("evidence", "my neighbour saw it too and I have photos", ["witness", "photos"]),
        ("evidence", "I have some photos and videos on my phone", ["photos", "video"]),
        ("evidence", "nothing yet", ["none"]),
        ("ram_health", "3", ["physical", "mental"]),
        ("ram_health", "it's made my anxiety much worse", ["mental"]),
        ("ram_others_affected", "my kids and the neighbours", ["family", "community"]),
    ],
)
def test_multiple_choice_answers(slot: str, answer: str, expected: list[str]) -> None:
    assert parse_choice(CHOICE_QUESTIONS[slot], answer) == expected


@pytest.mark.parametrize(
    "slot,answer",
    [
        ("people_known", "banana"),
        ("ram_linked", "yes and no"),  # contradictory: ask again rather than guess
        ("age_band", "12"),  # no such option
        ("evidence", ""),
    ],
)
def test_unclear_answers_are_not_guessed(slot: str, answer: str) -> None:
    assert parse_choice(CHOICE_QUESTIONS[slot], answer) is None


def test_every_choice_question_has_numbered_buttons_and_declinable_ones_prefer_not(
    settings: Settings,
) -> None:
    for slot, question in CHOICE_QUESTIONS.items():
        answer = render(f"utter_ask_{slot}", {}, {}, "webchat", settings)
        payloads = [b["payload"] for b in answer["buttons"]]
        assert payloads == [str(n) for n in range(1, len(payloads) + 1)], slot
        titles = [b["title"] for b in answer["buttons"]]
        assert ("Prefer not to say" in titles) is question.declinable, slot


def test_risk_questions_each_offer_prefer_not_to_say() -> None:
    for slot in RAM_SLOTS:
        assert CHOICE_QUESTIONS[slot].declinable, slot
        assert CHOICE_QUESTIONS[slot].ram_key, slot
    for slot in EQUALITY_SLOTS:
        assert CHOICE_QUESTIONS[slot].declinable, slot


# -- which questions are asked ----------------------------------------------------------------


async def test_a_resident_who_skips_the_optional_sections_gets_a_short_form() -> None:
    asked = await required({"ram_start": "no", "equality_start": "no", "phone": SKIPPED})
    assert not set(RAM_SLOTS) & set(asked)
    assert not set(EQUALITY_SLOTS) & set(asked)
    assert "safe_to_text" not in asked and "preferred_contact" not in asked
    assert "category_choice" not in asked  # the category was clear
    assert "email" not in asked


async def test_sections_open_when_the_resident_says_yes() -> None:
    asked = await required({"ram_start": "yes", "equality_start": "yes"})
    assert set(RAM_SLOTS) <= set(asked) and set(EQUALITY_SLOTS) <= set(asked)


async def test_anonymous_residents_are_not_asked_for_contact_details() -> None:
    asked = await required({"anonymous": "yes"})
    for slot in ("reporter_name", "phone", "safe_to_text", "preferred_contact", "best_time"):
        assert slot not in asked
    # Nothing of theirs is kept to share, and no one to describe in equality monitoring.
    assert "consent_to_share" not in asked and "equality_start" not in asked


async def test_email_is_asked_only_when_chosen_and_hate_only_when_not_known() -> None:
    assert "email" in await required({"preferred_contact": "email"})
    assert "hate_related" in await required({})
    assert "hate_related" not in await required({"safety_flags": ["hate"]})


# -- category confirmation ----------------------------------------------------------------------


async def test_an_unclear_description_asks_which_category_with_buttons(settings: Settings) -> None:
    text = "there is a problem with the people at number 9"
    values, _, _ = await validate({"description": text}, text=text, intent="nlu_fallback")
    assert values["category"] == "other_asb"
    assert values["category_candidates"] is not None
    slots = {"category_candidates": ["noise", "groups_communal"]}
    answer = render("utter_ask_category_choice", {}, {"slots": slots}, "sms", settings)
    titles = [b["title"] for b in answer["buttons"]]
    assert titles == ["Noise", "Groups or misuse of shared areas", "Something else"]
    values, said, _ = await validate({"category_choice": "2"}, slots=slots, text="2")
    assert values["category"] == "groups_communal" and said == []
    values, _, _ = await validate({"category_choice": "it's the dogs"}, slots=slots, text="x")
    assert values["category"] == "pets_animals"


async def test_a_description_with_no_clue_offers_the_common_categories() -> None:
    text = "my neighbour keeps doing stuff"
    values, _, _ = await validate({"description": text}, text=text, intent="report_asb")
    assert values["category"] == "other_asb"
    assert "noise" in values["category_candidates"] and len(values["category_candidates"]) >= 6


async def test_a_clear_description_is_not_questioned() -> None:
    text = "Loud music and shouting from the flat above every night until 3am"
    values, _, _ = await validate({"description": text}, text=text, intent="asb_noise")
    assert values["category"] == "noise"
    assert values["category_candidates"] is None


# -- the two-invalid-answers rule -------------------------------------------------------------


@pytest.mark.parametrize(
    "slot,nonsense,first",
    [
        ("ram_worse", "purple", "utter_choose_option"),
        ("frequency", "dunno mate", "utter_frequency_not_understood"),
        ("safe_to_text", "maybe", "utter_please_yes_no"),
        ("email", "not an address", "utter_email_invalid"),
    ],
)
async def test_after_two_unusable_answers_skip_is_offered_and_the_third_moves_on(
    slot: str, nonsense: str, first: str
) -> None:
    asked = {"ram_start": "yes", "preferred_contact": "email"}  # so that `slot` is asked
    values, said, _ = await validate({slot: nonsense}, slots=asked, text=nonsense)
    assert values[slot] is None and said == [first]
    counts = values["invalid_answers"]
    values, said, _ = await validate(
        {slot: nonsense}, slots={**asked, "invalid_answers": counts}, text=nonsense
    )
    assert values[slot] is None and said == ["utter_invalid_offer_skip"]
    counts = values["invalid_answers"]
    values, said, _ = await validate(
        {slot: nonsense}, slots={**asked, "invalid_answers": counts}, text=nonsense
    )
    assert values[slot] == SKIPPED and said == ["utter_moving_on"]


async def test_skip_on_a_risk_question_records_prefer_not_to_say() -> None:
    values, said, _ = await validate(
        {"ram_history": "skip"}, slots={"ram_start": "yes"}, text="skip", intent="skip"
    )
    assert values["ram_history"] == PREFER_NOT_TO_SAY and said == []


async def test_a_very_long_description_is_kept_after_the_second_try() -> None:
    long_text = "The noise goes on and on. " * 60
    values, said, _ = await validate({"description": long_text}, text=long_text)
    assert values["description"] is None and said == ["utter_text_too_long"]
    values, said, _ = await validate(
        {"description": long_text},
        slots={"invalid_answers": values["invalid_answers"]},
        text=long_text,
    )
    assert said == ["utter_text_kept_short"]
    assert len(values["description"]) == 1000


# -- corrections and start again -----------------------------------------------------------------


@pytest.mark.parametrize(
    "text,slot,value",
    [
        ("actually it was last night", "happened_when", "last night"),
        ("Sorry I meant yesterday about 11pm", "happened_when", "yesterday about 11pm"),
        ("no wait, it's at flat 5", "location", "flat 5"),
        ("actually it happens every night", "frequency", "every night"),
        ("oops my number is 07700 900456", "phone", "+447700900456"),
        ("actually my name is Alex Example", "reporter_name", "Alex Example"),
    ],
)
def test_corrections_are_recognised(text: str, slot: str, value: str) -> None:
    assert find_correction(text) == Correction(slot, value)


@pytest.mark.parametrize(
    "text",
    [
        "my neighbour at number 5 saw it",  # an answer, not a correction
        "sorry, I don't know",
        "actually I'm not sure",
        "the man upstairs",
    ],
)
def test_ordinary_answers_are_not_corrections(text: str) -> None:
    assert find_correction(text) is None


async def test_a_correction_changes_the_earlier_answer_and_asks_the_open_question_again() -> None:
    text = "actually it was last night, not tonight"
    slots = {**FILLED, "witnesses": None}
    values, said, dispatcher = await validate({"witnesses": text}, slots=slots, text=text)
    assert values["happened_when"] == "last night, not tonight"
    assert values["witnesses"] is None and values["requested_slot"] == "witnesses"  # asked again
    assert values["corrections"] == 1
    assert said == ["utter_correction_made"]
    assert dispatcher.messages[0]["field"] == "happened_when"


def test_start_again_words() -> None:
    for text in ("start again", "Can we start over please", "restart", "let's start again"):
        assert wants_to_start_again(text), text
    for text in ("it started again last night", "the music restarted at 2am"):
        assert not wants_to_start_again(text), text


async def test_start_again_in_the_form_clears_the_report() -> None:
    values, said, _ = await validate(
        {"witnesses": "start again"}, slots=dict(FILLED), text="start again"
    )
    assert said == ["utter_start_again"] and values["requested_slot"] == "description"
    assert values["description"] is None and values["location"] is None
    dispatcher = CollectingDispatcher()
    tracker = make_tracker({**FILLED, "stage": "confirm"}, text="start over", intent="start_again")
    events = slot_events(await ActionStartAgain().run(dispatcher, tracker, DOMAIN))
    assert responses(dispatcher) == ["utter_start_again"]
    assert all(events[slot] is None for slot in ("description", "phone", "stage", "report_id"))


# -- what reaches the backend ----------------------------------------------------------------


def test_risk_answers_score_and_flags_go_with_the_report(settings: Settings) -> None:
    slots = {
        **FILLED,
        "people_known": "well",  # q4: 2
        "hate_related": "yes",  # q8: 3
        "ram_start": "yes",
        "ram_linked": "yes",  # 2
        "ram_worse": "yes",  # 2
        "ram_history": "currently",  # 6
        "ram_other_agencies": "no",  # 1
        "ram_targeted": "you",  # 4
        "ram_circumstances": "yes",  # 3, vulnerable
        "ram_affected": "extremely",  # 5
        "ram_health": ["physical", "mental"],  # 6
        "ram_professional_support": PREFER_NOT_TO_SAY,
        "ram_support": "a_few",  # 1
        "ram_others_affected": ["family"],  # 1
        "equality_start": "yes",
        "age_band": "35_44",
        "ethnicity": PREFER_NOT_TO_SAY,
        "disability": None,
    }
    payload = build_payload(make_tracker(slots), "rid-ram", NOW, settings)
    ram = payload["ram_answers"]
    assert ram["q5_history"] == "currently" and ram["q11_health"] == ["physical", "mental"]
    assert ram["q12_professional_support"] == PREFER_NOT_TO_SAY
    # 5 (daily) + 2+3+2+2+6+1+4+3+5+6+1+1
    assert payload["risk"] == {"score": 41, "band": "HIGH"}
    assert payload["flags"]["hate"] is True and payload["flags"]["vulnerable"] is True
    assert payload["equality"] == {"age_band": "35_44", "ethnicity": PREFER_NOT_TO_SAY}


def test_an_anonymous_report_carries_no_contact_details(settings: Settings) -> None:
    slots = {**FILLED, "anonymous": "yes"}  # e.g. by SMS the number was known
    payload = build_payload(make_tracker(slots, input_channel="sms"), "rid-anon", NOW, settings)
    reporter = payload["reporter"]
    assert reporter["anonymous"] is True
    assert reporter["name"] is None and reporter["phone"] is None
    assert reporter["preferred_contact"] is None and reporter["best_time"] is None


def test_the_summary_reads_the_new_answers_in_plain_words(settings: Settings) -> None:
    slots = {
        **FILLED,
        "witnesses": "none",
        "evidence": ["photos", "diary"],
        "anonymous": "no",
        "ram_start": "yes",
        "ram_linked": "yes",
        "ram_worse": PREFER_NOT_TO_SAY,
    }
    fields = ["witnesses", "evidence", "anonymous", "people_known", "ram_start"]
    text = render(
        "utter_summary", {"summary_fields": fields}, {"slots": slots}, "webchat", settings
    )["text"]
    assert "Witnesses: No one" in text
    assert "Evidence you have: Photos, A diary or notes" in text
    assert "Anonymous: No" in text
    assert "Do you know them: I know who they are" in text
    assert "Questions about how it affects you: 1 of 11 answered" in text


# -- an everyday matter described inside the form ---------------------------------------


async def test_an_everyday_matter_in_the_form_asks_whether_to_log_it_anyway() -> None:
    text = "they had a party last Saturday"
    values, said, _ = await validate({"description": text}, text=text, intent="not_asb")
    assert said == ["utter_good_neighbour"]
    assert values["good_neighbour"] == "offered"
    assert (await required({"good_neighbour": "offered"}))[:2] == ["description", "log_anyway"]

    offered = {"description": text, "good_neighbour": "offered"}
    values, said, _ = await validate({"log_anyway": "yes"}, slots=offered, text="yes")
    assert said == ["utter_good_neighbour_logging"] and values["good_neighbour"] is True


async def test_declining_to_log_an_everyday_matter_ends_the_report_with_nothing_sent() -> None:
    offered = {"description": "they had a party last Saturday", "good_neighbour": "offered"}
    values, said, _ = await validate({"log_anyway": "no"}, slots=offered, text="no")
    assert said == ["utter_good_neighbour_declined"]
    assert values["description"] is None and values["requested_slot"] is None  # form ends
    assert await required({"good_neighbour": "declined"}) == []
    dispatcher = CollectingDispatcher()
    tracker = make_tracker({"good_neighbour": "declined"})
    events = slot_events(await ActionShowSummary().run(dispatcher, tracker, DOMAIN))
    assert dispatcher.messages == [] and events["good_neighbour"] is None


def test_email_chosen_but_not_given_is_no_preference(settings: Settings) -> None:
    slots = {**FILLED, "preferred_contact": "email", "email": SKIPPED}
    reporter = build_payload(make_tracker(slots), "rid-email", NOW, settings)["reporter"]
    assert reporter["preferred_contact"] is None and reporter["email"] is None
    slots = {**FILLED, "preferred_contact": "email", "email": "sam@example.com"}
    reporter = build_payload(make_tracker(slots), "rid-email2", NOW, settings)["reporter"]
    assert reporter["preferred_contact"] == "email" and reporter["email"] == "sam@example.com"


# -- harm words the safety layer did not call an emergency -------------------------------


async def test_harm_words_not_routed_as_an_emergency_still_get_a_999_line() -> None:
    text = "he had a knife on him last week and now he keeps shouting at us on the stairs"
    values, said, _ = await validate({"description": text}, text=text, intent="asb_harassment")
    assert said[0] == "utter_danger_check"
    assert values["description"] == text  # the report carries on


async def test_no_extra_999_line_for_ordinary_answers_or_after_the_safety_advice() -> None:
    text = "loud music from the flat above every night"
    _, said, _ = await validate({"description": text}, text=text, intent="asb_noise")
    assert "utter_danger_check" not in said
    # action_safety_advice already led with 999 for this message: no second line.
    text = "hes kicking my door in right now"
    _, said, _ = await validate({"location": text}, text=text, intent="emergency")
    assert "utter_danger_check" not in said
