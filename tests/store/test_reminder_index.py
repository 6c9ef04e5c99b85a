"""Every store indexes each session's next reminder with the session itself: the scan
reads only the due chats, /forget removes them, and a session with a reminder to come
outlives the expiry of untouched conversations."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from redis.asyncio import Redis

from bot.store import RedisStore, SessionStore, SqliteStore
from bot.store.redis import KEY_PREFIX
from dialogs import Session
from tests.servers import RedisServer
from tests.store.test_store_contract import _next_chat, a_session, store

__all__ = ["store"]  # the contract's fixture: memory, SQLite and Redis


async def test_the_scan_finds_only_due_chats_earliest_first(store: SessionStore) -> None:
    soon, later, never = next(_next_chat), next(_next_chat), next(_next_chat)
    assert await store.save(later, a_session(), None, reminder_due=2_000.0)
    assert await store.save(soon, a_session(), None, reminder_due=1_000.0)
    assert await store.save(never, a_session(), None)
    due = await store.due(1_500.0, limit=100)
    assert soon in due and later not in due and never not in due
    due = await store.due(2_000.0, limit=100)
    assert due.index(soon) < due.index(later)


async def test_each_save_rewrites_the_index(store: SessionStore) -> None:
    chat = next(_next_chat)
    assert await store.save(chat, a_session(1), None, reminder_due=1_000.0)
    assert chat in await store.due(1_000.0, limit=100)
    # The facts changed: the next reminder is later now.
    assert await store.save(chat, a_session(2), 1, reminder_due=5_000.0)
    assert chat not in await store.due(1_000.0, limit=100)
    # No reminder left.
    assert await store.save(chat, a_session(3), 2)
    assert chat not in await store.due(10_000.0, limit=100)


async def test_a_lost_race_leaves_the_index_as_the_winner_wrote_it(store: SessionStore) -> None:
    chat = next(_next_chat)
    await store.save(chat, a_session(1), None, reminder_due=1_000.0)
    assert not await store.save(chat, a_session(2), 0, reminder_due=9_000.0)
    assert chat in await store.due(1_000.0, limit=100)


async def test_forget_removes_the_reminders(store: SessionStore) -> None:
    chat = next(_next_chat)
    await store.save(chat, a_session(), None, reminder_due=1_000.0)
    assert await store.delete(chat)
    assert chat not in await store.due(10_000.0, limit=100)


async def test_unschedule_drops_a_chat_from_the_index(store: SessionStore) -> None:
    chat = next(_next_chat)
    await store.save(chat, a_session(), None, reminder_due=1_000.0)
    await store.unschedule(chat)
    assert chat not in await store.due(10_000.0, limit=100)


async def test_sqlite_keeps_a_session_with_a_reminder_past_the_expiry(tmp_path: Path) -> None:
    path = tmp_path / "sessions.sqlite3"
    store = SqliteStore(path, expire_seconds=3600)
    waiting, idle = next(_next_chat), next(_next_chat)
    await store.save(waiting, a_session(), None, reminder_due=time.time() + 86_400 * 365)
    await store.save(idle, a_session(), None)
    await store.close()
    with sqlite3.connect(path) as db:  # both untouched for two hours
        db.execute("UPDATE sessions SET updated_at = datetime('now', '-2 hours')")
    store = SqliteStore(path, expire_seconds=3600)
    try:
        assert await store.load(waiting) is not None
        assert await store.load(idle) is None
    finally:
        await store.close()


async def test_redis_keeps_a_session_until_its_reminder(redis_server: RedisServer) -> None:
    store = RedisStore(redis_server.url, expire_seconds=3600)
    chat = next(_next_chat)
    try:
        await store.save(chat, Session(version=1), None, reminder_due=time.time() + 86_400)
        client = Redis.from_url(redis_server.url)
        ttl = await client.ttl(f"{KEY_PREFIX}{chat}")
        await client.aclose()
        assert 86_400 < ttl <= 86_400 + 3600
    finally:
        await store.close()
