"""Store faults injected at named points: the Nth save fails with a chosen error; the
SQLite file's write lock is held by another process while the store works."""

from __future__ import annotations

import asyncio
import sqlite3
import time
from collections.abc import Coroutine
from pathlib import Path
from typing import Any, TypeVar

from bot.store import MemoryStore
from bot.store.documents import Outbox
from dialogs import Session

T = TypeVar("T")


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


async def under_a_write_lock(path: Path, work: Coroutine[Any, Any, T]) -> T:
    """`work` (a save, a delivery mark) run while another connection (another process,
    as far as SQLite knows) holds the file's write lock: the event loop keeps running
    while it waits, it waits until the lock is let go, and then it finishes. Its result."""
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # holds the write lock
    waiting = asyncio.create_task(work)
    started = time.perf_counter()
    await asyncio.sleep(0.05)
    assert time.perf_counter() - started < 0.5, "the loop ran while the store waited"
    assert not waiting.done()
    other.execute("COMMIT")
    other.close()
    return await waiting
