"""Telegram misbehaving while a person answers, through the fake Bot API server: refused
edits, lost connections, timeouts, flood limits, server errors and a blocked bot, on
each Bot API method an answer goes through.

Each case: the person has the first question on screen, the fault is armed, the person
answers it ("Both", by a tap or typed). Then: the bot is still running, the answer is in
the session, and the person sees the next question, at once when the fault is brief
(retried or harmless, and then with no apology and no error logged), or as soon as
Telegram has recovered and they write again when the fault outlasts every retry.

Covered elsewhere and not repeated: one 429 / 500 / dropped connection / timeout on
sendMessage, a 502 on editMessageText, "message can't be edited", a permanently blocked
user, getUpdates outages (tests/telegram/test_adapter.py)."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import pytest

from bot import texts
from bot.store import MemoryStore
from bot.telegram_app import build_application
from tests.telegram.conftest import BotUnderTest, settings_for, start_application
from tests.telegram.fake_bot_api import NOT_MODIFIED, FakeBotApi

REQUEST_TIMEOUT = 0.4  # seconds; a delay beyond it is a timeout for the bot
TIMEOUT = {"status": None, "delay": REQUEST_TIMEOUT + 0.3}
DROP = {"status": None, "drop": True}
NEXT_QUESTION = "When were you born?"


@dataclass(frozen=True)
class Fault:
    name: str
    method: str
    kind: dict[str, Any]
    times: int = 1
    answer_by: str = "tap"  # "tap" the Both button, or "say" both
    lasting: bool = False  # outlasts the retries: the person writes again once it is over
    blocked: bool = False  # the person blocked the bot (403 on everything), then unblocked


FAULTS = [
    Fault(
        '"message is not modified"', "editMessageText", {"status": 400, "description": NOT_MODIFIED}
    ),
    Fault(
        '"message to edit not found"',
        "editMessageText",
        {"status": 400, "description": "Bad Request: message to edit not found"},
    ),
    Fault("429 on the edit", "editMessageText", {"status": 429, "retry_after": 1}),
    Fault("429 on the press answer", "answerCallbackQuery", {"status": 429, "retry_after": 1}),
    Fault("500 on the press answer", "answerCallbackQuery", {"status": 500}),
    Fault("500 twice on sendMessage", "sendMessage", {"status": 500}, times=2),
    Fault("dropped: sendMessage twice", "sendMessage", DROP, times=2),
    Fault("dropped: editMessageText", "editMessageText", DROP),
    Fault("dropped: answerCallbackQuery", "answerCallbackQuery", DROP),
    Fault("dropped: sendChatAction", "sendChatAction", DROP, times=3),
    Fault("timeout: sendMessage twice", "sendMessage", TIMEOUT, times=2, answer_by="say"),
    Fault("timeout: editMessageText", "editMessageText", TIMEOUT),
    Fault("timeout: answerCallbackQuery", "answerCallbackQuery", TIMEOUT),
    Fault("blocked, then unblocked (press)", "*", {}, times=0, lasting=True, blocked=True),
    Fault("blocked, then unblocked (typed)", "*", {}, 0, "say", lasting=True, blocked=True),
    Fault("500 on every retry of sendMessage", "sendMessage", {"status": 500}, 3, "say", True),
    Fault("dropped on every retry of sendMessage", "sendMessage", DROP, 3, "say", True),
    Fault("timeout on every retry of sendMessage", "sendMessage", TIMEOUT, 3, "say", True),
]


def unblock(api: FakeBotApi, chat_id: int) -> None:
    """The person unblocks the bot (the fake server has block() but no way back)."""
    with api._lock:
        api._blocked.discard(chat_id)


@pytest.fixture
async def patient_bot(api: FakeBotApi) -> AsyncIterator[BotUnderTest]:
    settings = settings_for(api, telegram_rate_limit=0)
    store = MemoryStore()
    application = build_application(settings, store, request_timeout=REQUEST_TIMEOUT)
    bot = await start_application(api, application, settings, store)
    try:
        yield bot
    finally:
        await bot.running.stop()


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # PTB on retry_after
@pytest.mark.parametrize("fault", FAULTS, ids=[f.name for f in FAULTS])
async def test_no_fault_loses_an_answer_or_the_conversation(
    patient_bot: BotUnderTest, fault: Fault, caplog: pytest.LogCaptureFixture
) -> None:
    bot, api = patient_bot, patient_bot.api
    user = api.user(6001)
    await bot.say(user, "/start")
    assert user.buttons(user.last_bot_message())

    if fault.blocked:
        api.block(user.id)
    else:
        api.add_fault(fault.method, times=fault.times, **fault.kind)
    with caplog.at_level(logging.INFO):
        if fault.answer_by == "tap":
            await bot.settle(user.tap("Both"), timeout=15)
        else:
            await bot.settle(user.say("both"), timeout=15)

    assert bot.running.application.running, "the bot is still running"
    session = await bot.store.load(user.id)
    assert session is not None and session.answers.get("topics") == "both", "answer kept"
    shown = [m["text"] for m in user.bot_messages()]
    if fault.lasting:
        # Telegram has recovered (the faults are used up, the bot unblocked); the person
        # writes again.
        unblock(api, user.id)
        await bot.say(user, "/start")
        assert NEXT_QUESTION in user.last_bot_message()["text"]
    else:
        assert any(NEXT_QUESTION in text for text in shown), "the next question came"
        assert texts.ERROR not in shown, "no apology for a fault the bot rode out"
        assert bot.shell.error_count == 0
        assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    session = await bot.store.load(user.id)
    assert session is not None and session.answers.get("topics") == "both"
    assert session.asked == "birth"

    # What the fake server refused on purpose is no bug of the bot's; all else is checked.
    injected = fault.kind.get("description")
    api.invalid_requests[:] = [c for c in api.invalid_requests if c.error != injected]
    bot.check_everything_sent()
