"""Which case each web chat session's report made: conversation id -> (case id, reference), so
evidence uploaded later in the session goes on that case (uploads.py). Two stores behind one
interface: this process's memory (REDIS_URL unset) or Redis (shared_memory.py), like the
transcripts. Nothing here is logged."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections import OrderedDict


class SessionCases(ABC):
    """conversation id -> (case id, reference) of the report the session made."""

    @abstractmethod
    async def get(self, sender: str | None) -> tuple[int, str] | None:
        """The session's case, if its report's receipt was seen."""

    @abstractmethod
    async def set(self, sender: str, case_id: int, reference: str) -> None:
        """The session's report made this case."""

    @abstractmethod
    async def forget(self, sender: str | None) -> None:
        """The session ended (quick exit, start again): forget its case."""


class MemorySessionCases(SessionCases):
    """In this process's memory (at most `limit` sessions, least recently used dropped)."""

    def __init__(self, limit: int = 2000) -> None:
        self.limit = limit
        self._cases: OrderedDict[str, tuple[int, str]] = OrderedDict()

    async def get(self, sender: str | None) -> tuple[int, str] | None:
        if sender is None or sender not in self._cases:
            return None
        self._cases.move_to_end(sender)
        return self._cases[sender]

    async def set(self, sender: str, case_id: int, reference: str) -> None:
        self._cases[sender] = (case_id, reference)
        self._cases.move_to_end(sender)
        while len(self._cases) > self.limit:
            self._cases.popitem(last=False)

    async def forget(self, sender: str | None) -> None:
        if sender is not None:
            self._cases.pop(sender, None)
