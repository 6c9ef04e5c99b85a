"""One whole conversation (both checks, with money figures) as a person types it, and
what the dialog makes of it when nothing goes wrong: the yardstick for the restart and
concurrency tests."""

from __future__ import annotations

from typing import Any

from dialogs import Session, Text, step
from tests.conftest import TODAY

BOTH_CHECKS = [
    "/start",
    "both",
    "March 1971",
    "Yes, and I plan to leave",
    "end of december",
    "401k",
    "no",
    "not sure",
    "yes",
    "yes",
    "yes",
    "180k",
    "max",
    "4% match",
    "no",
]


def expected_answers(lines: list[str]) -> dict[str, Any]:
    """The answers the pure dialog records for these lines, applied once each in order."""
    from dialogs import Command

    session = Session()
    for line in lines:
        event = Command(name=line[1:]) if line.startswith("/") else Text(text=line)
        session, _ = step(session, event, TODAY)
    return session.answers
