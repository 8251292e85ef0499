"""The Rasa server's turns taken in the order their messages arrived (issue 14).

12. Turns in arrival order. Rasa starts every message's turn at once and interleaves them all
at each of their awaits (the calls to the action server): with 20 residents talking, each
turn waits behind every other turn's work again after each call, so a turn that calls the
action server twice (a report's first message) waited twice as long as one that calls it once,
and the slowest replies were twice the median (bench/load.py, c=20). Here at most `slots`
turns are at work at once (`ASB_RASA_TURNS_AT_ONCE`, default 4; 0 turns the gate off) and the
others wait their turn in the order they arrived: every reply waits about as long as the
others, and the slowest wait less. A place is handed directly to the longest waiter, so a
newcomer never takes it first.

A turn waits for its conversation's lock before it queues here (the gate is around
`MessageProcessor.handle_message`, inside `Agent.handle_message`'s lock), so it never holds a
place while another turn of its conversation runs. A turn that has held its place for
`HOLD_SECONDS` (an action server slow to answer) gives it up to the next one and finishes
outside the gate: one slow call never holds everyone up. Nothing is refused and the answers
are Rasa's own: only the order in which turns get the processor changes.
"""

from __future__ import annotations

import asyncio
import functools
import weakref
from collections import deque
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any, TypeVar

HOLD_SECONDS = 2.0  # a turn takes 20-50 ms of work here; one held this long is waiting on a call

Result = TypeVar("Result")


class TurnGate:
    """At most `slots` holders at once; the others wait first come, first served. A holder
    gives its place up when it leaves or after `hold_seconds`, whichever comes first."""

    def __init__(self, slots: int, hold_seconds: float = HOLD_SECONDS) -> None:
        if slots < 1:
            raise ValueError("a gate needs at least one place")
        self.free = slots
        self.hold_seconds = hold_seconds
        self._waiting: deque[asyncio.Future[None]] = deque()

    @property
    def waiting(self) -> int:
        return sum(1 for future in self._waiting if not future.done())

    async def _enter(self) -> None:
        if self.free > 0 and not self._waiting:
            self.free -= 1
            return
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._waiting.append(future)
        try:
            await future
        except asyncio.CancelledError:
            if future.done() and not future.cancelled():
                self._hand_on()  # it was given a place it will not use
            raise

    def _hand_on(self) -> None:
        """A place freed: straight to the longest waiter, else back to the free ones."""
        while self._waiting:
            future = self._waiting.popleft()
            if not future.done():
                future.set_result(None)
                return
        self.free += 1

    @asynccontextmanager
    async def place(self) -> AsyncIterator[None]:
        await self._enter()
        given_up = False

        def give_up() -> None:
            nonlocal given_up
            if not given_up:
                given_up = True
                self._hand_on()

        timer = asyncio.get_running_loop().call_later(self.hold_seconds, give_up)
        try:
            yield
        finally:
            timer.cancel()
            give_up()


def gated(
    handle: Callable[..., Awaitable[Result]], slots: int, hold_seconds: float = HOLD_SECONDS
) -> Callable[..., Awaitable[Result]]:
    """`handle` run through one `TurnGate` per event loop."""
    gates: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()

    @functools.wraps(handle)
    async def handle_in_turn(*args: Any, **kwargs: Any) -> Result:
        loop = asyncio.get_running_loop()
        gate = gates.get(loop)
        if gate is None:
            gate = gates[loop] = TurnGate(slots, hold_seconds)
        async with gate.place():
            return await handle(*args, **kwargs)

    return handle_in_turn


def install(slots: int) -> None:
    """Item 12 in the Rasa server: its message turns through the gate (none when `slots` is 0)."""
    from rasa.core.processor import MessageProcessor

    handle = MessageProcessor.handle_message
    handle = getattr(handle, "__wrapped__", handle)  # installed twice: one gate, not two
    MessageProcessor.handle_message = gated(handle, slots) if slots > 0 else handle
