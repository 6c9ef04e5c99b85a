"""A session store that is briefly unavailable loses no answer (issue 20 item 2): the
update is tried again with backoff, the person hears "one moment" once, and the answer is
applied once when the store is back. Faults are injected at named points (the Nth save),
never by sleeping and hoping."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from bot.conversation import Conversations
from bot.store import SqliteStore
from dialogs import Command, Text
from tests.conftest import TODAY
from tests.store.faults import FailingSaves


def today() -> date:
    return TODAY


class Waits:
    def __init__(self, then: Any = None) -> None:
        self.count, self.then = 0, then

    async def __call__(self) -> None:
        self.count += 1
        if self.then is not None:
            self.then()


LOCKED = sqlite3.OperationalError("database is locked")


async def test_a_locked_store_is_tried_again_and_the_answer_applied_once() -> None:
    store = FailingSaves(range(1, 3), LOCKED)
    chats = Conversations(store, today, retry_seconds=10)
    waits = Waits()
    replies = await chats.handle(1, Command(name="start"), update_id=10, waiting=waits)
    assert replies and waits.count == 1  # "one moment" said once, not per retry
    saved = await store.load(1)
    assert saved is not None and saved.version == 1 and saved.recent_update_ids == [10]
    assert store.saves == 3


async def test_a_real_error_is_not_retried() -> None:
    store = FailingSaves({1}, sqlite3.OperationalError("no such table: sessions"))
    chats = Conversations(store, today, retry_seconds=10)
    waits = Waits()
    with pytest.raises(sqlite3.OperationalError):
        await chats.handle(1, Command(name="start"), update_id=10, waiting=waits)
    assert waits.count == 0 and store.saves == 1


async def test_after_the_retry_time_the_failure_is_passed_on() -> None:
    store = FailingSaves(range(1, 1_000), LOCKED)
    chats = Conversations(store, today, retry_seconds=0.6)
    with pytest.raises(sqlite3.OperationalError):
        await chats.handle(1, Command(name="start"), update_id=10, waiting=Waits())
    assert 2 <= store.saves <= 4  # 0.25 s, then 0.5 s would pass the limit
    assert await store.load(1) is None


async def test_sqlite_locked_by_another_process_then_released(tmp_path: Path) -> None:
    """Another process holds SQLite's write lock; the save waits its busy timeout, fails,
    and succeeds on the retry once the lock is gone (released at the named point: when the
    person is told "one moment")."""
    path = tmp_path / "sessions.sqlite3"
    store = SqliteStore(path, busy_timeout_ms=100)
    chats = Conversations(store, today, retry_seconds=10)
    await chats.handle(1, Command(name="start"), update_id=1)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # the write lock, held
    waits = Waits(then=lambda: other.execute("COMMIT"))
    try:
        replies = await chats.handle(1, Text(text="rule of 55"), update_id=2, waiting=waits)
    finally:
        other.close()
    assert replies and waits.count == 1
    saved = await store.load(1)
    assert saved is not None and saved.answers.get("topics") == "r55"
    assert saved.recent_update_ids == [1, 2]
    await store.close()
