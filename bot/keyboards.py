"""Buttons: callback data `question:option`, parsed back into a `Choice`.

Each button carries its own question: `Option.question_id` when set (an echo's "Change"
travelling in the next question's keyboard), else the reply's `question_id`. The dialog's
ids are short words without colons; one that would not fit Telegram's 64 bytes is a bug
in the dialog, refused loudly here rather than papered over."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot import texts
from dialogs import Choice, Option, Reply

MAX_CALLBACK_BYTES = 64  # Telegram's limit on callback_data
MAX_ROW_CHARACTERS = 30  # buttons share a row while their labels fit a phone screen
MAX_ROW_BUTTONS = 3


def encode(question_id: str, option_id: str) -> str:
    data = f"{question_id}:{option_id}"
    if ":" in question_id or ":" in option_id or len(data.encode()) > MAX_CALLBACK_BYTES:
        raise ValueError(f"button ids do not fit Telegram's callback data: {data[:80]!r}")
    return data


def decode(data: str) -> Choice | None:
    """The choice a button stands for, or None for data we never made."""
    question, separator, option = data.partition(":")
    if not separator or not option or ":" in option:
        return None
    return Choice(question_id=question, option_id=option)


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


def keyboard(reply: Reply) -> InlineKeyboardMarkup | None:
    """The reply's options as buttons, plus Share on a shareable reply (inline mode)."""
    options: list[Option] = list(reply.options)
    buttons = [
        InlineKeyboardButton(
            option.label,
            callback_data=encode(option.question_id or reply.question_id or "", option.id),
        )
        for option in options
    ]
    layout = [[buttons[index] for index in row] for row in rows([o.label for o in options])]
    if reply.shareable:
        layout.append([InlineKeyboardButton(texts.SHARE, switch_inline_query="")])
    return InlineKeyboardMarkup(layout) if layout else None
