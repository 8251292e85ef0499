"""Safety-route and good-neighbour actions (bot/actions/safety_advice.py) and what they put in the
report payload. Run the rasa-sdk way: Tracker + CollectingDispatcher. Fictional data only."""

from __future__ import annotations

from datetime import datetime, timezone

from rasa_sdk.executor import CollectingDispatcher

from bot.actions.report import ActionRephrase, ActionStartReport
from bot.actions.safety_advice import (
    ActionGoodNeighbour,
    ActionGoodNeighbourDeclined,
    ActionLogGoodNeighbour,
    ActionSafetyAdvice,
)
from bot.actions.submit import build_payload
from bot.constants import REPORT_SLOTS
from core.settings import Settings
from tests.bot.actions.helpers import (  # noqa: F401 (fixtures)
    DOMAIN,
    FILLED,
    confirmed_tracker,
    make_tracker,
    responses,
    settings,
    slot_events,
)

WHEN = datetime(2026, 11, 20, 23, 0, tzinfo=timezone.utc)


async def run(action, tracker):
    dispatcher = CollectingDispatcher()
    events = await action.run(dispatcher, tracker, DOMAIN)
    return slot_events(events), responses(dispatcher)


async def test_emergency_first_message_leads_with_999_and_starts_an_urgent_report() -> None:
    text = "someones breaking in right now"
    slots, said = await run(
        ActionSafetyAdvice(), make_tracker(text=text, intent="emergency", confidence=1.0)
    )
    assert said == ["utter_safety_emergency", "utter_safety_carry_on"]
    assert slots["urgent"] is True
    assert slots["safety_route"] == "emergency"
    assert slots["description"] == text
    assert all(slot in slots for slot in REPORT_SLOTS)  # a fresh report


async def test_emergency_mid_form_keeps_the_answers_and_marks_it_urgent() -> None:
    tracker = make_tracker(
        slots={"description": "Loud music", "location": "Flat 3", "category": "noise"},
        text="hes got a knife and hes outside my door",
        intent="emergency",
        active_loop="report_form",
        requested_slot="happening_now",
    )
    slots, said = await run(ActionSafetyAdvice(), tracker)
    assert said[0] == "utter_safety_emergency"
    assert "description" not in slots and "location" not in slots
    assert slots["urgent"] is True and slots["happening_now"] is True


async def test_a_classifiers_emergency_for_an_answer_with_no_sign_of_harm_gives_no_advice() -> None:
    # "round the back ... with the blue door" has no word of harm or danger: kept, no 999.
    answer = "round the back of the flats, the ground floor flat with the blue door"
    tracker = make_tracker(
        slots={"description": "Loud music every night", "category": "noise"},
        text=answer,
        intent="emergency",
        active_loop="report_form",
        requested_slot="location",
    )
    slots, said = await run(ActionSafetyAdvice(), tracker)
    assert "utter_safety_emergency" not in said
    assert slots["location"] == answer and not slots.get("urgent")


async def test_an_answer_only_the_classifiers_read_as_an_emergency_is_kept() -> None:
    # 999 first all the same, but the answer fills the open question, so the form moves on
    # instead of asking "where?" again and again with the same advice in between.
    answer = "round the back of the flats, the ground floor flat, I'm scared to go past"
    tracker = make_tracker(
        slots={"description": "Loud music every night", "category": "noise"},
        text=answer,
        intent="emergency",
        active_loop="report_form",
        requested_slot="location",
    )
    slots, said = await run(ActionSafetyAdvice(), tracker)
    assert said[0] == "utter_safety_emergency"
    assert slots["location"] == answer and slots["urgent"] is True
    # Words the safety layer knows as an emergency are not taken as the place.
    tracker = make_tracker(
        slots={"description": "Loud music every night", "category": "noise"},
        text="hes got a knife and hes outside my door",
        intent="emergency",
        active_loop="report_form",
        requested_slot="location",
    )
    slots, said = await run(ActionSafetyAdvice(), tracker)
    assert said[0] == "utter_safety_emergency" and "location" not in slots


