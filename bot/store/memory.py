"""A store in this process's memory: for the terminal and for tests."""

from __future__ import annotations

import time

from bot.store.documents import Outbox, decode, encode
from dialogs import Session


class MemoryStore:
    def __init__(self, expire_seconds: int | None = None) -> None:
        self.expire_seconds = expire_seconds
        self._documents: dict[int, tuple[int, str]] = {}
        self._touched: dict[int, float] = {}
        self._outboxes: dict[int, Outbox] = {}
        self._due: dict[int, float] = {}  # the reminder index

    def _expire(self, chat_id: int) -> None:
        touched = self._touched.get(chat_id)
        if self.expire_seconds is None or touched is None or chat_id in self._due:
            return
        if time.monotonic() - touched > self.expire_seconds:
            self._documents.pop(chat_id, None)
            self._outboxes.pop(chat_id, None)
            del self._touched[chat_id]

    async def load(self, chat_id: int) -> Session | None:
        self._expire(chat_id)
        stored = self._documents.get(chat_id)
        return None if stored is None else decode(stored[1])

    async def save(
        self,
        chat_id: int,
        session: Session,
        expected_version: int | None,
        outbox: Outbox | None = None,
        reminder_due: float | None = None,
    ) -> bool:
        self._expire(chat_id)
        stored = self._documents.get(chat_id)
        if (None if stored is None else stored[0]) != expected_version:
            return False
        self._documents[chat_id] = (session.version, encode(session))
        self._touched[chat_id] = time.monotonic()
        if outbox is None:
            self._outboxes.pop(chat_id, None)
        else:
            self._outboxes[chat_id] = outbox
        if reminder_due is None:
            self._due.pop(chat_id, None)
        else:
            self._due[chat_id] = reminder_due
        return True

    async def due(self, now: float, limit: int) -> list[int]:
        found = sorted((when, chat_id) for chat_id, when in self._due.items() if when <= now)
        return [chat_id for _, chat_id in found[:limit]]

    async def unschedule(self, chat_id: int) -> None:
        self._due.pop(chat_id, None)

    async def outbox(self, chat_id: int) -> Outbox | None:
        return self._outboxes.get(chat_id)

    async def delivered(self, chat_id: int, update_id: int, left: Outbox | None) -> None:
        outbox = self._outboxes.get(chat_id)
        if outbox is None or outbox.update_id != update_id:
            return
        if left is None:
            del self._outboxes[chat_id]
        else:
            self._outboxes[chat_id] = left

    async def delete(self, chat_id: int) -> bool:
        self._outboxes.pop(chat_id, None)
        self._touched.pop(chat_id, None)
        self._due.pop(chat_id, None)
        return self._documents.pop(chat_id, None) is not None

    async def close(self) -> None:
        self._documents.clear()
        self._touched.clear()
        self._outboxes.clear()
        self._due.clear()
