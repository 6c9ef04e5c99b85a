"""One person's conversation, small enough to store as a JSON document.

The dialog engine owns the meaning of `answers`, `asked` and `history`; the shells
only read `version` (compare-and-set in the store) and `forgotten` (delete, not save),
and write `recent_update_ids` (a redelivered Telegram update is ignored)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = 1


class Session(BaseModel):
    model_config = ConfigDict(extra="forbid")

    schema_version: int = SCHEMA_VERSION
    version: int = 0  # bumped by every step; the store saves only over the version it loaded
    # Telegram update ids already applied, newest last, set by the shell, never by the dialog.
    # A short list rather than one number: two processes may apply one chat's updates out
    # of order, and an older id must still count as new.
    recent_update_ids: list[int] = Field(default_factory=list)
    answers: dict[str, Any] = Field(default_factory=dict)  # question id -> answer (JSON)
    asked: str | None = None  # the question on screen
    history: list[str] = Field(default_factory=list)  # answered question ids, oldest first
    # Set by `step` on /forget, never stored: the shell deletes everything it keeps for
    # the chat instead of saving this session.
    forgotten: bool = Field(default=False, exclude=True)
