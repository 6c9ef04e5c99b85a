"""Sessions as stored JSON documents, and the upgrades that let a newer bot read
documents written by an older one."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel, ConfigDict

from dialogs import SCHEMA_VERSION, Reply, Session
from dialogs.session import upgrade_answers_from_1

Document = dict[str, Any]


def _from_0_to_1(document: Document) -> Document:
    # Schema 0 (before the first release) kept one `last_update_id`. Two processes may
    # apply a chat's updates out of order, so schema 1 remembers the recent ids instead.
    upgraded = {key: value for key, value in document.items() if key != "last_update_id"}
    last = document.get("last_update_id")
    upgraded["recent_update_ids"] = [] if last is None else [last]
    upgraded["schema_version"] = 1
    return upgraded


def _from_1_to_2(document: Document) -> Document:
    # Schema 2 keeps typed answers as the person gave them (dialogs/answers.py).
    return {
        **document,
        "answers": upgrade_answers_from_1(document.get("answers", {})),
        "schema_version": 2,
    }


def _from_2_to_3(document: Document) -> Document:
    # Schema 3 can hold several plans; a saved conversation is about its one plan.
    return {**document, "plans": [], "plan_name": None, "schema_version": 3}


# UPGRADES[n] turns a schema-n document into a schema-(n+1) one.
UPGRADES: dict[int, Callable[[Document], Document]] = {
    0: _from_0_to_1,
    1: _from_1_to_2,
    2: _from_2_to_3,
}


class UnreadableSessionError(ValueError):
    """A stored document this version of the bot cannot read."""


def encode(session: Session) -> str:
    return session.model_dump_json()


def decode(text: str | bytes) -> Session:
    document = json.loads(text)
    version = document.get("schema_version", 0)
    if version > SCHEMA_VERSION:
        raise UnreadableSessionError(
            f"session schema {version} is newer than this bot's {SCHEMA_VERSION}"
        )
    while version < SCHEMA_VERSION:
        document = UPGRADES[version](document)
        version = document["schema_version"]
    return Session.model_validate(document)


class Outbox(BaseModel):
    """The replies to one applied update, kept until they have been sent."""

    model_config = ConfigDict(frozen=True)
    update_id: int
    replies: list[Reply]


def encode_outbox(outbox: Outbox | None) -> str | None:
    return None if outbox is None else outbox.model_dump_json()


def decode_outbox(text: str | bytes | None) -> Outbox | None:
    return None if text is None else Outbox.model_validate_json(text)
