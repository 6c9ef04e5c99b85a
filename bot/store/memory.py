"""A store in this process's memory: for the terminal and for tests."""

from __future__ import annotations

from bot.store.documents import decode, encode
from dialogs import Session


class MemoryStore:
    def __init__(self) -> None:
        self._documents: dict[int, tuple[int, str]] = {}

    async def load(self, chat_id: int) -> Session | None:
        stored = self._documents.get(chat_id)
        return None if stored is None else decode(stored[1])

    async def save(self, chat_id: int, session: Session, expected_version: int | None) -> bool:
        stored = self._documents.get(chat_id)
        if (None if stored is None else stored[0]) != expected_version:
            return False
        self._documents[chat_id] = (session.version, encode(session))
        return True

    async def delete(self, chat_id: int) -> bool:
        return self._documents.pop(chat_id, None) is not None

    async def close(self) -> None:
        self._documents.clear()
