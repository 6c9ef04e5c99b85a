"""Long polling that keeps the webhook's promise: an update is confirmed to Telegram (the
next getUpdates offset) only once it has been handled and its session saved.

PTB's own Updater confirms an update as soon as it is fetched, before any handler ran, so
a process killed then loses it. Here every fetched update runs as its own task
(`Application.process_update`, as the webhook does; the shell's per-chat lock keeps one
chat's updates in order while chats run concurrently), and the offset sent to Telegram is
the lowest update id still in hand: an offset confirms every lower id, so it may never
pass an unfinished one. Updates fetched again while still in hand are skipped."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import warnings
from typing import Any

from telegram import Update
from telegram.error import InvalidToken, NetworkError, RetryAfter, TelegramError

log = logging.getLogger(__name__)

POLL_TIMEOUT = 10  # seconds Telegram holds a getUpdates open when nothing is waiting
BATCH_LIMIT = 100  # Telegram's maximum per getUpdates
# With updates in hand, getUpdates returns them again at once: ask again when the offset
# can move, or after this long for news, instead of spinning.
BUSY_RECHECK = 0.05
MAX_BACKOFF = 30.0
# An update still in hand holds back the offset, and getUpdates returns at most 100 from
# it: one that never finishes would stall the bot once 100 more arrived. Far longer than
# any real handling (store retries ~10 s, a send's retries ~50 s, the pacing queue).
HANDLE_TIMEOUT = 300.0

# getUpdates goes through do_api_request so that only updates not yet in hand are parsed
# into Update objects (the rest come back on every poll while in hand).
warnings.filterwarnings("ignore", message=r".*Bot\.getUpdates.*do_api_request")


class Poller:
    def __init__(
        self, application: Any, allowed_updates: list[str], timeout: int = POLL_TIMEOUT
    ) -> None:
        self.application = application
        self.allowed_updates = allowed_updates
        self.timeout = timeout
        self._in_hand: dict[int, asyncio.Task[None]] = {}
        self._highest_seen: int | None = None
        self._finished = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._stopping = False

    @property
    def offset(self) -> int | None:
        """What to confirm: every id below the lowest one still in hand."""
        if self._in_hand:
            return min(self._in_hand)
        return None if self._highest_seen is None else self._highest_seen + 1

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="getUpdates loop")

    async def stop(self) -> None:
        """Stop fetching, let the updates in hand finish, and confirm them. Whatever this
        process could not finish is delivered again to the next one."""
        self._stopping = True
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        if self._in_hand:
            await asyncio.wait(list(self._in_hand.values()))
        await self._confirm_handled()

    async def _confirm_handled(self) -> None:
        """One last getUpdates, as PTB's Updater does on stop, so the next process is not
        handed what this one finished (it would apply nothing, but answer presses again)."""
        offset = self.offset
        if offset is None:
            return
        try:
            await self.application.bot.do_api_request(
                "getUpdates",
                api_kwargs={"offset": offset, "limit": 1, "timeout": 0},
                read_timeout=5,
            )
        except TelegramError as error:
            log.info("could not confirm the last updates (%s)", type(error).__name__)

    async def _run(self) -> None:
        delay = 0.5
        while not self._stopping:
            try:
                batch = await self._fetch()
            except InvalidToken:
                log.error("Telegram rejected the token; polling stops")
                raise
            except RetryAfter as error:
                wait = error.retry_after
                await asyncio.sleep(wait if isinstance(wait, int | float) else wait.total_seconds())
                continue
            except (NetworkError, TelegramError) as error:
                log.warning(
                    "getUpdates failed (%s); retrying in %.1f s", type(error).__name__, delay
                )
                await asyncio.sleep(delay)
                delay = min(MAX_BACKOFF, delay * 2)
                continue
            delay = 0.5
            fresh = 0
            for data in batch:
                update_id = int(data["update_id"])
                if self._highest_seen is not None and update_id <= self._highest_seen:
                    continue  # in hand already (an offset never passes an unfinished id)
                self._highest_seen = update_id
                fresh += 1
                update = Update.de_json(data, self.application.bot)
                self._in_hand[update_id] = asyncio.create_task(self._handle(update_id, update))
            if not fresh and self._in_hand:
                await self._until_offset_moves(BUSY_RECHECK)

    async def _until_offset_moves(self, timeout: float) -> None:
        """Asking again only pays when there is something to confirm (or, after a short
        while, for news): every poll returns all the updates still in hand."""
        before = self.offset
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(timeout):
                while self._in_hand and self.offset == before:
                    self._finished.clear()
                    await self._finished.wait()

    async def _fetch(self) -> list[dict[str, Any]]:
        params: dict[str, Any] = {
            "timeout": 0 if self._in_hand else self.timeout,
            "limit": BATCH_LIMIT,
            "allowed_updates": self.allowed_updates,
        }
        offset = self.offset
        if offset is not None:
            params["offset"] = offset
        result = await self.application.bot.do_api_request(
            "getUpdates", api_kwargs=params, read_timeout=self.timeout + 10
        )
        return list(result or [])

    async def _handle(self, update_id: int, update: Update) -> None:
        try:
            # Handler errors go to the application's error handler (the shell apologises);
            # the update counts as handled either way, as it does on the webhook.
            async with asyncio.timeout(HANDLE_TIMEOUT):
                await self.application.process_update(update)
        except TimeoutError:
            log.error(
                "update %s still not handled after %.0f s; given up", update_id, HANDLE_TIMEOUT
            )
        except Exception:
            log.exception("update %s could not be processed", update_id)
        finally:
            del self._in_hand[update_id]
            self._finished.set()
