"""Long polling confirms an update (the getUpdates offset) only once it is handled and
saved, and never past an update still in hand, while other chats go on meanwhile."""

from __future__ import annotations

import asyncio

import pytest

from dialogs import Session
from tests.telegram.conftest import BotUnderTest


async def test_the_offset_waits_for_the_slowest_update_in_hand(
    bot: BotUnderTest, monkeypatch: pytest.MonkeyPatch
) -> None:
    slow, quick = bot.api.user(1201), bot.api.user(1202)
    release = asyncio.Event()
    load = bot.store.load

    async def held_load(chat_id: int) -> Session | None:
        if chat_id == slow.id:
            await release.wait()
        return await load(chat_id)

    monkeypatch.setattr(bot.store, "load", held_load)
    held = slow.say("/start")
    passed = quick.say("/start")
    await bot.settle(passed)
    assert quick.bot_messages(), "the other chat was answered meanwhile"
    await asyncio.sleep(0.2)  # the poller has asked Telegram again since
    assert not bot.api.acknowledged(held), "not confirmed before it was handled"
    assert not bot.api.acknowledged(passed), "nor anything after it: an offset confirms all below"

    release.set()
    await bot.settle(held)
    await bot.api.wait_for(
        lambda: bot.api.acknowledged(held) and bot.api.acknowledged(passed), 5, "confirmation"
    )
    assert slow.bot_messages()
