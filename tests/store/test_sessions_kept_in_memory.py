"""A process keeps the session it saved last for the chat's next answer (bot/conversation.py
RecentSessions), so an answer costs one write, not a read and a write. What it keeps must
never outvote the store: another process's answers, a /forget and an expiry all win."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path
from typing import Any

import pytest

from bot.conversation import Conversations, RecentSessions
from bot.store import MemoryStore, RedisStore, SessionStore, SqliteStore
from dialogs import Command, Session, Text
from tests.conftest import TODAY
from tests.servers import RedisServer
from tests.store.journey import BOTH_CHECKS

SHARED = ["sqlite", "redis"]


def shared_store(kind: str, tmp_path: Path, redis_url: str) -> SessionStore:
    """A new connection to the one store two processes would share."""
    if kind == "sqlite":
        return SqliteStore(tmp_path / "sessions.sqlite3")
    return RedisStore(redis_url)


def two_processes(kind: str, tmp_path: Path, redis_url: str) -> tuple[Conversations, ...]:
    """Two bots' conversations, each with its own connection to one shared store."""
    return tuple(
        Conversations(shared_store(kind, tmp_path, redis_url), lambda: TODAY) for _ in range(2)
    )


def event(line: str) -> Command | Text:
    return Command(name=line[1:]) if line.startswith("/") else Text(text=line)


async def close(*conversations: Conversations) -> None:
    for each in conversations:
        await each.store.close()


@pytest.mark.parametrize("kind", SHARED)
async def test_answers_taken_in_turn_by_two_processes_are_all_kept(
    kind: str, tmp_path: Path, redis_server: RedisServer
) -> None:
    first, second = two_processes(kind, tmp_path, redis_server.url)
    chat = 41_000 + SHARED.index(kind)
    lines = BOTH_CHECKS[:6]
    for update_id, line in enumerate(lines, start=1):
        # 1, 2 by the first process, 3 by the second, 4 by the first (which kept 2), ...
        process = first if update_id % 3 else second
        assert await process.handle(chat, event(line), update_id)
    session = await first.store.load(chat)
    await close(first, second)
    assert session is not None
    assert session.recent_update_ids == list(range(1, len(lines) + 1)), "each applied once"
    assert session.answers["topics"] == "both", "answered to the first process"
    assert "birth" in session.answers, "answered to the second process"
    assert session.answers["employment"] == "planning_to_leave", "answered to the first, after it"


@pytest.mark.parametrize("kind", SHARED)
async def test_a_conversation_forgotten_in_another_process_starts_afresh_here(
    kind: str, tmp_path: Path, redis_server: RedisServer
) -> None:
    first, second = two_processes(kind, tmp_path, redis_server.url)
    chat = 42_000 + SHARED.index(kind)
    await first.handle(chat, Command(name="start"), 1)
    await first.handle(chat, Text(text="both"), 2)
    await second.handle(chat, Command(name="forget"), 3)
    await first.handle(chat, Text(text="March 1971"), 4)
    session = await first.store.load(chat)
    await close(first, second)
    assert session is not None
    assert "topics" not in session.answers, "nothing from before the /forget comes back"
    assert session.recent_update_ids == [4]


async def test_an_expired_conversation_is_not_brought_back_from_memory(tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / "sessions.sqlite3", expire_seconds=1)
    conversations = Conversations(store, lambda: TODAY)
    chat = 43_000
    await conversations.handle(chat, Command(name="start"), 1)
    await conversations.handle(chat, Text(text="both"), 2)
    await asyncio.sleep(2.1)  # past the retention (SQLite keeps whole seconds)
    await conversations.handle(chat, Text(text="March 1971"), 3)
    session = await store.load(chat)
    await store.close()
    assert session is not None
    assert "topics" not in session.answers, "an expired conversation starts afresh"


class CountingStore(MemoryStore):
    def __init__(self) -> None:
        super().__init__()
        self.loads = 0
        self.broken = False

    async def load(self, chat_id: int) -> Session | None:
        self.loads += 1
        return await super().load(chat_id)

    async def save(self, *args: Any, **kwargs: Any) -> bool:
        if self.broken:
            raise RuntimeError("disk full")
        return await super().save(*args, **kwargs)


async def test_a_conversation_reads_its_session_once_then_only_writes() -> None:
    store = CountingStore()
    conversations = Conversations(store, lambda: TODAY)
    for update_id, line in enumerate(BOTH_CHECKS, start=1):
        await conversations.handle(44_000, event(line), update_id)
    assert store.loads == 1, f"{len(BOTH_CHECKS)} answers, one read"


async def test_after_a_failed_save_the_session_is_read_again() -> None:
    store = CountingStore()
    conversations = Conversations(store, lambda: TODAY)
    await conversations.handle(45_000, Command(name="start"), 1)
    store.broken = True
    with pytest.raises(RuntimeError):
        await conversations.handle(45_000, Text(text="both"), 2)
    store.broken = False
    loads = store.loads
    await conversations.handle(45_000, Text(text="both"), 3)
    assert store.loads == loads + 1, "what failed to save is not trusted"


def test_a_session_is_held_in_memory_for_minutes_not_for_ever(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    clock = [1_000.0]
    monkeypatch.setattr(time, "monotonic", lambda: clock[0])
    recent = RecentSessions(limit=3, seconds=600)
    recent.keep(1, Session())
    clock[0] += 601
    recent.keep(2, Session())
    assert 1 not in recent, "let go once past its time, even if that chat never writes again"
    for chat in (3, 4, 5):
        recent.keep(chat, Session())
    assert 2 not in recent and all(chat in recent for chat in (3, 4, 5)), "the newest 3"
