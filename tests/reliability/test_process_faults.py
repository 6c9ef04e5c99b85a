"""Redis restarted under a running bot process (`python -m bot`, polling, sessions in
Redis): the bot reconnects by itself and the conversation goes on with every answer,
including the one the person typed while Redis was down.

Redis here keeps its data across a restart (append-only file, fsync on every write), as
a production Redis holding sessions must; a Redis without persistence loses every
session on restart, which no bot can help. SIGKILL of the bot mid-conversation (SQLite
and Redis) is tests/store/test_restart.py."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot import texts
from bot.store import RedisStore
from tests.bot_process import BotProcess
from tests.servers import RedisServer
from tests.store.journey import BOTH_CHECKS, expected_answers
from tests.telegram.fake_bot_api import FakeBotApi

OUTAGE_SECONDS = 1.5  # well inside the store's retries (about 9 s of back-off)


@pytest.fixture
def api() -> Iterator[FakeBotApi]:
    with FakeBotApi() as fake:
        yield fake


async def applied(store: RedisStore, chat_id: int, count: int, bot: BotProcess) -> None:
    """Until the bot has saved `count` of this chat's updates."""
    for _ in range(400):
        session = await store.load(chat_id)
        if session is not None and len(session.recent_update_ids) >= count:
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"update {count} was never saved; bot log:\n{bot.log()}")


@pytest.mark.slow
async def test_redis_restarted_under_a_running_bot(api: FakeBotApi, tmp_path: Path) -> None:
    redis = RedisServer(tmp_path, durable=True)
    redis.start()
    bot = BotProcess(api, redis.url, tmp_path)
    user = api.user(7001)
    halfway = len(BOTH_CHECKS) // 2
    await bot.start()
    store = RedisStore(redis.url)  # the test's own reader
    try:
        for count, line in enumerate(BOTH_CHECKS[:halfway], start=1):
            user.say(line)
            await applied(store, user.id, count, bot)

        redis.stop()
        user.say(BOTH_CHECKS[halfway])  # typed while Redis is down
        await asyncio.sleep(OUTAGE_SECONDS)
        redis.start()  # same port, same data
        await applied(store, user.id, halfway + 1, bot)

        for count, line in enumerate(BOTH_CHECKS[halfway + 1 :], start=halfway + 2):
            user.say(line)
            await applied(store, user.id, count, bot)
        final = await store.load(user.id)
    finally:
        bot.stop()
        await store.close()
        redis.stop()

    assert final is not None
    assert final.answers == expected_answers(BOTH_CHECKS), "every answer, none lost"
    assert texts.ERROR not in api.sent_texts(user.id), "no apology: the bot waited for Redis"
    assert bot.alive is False and "Traceback" not in bot.log(), bot.log()
