"""Sending and editing the shell's messages without building PTB `Message` objects.

`Bot.send_message` and `Bot.edit_message_text` turn Telegram's answer into a full
`Message` (its chat, its sender, every entity and button); the shell needs only the new
message's id. On the full-stack benchmark building those objects was about a tenth of the
bot's CPU. These calls go through `Bot.do_api_request` with no return type, so the answer
stays the JSON Telegram sent.

The request is the one PTB's own methods make: the same path through the rate limiter and
its retries (bot/requests.py), and the same `Defaults` (HTML parse mode, no link previews):
the parameters PTB's methods leave to `Defaults` are passed as "not set"
(`BaseRequest.DEFAULT_NONE`), which `ExtBot` fills in exactly as for its own methods
(tests/telegram/test_sending.py compares the requests)."""

from __future__ import annotations

import warnings
from typing import Any

from telegram.request import BaseRequest

# do_api_request warns that Bot has a method of that name: the point here is not to use it.
warnings.filterwarnings("ignore", message=r".*Bot\.(sendMessage|editMessageText).*do_api_request")

# What PTB's send_message / edit_message_text leave to Defaults when not given.
_FROM_DEFAULTS = ("disable_notification", "protect_content", "parse_mode", "link_preview_options")
_NOT_SET: Any = BaseRequest.DEFAULT_NONE


def _with_defaults(fields: dict[str, Any], parse_mode: Any) -> dict[str, Any]:
    given = dict.fromkeys(_FROM_DEFAULTS, _NOT_SET)
    if parse_mode is not _NOT_SET:
        given["parse_mode"] = parse_mode
    return {**fields, **given}


async def send_message(
    bot: Any,
    chat_id: int,
    text: str,
    reply_markup: dict[str, Any] | None = None,
    *,
    parse_mode: str | None = _NOT_SET,
) -> int:
    """`bot.send_message(chat_id, text, reply_markup=...)`; the new message's id. The
    keyboard as the Bot API takes it (bot/keyboards.py)."""
    fields: dict[str, Any] = {"chat_id": chat_id, "text": text, "reply_markup": reply_markup}
    answer = await bot.do_api_request("sendMessage", api_kwargs=_with_defaults(fields, parse_mode))
    return int(answer["message_id"])


async def edit_message_text(bot: Any, chat_id: int, message_id: int, text: str) -> None:
    """`bot.edit_message_text(text, chat_id=..., message_id=...)`: the keyboard goes."""
    fields: dict[str, Any] = {"chat_id": chat_id, "message_id": message_id, "text": text}
    await bot.do_api_request("editMessageText", api_kwargs=_with_defaults(fields, _NOT_SET))
