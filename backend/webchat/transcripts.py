"""What the web chat remembers of each conversation, so a reload shows it again (issue 15).

Keyed by the conversation id in the session cookie: never in the browser, never in the
database, never logged. Two stores behind one interface (`Transcripts`):

- `TranscriptStore`, the backend's own memory: for one backend process (REDIS_URL unset).
  Bounded three ways: turns per conversation, characters per turn and conversations held (the
  least recently used goes first).
- `RedisTranscripts` (shared_memory.py), when REDIS_URL is set (issue 14: several backends
  behind one address, so a resident's next request may reach another backend): kept in Redis
  with a TTL equal to the idle expiry, under the same bounds on turns and characters. The
  landlord's Redis must therefore not persist to disk (no RDB snapshots, no AOF) and must be
  reachable only from the backend's hosts: what residents typed stays in memory only, there
  as here.

A conversation idle for longer than `idle_seconds` (Rasa's own session expiry, bot/domain.yml)
is expired: its turns are dropped and the resident is told plainly. A conversation ended by
"Exit this page" or "Start again" is forgotten at once; its id is remembered (an id only) so a
later message with that cookie starts a fresh conversation.
"""

from __future__ import annotations

import time
from abc import ABC, abstractmethod
from collections import OrderedDict, deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

MAX_TEXT = 4000  # characters kept of one turn (bot summaries are the longest)
MAX_TURNS = 150  # turns kept of one conversation (the oldest go first)


class State(str, Enum):
    """Where a conversation id stands."""

    NEW = "new"  # no cookie: nothing to show
    ACTIVE = "active"  # known, not idle too long
    EXPIRED = "expired"  # idle too long, or not known to this backend (say so plainly)
    ENDED = "ended"  # ended by quick exit or start again: the next message starts afresh


class StoreUnavailable(Exception):
    """The shared store (Redis) could not be reached: the chat answers 503, as when Rasa is."""


# -- what a turn holds (both stores) ---------------------------------------------------------


def exchange_turns(said: str, replies: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One exchange as turns: the resident's words (as shown) and the assistant's replies, each
    cut to MAX_TEXT characters (buttons: at most 20, titles and payloads 200 characters)."""
    turns: list[dict[str, Any]] = [{"from": "resident", "text": said[:MAX_TEXT]}]
    for reply in replies:
        turn: dict[str, Any] = {"from": "assistant", "text": str(reply.get("text", ""))[:MAX_TEXT]}
        if reply.get("buttons"):
            turn["buttons"] = [
                {"title": str(b["title"])[:200], "payload": str(b["payload"])[:200]}
                for b in reply["buttons"][:20]
            ]
        if turn["text"] or "buttons" in turn:
            turns.append(turn)
    return turns


def button_title(turns: Iterable[dict[str, Any]], text: str) -> str:
    """A button's title when `text` is the payload of a button the assistant last offered
    (`turns` newest first), else the text itself."""
    for turn in turns:
        if turn["from"] == "resident":
            break
        for button in turn.get("buttons", []):
            if button["payload"] == text:
                return str(button["title"])
    return text


def shown_turns(turns: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Copies of `turns` (oldest first) with buttons only on the open question: the
    assistant's turns after the resident last spoke."""
    shown = [dict(turn) for turn in turns]
    answered = False
    for turn in reversed(shown):
        if turn["from"] == "resident":
            answered = True
        elif answered:
            turn.pop("buttons", None)
    return shown


# -- the interface ---------------------------------------------------------------------------


class Transcripts(ABC):
    """The web chat's memory of conversations (in this process, or shared through Redis)."""

    idle_seconds: float

    @abstractmethod
    async def state(self, sender: str | None) -> State:
        """NEW without an id; ENDED, ACTIVE or EXPIRED (idle too long, or unknown) with one."""

    @abstractmethod
    async def open(self, sender: str) -> None:
        """A conversation id was just issued: known from now, with no turns yet."""

    @abstractmethod
    async def end(self, sender: str | None) -> None:
        """Forget the conversation (quick exit, start again); its id can never come back."""

    @abstractmethod
    async def shown_as(self, sender: str, text: str) -> str:
        """What the resident saw themselves say: a button's title when `text` is the payload of
        a button the assistant last offered, else the text itself."""

    @abstractmethod
    async def record(self, sender: str, said: str, replies: list[dict[str, Any]]) -> None:
        """One exchange: the resident's words (as shown) and the assistant's replies."""

    @abstractmethod
    async def touch(self, sender: str) -> None:
        """The conversation was used: its idle time starts again."""

    @abstractmethod
    async def turns(self, sender: str) -> list[dict[str, Any]]:
        """The turns of an active conversation, oldest first (buttons only on the open
        question)."""


# -- in this process's memory ----------------------------------------------------------------


@dataclass
class Conversation:
    turns: deque[dict[str, Any]]
    last_seen: float


@dataclass
class TranscriptStore(Transcripts):
    """In-memory transcripts of web chat conversations (one backend process)."""

    max_conversations: int = 2000
    max_turns: int = MAX_TURNS
    idle_seconds: float = 3600.0
    clock: Callable[[], float] = time.monotonic
    _conversations: OrderedDict[str, Conversation] = field(default_factory=OrderedDict)
    _ended: OrderedDict[str, None] = field(default_factory=OrderedDict)

    async def state(self, sender: str | None) -> State:
        if sender is None:
            return State.NEW
        if sender in self._ended:
            return State.ENDED
        conversation = self._conversations.get(sender)
        if conversation is None:
            return State.EXPIRED
        if self.clock() - conversation.last_seen > self.idle_seconds:
            self._conversations.pop(sender, None)
            return State.EXPIRED
        return State.ACTIVE

    async def open(self, sender: str) -> None:
        self._open(sender)

    def _open(self, sender: str) -> Conversation:
        self._ended.pop(sender, None)
        conversation = Conversation(deque(maxlen=self.max_turns), self.clock())
        self._conversations[sender] = conversation
        self._conversations.move_to_end(sender)
        while len(self._conversations) > self.max_conversations:
            self._conversations.popitem(last=False)
        return conversation

    async def end(self, sender: str | None) -> None:
        if sender is None:
            return
        self._conversations.pop(sender, None)
        self._ended[sender] = None
        self._ended.move_to_end(sender)
        while len(self._ended) > self.max_conversations * 5:
            self._ended.popitem(last=False)

    async def shown_as(self, sender: str, text: str) -> str:
        conversation = self._conversations.get(sender)
        if conversation is None:
            return text
        return button_title(reversed(conversation.turns), text)

    async def record(self, sender: str, said: str, replies: list[dict[str, Any]]) -> None:
        conversation = self._conversations.get(sender) or self._open(sender)
        conversation.turns.extend(exchange_turns(said, replies))
        await self.touch(sender)

    async def touch(self, sender: str) -> None:
        conversation = self._conversations.get(sender)
        if conversation is not None:
            conversation.last_seen = self.clock()
            self._conversations.move_to_end(sender)

    async def turns(self, sender: str) -> list[dict[str, Any]]:
        conversation = self._conversations.get(sender)
        if conversation is None:
            return []
        return shown_turns(conversation.turns)
