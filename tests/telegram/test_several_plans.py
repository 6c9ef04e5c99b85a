"""Several plans through the real Telegram shell: the buttons that add, name, check again
and remove a plan travel as callback data like any answer."""

from __future__ import annotations

from dialogs import summary
from tests.conftest import TODAY
from tests.telegram.conftest import BotUnderTest
from tests.telegram.journeys import BOTH_TOPICS, drive


async def test_a_second_plan_by_buttons_and_text(bot: BotUnderTest) -> None:
    user = bot.api.user(2101)
    await drive(bot, user, BOTH_TOPICS[:-1])  # both checks, without the summary
    await drive(
        bot,
        user,
        [
            ("tap", "➕ Another plan or IRA"),
            ("say", "my old Boeing 401k"),
            ("tap", "No, I've left"),
            ("say", "June 2019"),
            ("tap", "No"),  # public safety
            ("tap", "No, it's all in the plan"),  # rolled to an IRA
            ("tap", "No thanks"),  # tax estimate
        ],
    )
    session = await bot.store.load(user.id)
    assert session is not None and len(session.plans) == 1
    assert session.plan_name == "my old Boeing 401k"
    texts = [m["text"] for m in user.bot_messages()]
    assert any("Your plans, side by side" in text for text in texts)
    shared = summary(session, TODAY) or ""
    assert "plan by plan" in shared and "my old Boeing 401k" in shared
    await drive(bot, user, [("tap", "✖ Remove your 401(k)")])
    session = await bot.store.load(user.id)
    assert session is not None and session.plans == []
