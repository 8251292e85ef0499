"""The report form's actions: the phone number and other free answers, the category, and
starting, the summary, changing an answer, cancelling and the fallbacks. Run the way rasa-sdk tests
its own: a Tracker, a CollectingDispatcher and the domain dict, asserting on returned events and
dispatched responses (helpers in tests/bot/actions/helpers.py). All data is fictional.
"""

from __future__ import annotations

from typing import Any

import pytest
from rasa_sdk.executor import CollectingDispatcher

from bot.actions.case_fields import ActionAskHappenedWhen, ActionAskStartedWhen
from bot.actions.report import (
    ActionAskCancel,
    ActionChangeField,
    ActionDefaultFallback,
    ActionRephrase,
    ActionShowSummary,
    ActionStartReport,
)
from bot.constants import RAM_SLOTS, SKIPPED
from bot.nlg import render
from core.categories import infer_category
from core.settings import Settings
from tests.bot.actions.helpers import (
    DESCRIPTION,
    DOMAIN,
    FILLED,
    LOCATION,
    PHONE,
    make_tracker,
    responses,
    settings,  # noqa: F401 (the action server's settings fixture)
    slot_events,
    validate,
)

# -- phone ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "answer", ["07700 900123", "+44 7700 900123", "0044 7700 900123", "it's 07700900123 thanks"]
)
async def test_valid_uk_mobile_is_normalised_to_e164(answer: str) -> None:
    values, said, _ = await validate({"phone": answer}, text=answer)
    assert values["phone"] == PHONE
    assert "safe_to_text" not in values
    assert said == []


async def test_valid_landline_is_normalised_and_not_texted() -> None:
    values, said, _ = await validate({"phone": "020 7946 0123"}, text="020 7946 0123")
    assert values["phone"] == "+442079460123"
    assert values["safe_to_text"] is False  # a landline cannot receive the text
    assert said == []


@pytest.mark.parametrize("answer", ["12345", "+1 202 555 0100", "call me maybe", "07700 900"])
async def test_invalid_phone_is_rejected_with_a_reason(answer: str) -> None:
    values, said, _ = await validate({"phone": answer}, text=answer)
    assert values["phone"] is None
    assert values["invalid_answers"] == {"phone": 1}
    assert said == ["utter_phone_invalid"]


async def test_two_invalid_phone_answers_offer_skip_and_the_third_carries_on() -> None:
    once = {"invalid_answers": {"phone": 1}}
    values, said, _ = await validate({"phone": "123"}, slots=once, text="123")
    assert values["phone"] is None and values["invalid_answers"] == {"phone": 2}
    assert said == ["utter_phone_invalid_offer_skip"]

    slots = {**FILLED, "phone": None, "safe_to_text": None, "consent_to_contact": None}
    values, said, _ = await validate(
        {"phone": "456"}, slots={**slots, "invalid_answers": {"phone": 2}}, text="456"
    )
    assert values["phone"] == SKIPPED
    assert said == ["utter_phone_given_up"]
    # No number: the two contact questions are not asked, the form is complete.
    assert values["requested_slot"] is None


@pytest.mark.parametrize("answer,intent", [("skip", "skip"), ("/skip", "skip"), ("no", "deny")])
async def test_phone_can_be_skipped(answer: str, intent: str) -> None:
    values, said, _ = await validate({"phone": answer}, text=answer, intent=intent)
    assert values["phone"] == SKIPPED
    assert said == []


async def test_skipped_phone_leaves_out_the_contact_questions() -> None:
    slots = {**FILLED, "phone": None, "safe_to_text": None, "consent_to_contact": None}
    values, _, _ = await validate({"phone": "skip"}, slots=slots, text="skip", intent="skip")
    assert values["requested_slot"] is None


async def test_given_phone_asks_the_contact_questions_next() -> None:
    slots = {**FILLED, "phone": None, "safe_to_text": None, "consent_to_contact": None}
    values, _, _ = await validate({"phone": "07700 900123"}, slots=slots, text="07700 900123")
    # With a number, "safe to text?" comes next.
    assert values["requested_slot"] == "safe_to_text"
    assert values["phone"] == PHONE


# -- other answers ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "answer,code",
    [
        ("1", "daily"),
        ("2", "most_days"),
        ("3", "most_weeks"),
        ("4", "most_months"),
        ("5", "occasionally"),
        ("every night", "daily"),
        ("Every day", "daily"),
        ("most days", "most_days"),
        ("weekly", "most_weeks"),
        ("every month or so", "most_months"),
        ("Just this once, or now and then", "occasionally"),
        ("most_weeks", "most_weeks"),
    ],
)
async def test_frequency_answers_map_to_codes(answer: str, code: str) -> None:
    values, said, _ = await validate({"frequency": answer}, text=answer)
    assert values["frequency"] == code
    assert said == []


