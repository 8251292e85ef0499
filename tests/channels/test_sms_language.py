"""Issue 16: the SMS channel carries the number's language both ways: the language the backend
remembers for the number goes to the bot as metadata, and the language the conversation uses
after the turn (the `language` slot a resident set by text) goes with the replies, so they are
shaped in it and the backend remembers it. Fictional data only."""

from __future__ import annotations

from typing import Any

from rasa.core.channels.channel import UserMessage
from rasa.shared.core.events import SlotSet
from rasa.shared.core.trackers import DialogueStateTracker

from channels.sms import SmsInput, conversation_language
from tests.channels.test_sms import RESIDENT, SID, TOKEN, URL, signed


class Backend:
    def __init__(self, language: str | None) -> None:
        self.language = language
        self.posts: list[tuple[str, dict[str, Any]]] = []

    async def __call__(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        self.posts.append((path, body))
        if not path.endswith("inbound"):
            return {}
        answer = {"action": "assistant", "text": body["body"]}
        if self.language:
            answer["language"] = self.language
        return answer


class Store:
    """Rasa's tracker store as the channel reads it after a turn."""

    def __init__(self, slot: str | None, fails: bool = False) -> None:
        self.slot, self.fails = slot, fails

    async def retrieve(self, conversation_id: str) -> DialogueStateTracker | None:
        if self.fails:
            raise ConnectionError("store down")
        tracker = DialogueStateTracker(conversation_id, slots=None)
        if self.slot:
            tracker.update(SlotSet("language", self.slot))
        return tracker


class Agent:
    def __init__(self, store: Store | None) -> None:
        self.tracker_store = store


async def turn(body: str, remembered: str | None, agent: Any) -> tuple[UserMessage, Backend]:
    channel = SmsInput(URL, TOKEN, "http://127.0.0.1:9", "ingest-secret", retry_delays=())
    backend = Backend(remembered)
    channel._post = backend
    received: list[UserMessage] = []

    async def bot(message: UserMessage) -> None:
        received.append(message)
        await message.output_channel.send_text_message(message.sender_id, "Diolch")

    form = {"MessageSid": SID, "From": RESIDENT, "Body": body, "NumMedia": "0"}
    status, _ = await channel.handle_webhook(form, "", signed(form), bot, agent)
    await channel.drain()
    assert status == 200
    [message] = received
    return message, backend


async def test_the_numbers_remembered_language_goes_to_the_bot() -> None:
    message, backend = await turn("Mae cerddoriaeth uchel", "cy", Agent(Store(None)))
    assert message.metadata["language"] == "cy"
    path, outbound = backend.posts[-1]
    assert path.endswith("outbound") and outbound["language"] == "cy"


async def test_a_language_chosen_in_the_turn_goes_with_its_replies() -> None:
    message, backend = await turn("2", None, Agent(Store("pl")))
    assert "language" not in message.metadata
    assert backend.posts[-1][1]["language"] == "pl"


async def test_a_new_number_without_a_choice_sends_no_language() -> None:
    _message, backend = await turn("hello", None, Agent(Store(None)))
    assert "language" not in backend.posts[-1][1]


async def test_replies_still_go_when_the_store_cannot_be_read() -> None:
    _message, backend = await turn("hello", "ur", Agent(Store(None, fails=True)))
    assert backend.posts[-1][1]["language"] == "ur"
    assert await conversation_language(None, "sms:x") is None
