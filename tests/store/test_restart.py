"""A bot process killed mid-conversation (SIGKILL: no clean shutdown) and started again
continues the conversation with every earlier answer intact."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.store import SessionStore, open_store
from tests.bot_process import BotProcess
from tests.servers import RedisServer
from tests.store.journey import BOTH_CHECKS, expected_answers
from tests.telegram.fake_bot_api import FakeBotApi


@pytest.fixture
def api() -> Iterator[FakeBotApi]:
    with FakeBotApi() as fake:
        yield fake


async def wait_until_applied(
    store: SessionStore, chat_id: int, count: int, bot: BotProcess
) -> None:
    """Until the bot has saved `count` of this chat's updates (its durable point)."""
    for _ in range(200):
        session = await store.load(chat_id)
        if session is not None and len(session.recent_update_ids) >= count:
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"update {count} was never saved; bot log:\n{bot.log()}")


@pytest.mark.parametrize("storage", ["sqlite", "redis"])
async def test_sigkill_mid_conversation_then_restart_keeps_every_answer(
    storage: str, api: FakeBotApi, tmp_path: Path, redis_server: RedisServer
) -> None:
    url = f"sqlite:///{tmp_path}/data/sessions.sqlite3" if storage == "sqlite" else redis_server.url
    bot = BotProcess(api, url, tmp_path)
    user = api.user(4242 if storage == "sqlite" else 4343)
    halfway = len(BOTH_CHECKS) // 2

    await bot.start()
    store = open_store(url)  # the tests' own reader of what the bot stored
    try:
        for count, line in enumerate(BOTH_CHECKS[:halfway], start=1):
            user.say(line)
            await wait_until_applied(store, user.id, count, bot)
        before_crash = await store.load(user.id)
        bot.kill()

        await bot.start()
        for count, line in enumerate(BOTH_CHECKS[halfway:], start=halfway + 1):
            user.say(line)
            await wait_until_applied(store, user.id, count, bot)
        already_sent = len(api.sent_texts(user.id))
        user.say("/summary")
        await api.wait_for(
            lambda: any(
                "Retirement plan check" in t for t in api.sent_texts(user.id)[already_sent:]
            ),
            timeout=15,
            what="the summary",
        )
        final = await store.load(user.id)
    finally:
        bot.stop()
        await store.close()

    assert before_crash is not None and final is not None
    assert final.answers == expected_answers(BOTH_CHECKS), "every answer survived the crash"
    assert before_crash.answers.items() <= final.answers.items()
    summary = api.sent_texts(user.id)[-1]
    assert "401(k)" in summary and "$180,000" in summary, summary
