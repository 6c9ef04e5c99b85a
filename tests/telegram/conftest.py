"""Fixtures: the fake Bot API server and the real PTB Application running against it."""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest
from telegram import Update
from telegram.ext import TypeHandler

from bot.settings import Settings
from bot.shell import TelegramApp
from bot.store import MemoryStore
from bot.telegram_app import RunningBot, build_application, start_bot
from tests.conftest import TODAY
from tests.servers import free_port
from tests.telegram.fake_bot_api import FakeBotApi, FakeUser
from tests.telegram.telegram_html import (
    MAX_MESSAGE_LENGTH,
    check_alert_text,
    check_message_html,
    parse_html,
    utf16_length,
)

WEBHOOK_SECRET = "s3cret-for_tests"


@pytest.fixture
def api() -> Iterator[FakeBotApi]:
    with FakeBotApi() as fake:
        yield fake


def settings_for(api: FakeBotApi, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "telegram_bot_token": api.token,
        "telegram_api_base_url": api.base_url,
        "storage_url": "memory://",
        "mode": "polling",
        "today": TODAY,
        "log_level": "DEBUG",
        # `make test` runs the Telegram tests over both transports (TELEGRAM_TRANSPORT).
        "telegram_transport": os.environ.get("TELEGRAM_TRANSPORT", "aiohttp"),
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)


def webhook_settings(api: FakeBotApi, **overrides: Any) -> Settings:
    port = free_port()
    return settings_for(
        api,
        mode="webhook",
        webhook_url=f"http://127.0.0.1:{port}/telegram-hook",
        webhook_listen="127.0.0.1",
        webhook_port=port,
        webhook_secret_token=WEBHOOK_SECRET,
        **overrides,
    )


def check_everything_sent(api: FakeBotApi) -> None:
    """Every message the bot sent is valid for its parse mode (allowed HTML tags, balanced,
    at most 4096 characters); every alert plain and short; nothing the fake server refused
    as a bug; every button press answered."""
    for call in api.calls():
        method = call.method.lower()
        if method in ("sendmessage", "editmessagetext") and call.status == 200:
            text = str(call.params["text"])
            if str(call.params.get("parse_mode", "")).upper() == "HTML":
                check_message_html(text)
            else:  # only the last-resort resend of a reply Telegram refused
                assert text.strip() and utf16_length(text) <= MAX_MESSAGE_LENGTH, call
        if method == "answercallbackquery" and call.params.get("text") is not None:
            check_alert_text(str(call.params["text"]))
    for answer in api.inline_answers.values():
        for result in answer["results"]:
            if result.get("type") == "photo":  # the shared picture: its caption (issue 14)
                assert utf16_length(parse_html(str(result.get("caption", ""))).text) <= 1024
                continue
            content = result["input_message_content"]
            assert str(content.get("parse_mode", "")).upper() == "HTML"
            check_message_html(content["message_text"])
    refused = [(c.method, c.error) for c in api.invalid_requests]
    assert not refused, refused
    assert not api.unanswered_callback_queries(), "every button press is answered"


class Handled:
    """Which updates the Application has finished with, our handler and error handler
    included: a handler in a later group, which PTB runs after both (tests only)."""

    def __init__(self) -> None:
        self.ids: set[int] = set()
        self._changed = asyncio.Event()

    async def __call__(self, update: object, context: object) -> None:
        if isinstance(update, Update):
            self.ids.add(update.update_id)
        changed, self._changed = self._changed, asyncio.Event()
        changed.set()

    async def wait(self, update_id: int, timeout: float) -> None:
        async with asyncio.timeout(timeout):
            while update_id not in self.ids:
                await self._changed.wait()


class BotUnderTest:
    """The real Application against the fake server, driven the way a person would."""

    def __init__(
        self, api: FakeBotApi, running: RunningBot, store: MemoryStore, handled: Handled
    ) -> None:
        self.api = api
        self.running = running
        self.shell = running.shell
        self.store = store
        self.handled = handled

    async def settle(self, update_id: int, timeout: float = 10.0) -> None:
        """Until this update went through the bot (successfully or not)."""
        await self.handled.wait(update_id, timeout)

    async def say(self, user: FakeUser, text: str) -> int:
        update_id = user.say(text)
        await self.settle(update_id)
        return update_id

    async def tap(self, user: FakeUser, label: str) -> int:
        update_id = user.tap(label)
        await self.settle(update_id)
        return update_id

    def check_everything_sent(self) -> None:
        check_everything_sent(self.api)


async def start(
    api: FakeBotApi, settings: Settings, store: MemoryStore | None = None
) -> BotUnderTest:
    store = store or MemoryStore()
    return await start_application(api, build_application(settings, store), settings, store)


async def start_application(
    api: FakeBotApi, application: TelegramApp, settings: Settings, store: MemoryStore
) -> BotUnderTest:
    """Start an Application built by the test, watched for handled updates."""
    handled = Handled()
    application.add_handler(TypeHandler(Update, handled), group=1)
    running = await start_bot(application, settings)
    return BotUnderTest(api, running, store, handled)


@pytest.fixture
async def bot(api: FakeBotApi) -> AsyncIterator[BotUnderTest]:
    running = await start(api, settings_for(api))
    try:
        yield running
        running.check_everything_sent()
    finally:
        await running.running.stop()
