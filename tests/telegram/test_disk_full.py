"""A full disk (issue 20 item 3): a specific apology, one log line a minute with a count,
recovery without a restart when space returns, and never a welcome followed by an
apology. Faults are injected at named points: the Nth save, every "delivered" mark."""

from __future__ import annotations

import logging
import sqlite3

import pytest

from bot import texts
from bot.store import MemoryStore
from bot.store.documents import Outbox
from tests.store.faults import FailingSaves
from tests.telegram.conftest import settings_for, start
from tests.telegram.fake_bot_api import FakeBotApi

FULL = sqlite3.OperationalError("database or disk is full")


class FullForMarks(MemoryStore):
    async def delivered(self, chat_id: int, update_id: int, left: Outbox | None) -> None:
        raise FULL


def _disk_full_lines(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if "disk full" in r.getMessage()]


async def test_a_full_disk_gets_its_own_apology_one_log_line_and_recovers(
    api: FakeBotApi, caplog: pytest.LogCaptureFixture
) -> None:
    store = FailingSaves({2, 3}, FULL)
    running = await start(api, settings_for(api), store)
    try:
        user = api.user(4101)
        with caplog.at_level(logging.INFO):
            await running.say(user, "/start")  # save 1: works
            await running.say(user, "rule of 55")  # save 2: disk full
            await running.say(user, "rule of 55")  # save 3: disk full again
            await running.say(user, "rule of 55")  # save 4: space is back
        sent = api.sent_texts(user.id)
        assert sent.count(texts.DISK_FULL) == 2 and texts.ERROR not in sent
        assert len(_disk_full_lines(caplog)) == 1  # the second within the minute is counted
        session = await store.load(user.id)
        assert session is not None and session.answers.get("topics") == "r55"
    finally:
        await running.running.stop()


async def test_a_failed_delivered_mark_never_follows_a_reply_with_an_apology(
    api: FakeBotApi, caplog: pytest.LogCaptureFixture
) -> None:
    running = await start(api, settings_for(api), FullForMarks())
    try:
        user = api.user(4102)
        with caplog.at_level(logging.INFO):
            await running.say(user, "/start")
        sent = api.sent_texts(user.id)
        assert sent and texts.ERROR not in sent and texts.DISK_FULL not in sent
        assert len(_disk_full_lines(caplog)) == 1
    finally:
        await running.running.stop()