async def test_unclear_frequency_is_asked_again() -> None:
    values, said, _ = await validate({"frequency": "dunno"}, text="dunno")
    assert values["frequency"] is None
    assert said == ["utter_frequency_not_understood"]


async def test_happening_now_yes_adds_the_999_line_once() -> None:
    values, said, _ = await validate(
        {"happening_now": "yes it is"}, text="yes it is", intent="affirm"
    )
    assert values["happening_now"] is True
    assert said == ["utter_danger_call_999"]
    # Re-validated when the form re-opens (latest message "no, carry on"): no repeat.
    values, said, _ = await validate({"happening_now": True}, text="/deny", intent="deny")
    assert values["happening_now"] is True
    assert said == []


async def test_yes_no_button_payload_and_unclear_answer() -> None:
    values, said, _ = await validate(
        {"safe_to_text": "/deny"}, text="/deny", intent="deny", confidence=1.0
    )
    assert values["safe_to_text"] is False and said == []
    values, said, _ = await validate(
        {"consent_to_contact": "maybe"}, text="maybe", intent="nlu_fallback"
    )
    assert values["consent_to_contact"] is None
    assert said == ["utter_please_yes_no"]


async def test_empty_and_too_long_text_is_asked_again() -> None:
    values, said, dispatcher = await validate({"location": "x" * 1001}, text="x" * 1001)
    assert values["location"] is None
    assert said == ["utter_text_too_long"]
    assert dispatcher.messages[0]["max_length"] == 1000
    values, said, _ = await validate({"location": "   "}, text="   ")
    assert values["location"] is None and said == ["utter_text_empty"]


async def test_name_skip_and_revalidation_keep_the_answer() -> None:
    values, _, _ = await validate({"reporter_name": "prefer not to say"}, text="prefer not to say")
    assert values["reporter_name"] == SKIPPED
    # A name re-validated after "no, carry on" is not mistaken for a skip.
    values, _, _ = await validate({"reporter_name": "Sam Example"}, text="no", intent="deny")
    assert values["reporter_name"] == "Sam Example"


async def test_description_sets_the_category_once() -> None:
    values, _, _ = await validate(
        {"description": DESCRIPTION}, text=DESCRIPTION, intent="asb_noise"
    )
    assert values["description"] == DESCRIPTION
    assert values["category"] == "noise"
    values, _, _ = await validate(
        {"description": DESCRIPTION}, slots={"category": "noise"}, text="no", intent="deny"
    )
    assert "category" not in values


async def test_when_questions_depend_on_happening_now() -> None:
    for happening, expected in (
        (True, "utter_ask_happened_when_started"),  # "When did it start?"
        (False, "utter_ask_started_when"),  # "When did it first start?"
    ):
        dispatcher = CollectingDispatcher()
        await ActionAskStartedWhen().run(
            dispatcher, make_tracker({"happening_now": happening}), DOMAIN
        )
        assert responses(dispatcher) == [expected]
    for started, expected in (
        (None, "utter_ask_happened_when"),  # "When did it last happen?"
        ("since March", "utter_ask_happened_when_last"),  # "And when did it last happen?"
    ):
        dispatcher = CollectingDispatcher()
        await ActionAskHappenedWhen().run(
            dispatcher, make_tracker({"happening_now": False, "started_when": started}), DOMAIN
        )
        assert responses(dispatcher) == [expected]


# -- categories -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,intent,category",
    [
        (DESCRIPTION, "asb_noise", "noise"),
        (DESCRIPTION, None, "noise"),
        ("they shout racist abuse at me", "asb_noise", "hate"),  # high-risk keywords win
        ("he is dealing drugs from flat 4", None, "drug_dealing"),
        ("people smoking weed by the bins", "asb_drugs_alcohol", "drugs_alcohol"),
        ("kids on motorbikes on the grass", None, "vehicle_nuisance"),
        ("dog fouling on the green", None, "pets_animals"),
        ("graffiti on the garages", None, "vandalism"),
        ("it is awful", "asb_harassment", "harassment"),
        ("it is awful", "asb_harassment_unknown", "other_asb"),
        ("something odd keeps happening", None, "other_asb"),
        ("something odd keeps happening", "greet", "other_asb"),
    ],
)
def test_category_inference(text: str, intent: str | None, category: str) -> None:
    assert infer_category(text, {"name": intent, "confidence": 0.9} if intent else None) == category


