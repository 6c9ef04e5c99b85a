"""One whole conversation (both checks, with money figures) as a person types it, and
what the dialog makes of it when nothing goes wrong: the yardstick for the restart and
concurrency tests."""

from __future__ import annotations

from typing import Any

from dialogs import Command, Session, Text, step
from tests.conftest import TODAY
from tests.telegram.fake_bot_api import FakeBotApi

BOTH_CHECKS = [
    "/start",
    "both",
    "March 1971",
    "401k",
    "Yes, and I plan to leave",
    "end of december",
    "not sure",
    "yes",
    "yes",
    "yes",
    "yes",
    "180k",
    "max",
    "4% match",
    "no",
]


# The same conversation as a person on a phone has it: (how, what) is a tap on the newest
# button with this label, or typed text. Typing a button's label gives the same answer,
# so `expected_answers` of the labels is what the dialog should record.
BOTH_CHECKS_TAPPED: list[tuple[str, str]] = [
    ("say", "/start"),
    ("tap", "Both"),
    ("say", "March 1971"),
    ("tap", "401(k)"),
    ("tap", "Yes, and I plan to leave"),
    ("say", "end of december"),
    ("tap", "Not sure"),
    ("tap", "Yes"),
    ("tap", "Yes"),
    ("say", "yes"),
    ("tap", "Yes, estimate it"),
    ("say", "180k"),
    ("tap", "The maximum"),
    ("say", "4% match"),
    ("tap", "No thanks"),
]


def expected_answers(lines: list[str]) -> dict[str, Any]:
    """The answers the pure dialog records for these lines, applied once each in order."""
    from dialogs import Command

    session = Session()
    for line in lines:
        event = Command(name=line[1:]) if line.startswith("/") else Text(text=line)
        session, _ = step(session, event, TODAY)
    return session.answers


def replies_in_a_clean_run(lines: list[str]) -> int:
    """How many replies the dialog gives to these lines when nothing goes wrong."""
    session, count = Session(), 0
    for line in lines:
        event = Command(name=line[1:]) if line.startswith("/") else Text(text=line)
        session, replies = step(session, event, TODAY)
        count += len(replies)
    return count


def sent_messages(api: FakeBotApi, chat_id: int) -> int:
    """Messages Telegram took for this chat."""
    return sum(
        1
        for call in api.calls("sendMessage")
        if call.status == 200 and call.params.get("chat_id") == chat_id
    )
