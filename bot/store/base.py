"""The session store interface shared by the Telegram and terminal shells."""

from __future__ import annotations

from typing import Protocol

from bot.store.documents import Outbox
from dialogs import Session


class SessionStore(Protocol):
    # A conversation untouched this long (seconds) is as good as gone; None: kept.
    expire_seconds: int | None

    async def load(self, chat_id: int) -> Session | None:
        """The stored session, or None for a chat we know nothing about."""
        ...

    async def save(
        self,
        chat_id: int,
        session: Session,
        expected_version: int | None,
        outbox: Outbox | None = None,
        reminder_due: float | None = None,
    ) -> bool:
        """Store `session` only if the stored version is still `expected_version`
        (None: nothing stored yet). False means another writer won the race.

        `outbox` (the replies to the update this save applied) is stored with it in the
        same write, replacing any earlier one, until `delivered` clears it: a process
        killed after the save and before the replies went out sends them when the update
        is delivered again.

        `reminder_due` (Unix time) indexes the session's next reminder, written in the same
        write (None: no reminder to come). A session with one to come does not expire
        before it (and the expiry's length after it)."""
        ...

    async def due(self, now: float, limit: int) -> list[int]:
        """Chats whose next reminder is due by `now`, earliest first, reading only those
        (an index, not a scan of every session)."""
        ...

    async def unschedule(self, chat_id: int) -> None:
        """Drop the chat from the reminder index (its session is gone)."""
        ...

    async def outbox(self, chat_id: int) -> Outbox | None:
        """The replies saved and not yet marked delivered, if any."""
        ...

    async def delivered(self, chat_id: int, update_id: int, left: Outbox | None) -> None:
        """Some of `update_id`'s outbox went out: keep only `left` (None: all went out).
        An outbox of another update stays as it is."""
        ...

    async def delete(self, chat_id: int) -> bool:
        """Forget the chat. True if anything was stored."""
        ...

    async def close(self) -> None: ...
