"""What an operator sees: one log line per update with no personal data, and /privacy
naming who runs the bot (OPERATOR_CONTACT)."""

from __future__ import annotations

import logging
import re

import pytest

from tests.telegram.conftest import BotUnderTest, settings_for, start
from tests.telegram.fake_bot_api import FakeBotApi


async def test_one_info_line_per_update_without_the_persons_words(
    bot: BotUnderTest, caplog: pytest.LogCaptureFixture
) -> None:
    user = bot.api.user(77_001)
    with caplog.at_level(logging.INFO, logger="bot.shell"):
        first = await bot.say(user, "/start")
        second = await bot.say(user, "born in March 1968, paid 123456 a year")
    lines = [r.getMessage() for r in caplog.records if r.name == "bot.shell"]
    for update_id in (first, second):
        ours = [line for line in lines if line.startswith(f"update {update_id} ")]
        assert len(ours) == 1, lines
        assert re.fullmatch(rf"update {update_id} message ok \d+\.\d ms", ours[0])
    everything = "\n".join(lines)
    assert "123456" not in everything and "March" not in everything
    assert "77001" not in everything  # no chat id either


async def test_privacy_names_the_operator_and_how_to_reach_them(api: FakeBotApi) -> None:
    running = await start(api, settings_for(api, operator_contact="privacy@example.org"))
    try:
        user = api.user(77_002)
        await running.say(user, "/privacy")
        assert "This bot is run by privacy@example.org" in api.sent_texts(user.id)[-1]
    finally:
        await running.running.stop()


async def test_privacy_says_so_when_no_contact_was_given(bot: BotUnderTest) -> None:
    user = bot.api.user(77_003)
    await bot.say(user, "/privacy")
    assert "has not given a contact address" in bot.api.sent_texts(user.id)[-1]
