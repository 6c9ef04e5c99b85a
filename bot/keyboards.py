"""Buttons: callback data that fits Telegram's 64 bytes and says which question and which
session version the option belongs to, so a press on an old message is recognised."""

from __future__ import annotations

import hashlib
import logging
from collections import OrderedDict

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot import texts
from dialogs import Choice, Option, Reply

log = logging.getLogger(__name__)

MAX_CALLBACK_BYTES = 64  # Telegram's limit on callback_data
OVERSIZED_PREFIX = "~"
REMEMBERED_OVERSIZED = 10_000
MAX_ROW_CHARACTERS = 30  # buttons share a row while their labels fit a phone screen
MAX_ROW_BUTTONS = 3


class CallbackCodec:
    """`question:option:version` in the button, parsed back into a `Choice`.

    Ids that would not fit (or contain a colon) are replaced by a short key remembered in
    this process; a press on such a button after a restart is reported as outdated."""

    def __init__(self) -> None:
        self._oversized: OrderedDict[str, Choice] = OrderedDict()

    def encode(self, question_id: str | None, option_id: str, version: int | None) -> str:
        question = question_id or ""
        data = f"{question}:{option_id}:{'' if version is None else version}"
        if (
            ":" not in question
            and ":" not in option_id
            and not data.startswith(OVERSIZED_PREFIX)
            and len(data.encode()) <= MAX_CALLBACK_BYTES
        ):
            return data
        key = OVERSIZED_PREFIX + hashlib.blake2b(data.encode(), digest_size=16).hexdigest()
        log.warning("callback data over %d bytes; using a key for it", MAX_CALLBACK_BYTES)
        self._oversized[key] = Choice(question_id=question, option_id=option_id, version=version)
        self._oversized.move_to_end(key)
        while len(self._oversized) > REMEMBERED_OVERSIZED:
            self._oversized.popitem(last=False)
        return key

    def decode(self, data: str) -> Choice | None:
        """The choice a button stands for, or None for data we never made."""
        if data.startswith(OVERSIZED_PREFIX):
            return self._oversized.get(data)
        parts = data.split(":")
        if len(parts) != 3 or not parts[1]:
            return None
        question, option, raw_version = parts
        if raw_version == "":
            return Choice(question_id=question, option_id=option, version=None)
        if not raw_version.isdigit() or len(raw_version) > 18:
            return None
        return Choice(question_id=question, option_id=option, version=int(raw_version))


def rows(labels: list[str]) -> list[list[int]]:
    """Indexes of buttons per row: short labels side by side, long ones alone."""
    layout: list[list[int]] = []
    width = 0
    for index, label in enumerate(labels):
        fits = width + len(label) <= MAX_ROW_CHARACTERS
        if layout and len(layout[-1]) < MAX_ROW_BUTTONS and fits:
            layout[-1].append(index)
            width += len(label)
        else:
            layout.append([index])
            width = len(label)
    return layout


def keyboard(reply: Reply, codec: CallbackCodec) -> InlineKeyboardMarkup | None:
    """The reply's options as buttons, plus Share on a shareable reply (inline mode)."""
    options: list[Option] = list(reply.options)
    buttons = [
        InlineKeyboardButton(
            option.label, callback_data=codec.encode(reply.question_id, option.id, reply.version)
        )
        for option in options
    ]
    layout = [[buttons[index] for index in row] for row in rows([o.label for o in options])]
    if reply.shareable:
        layout.append([InlineKeyboardButton(texts.SHARE, switch_inline_query="")])
    return InlineKeyboardMarkup(layout) if layout else None
