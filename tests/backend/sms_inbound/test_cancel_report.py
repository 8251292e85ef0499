"""Cancelling a report by text without opting out of texts.

Twilio opts a number out when a text is only "stop" or "cancel" (and six other words), and after
that no text reaches it, updates about the resident's case included. So by SMS the assistant
offers "cancel report", which reaches it through /api/sms/inbound like any other text. Here the
assistant's own code answers in-process, as the Rasa server and action server would: the
command read from the words (`bot.routing.decide`), the cancel actions, the replies rendered by
the NLG endpoint for SMS (`bot.nlg.render`), and the backend shapes them into texts. The whole
conversation through the real Rasa server is tests/e2e/test_sms.py.
"""

from __future__ import annotations

import asyncio
from typing import Any

from rasa.core.channels.channel import UserMessage
from rasa_sdk import Action
from rasa_sdk.executor import CollectingDispatcher

from backend.sms_outbound.opt_outs import SmsOptOut
from bot import nlg
from bot.actions.report import ActionAskCancel, ActionCancelReport
from bot.routing import decide
from tests.backend.sms_inbound.two_way_world import RESIDENT, World, make_case, update
from tests.bot.actions.helpers import DOMAIN, make_tracker

CANCELLED = (
    "OK, I have cancelled the report. Nothing has been sent. If you need us again, just send a "
    "message. If anyone is in danger, call 999."
)


class InProcessAssistant:
    """The assistant's cancel path for one resident whose report is in progress."""

    def __init__(self, world: World) -> None:
        self.world = world
        self.slots: dict[str, Any] = {
            "description": "Loud music from the flat above every night",
            "location": "Flat 3, 1 Example Road",
            "category": "noise",
        }
        self.heard: list[str] = []

    def intent(self, text: str) -> str:
        if text.startswith("/"):
            return text[1:]
        # As if the trained classifier were unsure: the command layer decides.
        decided, _confidence = decide(text, "nlu_fallback", 0.0)
        return decided or "nlu_fallback"

    async def __call__(self, message: UserMessage) -> None:
        self.heard.append(message.text)
        intent = self.intent(message.text)
        action: Action | None = None
        if intent == "cancel":
            action = ActionAskCancel()
        elif intent == "affirm" and self.slots.get("stage") == "cancel":
            action = ActionCancelReport()
        if action is None:
            await message.output_channel.send_text_message(message.sender_id, "Go on.")
            return
        tracker = make_tracker(self.slots, text=message.text, intent=intent, input_channel="sms")
        dispatcher = CollectingDispatcher()
        for event in await action.run(dispatcher, tracker, DOMAIN):
            if event["event"] == "slot":
                self.slots[event["name"]] = event["value"]
        for said in dispatcher.messages:
            await self.reply(message, said["response"])

    async def reply(self, message: UserMessage, response: str) -> None:
        rendered = nlg.render(
            response,
            {},
            {"slots": self.slots, "latest_message": {}, "latest_input_channel": "sms"},
            "sms",
            self.world.settings,
        )
        if rendered.get("buttons"):
            await message.output_channel.send_text_with_buttons(
                message.sender_id, rendered["text"], rendered["buttons"]
            )
        else:
            await message.output_channel.send_text_message(message.sender_id, rendered["text"])


async def texts_after(world: World, body: str) -> list[str]:
    before = len(world.sent_to())
    await world.text(body)
    await world.send_all()
    return world.sent_to()[before:]


async def test_cancel_report_cancels_and_the_case_updates_still_come(world: World) -> None:
    case_id = make_case(world.session_factory)  # an earlier report, still open
    assistant = InProcessAssistant(world)
    world.channel_bot = assistant

    assert await texts_after(world, "Cancel report") == [CANCELLED]
    assert assistant.heard == ["Cancel report"]
    assert assistant.slots["description"] is None  # the report in progress is gone

    assert await asyncio.to_thread(world.count, SmsOptOut) == 0
    assert RESIDENT not in world.standin.faults.unsubscribed
    assert update(world, case_id, "status", status="in_progress") is not None
    await world.send_all()
    assert "we are working on it" in world.sent_to()[-1]


async def test_never_mind_asks_and_a_number_confirms(world: World) -> None:
    assistant = InProcessAssistant(world)
    world.channel_bot = assistant

    [asked] = await texts_after(world, "never mind")
    assert asked == (
        "Do you want to cancel this report? Nothing will be sent.\n"
        "Reply 1 for Yes, cancel the report, 2 for No, carry on."
    )
    assert await texts_after(world, "1") == [CANCELLED]
    assert assistant.heard == ["never mind", "/affirm"]
    assert await asyncio.to_thread(world.count, SmsOptOut) == 0


async def test_cancel_alone_opts_out_before_the_assistant_hears_it(world: World) -> None:
    """Why the assistant never offers "cancel" by SMS: Twilio (here the stand-in) and the
    backend act on it, the report is left as it was and nothing more reaches the resident."""
    case_id = make_case(world.session_factory)
    assistant = InProcessAssistant(world)
    world.channel_bot = assistant

    assert await texts_after(world, "cancel") == []
    assert assistant.heard == []
    assert RESIDENT in world.standin.faults.unsubscribed
    assert update(world, case_id, "status", status="in_progress") is None