def test_unconfident_intent_is_not_used_for_the_category() -> None:
    assert infer_category("it is awful", {"name": "asb_hate", "confidence": 0.3}) == "other_asb"


# -- start, summary, change, cancel, fallback -------------------------------------------------


async def test_descriptive_first_message_becomes_the_description() -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        {"stage": "sent", "reference": "ASB-2026-000001"}, text=DESCRIPTION, intent="asb_noise"
    )
    events = slot_events(await ActionStartReport().run(dispatcher, tracker, DOMAIN))
    assert events["description"] == DESCRIPTION
    assert events["stage"] is None and events["reference"] is None and events["report_id"] is None


async def test_general_request_starts_an_empty_report() -> None:
    tracker = make_tracker(text="I want to report ASB", intent="report_asb")
    events = slot_events(await ActionStartReport().run(CollectingDispatcher(), tracker, DOMAIN))
    assert events["description"] is None


async def test_by_sms_the_senders_number_is_the_contact_number() -> None:
    # The number Twilio signed comes in the text's metadata (channels/sms.py); the
    # conversation id is an opaque key, never the number.
    tracker = make_tracker(text=DESCRIPTION, intent="asb_noise", input_channel="sms")
    tracker.sender_id = "sms:0f3a"
    tracker.events[1]["metadata"] = {"channel": "sms", "phone": "+447700900123"}
    events = slot_events(await ActionStartReport().run(CollectingDispatcher(), tracker, DOMAIN))
    assert events["phone"] == "+447700900123"
    web = make_tracker(text=DESCRIPTION, intent="asb_noise", input_channel="webchat")
    web.sender_id = "+447700900123"  # a number as the id proves nothing
    web.events[1]["metadata"] = {"phone": "+447700900123"}
    events = slot_events(await ActionStartReport().run(CollectingDispatcher(), web, DOMAIN))
    assert events["phone"] is None


async def test_a_description_at_the_summary_keeps_the_report() -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker({**FILLED, "stage": "confirm"}, text="blah qwerty", intent="asb_noise")
    assert await ActionStartReport().run(dispatcher, tracker, DOMAIN) == []
    assert responses(dispatcher) == ["utter_did_not_catch"]


async def test_form_opening_after_a_reset_does_not_complain_about_empty_slots() -> None:
    # action_start_report clears the previous report just before the form validates.
    cleared = {"description": DESCRIPTION, "location": None, "happening_now": None, "phone": None}
    values, said, _ = await validate(cleared, text=DESCRIPTION, intent="asb_noise")
    assert said == []
    assert values["description"] == DESCRIPTION and values["category"] == "noise"
    assert values["location"] is None and values["phone"] is None


async def test_summary_lists_the_answers_and_fixes_a_report_id_once() -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(dict(FILLED))
    events = slot_events(await ActionShowSummary().run(dispatcher, tracker, DOMAIN))
    assert events["stage"] == "confirm"
    assert len(events["report_id"]) == 36
    message = dispatcher.messages[0]
    assert message["response"] == "utter_summary"
    assert message["summary_fields"] == [
        "description",
        "category_choice",  # the category, confirmed or inferred
        "location",
        "happening_now",
        "happened_when",
        "frequency",
        "started_when",
        "people_known",
        "people_involved",
        "witnesses",
        "evidence",
        "evidence_consent",
        "hate_related",
        "anonymous",
        "reporter_name",
        "reporter_postcode",
        "phone",
        "safe_to_text",
        "preferred_contact",
        "best_time",
        "consent_to_contact",
        "visit_or_call",
        "communication_needs",
        "consent_to_share",
    ]
    # Shown again (after a change): the same report_id is kept.
    tracker = make_tracker({**FILLED, "report_id": events["report_id"]})
    again = slot_events(await ActionShowSummary().run(CollectingDispatcher(), tracker, DOMAIN))
    assert "report_id" not in again


async def test_summary_content_as_the_resident_reads_it(settings: Settings) -> None:  # noqa: F811
    slots = {
        **FILLED,
        "reporter_name": SKIPPED,
        "phone": SKIPPED,
        "safe_to_text": None,
        "consent_to_contact": None,
        "frequency": "most_weeks",
    }
    dispatcher = CollectingDispatcher()
    await ActionShowSummary().run(dispatcher, make_tracker(slots), DOMAIN)
    message = dispatcher.messages[0]
    assert "safe_to_text" not in message["summary_fields"]
    arguments = {k: v for k, v in message.items() if k != "response"}
    answer = render("utter_summary", arguments, {"slots": slots}, "collector", settings)
    text = answer["text"]
    assert f"What is happening: {DESCRIPTION}" in text
    assert f"Where: {LOCATION}" in text
    assert "Happening now: No" in text
    assert "How often: Most weeks" in text
    assert "Your name: Not given" in text
    assert "Phone number: Not given" in text
    assert "Safe to text" not in text
    assert [b["payload"] for b in answer["buttons"]] == ["/affirm", "/deny"]


