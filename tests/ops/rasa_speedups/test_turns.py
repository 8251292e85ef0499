"""Item 12 (ops/rasa_speedups/turns.py): the Rasa server's turns taken a few at a time, in the
order their messages arrived; a turn stuck on a slow call lets the others on."""

from __future__ import annotations

import asyncio

import pytest

from core.settings import Settings
from ops.rasa_speedups import turns
from ops.rasa_speedups.turns import TurnGate, gated


class Turns:
    """Turns that record when they start and finish, each awaiting like a call to the action
    server (`steps` times) between its pieces of work."""

    def __init__(self) -> None:
        self.log: list[str] = []
        self.at_work = 0
        self.most_at_work = 0

    async def turn(self, name: str, steps: int = 3, pause: float = 0.0) -> str:
        self.at_work += 1
        self.most_at_work = max(self.most_at_work, self.at_work)
        self.log.append(f"start {name}")
        try:
            for _ in range(steps):
                await asyncio.sleep(pause)
        finally:
            self.at_work -= 1
        self.log.append(f"end {name}")
        return f"reply to {name}"


async def arrive_in_order(handle, names: list[str], **kwargs) -> list[str]:
    """Each name's turn started a moment after the previous one (the messages' arrival)."""
    tasks = []
    for name in names:
        tasks.append(asyncio.create_task(handle(name, **kwargs)))
        await asyncio.sleep(0)  # this one has arrived (and queued) before the next
    return await asyncio.gather(*tasks)


def test_one_turn_at_a_time_each_finishing_before_the_next_starts() -> None:
    turns_ = Turns()
    handle = gated(turns_.turn, slots=1)
    replies = asyncio.run(arrive_in_order(handle, ["a", "b", "c", "d"], steps=6))
    assert replies == ["reply to a", "reply to b", "reply to c", "reply to d"]
    assert turns_.log == ["start a", "end a", "start b", "end b", "start c", "end c"] + [
        "start d",
        "end d",
    ]


def test_without_the_gate_every_turn_waits_behind_all_the_others() -> None:
    """What the gate changes: Rasa's own way interleaves all turns, so the first message's
    reply comes only after every other turn has started."""
    turns_ = Turns()
    asyncio.run(arrive_in_order(turns_.turn, ["a", "b", "c", "d"], steps=6))
    assert turns_.log.index("end a") > turns_.log.index("start d")
    assert turns_.most_at_work == 4


def test_two_places_at_most_two_turns_at_work_and_replies_in_arrival_order() -> None:
    turns_ = Turns()
    handle = gated(turns_.turn, slots=2)
    asyncio.run(arrive_in_order(handle, [f"t{n}" for n in range(8)]))
    assert turns_.most_at_work == 2
    starts = [line for line in turns_.log if line.startswith("start")]
    assert starts == [f"start t{n}" for n in range(8)]


def test_a_freed_place_goes_to_the_longest_waiter_not_to_a_newcomer() -> None:
    async def scenario() -> list[str]:
        gate = TurnGate(1)
        order: list[str] = []

        async def holder(name: str, hold: asyncio.Event | None = None) -> None:
            async with gate.place():
                order.append(name)
                if hold is not None:
                    await hold.wait()

        release_first = asyncio.Event()
        first = asyncio.create_task(holder("first", release_first))
        await asyncio.sleep(0)
        waiter = asyncio.create_task(holder("waiter"))
        await asyncio.sleep(0)
        assert gate.waiting == 1
        release_first.set()
        await asyncio.sleep(0)  # the first leaves: its place is handed to the waiter ...
        newcomer = asyncio.create_task(holder("newcomer"))  # ... before it even runs
        await asyncio.gather(first, waiter, newcomer)
        return order

    assert asyncio.run(scenario()) == ["first", "waiter", "newcomer"]


def test_a_turn_held_up_by_a_slow_call_lets_the_next_one_on() -> None:
    turns_ = Turns()
    handle = gated(turns_.turn, slots=1, hold_seconds=0.05)

    async def scenario() -> None:
        slow = asyncio.create_task(handle("slow", steps=1, pause=1.0))
        await asyncio.sleep(0)
        quick = asyncio.create_task(handle("quick", steps=1))
        assert await asyncio.wait_for(quick, timeout=0.5) == "reply to quick"
        assert not slow.done()
        assert await slow == "reply to slow"

    asyncio.run(scenario())
    assert turns_.log == ["start slow", "start quick", "end quick", "end slow"]


def test_a_turn_that_fails_gives_its_place_back() -> None:
    async def failing(name: str) -> str:
        raise RuntimeError(f"{name} failed")

    turns_ = Turns()

    async def handle(name: str) -> str:
        return await (failing(name) if name == "bad" else turns_.turn(name))

    gate_handle = gated(handle, slots=1)

    async def scenario() -> list:
        return await asyncio.gather(gate_handle("bad"), gate_handle("good"), return_exceptions=True)

    bad, good = asyncio.run(scenario())
    assert isinstance(bad, RuntimeError)
    assert good == "reply to good"


def test_a_waiter_that_gives_up_does_not_lose_the_place() -> None:
    async def scenario() -> str:
        gate = TurnGate(1)
        holding = asyncio.Event()
        release = asyncio.Event()

        async def holder() -> None:
            async with gate.place():
                holding.set()
                await release.wait()

        async def later() -> str:
            async with gate.place():
                return "served"

        first = asyncio.create_task(holder())
        await holding.wait()
        impatient = asyncio.create_task(later())
        await asyncio.sleep(0)
        impatient.cancel()  # a resident's request dropped while queued
        release.set()
        await first
        with pytest.raises(asyncio.CancelledError):
            await impatient
        return await asyncio.wait_for(later(), timeout=1.0)

    assert asyncio.run(scenario()) == "served"


def test_a_gate_needs_a_place() -> None:
    with pytest.raises(ValueError):
        TurnGate(0)


def test_installed_around_rasas_message_turn_once(monkeypatch: pytest.MonkeyPatch) -> None:
    from rasa.core.processor import MessageProcessor

    rasas = getattr(MessageProcessor.handle_message, "__wrapped__", None)
    rasas = rasas or MessageProcessor.handle_message
    monkeypatch.setattr(MessageProcessor, "handle_message", rasas)
    turns.install(2)
    turns.install(2)  # the server and a test may both install: still one gate
    assert MessageProcessor.handle_message.__wrapped__ is rasas
    turns.install(0)
    assert MessageProcessor.handle_message is rasas


def test_the_setting_defaults_to_two_and_refuses_a_negative(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("ASB_RASA_TURNS_AT_ONCE", raising=False)
    assert Settings.from_env().rasa_turns_at_once == 4
    monkeypatch.setenv("ASB_RASA_TURNS_AT_ONCE", "0")
    assert Settings.from_env().rasa_turns_at_once == 0
    monkeypatch.setenv("ASB_RASA_TURNS_AT_ONCE", "-1")
    with pytest.raises(ValueError, match="ASB_RASA_TURNS_AT_ONCE must be 0 or more"):
        Settings.from_env()
