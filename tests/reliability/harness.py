"""The real PTB Application (build_application: our handler, error handler, rate limiter)
against the fake Bot API server, fed updates directly through `process_update` (what the
webhook does) so thousands of them run in seconds. Updates are built as the JSON that
Telegram sends, then decoded by PTB (`Update.de_json`), as on the wire."""

from __future__ import annotations

import re
from typing import Any

from telegram import Update

from bot.shell import TelegramApp, TelegramShell, shell_of
from bot.store import MemoryStore
from bot.telegram_app import build_application
from dialogs import Session
from tests.telegram.conftest import settings_for
from tests.telegram.fake_bot_api import FakeBotApi, FakeUser
from tests.telegram.telegram_html import utf16_length


class InProcessBot:
    def __init__(self, api: FakeBotApi) -> None:
        self.api = api
        self.store = MemoryStore()
        # No flood pacing: the fake server has no limit and the fuzz sends thousands.
        settings = settings_for(api, telegram_rate_limit=0, log_level="INFO")
        self.application: TelegramApp = build_application(settings, self.store)
        self.shell: TelegramShell = shell_of(self.application)

    async def start(self) -> None:
        await self.application.initialize()  # getMe: the bot's username for deep links
        await self.application.start()

    async def stop(self) -> None:
        await self.application.stop()
        await self.application.shutdown()

    async def feed(self, update: dict[str, Any]) -> None:
        """Handle one update to the end: replies sent, error handler run if it failed."""
        update.setdefault("update_id", self.api.next_update_id())
        decoded = Update.de_json(update, self.application.bot)
        assert decoded is not None
        await self.application.process_update(decoded)

    async def session(self, user: FakeUser) -> Session | None:
        return await self.store.load(user.id)


# ---- updates as Telegram sends them ---------------------------------------------------------


def text_message(user: FakeUser, text: str, chat: dict[str, Any] | None = None) -> dict[str, Any]:
    content: dict[str, Any] = {"text": text}
    command = re.match(r"/[A-Za-z0-9_]+(@[A-Za-z0-9_]+)?", text)
    if command:
        length = utf16_length(command.group(0))
        content["entities"] = [{"type": "bot_command", "offset": 0, "length": length}]
    return {"message": user.message(chat, **content)}


def callback_query(
    api: FakeBotApi, presser: FakeUser, message: dict[str, Any], data: str
) -> dict[str, Any]:
    """`presser` taps a button with `data` on `message` (whoever's chat it is in)."""
    return {
        "callback_query": {
            "id": api.new_callback_query_id(),
            "from": presser.as_user(),
            "message": message,
            "chat_instance": f"ci{message['chat']['id']}",
            "data": data,
        }
    }


def inline_query(api: FakeBotApi, user: FakeUser, query: str) -> tuple[dict[str, Any], str]:
    query_id = api.new_inline_query_id()
    update = {
        "inline_query": {
            "id": query_id,
            "from": user.as_user(),
            "query": query,
            "offset": "",
            "chat_type": "sender",
        }
    }
    return update, query_id


def buttons_on_screen(user: FakeUser) -> list[tuple[dict[str, Any], str]]:
    """(message, callback data) of every callback button in the chat, newest first."""
    return [
        (message, str(button["callback_data"]))
        for message in reversed(user.bot_messages())
        for button in user.buttons(message)
        if "callback_data" in button
    ]
