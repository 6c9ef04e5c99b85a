"""Buttons: a reply's options as an inline keyboard. Callback data is made and read back in
one place, dialogs/actions.py.

Each button carries its own question: `Option.question_id` when set (an echo's "Change"
travelling in the next question's keyboard), else the reply's `question_id`.

The keyboard is the Bot API's `reply_markup` as JSON-ready dicts, exactly what PTB's
`InlineKeyboardMarkup.to_dict()` gives for the same buttons (in its key order, so the
request is the same to the byte): building PTB's objects for
every message only for PTB to turn them back into dicts was about 5% of the bot's CPU
(tests/telegram/test_keyboards.py compares the two)."""

from __future__ import annotations

from bot import texts
from dialogs import Option, Reply
from dialogs.actions import callback_data

MAX_ROW_CHARACTERS = 30  # buttons share a row while their labels fit a phone screen
MAX_ROW_BUTTONS = 3


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


Button = dict[str, str]
Keyboard = dict[str, list[list[Button]]]  # {"inline_keyboard": rows of buttons}


def keyboard(reply: Reply) -> Keyboard | None:
    """The reply's options as buttons, plus Share on a shareable reply (inline mode)."""
    options: list[Option] = list(reply.options)
    buttons = [
        {
            "callback_data": callback_data(
                option.question_id or reply.question_id or "", option.id
            ),
            "text": option.label,
        }
        for option in options
    ]
    layout = [[buttons[index] for index in row] for row in rows([o.label for o in options])]
    if reply.shareable:
        layout.append([{"switch_inline_query": "", "text": texts.SHARE}])
    return {"inline_keyboard": layout} if layout else None
