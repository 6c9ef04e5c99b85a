"""The conversation, without Telegram: `step(session, event, today) -> (session, replies)`."""

from dialogs.engine import picture, step, summary
from dialogs.events import Choice, Command, Event, Option, Reply, Text
from dialogs.session import SCHEMA_VERSION, Session

__all__ = [
    "SCHEMA_VERSION",
    "Choice",
    "Command",
    "Event",
    "Option",
    "Reply",
    "Session",
    "Text",
    "picture",
    "step",
    "summary",
]
