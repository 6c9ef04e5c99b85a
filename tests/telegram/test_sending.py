"""bot/sending.py sends the very requests PTB's own send_message and edit_message_text
send (HTML parse mode and no link previews from Defaults, the keyboard, a plain-text
resend), without turning the answer into a Message: only the new message's id."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot import sending
from bot.store import MemoryStore
from bot.telegram_app import build_application
from tests.telegram.conftest import settings_for
from tests.telegram.fake_bot_api import FakeBotApi

CHAT = 4242
KEYBOARD = {"inline_keyboard": [[{"text": "Yes", "callback_data": "q:yes"}]]}
PTB_KEYBOARD = InlineKeyboardMarkup([[InlineKeyboardButton("Yes", callback_data="q:yes")]])


@pytest.fixture
async def bot(api: FakeBotApi) -> AsyncIterator[Any]:
    api.user(CHAT)
    application = build_application(settings_for(api), MemoryStore())
    await application.initialize()
    yield application.bot
    await application.shutdown()


def last_request(api: FakeBotApi, method: str) -> dict[str, Any]:
    return api.calls(method)[-1].params


async def test_a_message_is_sent_as_send_message_sends_it(bot: Any, api: FakeBotApi) -> None:
    ours = await sending.send_message(bot, CHAT, "Born in <b>1972</b>?", KEYBOARD)
    sent = last_request(api, "sendMessage")
    theirs = await bot.send_message(CHAT, "Born in <b>1972</b>?", reply_markup=PTB_KEYBOARD)
    assert sent == last_request(api, "sendMessage")
    assert sent["parse_mode"] == "HTML" and sent["link_preview_options"] == {"is_disabled": True}
    assert ours == theirs.message_id - 1, "the id Telegram gave the message"


async def test_the_plain_text_resend_has_no_parse_mode(bot: Any, api: FakeBotApi) -> None:
    await sending.send_message(bot, CHAT, "1 < 2", KEYBOARD, parse_mode=None)
    sent = last_request(api, "sendMessage")
    await bot.send_message(CHAT, "1 < 2", parse_mode=None, reply_markup=PTB_KEYBOARD)
    assert sent == last_request(api, "sendMessage")
    assert "parse_mode" not in sent


async def test_a_text_without_buttons_is_sent_as_send_message_sends_it(
    bot: Any, api: FakeBotApi
) -> None:
    await sending.send_message(bot, CHAT, "One moment…")
    sent = last_request(api, "sendMessage")
    await bot.send_message(CHAT, "One moment…")
    assert sent == last_request(api, "sendMessage")
    assert "reply_markup" not in sent


async def test_an_edit_is_sent_as_edit_message_text_sends_it(bot: Any, api: FakeBotApi) -> None:
    first = await sending.send_message(bot, CHAT, "Still working?", KEYBOARD)
    second = await sending.send_message(bot, CHAT, "Still working?", KEYBOARD)
    await sending.edit_message_text(bot, CHAT, first, "Still working? → <b>Yes</b>")
    edited = last_request(api, "editMessageText")
    await bot.edit_message_text("Still working? → <b>Yes</b>", chat_id=CHAT, message_id=second)
    assert edited == {**last_request(api, "editMessageText"), "message_id": first}
    assert edited["parse_mode"] == "HTML"
    marked = api.chat_messages(CHAT)[-2]
    assert marked["text"] == "Still working? → Yes" and "reply_markup" not in marked
