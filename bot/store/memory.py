"""A store in this process's memory: for the terminal and for tests."""

from __future__ import annotations

from dialogs import Session


class MemoryStore:
    def __init__(self) -> None:
        self._documents: dict[int, str] = {}

    async def load(self, chat_id: int) -> Session | None:
        document = self._documents.get(chat_id)
        return None if document is None else Session.model_validate_json(document)

    async def save(self, chat_id: int, session: Session, expected_version: int | None) -> bool:
        current = self._documents.get(chat_id)
        current_version = None if current is None else Session.model_validate_json(current).version
        if current_version != expected_version:
            return False
        self._documents[chat_id] = session.model_dump_json()
        return True

    async def delete(self, chat_id: int) -> bool:
        return self._documents.pop(chat_id, None) is not None

    async def close(self) -> None:
        self._documents.clear()
