"""What the web chat remembers of each conversation, so a reload shows it again (issue 15).

Kept in the backend's memory only, keyed by the conversation id in the session cookie: never in
the browser, never in the database, never logged. Bounded three ways: turns per conversation,
characters per turn and conversations held (the least recently used goes first). A conversation
idle for longer than `idle_seconds` (Rasa's own session expiry, bot/domain.yml) is expired: its
turns are dropped and the resident is told plainly. A conversation ended by "Exit this page" or
"Start again" is forgotten at once; its id is remembered (an id only) so a later message with
that cookie starts a fresh conversation.
"""

from __future__ import annotations

import time
from collections import OrderedDict, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

MAX_TEXT = 4000  # characters kept of one turn (bot summaries are the longest)


class State(str, Enum):
    """Where a conversation id stands."""

    NEW = "new"  # no cookie: nothing to show
    ACTIVE = "active"  # known, not idle too long
    EXPIRED = "expired"  # idle too long, or not known to this backend (say so plainly)
    ENDED = "ended"  # ended by quick exit or start again: the next message starts afresh


@dataclass
class Conversation:
    turns: deque[dict[str, Any]]
    last_seen: float


@dataclass
class TranscriptStore:
    """In-memory transcripts of web chat conversations (one backend process)."""

    max_conversations: int = 2000
    max_turns: int = 150
    idle_seconds: float = 3600.0
    clock: Callable[[], float] = time.monotonic
    _conversations: OrderedDict[str, Conversation] = field(default_factory=OrderedDict)
    _ended: OrderedDict[str, None] = field(default_factory=OrderedDict)

    def state(self, sender: str | None) -> State:
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

    def open(self, sender: str) -> None:
        """A conversation id was just issued: known from now, with no turns yet."""
        self._ended.pop(sender, None)
        self._conversations[sender] = Conversation(deque(maxlen=self.max_turns), self.clock())
        self._conversations.move_to_end(sender)
        while len(self._conversations) > self.max_conversations:
            self._conversations.popitem(last=False)

    def end(self, sender: str | None) -> None:
        """Forget the conversation (quick exit, start again); its id can never come back."""
        if sender is None:
            return
        self._conversations.pop(sender, None)
        self._ended[sender] = None
        self._ended.move_to_end(sender)
        while len(self._ended) > self.max_conversations * 5:
            self._ended.popitem(last=False)

    def shown_as(self, sender: str, text: str) -> str:
        """What the resident saw themselves say: a button's title when `text` is the payload of
        a button the assistant last offered, else the text itself."""
        conversation = self._conversations.get(sender)
        if conversation is None:
            return text
        for turn in reversed(conversation.turns):
            if turn["from"] == "resident":
                break
            for button in turn.get("buttons", []):
                if button["payload"] == text:
                    return str(button["title"])
        return text

    def record(self, sender: str, said: str, replies: list[dict[str, Any]]) -> None:
        """One exchange: the resident's words (as shown) and the assistant's replies."""
        conversation = self._conversations.get(sender)
        if conversation is None:
            self.open(sender)
            conversation = self._conversations[sender]
        conversation.turns.append({"from": "resident", "text": said[:MAX_TEXT]})
        for reply in replies:
            turn: dict[str, Any] = {"from": "assistant", "text": str(reply.get("text", ""))}
            turn["text"] = turn["text"][:MAX_TEXT]
            if reply.get("buttons"):
                turn["buttons"] = [
                    {"title": str(b["title"])[:200], "payload": str(b["payload"])[:200]}
                    for b in reply["buttons"][:20]
                ]
            if turn["text"] or "buttons" in turn:
                conversation.turns.append(turn)
        self.touch(sender)

    def touch(self, sender: str) -> None:
        conversation = self._conversations.get(sender)
        if conversation is not None:
            conversation.last_seen = self.clock()
            self._conversations.move_to_end(sender)

    def turns(self, sender: str) -> list[dict[str, Any]]:
        """The turns of an active conversation, oldest first (buttons only on the open
        question: the assistant's turns after the resident last spoke)."""
        conversation = self._conversations.get(sender)
        if conversation is None:
            return []
        turns = [dict(turn) for turn in conversation.turns]
        answered = False
        for turn in reversed(turns):
            if turn["from"] == "resident":
                answered = True
            elif answered:
                turn.pop("buttons", None)
        return turns
