"""One person's conversation, small enough to store as a JSON document.

The dialog engine owns the meaning of `answers`, `asked` and `history`; the shells
only read `version` (compare-and-set in the store) and `forgotten` (delete, not save),
and write `recent_update_ids` (a redelivered Telegram update is ignored)."""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from dialogs.form import typed_answers

SCHEMA_VERSION = 4


class ReminderOptIn(BaseModel):
    """The person tapped "🔔 Remind me": their time zone and what they stopped or got.
    The dates themselves are never stored here: they follow the answers
    (dialogs/reminders.py computes them whenever the session is saved)."""

    model_config = ConfigDict(extra="forbid")
    since: date  # the day they asked; dates before it are never reminded
    zone: str = "eastern"  # a key of dialogs/reading/data/time_zones.toml
    cancelled: list[str] = Field(default_factory=list)  # kinds they stopped
    sent: list[str] = Field(default_factory=list)  # "<kind>:<date>" already sent


class Session(BaseModel):
    model_config = ConfigDict(extra="forbid")

    schema_version: int = SCHEMA_VERSION
    version: int = 0  # bumped by every step; the store saves only over the version it loaded
    # Telegram update ids already applied, newest last, set by the shell, never by the dialog.
    # A short list rather than one number: two processes may apply one chat's updates out
    # of order, and an older id must still count as new.
    recent_update_ids: list[int] = Field(default_factory=list)
    # question id -> the answer, typed (dialogs/form.py: a model for a date or an amount as
    # said, else the option id or the number); JSON only in the store.
    answers: dict[str, Any] = Field(default_factory=dict)
    asked: str | None = None  # the question on screen
    history: list[str] = Field(default_factory=list)  # answered question ids, oldest first
    misreads: int = 0  # answers to the question on screen we could not use, in a row
    # The re-ask on screen ("do you plan to leave?" after "still working"): the next
    # message is read as an answer to it. And what the last reading settled so far, by
    # question id, kept if the question is given up.
    reasked: str | None = None
    partial: dict[str, Any] = Field(default_factory=dict)
    # Answers offered as buttons when a reading was ambiguous ("March 2031 or 31 March?"):
    # each is the answers it stands for, by question id.
    offered: list[dict[str, Any]] = Field(default_factory=list)
    # Answers given before their question applies ("…and I make 210k" before the room was
    # asked for): used, not asked, once the question comes up.
    said: dict[str, Any] = Field(default_factory=dict)
    # The person's other plans (schema 3): each {"name": their words or None, "answers":
    # that plan's own answers, "person": the person's answers it was checked with}.
    # `answers` holds the plan being checked now, named `plan_name`.
    plans: list[dict[str, Any]] = Field(default_factory=list)
    plan_name: str | None = None
    # What the answers were before each recent change, newest last (/back restores it):
    # each {"answers": ..., "history": [...], "said": ...}.
    undo: list[dict[str, Any]] = Field(default_factory=list)
    # Reminders on the dates that matter, once asked for (None: not asked, or stopped).
    reminders: ReminderOptIn | None = None

    @field_validator("answers", "partial", "said")
    @classmethod
    def _typed(cls, answers: dict[str, Any]) -> dict[str, Any]:
        return typed_answers(answers)

    @field_validator("offered")
    @classmethod
    def _typed_offers(cls, offered: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [typed_answers(answers) for answers in offered]

    @field_validator("undo")
    @classmethod
    def _typed_undo(cls, undo: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [
            {
                "answers": typed_answers(step.get("answers", {})),
                "history": list(step.get("history", [])),
                "said": typed_answers(step.get("said", {})),
            }
            for step in undo
        ]

    @field_validator("plans")
    @classmethod
    def _typed_plans(cls, plans: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [
            {
                **plan,
                "answers": typed_answers(plan.get("answers", {})),
                "person": typed_answers(plan.get("person", {})),
            }
            for plan in plans
        ]

    # Set by `step` on /forget, never stored: the shell deletes everything it keeps for
    # the chat instead of saving this session.
    forgotten: bool = Field(default=False, exclude=True)
