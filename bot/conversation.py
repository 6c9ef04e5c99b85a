"""Apply one person's event to their stored session, exactly once.

Inside one process a per-chat lock keeps a chat's events in order. Across processes
the store's compare-and-set does: a save that lost the race reloads the fresh session
and applies the event again on top of it. The session a process saved last is kept in
memory for the chat's next event (the compare-and-set still guards it), so an answer
costs one write to the store, not a read and a write. A Telegram update that was already applied
(webhook retry, restart between processing and acknowledgement) changes nothing."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from datetime import date

from bot.bounded import Bounded
from bot.metrics import STORE_ERRORS
from bot.store import SessionStore, transient
from bot.store.documents import Outbox
from dialogs import Choice, Event, Reply, Session, reminders, step

log = logging.getLogger(__name__)

REMEMBERED_UPDATE_IDS = 32
MAX_ATTEMPTS = 20
# A store briefly unavailable: tried again for up to a minute (STORE_RETRY_SECONDS),
# the waits doubling from a quarter second to at most five seconds.
STORE_RETRY_SECONDS = 60.0
FIRST_RETRY_SECONDS = 0.25
LONGEST_RETRY_SECONDS = 5.0
# Sessions kept in memory after their save (RecentSessions): enough for
# everyone in conversation at once, each for a conversation's length.
RECENT_SESSIONS = 1_000
RECENT_SECONDS = 600.0


@dataclass
class _ChatLock:
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    users: int = 0  # tasks holding or waiting for the lock; at 0 the entry is dropped


class ChatLocks:
    """One lock per chat, kept only while some task holds or waits for it, so memory does
    not grow with the number of people who ever wrote."""

    def __init__(self) -> None:
        self._locks: dict[int, _ChatLock] = {}

    @contextlib.asynccontextmanager
    async def hold(self, chat_id: int) -> AsyncIterator[None]:
        chat_lock = self._locks.setdefault(chat_id, _ChatLock())
        chat_lock.users += 1
        try:
            async with chat_lock.lock:
                yield
        finally:
            chat_lock.users -= 1
            if chat_lock.users == 0:
                del self._locks[chat_id]


class RecentSessions:
    """The sessions this process saved last, so the next answer in a conversation does
    not read back what was just written. The save's compare-and-set keeps this right
    across processes: a session another process changed (or deleted, or that expired)
    meanwhile fails to save, and is read afresh."""

    def __init__(self, limit: int = RECENT_SESSIONS, seconds: float = RECENT_SECONDS) -> None:
        self.seconds = seconds
        self._sessions: Bounded[int, tuple[float, Session]] = Bounded(limit)

    def get(self, chat_id: int) -> Session | None:
        kept = self._sessions.get(chat_id)
        if kept is None:
            return None
        if time.monotonic() - kept[0] > self.seconds:
            del self._sessions[chat_id]
            return None
        return kept[1]

    def keep(self, chat_id: int, session: Session) -> None:
        now = time.monotonic()
        self._sessions.remember(chat_id, (now, session))
        # Oldest first: let go of whatever is past its time.
        while now - next(iter(self._sessions.values()))[0] > self.seconds:
            self._sessions.popitem(last=False)

    def drop(self, chat_id: int) -> None:
        self._sessions.pop(chat_id, None)

    def __contains__(self, chat_id: object) -> bool:
        return chat_id in self._sessions


class StoreConflictError(RuntimeError):
    """Another writer kept winning the race for this chat."""


class Conversations:
    """Steps and saves one chat's events. Callers keep one chat's events in order (the
    Telegram shell holds a `ChatLocks` lock from the step until the replies went out);
    across processes the store's compare-and-set does."""

    def __init__(
        self,
        store: SessionStore,
        today: Callable[[], date],
        retry_seconds: float = STORE_RETRY_SECONDS,
    ) -> None:
        self.store = store
        self._today = today
        self.retry_seconds = retry_seconds
        # Kept no longer than the store keeps an untouched conversation: an expired one
        # must start afresh, as it would when read from the store.
        expire = store.expire_seconds
        self._recent = RecentSessions(
            seconds=RECENT_SECONDS if expire is None else min(RECENT_SECONDS, expire)
        )

    async def session(self, chat_id: int) -> Session | None:
        return await self.store.load(chat_id)

    async def handle(
        self,
        chat_id: int,
        event: Event,
        update_id: int | None = None,
        waiting: Callable[[], Awaitable[None]] | None = None,
    ) -> list[Reply]:
        """The replies to send for this event, saved (with the session) before they are
        returned. A redelivered update returns its replies again only if they were never
        marked `delivered`; otherwise nothing.

        A store that is briefly unavailable (locked, down) is tried again with backoff for
        up to `retry_seconds`; `waiting` runs once, before the first wait (the shell says
        "one moment"). The step is applied once, when the store answers."""
        started = time.monotonic()
        delay = FIRST_RETRY_SECONDS
        while True:
            try:
                return await self._apply(chat_id, event, update_id)
            except Exception as error:
                self._recent.drop(chat_id)  # what is kept must be what was saved
                if not transient(error) or time.monotonic() - started + delay > self.retry_seconds:
                    raise
                log.warning("session store unavailable (%s): retrying", type(error).__name__)
                STORE_ERRORS.labels("transient").inc()
                if waiting is not None:
                    await waiting()
                    waiting = None
                await asyncio.sleep(delay)
                delay = min(delay * 2, LONGEST_RETRY_SECONDS)
            except BaseException:
                self._recent.drop(chat_id)
                raise

    async def _apply(self, chat_id: int, event: Event, update_id: int | None) -> list[Reply]:
        for attempt in range(MAX_ATTEMPTS):
            # The session this process saved last, if recent; after a lost race, the store's.
            stored = self._recent.get(chat_id) if attempt == 0 else None
            if stored is None:
                stored = await self.store.load(chat_id)
            session = stored if stored is not None else Session()
            if update_id is not None and update_id in session.recent_update_ids:
                log.debug("chat %s: update %s already applied", chat_id, update_id)
                if attempt > 0:
                    return []  # another process applied it just now and is replying
                outbox = await self.store.outbox(chat_id)
                if outbox is not None and outbox.update_id == update_id:
                    return outbox.replies
                return []
            new_session, replies = step(session, event, self._today())
            if stored is None and isinstance(event, Choice) and not new_session.answers:
                # A stale button pressed after /forget (or expiry): answered, not stored,
                # so nothing about the person is kept again.
                return replies
            if new_session.forgotten:
                self._recent.drop(chat_id)
                await self.store.delete(chat_id)
                return replies
            seen = new_session.recent_update_ids
            outbox = None
            if update_id is not None:
                seen = [*seen, update_id][-REMEMBERED_UPDATE_IDS:]
                outbox = Outbox(update_id=update_id, replies=replies)
            new_session = new_session.model_copy(update={"recent_update_ids": seen})
            expected = None if stored is None else stored.version
            due = reminders.next_due(new_session)  # the reminders follow the answers
            when = None if due is None else due.timestamp()
            if await self.store.save(chat_id, new_session, expected, outbox, when):
                self._recent.keep(chat_id, new_session)
                return replies
            self._recent.drop(chat_id)
            log.debug("chat %s: lost a write race (attempt %d), retrying", chat_id, attempt + 1)
            await asyncio.sleep(0.001 * (attempt + 1))
        raise StoreConflictError(f"chat {chat_id}: gave up after {MAX_ATTEMPTS} write conflicts")

    async def delivered(self, chat_id: int, update_id: int, left: list[Reply]) -> None:
        """Some replies to `update_id` went out and `left` did not yet: a redelivery
        sends only those (nothing, once `left` is empty)."""
        outbox = Outbox(update_id=update_id, replies=left) if left else None
        await self.store.delivered(chat_id, update_id, outbox)
