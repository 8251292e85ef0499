"""A report that listens: what a first message already says is not asked again (issue 12).

The rules (bot/actions/listening.py) on fictional openings, then the report form the rasa-sdk
way: a description that says where, when and how often leaves only the missing questions, and
answers that say more than asked fill the questions they answer."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

import pytest
from rasa_sdk.executor import CollectingDispatcher

from bot.actions.forms import ValidateReportForm
from bot.actions.listening import heard_in, known_from, last_time_in
from bot.actions.submit import build_payload
from bot.constants import FORM_SLOTS
from core.settings import Settings
from tests.bot.actions.helpers import DOMAIN, FILLED, make_tracker, validate

NOW = datetime(2026, 11, 21, 2, 0, tzinfo=timezone.utc)

OPENING = (
    "the man in flat 6, 12 Elm Court plays loud music every night until 3am, it's been three weeks"
)


def test_an_opening_with_where_how_often_who_and_since_when_is_read() -> None:
    assert heard_in(OPENING) == {
        "location": "flat 6, 12 Elm Court",
        "started_when": "it's been three weeks",
        "frequency": "daily",
        "people_involved": "the man in flat 6, 12 Elm Court",
        "people_known": "known",
    }


@pytest.mark.parametrize(
    "text,place",
    [
        ("cars parked on the grass outside 7 Birch Close every weekend", "outside 7 Birch Close"),
        (
            "rubbish dumped in the car park of Oakhurst House again",
            "in the car park of Oakhurst House",
        ),
        (
            "kids smoking weed in the stairwell at flat 9, Kestrel House",
            "in the stairwell at flat 9, Kestrel House",
        ),
        ("dog mess all over 14a larchmere rd most days", "14a larchmere rd"),
        ("noise from my neighbours near ZZ99 3CD", "ZZ99 3CD"),
    ],
)
def test_a_clear_place_is_heard(text: str, place: str) -> None:
    assert heard_in(text)["location"] == place


@pytest.mark.parametrize(
    "text",
    [
        "loud music from upstairs 3 times a week",  # no address: the form asks where
        "they shout at my house and in the park",  # "my house", "the park": not a place to visit
        "it went on for 2 weeks at about 11pm",  # numbers that are not house numbers
    ],
)
def test_no_place_is_guessed(text: str) -> None:
    assert "location" not in heard_in(text)


@pytest.mark.parametrize(
    "text,frequency",
    [
        ("shouting every night", "daily"),
        ("parties most weekends", "most_weeks"),
        ("bikes on the path 3 times a week", "most_days"),
        ("fly-tipping about once a month", "most_months"),
        ("it happens now and then", "occasionally"),
        ("it started a week ago", None),  # "a week" here is not how often
        ("once I asked them to stop they swore at me", None),
    ],
)
def test_how_often_only_from_clear_words(text: str, frequency: str | None) -> None:
    assert heard_in(text).get("frequency") == frequency


@pytest.mark.parametrize(
    "text,slots",
    [
        ("it's going on right now, loud bass", {"happening_now": True}),
        (
            "not happening now but it was last night at 11pm",
            {"happening_now": False, "happened_when": "last night at 11pm"},
        ),
        (
            "they were at it yesterday evening about 9pm",
            {"happened_when": "yesterday evening about 9pm"},
        ),
        (
            "it has been going on for two months",
            {"started_when": "it has been going on for two months"},
        ),
        ("since they moved in in May", {"started_when": "since they moved in in May"}),
    ],
)
def test_when_and_now_are_heard(text: str, slots: dict[str, Any]) -> None:
    heard = heard_in(text)
    assert {key: heard.get(key) for key in slots} == slots


@pytest.mark.parametrize(
    "text,who,known",
    [
        ("a group of teenagers hang about by the bins", "a group of teenagers", None),
        (
            "my neighbour at number 4 lets his dog foul the path",
            "my neighbour at number 4",
            "known",
        ),
        ("the family upstairs slam doors all night", "the family upstairs", "known"),
        ("some lads I don't know them keep revving bikes", "some lads", "no"),
    ],
)
def test_who_and_whether_they_are_known(text: str, who: str, known: str | None) -> None:
    heard = heard_in(text)
    assert heard.get("people_involved") == who
    assert heard.get("people_known") == known


def test_the_people_affected_are_not_taken_for_who_does_it() -> None:
    assert "people_involved" not in heard_in("the music is affecting the people in my block")


def test_answers_that_say_more_are_read_too() -> None:
    assert last_time_in("No, it was last night about 11pm") == "last night about 11pm"
    assert last_time_in("No") is None
    assert known_from("my ex-partner") == "well"
    assert known_from("the man at number 12") == "known"
    assert known_from("strangers, never seen them before") == "no"
    assert known_from("some lads") is None


# -- the form ------------------------------------------------------------------------------------


async def asked_after(slots: dict[str, Any]) -> list[str]:
    """The questions still to ask, in order, once `slots` are filled."""
    tracker = make_tracker(slots)
    required = await ValidateReportForm().required_slots(
        list(FORM_SLOTS), CollectingDispatcher(), tracker, DOMAIN
    )
    return [slot for slot in required if slots.get(slot) is None]


async def test_a_description_that_says_it_all_fills_those_questions() -> None:
    values, said, _ = await validate({"description": OPENING}, text=OPENING, intent="asb_noise")
    assert values["location"] == "flat 6, 12 Elm Court"
    assert values["frequency"] == "daily"
    assert values["started_when"] == "it's been three weeks"
    assert values["people_involved"] == "the man in flat 6, 12 Elm Court"
    assert values["people_known"] == "known"
    assert "utter_danger_call_999" not in said
    still_asked = await asked_after(values | {"category": "noise"})
    for answered in ("location", "frequency", "started_when", "people_involved", "people_known"):
        assert answered not in still_asked
    assert "happening_now" in still_asked and "witnesses" in still_asked


async def test_an_earlier_answer_is_never_overwritten_by_what_is_heard() -> None:
    values, _, _ = await validate(
        {"description": OPENING}, slots={"location": "Flat 2, 8 Example Road"}, text=OPENING
    )
    assert "location" not in values  # the resident's own answer stands


async def test_no_or_a_time_to_happening_now_also_answers_when_it_last_happened() -> None:
    answer = "No, it was last night about 11pm"
    values, _, _ = await validate({"happening_now": answer}, text=answer, intent="deny")
    assert values["happening_now"] is False
    assert values["happened_when"] == "last night about 11pm"
    answer = "yesterday evening"
    values, said, _ = await validate({"happening_now": answer}, text=answer)
    assert values["happening_now"] is False and values["happened_when"] == "yesterday evening"
    assert "utter_please_yes_no" not in said


async def test_who_is_asked_first_and_answers_whether_they_are_known() -> None:
    asked = await asked_after({})
    assert asked.index("people_involved") < asked.index("people_known")
    answer = "my neighbour at number 4"
    values, _, _ = await validate({"people_involved": answer}, text=answer)
    assert values["people_involved"] == answer and values["people_known"] == "known"


async def test_an_anonymous_report_skips_sharing_and_equality_questions() -> None:
    asked = await asked_after({"anonymous": "yes"})
    assert "consent_to_share" not in asked and "equality_start" not in asked
    asked = await asked_after({"anonymous": "no"})
    assert "consent_to_share" in asked and "equality_start" in asked


async def test_who_else_saw_it_is_asked_only_when_someone_did() -> None:
    values, _, _ = await validate({"evidence": "None of these"}, text="None of these")
    assert values["evidence"] == ["none"] and values["witnesses"] == "none"
    assert "witnesses" not in await asked_after({"evidence": ["photos"]})
    answer = "my neighbour saw it too and I have photos"
    values, _, _ = await validate({"evidence": answer}, text=answer)
    assert values["evidence"] == ["witness", "photos"] and values.get("witnesses") is None
    asked = await asked_after({"evidence": ["witness", "photos"]})
    assert asked.index("evidence_consent") < asked.index("witnesses")  # the court notice first


def test_someone_who_saw_it_is_not_sent_as_something_held(settings: Settings) -> None:
    tracker = make_tracker({**FILLED, "evidence": ["witness"], "witnesses": "my neighbour"})
    details = build_payload(tracker, "rid-witness", NOW, settings)["details"]
    assert details["evidence"] == ["none"] and details["witnesses"] == "my neighbour"


@pytest.mark.parametrize(
    ("text", "slots"),
    [
        (
            "next door are drilling and hammering at 2am most nights, last night again",
            {"location": None, "people_involved": "next door"},
        ),
        ("they swear at me in the corridor pretty much every day", {"location": None}),
        (
            "lads hang round outside the shops on Kingsway blocking the path",
            {"location": "outside the shops on Kingsway"},
        ),
        ("loud bass from no 4 every wknd til 4am since xmas", {"frequency": "most_weeks"}),
        ("the flat above me (flat 22) plays music", {"location": None}),
        ("lads sit on the stairs of Elm Tower", {"location": "on the stairs of Elm Tower"}),
        ("it started a couple of months back", {"started_when": "started a couple of months back"}),
        (
            "started back in the autumn, last time was friday just gone",
            {
                "started_when": "started back in the autumn",
                "happened_when": "friday just gone",
            },
        ),
        ("been going on since the new year", {"started_when": "since the new year"}),
        ("it's happened 3 times since early may", {"started_when": "since early may"}),
        (
            "I want to report the man at number 7 who shouts at me",
            {"people_involved": "the man at number 7"},
        ),
    ],
)
def test_places_homes_and_times_said_without_an_address(text: str, slots: dict[str, Any]) -> None:
    heard = heard_in(text)
    assert {name: heard.get(name) for name in slots} == slots
