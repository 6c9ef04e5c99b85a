"""Where sessions live between messages: SQLite by default, Redis to share sessions
between several bot processes, memory for the terminal and tests."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from bot.store.base import SessionStore
from bot.store.memory import MemoryStore
from bot.store.redis import RedisCannotSaveError, RedisStore
from bot.store.sqlite import SqliteStore
from dialogs.migrations import UnreadableSessionError

__all__ = [
    "MemoryStore",
    "RedisCannotSaveError",
    "RedisStore",
    "SessionStore",
    "SqliteStore",
    "UnreadableSessionError",
    "open_store",
    "reach",
    "transient",
]


def open_store(url: str, expire_seconds: int | None = None) -> SessionStore:
    """`sqlite:///data/sessions.sqlite3` (relative path), `sqlite:////var/lib/x.sqlite3`
    (absolute), `redis://host:6379/0`, or `memory://`."""
    if url.startswith("sqlite:///"):
        return SqliteStore(Path(url.removeprefix("sqlite:///")), expire_seconds=expire_seconds)
    if url.startswith(("redis://", "rediss://", "unix://")):
        return RedisStore(url, expire_seconds=expire_seconds)
    if url == "memory://":
        return MemoryStore(expire_seconds=expire_seconds)
    raise ValueError(
        f"Unknown STORAGE_URL scheme in {url.split('://')[0]!r}: "
        "use sqlite:///path, redis://host:port/db or memory://"
    )


async def reach(store: SessionStore) -> str | None:
    """Reach the store once (a read of no one's session): raises when it cannot be used.
    Returns a warning when it works but would lose what it keeps (Redis without
    persistence), else None."""
    await store.load(0)
    return await store.persistence_problem() if isinstance(store, RedisStore) else None


def transient(error: BaseException) -> bool:
    """A store failure that trying again may cure: SQLite's file locked by another process
    beyond the busy timeout, Redis unreachable or slow for a moment."""
    if isinstance(error, sqlite3.OperationalError):
        return any(word in str(error) for word in ("locked", "busy"))
    return isinstance(error, RedisConnectionError | RedisTimeoutError)
