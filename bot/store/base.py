"""The session store interface shared by the Telegram and terminal shells."""

from __future__ import annotations

from typing import Protocol

from dialogs import Session


class SessionStore(Protocol):
    async def load(self, chat_id: int) -> Session | None:
        """The stored session, or None for a chat we know nothing about."""
        ...

    async def save(self, chat_id: int, session: Session, expected_version: int | None) -> bool:
        """Store `session` only if the stored version is still `expected_version`
        (None: nothing stored yet). False means another writer won the race."""
        ...

    async def delete(self, chat_id: int) -> bool:
        """Forget the chat. True if anything was stored."""
        ...

    async def close(self) -> None: ...