async def test_emergency_while_asked_for_the_description_records_it() -> None:
    tracker = make_tracker(
        text="my neighbour is hitting his wife right now",
        intent="emergency",
        active_loop="report_form",
        requested_slot="description",
    )
    slots, said = await run(ActionSafetyAdvice(), tracker)
    assert said[0] == "utter_safety_emergency"
    assert slots["description"] == "my neighbour is hitting his wife right now"
    assert "domestic_abuse" in slots["safety_flags"]


async def test_self_harm_gets_samaritans_and_safeguarding() -> None:
    slots, said = await run(
        ActionSafetyAdvice(), make_tracker(text="i want to kill myself", intent="emergency")
    )
    assert said[0] == "utter_safety_self_harm"
    assert "safeguarding" in slots["safety_flags"]


async def test_emergency_at_the_summary_keeps_the_report() -> None:
    tracker = make_tracker(
        slots={**FILLED, "stage": "confirm"},
        text="theres a fire in the stairwell",
        intent="emergency",
    )
    slots, said = await run(ActionSafetyAdvice(), tracker)
    assert said[0] == "utter_safety_emergency"
    assert "description" not in slots and slots["urgent"] is True


async def test_emergency_after_a_sent_report_starts_a_new_one() -> None:
    tracker = make_tracker(
        slots={**FILLED, "stage": "sent", "reference": "ASB-2026-000001"},
        text="they are kicking my door in",
        intent="emergency",
    )
    slots, _said = await run(ActionSafetyAdvice(), tracker)
    assert slots["reference"] is None and slots["stage"] is None
    assert slots["description"] == "they are kicking my door in"


async def test_domestic_abuse_gives_the_helpline_and_flags_the_report() -> None:
    slots, said = await run(
        ActionSafetyAdvice(), make_tracker(text="my partner hits me", intent="asb_domestic_abuse")
    )
    assert said == ["utter_safety_domestic_abuse"]
    assert slots["safety_route"] == "domestic_abuse"
    assert "domestic_abuse" in slots["safety_flags"]
    assert slots.get("urgent") is None


async def test_hate_and_crime_advice() -> None:
    slots, said = await run(
        ActionSafetyAdvice(),
        make_tracker(text="they shout racist abuse at me", intent="asb_hate"),
    )
    assert said == ["utter_safety_hate"] and "hate" in slots["safety_flags"]
    slots, said = await run(
        ActionSafetyAdvice(),
        make_tracker(text="my bike was stolen", intent="crime_not_in_progress"),
    )
    assert said == ["utter_safety_crime_101"] and slots["safety_route"] == "crime_101"


async def test_a_less_urgent_route_never_downgrades_the_report() -> None:
    tracker = make_tracker(
        slots={"description": "x", "safety_route": "emergency", "urgent": True},
        text="they called me racist names",
        intent="asb_hate",
        active_loop="report_form",
        requested_slot="location",
    )
    slots, _said = await run(ActionSafetyAdvice(), tracker)
    assert slots["safety_route"] == "emergency"
    assert slots["location"] == "they called me racist names"


def test_payload_carries_route_flags_and_details(settings: Settings) -> None:  # noqa: F811
    tracker = confirmed_tracker(
        safety_route="emergency", urgent=True, safety_flags=["domestic_abuse", "safeguarding"]
    )
    payload = build_payload(tracker, "rid-1", WHEN, settings)
    assert payload["route"] == "emergency"
    assert payload["flags"]["urgent"] is True
    assert payload["flags"]["domestic_abuse"] is True
    assert payload["flags"]["safeguarding"] is True
    assert payload["details"]["safety_route"] == "emergency"
    assert payload["details"]["police_advice"] == "999"

    hate = build_payload(
        confirmed_tracker(safety_route="hate", safety_flags=["hate"]), "rid-2", WHEN, settings
    )
    assert hate["route"] == "hate" and hate["flags"]["hate"] is True
    assert hate["ram_answers"]["q8_identity"] == "yes"


