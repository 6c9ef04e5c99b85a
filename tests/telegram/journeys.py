"""Whole conversations, driven through the fake Bot API the way a person would: tapping
buttons by their label and typing answers. Shared by the polling, webhook and (later)
restart and load tests."""

from __future__ import annotations

from typing import Any

from tests.telegram.conftest import BotUnderTest
from tests.telegram.fake_bot_api import FakeUser

# The example conversation of CONVERSATION.md: both topics, leaving in December 2026.
BOTH_TOPICS: list[tuple[str, str]] = [
    ("say", "/start"),
    ("tap", "Both"),
    ("say", "feb 72"),
    ("say", "401k"),
    ("tap", "Yes, and I plan to leave"),
    ("say", "end of december"),
    ("tap", "No"),  # public safety
    ("tap", "Not sure"),  # rolled over to an IRA
    ("tap", "Yes"),  # after-tax contributions
    ("tap", "Yes"),  # in-plan Roth conversion
    ("tap", "Yes, estimate it"),
    ("say", "180k"),
    ("say", "max"),
    ("say", "4% match"),
    ("tap", "No thanks"),  # tax estimate
    ("tap", "📋 Summary"),
]


async def drive(bot: BotUnderTest, user: FakeUser, steps: list[tuple[str, str]]) -> None:
    """Play the steps; after every tap, check the question was edited the tidy way."""
    for action, argument in steps:
        if action == "say":
            await bot.say(user, argument)
            continue
        message, button = user.find_button(argument)
        await bot.tap(user, argument)
        after = message_now(user, message["message_id"])
        if after is not None and after["text"] != message["text"]:
            assert after["text"].endswith(f"→ {button['text']}"), after["text"]
            assert "reply_markup" not in after


def message_now(user: FakeUser, message_id: int) -> dict[str, Any] | None:
    return next((m for m in user.bot_messages() if m["message_id"] == message_id), None)


def share_button(message: dict[str, Any]) -> dict[str, Any] | None:
    for row in (message.get("reply_markup") or {}).get("inline_keyboard", []):
        for button in row:
            if "switch_inline_query" in button:
                return dict(button)
    return None
