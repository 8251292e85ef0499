"""Answer words the catalogs ask for, in the report's and the returning resident's questions:
"same" ("yr un fath", "ten sam", "o mesmo"...) as the reporter's postcode takes the address of
the problem, and "text me a code" ("Wyślij mi kod", "anfonwch god ata i"...) asks the backend
for a code, as the English words do (core/command_words.py). Data is fictional."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from rasa_sdk.executor import CollectingDispatcher

from bot.actions.returning import USE_CODE, ValidateReturningForms
from core.command_words import COMMAND_WORDS
from core.settings import Settings
from tests.bot.actions.helpers import DOMAIN, bot_settings, validate
from tests.bot.actions.test_returning import OPEN, FakeResidents, names, tracker
from tests.system import free_port

WHERE = "outside 12 Example Road, ZZ99 1AA"


def phrases(command: str) -> list[str]:
    return [p for table in COMMAND_WORDS.values() for p in table.get(command, ())]


@pytest.mark.parametrize("typed", ["same", *phrases("same")])
async def test_same_as_the_postcode_takes_the_address_of_the_problem(typed: str) -> None:
    values, _, _ = await validate({"reporter_postcode": typed}, {"location": WHERE}, text=typed)
    assert values["reporter_postcode"] == "ZZ99 1AA", typed


@pytest.fixture
def port() -> int:
    return free_port()


@pytest.fixture
def settings(tmp_path: Path, port: int) -> Iterator[Settings]:
    with bot_settings(tmp_path, port) as value:
        yield value


@pytest.fixture
async def backend(port: int, settings: Settings) -> AsyncIterator[FakeResidents]:
    fake = FakeResidents(port)
    await fake.start()
    yield fake
    await fake.stop()


@pytest.mark.parametrize("typed", phrases("text me a code"))
async def test_text_me_a_code_in_each_language_asks_for_one(
    typed: str, backend: FakeResidents
) -> None:
    dispatcher = CollectingDispatcher()
    made = tracker({"case_reference": OPEN}, "webchat")
    result = await ValidateReturningForms().validate_case_postcode(
        typed.upper(), dispatcher, made, DOMAIN
    )
    assert result == {"case_postcode": USE_CODE}, typed
    assert names(dispatcher.messages) == ["utter_code_requested"]
    assert backend.calls == [("/api/residents/verification-codes", {"reference": OPEN})]
