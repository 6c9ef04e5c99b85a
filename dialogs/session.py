"""One person's conversation, small enough to store as a JSON document.

The dialog engine owns the meaning of `answers`, `asked` and `history`; the shells
only read `version` (compare-and-set in the store) and `forgotten` (delete, not save),
and write `recent_update_ids` (a redelivered Telegram update is ignored)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = 3


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
    # that plan's own answers}. `answers` holds the plan being checked now, named `plan_name`.
    plans: list[dict[str, Any]] = Field(default_factory=list)
    plan_name: str | None = None

    # Set by `step` on /forget, never stored: the shell deletes everything it keeps for
    # the chat instead of saving this session.
    forgotten: bool = Field(default=False, exclude=True)


def upgrade_answers_from_1(answers: dict[str, Any]) -> dict[str, Any]:
    """Schema 1 answers, as schema 2 reads them: a birth is one typed value (an age, or a
    date with its month), contributions are kept as said (max, a % of pay, dollars), and
    "rolled to an IRA?" became none / some / all (an old "yes" is asked again, since it
    did not say how much)."""
    upgraded = dict(answers)
    birth = answers.get("birth")
    if isinstance(birth, dict):
        if "age" in birth:
            upgraded["birth"] = {"kind": "age", "years": birth["age"]}
        else:
            month = birth.get("month") or answers.get("birth_month")
            upgraded["birth"] = {
                "kind": "birth",
                "year": birth["year"],
                "month": month if isinstance(month, int) else None,
                "day": birth.get("day"),
            }
    separation = answers.get("separation")
    if isinstance(separation, str) and separation != "unsure":
        year, month, _day = (int(part) for part in separation.split("-"))
        upgraded["separation"] = {"kind": "day", "year": year, "month": month, "day": None}
    for qid in ("own", "employer"):
        old = answers.get(qid)
        if isinstance(old, dict):
            how = old.get("how")
            if how == "max":
                upgraded[qid] = {"kind": "max"}
            elif how == "percent":
                upgraded[qid] = {"kind": "percent", "percent": old["percent"]}
            else:
                upgraded[qid] = {"kind": "dollars", "amount": old["amount"]}
    rolled = {"no": "none", "unsure": "unsure"}.get(answers.get("rolled_ira", ""))
    upgraded.pop("rolled_ira", None)
    if rolled is not None:
        upgraded["rolled_ira"] = rolled
    return upgraded
