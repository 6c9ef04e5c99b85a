"""Sessions as stored JSON documents: the one place a session becomes JSON and back."""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel, ConfigDict

from dialogs import Reply, Session
from dialogs.migrations import upgrade

Document = dict[str, Any]


def encode(session: Session) -> str:
    return session.model_dump_json()


def decode(text: str | bytes) -> Session:
    """A stored session, upgraded from any earlier schema (dialogs/migrations.py)."""
    return Session.model_validate(upgrade(json.loads(text)))


class Outbox(BaseModel):
    """The replies to one applied update, kept until they have been sent."""

    model_config = ConfigDict(frozen=True)
    update_id: int
    replies: list[Reply]


def encode_outbox(outbox: Outbox | None) -> str | None:
    return None if outbox is None else outbox.model_dump_json()


def decode_outbox(text: str | bytes | None) -> Outbox | None:
    return None if text is None else Outbox.model_validate_json(text)
