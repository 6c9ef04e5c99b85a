"""The sentences the Telegram shell itself says, read from templates/telegram.toml so copy
edits never touch Python (the dialog's own words are in the .j2 templates beside it).

Texts sent as messages are Telegram HTML; button labels, alerts and descriptions are plain."""

from __future__ import annotations

import tomllib
from importlib.resources import files

from pydantic import BaseModel, ConfigDict

TEXTS_FILE = files("dialogs.templates") / "telegram.toml"  # templates/, as package data


class _ShellTexts(BaseModel):
    # A missing or misspelt key fails at start-up (and in the tests), not in a chat.
    model_config = ConfigDict(extra="forbid", frozen=True)

    group_invite: str
    not_text: str
    edited: str
    too_long: str
    error: str
    one_moment: str
    disk_full: str
    chosen_answer: str
    open_private_chat: str
    share: str
    check_your_own: str
    button_outdated: str
    share_title: str
    nothing_to_share: str
    short_description: str
    description: str
    commands: dict[str, str]


_TEXTS = _ShellTexts.model_validate(tomllib.loads(TEXTS_FILE.read_text(encoding="utf-8")))

GROUP_INVITE = _TEXTS.group_invite  # `{link}`: an already-escaped URL
NOT_TEXT = _TEXTS.not_text
EDITED = _TEXTS.edited
TOO_LONG = _TEXTS.too_long  # `{limit}`
ERROR = _TEXTS.error
DISK_FULL = _TEXTS.disk_full  # the server cannot save anything until space returns
ONE_MOMENT = _TEXTS.one_moment  # the session store is briefly unavailable: retrying
CHOSEN_ANSWER = _TEXTS.chosen_answer  # `{label}`: after a press, "… → Both"
OPEN_PRIVATE_CHAT = _TEXTS.open_private_chat
SHARE = _TEXTS.share
CHECK_YOUR_OWN = _TEXTS.check_your_own
BUTTON_OUTDATED = _TEXTS.button_outdated
SHARE_TITLE = _TEXTS.share_title
NOTHING_TO_SHARE = _TEXTS.nothing_to_share
SHORT_DESCRIPTION = _TEXTS.short_description
DESCRIPTION = _TEXTS.description
COMMANDS = list(_TEXTS.commands.items())  # the menu, in the file's order
