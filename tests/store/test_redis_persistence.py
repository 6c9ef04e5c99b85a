"""A Redis that keeps nothing on disk loses every conversation when it restarts: start-up
and --check say so, and a Redis with the append-only file on is fine."""

from __future__ import annotations

import io
from pathlib import Path

from bot.check import check
from bot.settings import Settings
from bot.store import RedisStore
from tests.servers import RedisServer


async def test_a_redis_without_persistence_is_named(redis_server: RedisServer) -> None:
    store = RedisStore(redis_server.url)  # the tests' server: --save "" --appendonly no
    try:
        problem = await store.persistence_problem()
    finally:
        await store.close()
    assert problem is not None and "appendonly yes" in problem


async def test_a_redis_with_the_append_only_file_is_fine(tmp_path: Path) -> None:
    server = RedisServer(tmp_path, durable=True)
    server.start()
    store = RedisStore(server.url)
    try:
        assert await store.persistence_problem() is None
    finally:
        await store.close()
        server.stop()


async def test_check_warns_about_a_redis_without_persistence(redis_server: RedisServer) -> None:
    out = io.StringIO()
    settings = Settings(_env_file=None, storage_url=redis_server.url)
    assert await check(settings, out) == 0  # a warning, not a problem
    assert "WARNING  this Redis keeps nothing on disk" in out.getvalue()
