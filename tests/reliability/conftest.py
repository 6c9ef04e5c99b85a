"""The fake Bot API and the real bot in this process, as in tests/telegram, but without
the flood pacing (the fake server has no limit)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest

from tests.telegram.conftest import BotUnderTest, settings_for, start
from tests.telegram.fake_bot_api import FakeBotApi


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "slow: starts bot or Redis processes, or fuzzes for many seconds"
    )


@pytest.fixture
def api() -> Iterator[FakeBotApi]:
    with FakeBotApi() as fake:
        yield fake


@pytest.fixture
async def bot(api: FakeBotApi) -> AsyncIterator[BotUnderTest]:
    running = await start(api, settings_for(api, telegram_rate_limit=0))
    try:
        yield running
        running.check_everything_sent()
    finally:
        await running.running.stop()
