"""A store fault injected at a named point: the Nth save fails with a chosen error."""

from __future__ import annotations

from bot.store import MemoryStore
from bot.store.documents import Outbox
from dialogs import Session


class FailingSaves(MemoryStore):
    """A memory store whose saves number `failing` (1-based) raise `error`."""

    def __init__(self, failing: set[int] | range, error: Exception) -> None:
        super().__init__()
        self.failing, self.error, self.saves = failing, error, 0

    async def save(
        self,
        chat_id: int,
        session: Session,
        expected_version: int | None,
        outbox: Outbox | None = None,
        reminder_due: float | None = None,
    ) -> bool:
        self.saves += 1
        if self.saves in self.failing:
            raise self.error
        return await super().save(chat_id, session, expected_version, outbox, reminder_due)
