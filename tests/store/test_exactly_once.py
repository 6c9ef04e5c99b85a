"""Each Telegram update changes a session once, however often it is delivered and
whichever process gets it."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from bot.conversation import Conversations
from bot.store import MemoryStore, RedisStore, SessionStore, SqliteStore
from dialogs import Command, Text
from tests.conftest import TODAY
from tests.servers import RedisServer


def stores(kind: str, tmp_path: Path, redis_url: str) -> SessionStore:
    if kind == "memory":
        return MemoryStore()
    if kind == "sqlite":
        return SqliteStore(tmp_path / "sessions.sqlite3")
    return RedisStore(redis_url)


@pytest.mark.parametrize("kind", ["memory", "sqlite", "redis"])
async def test_the_same_update_delivered_twice_changes_the_session_once(
    kind: str, tmp_path: Path, redis_server: RedisServer
) -> None:
    store = stores(kind, tmp_path, redis_server.url)
    conversations = Conversations(store, lambda: TODAY)
    chat = 31_000 + ["memory", "sqlite", "redis"].index(kind)
    await conversations.handle(chat, Command(name="start"), update_id=1)
    await conversations.handle(chat, Text(text="both"), update_id=2)
    first = await conversations.handle(chat, Text(text="March 1971"), update_id=3)
    after_first = await store.load(chat)
    # Killed before the replies went out: the redelivery sends them, applying nothing.
    undelivered = await conversations.handle(chat, Text(text="March 1971"), update_id=3)
    await conversations.delivered(chat, 3, [])
    again = await conversations.handle(chat, Text(text="March 1971"), update_id=3)
    after_again = await store.load(chat)
    await store.close()

    assert first, "the first delivery is answered"
    assert undelivered == first, "replies saved but never sent go out on redelivery"
    assert again == [], "once delivered, a redelivery is acknowledged silently"
    assert after_first == after_again


async def test_racing_processes_sharing_redis_apply_each_update_once(
    redis_server: RedisServer,
) -> None:
    # Two independent shells (as two processes would be), each with its own connection.
    shells = [Conversations(RedisStore(redis_server.url), lambda: TODAY) for _ in range(2)]
    chat = 32_000
    lines = ["/start", "both", "March 1971", "Yes, and I plan to leave"]
    for update_id, line in enumerate(lines, start=100):
        event = Command(name="start") if line == "/start" else Text(text=line)
        replies = await asyncio.gather(*(shell.handle(chat, event, update_id) for shell in shells))
        answered = [r for r in replies if r]
        assert answered, "one of them applied it"
        # The other either saw it applied and said nothing, or saw its replies saved and not
        # yet marked delivered (it cannot tell a racing process from a killed one) and
        # returns those very replies: never a second application.
        assert all(r == answered[0] for r in answered)
    session = await shells[0].store.load(chat)
    for shell in shells:
        await shell.store.close()
    assert session is not None
    assert session.recent_update_ids == [100, 101, 102, 103]
    assert session.answers["topics"] == "both"
    assert session.answers["employment"] == "planning_to_leave"
