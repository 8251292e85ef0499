"""A message's NLU run on a thread of its own (ops/rasa_speedups/nlu_thread.py): Rasa's own
parses, the event loop free meanwhile, and a failing component failing the parse as before."""

from __future__ import annotations

import asyncio
import threading

import pytest

from ops.rasa_speedups import nlu_thread

TEXTS = [
    "the people upstairs play loud music every night until 3am",
    "yes",
    "my neighbour is threatening me with a knife right now",
    "mae'r cymdogion yn gweiddi bob nos",  # Welsh: the multilingual classifier's way
    "/restart",  # an intent given directly
]


def _parses(classifier) -> list[dict]:
    from rasa.core.channels.channel import UserMessage

    processor = classifier._agent.processor
    return [
        classifier._loop.run_until_complete(processor.parse_message(UserMessage(text)))
        for text in TEXTS
    ]


def test_the_parses_are_rasas(monkeypatch, classifier):
    from rasa.core.processor import MessageProcessor

    assert MessageProcessor.parse_message is nlu_thread.parse_message
    on_the_thread = _parses(classifier)
    monkeypatch.setattr(MessageProcessor, "parse_message", nlu_thread._rasas_parse_message)
    assert on_the_thread == _parses(classifier)
    assert {parse["intent"]["name"] for parse in on_the_thread} >= {"emergency", "restart"}


def test_other_turns_go_on_while_a_message_is_parsed(monkeypatch, classifier, diet_node):
    """The pipeline waits, inside DIET, for a coroutine on the event loop: on the loop's own
    thread (Rasa's way) it would wait for ever, and the parse fails after a few seconds."""
    from rasa.core.channels.channel import UserMessage

    process = diet_node._fn
    loop_went_on = threading.Event()
    pipeline_threads = []

    def waiting_process(self, messages):
        pipeline_threads.append(threading.current_thread().name)
        if not loop_went_on.wait(timeout=5):
            raise RuntimeError("the event loop stood still while the message was parsed")
        return process(self, messages)

    monkeypatch.setattr(diet_node, "_fn", waiting_process)

    async def another_turn() -> None:
        await asyncio.sleep(0.05)
        loop_went_on.set()

    async def both() -> list:
        processor = classifier._agent.processor
        return await asyncio.gather(
            processor.parse_message(UserMessage("loud music every night")), another_turn()
        )

    parse, _ = classifier._loop.run_until_complete(both())
    assert parse["text"] == "loud music every night"
    assert parse["intent"]["name"]
    assert pipeline_threads == [pipeline_threads[0]]
    assert pipeline_threads[0] != threading.current_thread().name


def test_a_failing_component_fails_the_parse_as_before(monkeypatch, classifier, diet_node):
    from rasa.core.channels.channel import UserMessage
    from rasa.core.processor import MessageProcessor
    from rasa.engine.exceptions import GraphComponentException

    def broken(self, messages):
        raise ValueError("a broken component")

    monkeypatch.setattr(diet_node, "_fn", broken)
    processor = classifier._agent.processor
    for parse_message in (nlu_thread.parse_message, nlu_thread._rasas_parse_message):
        monkeypatch.setattr(MessageProcessor, "parse_message", parse_message)
        with pytest.raises(GraphComponentException, match="DIETClassifier") as raised:
            classifier._loop.run_until_complete(processor.parse_message(UserMessage("noise")))
        assert str(raised.value.__cause__) == "a broken component"
