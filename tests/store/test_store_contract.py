"""Every store keeps the same promises: what is saved is loaded back, a save only wins
over the version it was based on, and /forget really deletes."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from redis.asyncio import Redis

from bot.store import (
    MemoryStore,
    RedisStore,
    SessionStore,
    SqliteStore,
    UnreadableSessionError,
    open_store,
)
from bot.store.documents import Outbox
from dialogs import SCHEMA_VERSION, Reply, Session
from dialogs.answers import BirthDate
from tests.servers import RedisServer
from tests.store.faults import under_a_write_lock

STORES = ["memory", "sqlite", "redis"]
_next_chat = iter(range(10_000, 1_000_000))


@pytest.fixture(params=STORES)
async def store(
    request: pytest.FixtureRequest, tmp_path: Path, redis_server: RedisServer
) -> AsyncIterator[SessionStore]:
    opened: SessionStore
    if request.param == "memory":
        opened = MemoryStore()
    elif request.param == "sqlite":
        opened = SqliteStore(tmp_path / "data" / "sessions.sqlite3")
    else:
        opened = RedisStore(redis_server.url)
    yield opened
    await opened.close()


def a_session(version: int = 1, **answers: object) -> Session:
    return Session(version=version, answers=dict(answers), recent_update_ids=[7])


async def test_unknown_chat_has_no_session(store: SessionStore) -> None:
    assert await store.load(next(_next_chat)) is None


async def test_saved_session_is_loaded_back_whole(store: SessionStore) -> None:
    chat = next(_next_chat)
    session = a_session(plan_type="401k", birth="1971-09")
    assert await store.save(chat, session, expected_version=None)
    assert await store.load(chat) == session


async def test_first_save_loses_if_someone_saved_first(store: SessionStore) -> None:
    chat = next(_next_chat)
    assert await store.save(chat, a_session(1, who="first"), None)
    assert not await store.save(chat, a_session(1, who="second"), None)
    loaded = await store.load(chat)
    assert loaded is not None and loaded.answers == {"who": "first"}


async def test_save_over_a_stale_version_is_refused(store: SessionStore) -> None:
    chat = next(_next_chat)
    await store.save(chat, a_session(1), None)
    assert await store.save(chat, a_session(2, step="a"), expected_version=1)
    assert not await store.save(chat, a_session(2, step="b"), expected_version=1)
    loaded = await store.load(chat)
    assert loaded is not None and loaded.answers == {"step": "a"}


async def test_racing_writers_exactly_one_wins(store: SessionStore) -> None:
    chat = next(_next_chat)
    await store.save(chat, a_session(1), None)
    results = await asyncio.gather(
        *(store.save(chat, a_session(2, writer=n), expected_version=1) for n in range(10))
    )
    assert results.count(True) == 1


async def test_forget_deletes_the_session(store: SessionStore) -> None:
    chat = next(_next_chat)
    await store.save(chat, a_session(1, birth="1971"), None)
    assert await store.delete(chat)
    assert await store.load(chat) is None
    assert not await store.delete(chat)
    assert await store.save(chat, a_session(1), None), "a forgotten chat can start afresh"


async def test_sqlite_file_is_created_on_first_run_and_survives_reopening(tmp_path: Path) -> None:
    path = tmp_path / "new-dir" / "sessions.sqlite3"
    first = SqliteStore(path)
    await first.save(1, a_session(3, birth="1970"), None)
    await first.close()
    second = SqliteStore(path)
    assert await second.load(1) == a_session(3, birth="1970")
    assert second._db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    await second.close()


async def test_forget_leaves_nothing_in_the_sqlite_file(tmp_path: Path) -> None:
    path = tmp_path / "sessions.sqlite3"
    store = SqliteStore(path)
    await store.save(5, a_session(1, compensation=180000), None)
    await store.delete(5)
    await store.close()
    store = SqliteStore(path)
    assert await store.count() == 0
    await store.close()


async def test_redis_expiry_for_abandoned_sessions(redis_server: RedisServer) -> None:
    store = RedisStore(redis_server.url, expire_seconds=60)
    chat = next(_next_chat)
    await store.save(chat, a_session(1), None)
    client = Redis.from_url(redis_server.url)
    ttl = await client.ttl(f"retirement-bot:session:{chat}")
    await client.aclose()
    await store.close()
    assert 0 < ttl <= 60


async def test_redis_store_reconnects_after_a_server_restart(tmp_path: Path) -> None:
    server = RedisServer(tmp_path)
    server.start()
    store = RedisStore(server.url)
    try:
        await store.save(1, a_session(1), None)
        server.stop()
        server.start()  # same port, empty memory: the store must just carry on
        assert await store.load(1) is None
        assert await store.save(1, a_session(1, after="restart"), None)
    finally:
        await store.close()
        server.stop()


async def test_a_schema_0_document_is_upgraded_when_read(tmp_path: Path) -> None:
    old_document = {"version": 4, "last_update_id": 99, "answers": {"birth": "1971-09"}}
    store = SqliteStore(tmp_path / "s.sqlite3")
    store._db.execute(
        "INSERT INTO sessions (chat_id, version, document) VALUES (1, 4, ?)",
        (json.dumps(old_document),),
    )
    session = await store.load(1)
    await store.close()
    assert session is not None
    assert session.schema_version == SCHEMA_VERSION
    assert session.recent_update_ids == [99]
    assert session.answers == {"birth": BirthDate(year=1971, month=9)}
    assert session.version == 4


async def test_a_document_from_a_newer_bot_is_refused_not_misread(tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / "s.sqlite3")
    store._db.execute(
        "INSERT INTO sessions (chat_id, version, document) VALUES (1, 1, ?)",
        (json.dumps({"schema_version": SCHEMA_VERSION + 1, "version": 1}),),
    )
    with pytest.raises(UnreadableSessionError):
        await store.load(1)
    await store.close()


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("sqlite:///{tmp}/sessions.sqlite3", SqliteStore),
        ("memory://", MemoryStore),
        ("redis://127.0.0.1:6379/0", RedisStore),
    ],
)
async def test_storage_url_picks_the_store(url: str, kind: type, tmp_path: Path) -> None:
    store = open_store(url.format(tmp=tmp_path))
    assert isinstance(store, kind)
    await store.close()


def test_unknown_storage_url_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="STORAGE_URL"):
        open_store("postgres://localhost/db")


async def test_sqlite_conversations_untouched_too_long_are_deleted(tmp_path: Path) -> None:
    path = tmp_path / "sessions.sqlite3"
    store = SqliteStore(path, expire_seconds=90 * 86400)
    await store.save(1, a_session(1, birth="1970"), None)
    await store.save(2, a_session(1, birth="1980"), None)
    store._db.execute(
        "UPDATE sessions SET updated_at = datetime('now', '-91 days') WHERE chat_id = 1"
    )
    assert await store.load(1) is None, "expired: as good as gone"
    assert await store.save(1, a_session(1, birth="1990"), None), "a new start is allowed"
    assert await store.load(2) is not None
    store._db.execute("UPDATE sessions SET updated_at = datetime('now', '-91 days')")
    await store.close()
    reopened = SqliteStore(path, expire_seconds=90 * 86400)
    assert await reopened.count() == 0, "purged when the file is opened"
    await reopened.close()


async def test_memory_store_expires_too() -> None:
    store = MemoryStore(expire_seconds=1)
    await store.save(1, a_session(1), None)
    store._touched[1] -= 2
    assert await store.load(1) is None


async def test_a_locked_sqlite_file_does_not_stall_the_event_loop(tmp_path: Path) -> None:
    path = tmp_path / "sessions.sqlite3"
    store = SqliteStore(path)
    assert await under_a_write_lock(path, store.save(1, a_session(1), None))
    await store.close()


async def test_a_delivered_mark_while_the_file_is_locked_waits_off_the_loop(
    tmp_path: Path,
) -> None:
    """A mark is first tried on the event loop (no thread to wake: a shorter duplicate
    window), but never waits there: with the write lock taken it waits on its thread."""
    path = tmp_path / "sessions.sqlite3"
    store = SqliteStore(path)
    replies = [Reply(text="one"), Reply(text="two")]
    assert await store.save(1, a_session(1), None, Outbox(update_id=7, replies=replies))
    await store.delivered(1, 7, Outbox(update_id=7, replies=replies[1:]))  # unlocked: at once
    assert await store.outbox(1) == Outbox(update_id=7, replies=replies[1:])
    await under_a_write_lock(path, store.delivered(1, 7, None))
    assert await store.outbox(1) is None
    await store.close()
