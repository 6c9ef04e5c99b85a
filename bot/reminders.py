"""The reminder clock: once a minute (and at start-up, so what came due while the bot was
down goes out, late), send the reminders that are due.

The store indexes each session's next reminder (written with every save, from the
session's current answers: dialogs/reminders.py), so a scan reads only the due chats.
Several processes may scan at once: each claims a chat's due reminders by saving the
session with them marked sent, with the store's compare-and-set, and only the winner
sends. A reminder Telegram does not take is unmarked and tried at the next scan; a person
who blocked the bot (403 Forbidden) loses their reminders, quietly."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from datetime import UTC, date, datetime, time
from functools import partial
from typing import Any

from telegram.error import Forbidden, TelegramError

from bot.store import SessionStore
from dialogs import Session, reminders

log = logging.getLogger(__name__)

SCAN_EVERY_SECONDS = 60.0
SCAN_LIMIT = 200  # chats per scan; the rest wait for the next one
MAX_ATTEMPTS = 10  # lost compare-and-set races for one chat in one scan
# With a fixed "today" (RETIREMENT_BOT_TODAY, tests), the clock stands at 23:00 UTC of
# that day: 9:00 has come on that date in every US time zone, so a reminder due that day
# is on time and one due the day before is late.
FIXED_DAY_TIME = time(23, 0)

Clock = Callable[[], datetime]
Claim = tuple[Session, list[reminders.Due]]  # the session saved, the reminders to send


def clock_of(today: Callable[[], date] | None) -> Clock:
    """The reminder clock: real time, or the fixed day's evening (see FIXED_DAY_TIME)."""
    if today is None:
        return lambda: datetime.now(UTC)
    return lambda: datetime.combine(today(), FIXED_DAY_TIME, UTC)


class ReminderClock:
    def __init__(self, store: SessionStore, now: Clock) -> None:
        self.store = store
        self.now = now
        self._scanning = asyncio.Lock()  # one scan at a time in this process
        self._task: asyncio.Task[None] | None = None

    def start(self, bot: Any, every: float = SCAN_EVERY_SECONDS) -> None:
        self._task = asyncio.create_task(self._loop(bot, every))

    async def stop(self) -> None:
        if self._task is None:
            return
        self._task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._task
        self._task = None

    async def _loop(self, bot: Any, every: float) -> None:
        while True:
            try:
                await self.scan(bot)
            except Exception as error:  # the next scan tries again
                log.warning("reminder scan failed: %s", type(error).__name__)
            await asyncio.sleep(every)

    async def scan(self, bot: Any) -> int:
        """Send every reminder due now; the number sent."""
        async with self._scanning:
            now = self.now()
            sent = 0
            for chat_id in await self.store.due(now.timestamp(), SCAN_LIMIT):
                sent += await self._send_due(bot, chat_id, now)
            return sent

    async def _send_due(self, bot: Any, chat_id: int, now: datetime) -> int:
        claim = await self._claim(chat_id, now)
        if claim is None:
            return 0
        session, due = claim
        for index, one in enumerate(due):
            try:
                await bot.send_message(chat_id, reminders.message(session, one, now))
            except Forbidden:
                log.info("a person blocked the bot: their reminders are dropped")
                await self._change(chat_id, reminders.dropped)
                return index
            except TelegramError as error:
                log.warning("a reminder was not sent (%s): tried again", type(error).__name__)
                await self._change(chat_id, partial(reminders.unclaimed, failed=due[index:]))
                return index
        return len(due)

    async def _claim(self, chat_id: int, now: datetime) -> Claim | None:
        """Mark the chat's due reminders sent, with compare-and-set: the session and the
        reminders this process is to send, or None (nothing due, or another took them)."""
        for _ in range(MAX_ATTEMPTS):
            session = await self.store.load(chat_id)
            if session is None:
                await self.store.unschedule(chat_id)
                return None
            due = reminders.due_now(session, now)
            if not due:
                return None
            claimed = reminders.claimed(session, due)
            if await self._save(chat_id, claimed, session.version):
                return claimed, due
        log.warning("gave up claiming a reminder after %d write conflicts", MAX_ATTEMPTS)
        return None

    async def _change(self, chat_id: int, change: Callable[[Session], Session]) -> None:
        for _ in range(MAX_ATTEMPTS):
            session = await self.store.load(chat_id)
            if session is None:
                return
            if await self._save(chat_id, change(session), session.version):
                return

    async def _save(self, chat_id: int, session: Session, expected: int) -> bool:
        # The replies of an update not yet sent stay with the session.
        outbox = await self.store.outbox(chat_id)
        due = reminders.next_due(session)
        when = None if due is None else due.timestamp()
        return await self.store.save(chat_id, session, expected, outbox, when)