def test_good_neighbour_payload(settings: Settings) -> None:  # noqa: F811
    payload = build_payload(confirmed_tracker(good_neighbour=True), "rid-3", WHEN, settings)
    assert payload["route"] == "not_asb"
    assert payload["details"]["good_neighbour"] is True
    assert payload["flags"]["urgent"] is False


async def test_good_neighbour_explains_and_offers_to_log_it() -> None:
    slots, said = await run(
        ActionGoodNeighbour(), make_tracker(text="a party last Saturday", intent="not_asb")
    )
    assert said == ["utter_good_neighbour", "utter_ask_log_anyway"]
    assert slots["stage"] == "good_neighbour"
    assert slots["description"] == "a party last Saturday"

    slots, said = await run(
        ActionLogGoodNeighbour(),
        make_tracker(slots={"stage": "good_neighbour"}, text="yes", intent="affirm"),
    )
    assert said == ["utter_good_neighbour_logging"]
    assert slots == {"good_neighbour": True, "stage": None}

    slots, said = await run(ActionGoodNeighbourDeclined(), make_tracker(text="no", intent="deny"))
    assert said == ["utter_good_neighbour_declined"]
    assert slots["description"] is None


async def test_good_neighbour_question_is_repeated_after_an_unclear_answer() -> None:
    _slots, said = await run(
        ActionRephrase(),
        make_tracker(slots={"stage": "good_neighbour"}, text="hmm", intent="nlu_fallback"),
    )
    assert said == ["utter_did_not_catch", "utter_ask_log_anyway"]


async def test_a_real_report_after_the_good_neighbour_offer_starts_afresh() -> None:
    slots, said = await run(
        ActionStartReport(),
        make_tracker(
            slots={"stage": "good_neighbour", "description": "party"},
            text="actually they have parties every weekend until 5am",
            intent="asb_noise",
        ),
    )
    assert said == []
    assert slots["stage"] is None
    assert slots["description"] == "actually they have parties every weekend until 5am"


async def test_everyday_living_given_as_the_description_is_explained_first() -> None:
    from tests.bot.actions.helpers import validate

    values, said, _dispatcher = await validate(
        {"description": "they had a party last Saturday"},
        text="they had a party last Saturday",
        intent="not_asb",
        confidence=1.0,
    )
    assert said == ["utter_good_neighbour"]  # then "log it anyway?" (test_bot_report_questions)
    assert values["good_neighbour"] == "offered"
    assert values["description"] == "they had a party last Saturday"

    values, said, _dispatcher = await validate(
        {"description": "loud music every night until 3am"},
        text="loud music every night until 3am",
        intent="asb_noise",
    )
    assert said == [] and "good_neighbour" not in values


# -- questions in the middle of a report --------------------------------------------------------


async def test_why_questions_are_answered_for_the_open_question() -> None:
    from bot.actions.digressions import ActionAnswerQuestion

    for requested, expected in (
        ("phone", "utter_why_phone"),
        ("reporter_name", "utter_why_name"),
        ("happened_when", "utter_why_general"),
    ):
        tracker = make_tracker(
            text="why do you need that",
            intent="ask_why",
            active_loop="report_form",
            requested_slot=requested,
        )
        slots, said = await run(ActionAnswerQuestion(), tracker)
        assert said == [expected] and slots == {}


async def test_asking_for_a_person_gives_office_hours_or_the_next_working_day(
    settings: Settings,  # noqa: F811
) -> None:
    from zoneinfo import ZoneInfo

    from bot.actions.digressions import office_state

    london = ZoneInfo("Europe/London")
    # Saturday 21 November 2026, 23:00: closed until Monday 23 November at 08:00.
    closed = office_state("en", datetime(2026, 11, 21, 23, 0, tzinfo=london))
    assert closed == {
        "open": False, "opens": "08:00", "closes": "18:00", "next_day": "Monday 23 November"
    }  # fmt: skip
    # Monday 23 November, 07:00: opens later today.
    early = office_state("en", datetime(2026, 11, 23, 7, 0, tzinfo=london))
    assert early["open"] is False and early["next_day"] == "Monday 23 November"
    assert office_state("en", datetime(2026, 11, 23, 10, 0, tzinfo=london))["open"] is True