@pytest.mark.parametrize(
    "entities,text,cleared",
    [
        ([{"entity": "field", "value": "location"}], "/change_field", {"location"}),
        (
            [{"entity": "field", "value": "phone"}],
            "change my number",
            {
                "phone",
                "safe_to_text",
                "consent_to_contact",
                "preferred_contact",
                "email",
                "best_time",
                "visit_or_call",
            },
        ),
        ([], "where", {"location"}),
        ([], "how often", {"frequency"}),
        (
            [],
            "the description",
            {"description", "category", "category_candidates", "category_choice"},
        ),
        ([], "the risk questions", {"ram_start", *RAM_SLOTS}),
    ],
)
async def test_change_field_clears_the_chosen_answer(
    entities: list[dict[str, Any]], text: str, cleared: set[str]
) -> None:
    counts = {"location": 2, "frequency": 1}  # earlier unusable answers
    tracker = make_tracker(
        {**FILLED, "stage": "change", "invalid_answers": counts},
        text=text,
        intent="change_field",
        entities=entities,
    )
    events = slot_events(await ActionChangeField().run(CollectingDispatcher(), tracker, DOMAIN))
    assert events.pop("stage") is None
    left = events.pop("invalid_answers") or {}
    assert set(events) == cleared and all(v is None for v in events.values())
    # The changed questions start counting unusable answers afresh; the others keep theirs.
    assert left == {k: v for k, v in counts.items() if k not in cleared}


async def test_unrecognised_change_keeps_every_answer() -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker({**FILLED, "stage": "change"}, text="hmm", intent="change_field")
    events = slot_events(await ActionChangeField().run(dispatcher, tracker, DOMAIN))
    assert events == {"stage": None}
    assert responses(dispatcher) == ["utter_did_not_catch"]


async def test_cancel_asks_first_only_when_there_is_something_to_drop() -> None:
    dispatcher = CollectingDispatcher()
    events = slot_events(
        await ActionAskCancel().run(dispatcher, make_tracker({"location": LOCATION}), DOMAIN)
    )
    assert events == {"stage": "cancel"} and responses(dispatcher) == ["utter_ask_cancel"]
    dispatcher = CollectingDispatcher()
    events = slot_events(await ActionAskCancel().run(dispatcher, make_tracker(), DOMAIN))
    assert events == {"stage": None} and responses(dispatcher) == ["utter_nothing_to_cancel"]
    dispatcher = CollectingDispatcher()
    await ActionAskCancel().run(dispatcher, make_tracker({**FILLED, "stage": "sent"}), DOMAIN)
    assert responses(dispatcher) == ["utter_already_sent"]


async def test_fallbacks_repeat_the_open_question() -> None:
    dispatcher = CollectingDispatcher()
    events = await ActionDefaultFallback().run(
        dispatcher, make_tracker({**FILLED, "stage": "confirm"}), DOMAIN
    )
    assert responses(dispatcher) == ["utter_did_not_catch", "utter_summary"]
    assert events == [{"event": "rewind", "timestamp": None}]
    dispatcher = CollectingDispatcher()
    assert await ActionRephrase().run(dispatcher, make_tracker(), DOMAIN) == []
    assert responses(dispatcher) == ["utter_please_rephrase"]


async def test_an_unsure_reading_of_a_detailed_report_still_starts_the_report() -> None:
    """NLU unsure of the kind of problem, but the message says where and how often: the report
    starts with it as the description (the form then asks which kind it is)."""
    text = "Someone keeps messing with the lift at Example House most nights since September"
    dispatcher = CollectingDispatcher()
    events = await ActionRephrase().run(
        dispatcher, make_tracker(text=text, intent="nlu_fallback"), DOMAIN
    )
    assert responses(dispatcher) == []
    assert {"event": "slot", "timestamp": None, "name": "description", "value": text} in events
    assert events[-1] == {"event": "followup", "timestamp": None, "name": "report_form"}
    dispatcher = CollectingDispatcher()
    short = "what about the thing"
    assert await ActionRephrase().run(dispatcher, make_tracker(text=short), DOMAIN) == []
    assert responses(dispatcher) == ["utter_please_rephrase"]
