"""Redis's "disk full" (issue 20 item 3, Redis): when Redis cannot write its snapshot it
refuses every write with `MISCONF ...`. The bot treats it as SQLite's full disk: the
specific apology, one log line a minute with a count ("disk full: cannot save
sessions"), and the next answer after Redis can save again is kept, without a restart.

A real refusal, not an injected one: a redis-server with RDB snapshots on whose folder
is taken away, then a BGSAVE, which fails (as root too: the folder is gone, not merely
read-only). Giving it a folder again (CONFIG SET dir) and a BGSAVE that works is what an
operator does after freeing space."""

from __future__ import annotations

import contextlib
import shutil
import time
from collections.abc import Iterator
from functools import partial
from pathlib import Path

import pytest
import redis

from bot import texts
from bot.store import RedisStore
from tests.bot_process import BotProcess
from tests.servers import RedisServer
from tests.telegram.fake_bot_api import FakeBotApi, FakeUser

CHAT = 63_000
DISK_FULL_LINE = "disk full: cannot save sessions"


@pytest.fixture
def api() -> Iterator[FakeBotApi]:
    with FakeBotApi() as fake:
        yield fake


@pytest.fixture
def snapshotting_redis(tmp_path: Path) -> Iterator[RedisServer]:
    folder = tmp_path / "redis"
    folder.mkdir()
    server = RedisServer(folder, snapshots=True)
    server.start()
    try:
        yield server
    finally:
        # Redis saves on SIGTERM when snapshots are on, and does not exit while it cannot
        # (a test that failed with the folder gone): no save at exit.
        with contextlib.suppress(redis.RedisError):
            redis.Redis.from_url(server.url).config_set("save", "")
        server.stop()


def bgsave(server: RedisServer, works: bool) -> None:
    """A snapshot now, and wait for its outcome (`works`: the one expected)."""
    client = redis.Redis.from_url(server.url)
    try:
        client.bgsave()
        expected = "ok" if works else "err"
        deadline = time.monotonic() + 10
        while client.info("persistence")["rdb_bgsave_in_progress"] or (
            client.info("persistence")["rdb_last_bgsave_status"] != expected
        ):
            assert time.monotonic() < deadline, f"the BGSAVE never ended {expected!r}"
            time.sleep(0.02)
    finally:
        client.close()


async def answered(user: FakeUser, text: str) -> int:
    update_id = user.say(text)
    await user.api.wait_for(partial(user.api.acknowledged, update_id), 30, what=f"{text!r}")
    return update_id


@pytest.mark.slow
async def test_redis_refusing_writes_gets_the_disk_full_apology_and_recovers(
    api: FakeBotApi, snapshotting_redis: RedisServer, tmp_path: Path
) -> None:
    bot = BotProcess(api, snapshotting_redis.url, tmp_path)
    user = api.user(CHAT)
    try:
        await bot.start()
        await answered(user, "/start")
        assert api.sent_texts(CHAT), "the welcome"

        shutil.rmtree(snapshotting_redis.workdir)
        bgsave(snapshotting_redis, works=False)
        with pytest.raises(redis.exceptions.ResponseError, match=r"^MISCONF"):
            redis.Redis.from_url(snapshotting_redis.url).set("probe", "1")

        await answered(user, "rule of 55")
        await answered(user, "rule of 55")
        sent = api.sent_texts(CHAT)
        assert sent[-2:] == [texts.DISK_FULL, texts.DISK_FULL] and texts.ERROR not in sent

        # Space again: a folder it can write, a snapshot that works. No restart of the bot.
        snapshotting_redis.workdir.mkdir()
        client = redis.Redis.from_url(snapshotting_redis.url)
        client.config_set("dir", str(snapshotting_redis.workdir))
        client.close()
        bgsave(snapshotting_redis, works=True)
        await answered(user, "rule of 55")
        assert api.sent_texts(CHAT)[-1] != texts.DISK_FULL
    finally:
        bot.stop()

    store = RedisStore(snapshotting_redis.url)
    try:
        session = await store.load(CHAT)
    finally:
        await store.close()
    assert session is not None and session.answers.get("topics") == "r55", "kept once back"
    log = bot.log()
    # Two refusals within the minute: one line (the second is counted for the next one).
    assert log.count(DISK_FULL_LINE) == 1, log
    assert "Traceback" not in log and "MISCONF" not in log, log
