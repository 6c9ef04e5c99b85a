"""Every stored session's upgrade to the current schema, in one place.

A newer bot reads documents written by an older one: `upgrade` takes a stored document
(JSON data) of any schema up to `SCHEMA_VERSION` to the current one, which
`Session.model_validate` then reads. A document from a newer bot is refused."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from dialogs.session import SCHEMA_VERSION

Document = dict[str, Any]


class UnreadableSessionError(ValueError):
    """A stored document this version of the bot cannot read."""


def upgrade(document: Document) -> Document:
    version = document.get("schema_version", 0)
    if version > SCHEMA_VERSION:
        raise UnreadableSessionError(
            f"session schema {version} is newer than this bot's {SCHEMA_VERSION}"
        )
    while version < SCHEMA_VERSION:
        document = UPGRADES[version](document)
        version = document["schema_version"]
    return document


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
        "answers": _answers_from_1(document.get("answers", {})),
        "schema_version": 2,
    }


def _from_2_to_3(document: Document) -> Document:
    # Schema 3 can hold several plans; a saved conversation is about its one plan.
    return {**document, "plans": [], "plan_name": None, "schema_version": 3}


# Schema 4: four questions' answers are the rules' own values (rules/facts.py) instead of
# ids of their own. Old id -> new value, by question; ids that did not change are left out.
RENAMED_IN_4: dict[str, dict[str, str]] = {
    "employment": {"leaving": "planning_to_leave", "staying": "employed", "left": "separated"},
    "public_safety": {"gov": "other", "fire": "firefighter", "no": "none"},
    "filing": {"mfj": "married_joint", "mfs": "married_separate", "hoh": "head_of_household"},
    "plan_type": {"457b": "457b_governmental", "sep": "sep_ira", "simple": "simple_ira"},
}


def renamed_option(question_id: str, option: str) -> str:
    """An option id of a button sent before schema 4, as the answer it now stands for."""
    return RENAMED_IN_4.get(question_id, {}).get(option, option)


def _from_3_to_4(document: Document) -> Document:
    # Every place a schema-3 document keeps answers by question id: the plan being
    # checked, what was settled or said in passing, the readings offered as buttons, the
    # other plans and the /back snapshots.
    def renamed(answers: dict[str, Any]) -> dict[str, Any]:
        return {
            qid: renamed_option(qid, answer) if isinstance(answer, str) else answer
            for qid, answer in answers.items()
        }

    def each(items: list[dict[str, Any]], *keys: str) -> list[dict[str, Any]]:
        return [{**item, **{k: renamed(item[k]) for k in keys if k in item}} for item in items]

    upgraded = {**document, "schema_version": 4}
    for key in ("answers", "partial", "said"):
        if key in document:
            upgraded[key] = renamed(document[key])
    upgraded["offered"] = [renamed(answers) for answers in document.get("offered", [])]
    upgraded["plans"] = each(document.get("plans", []), "answers", "person")
    upgraded["undo"] = each(document.get("undo", []), "answers", "said")
    return upgraded


# UPGRADES[n] turns a schema-n document into a schema-(n+1) one.
UPGRADES: dict[int, Callable[[Document], Document]] = {
    0: _from_0_to_1,
    1: _from_1_to_2,
    2: _from_2_to_3,
    3: _from_3_to_4,
}


def _answers_from_1(answers: dict[str, Any]) -> dict[str, Any]:
    """Schema 1 answers, as schema 2 reads them: a birth is one typed value (an age, or a
    date with its month), contributions are kept as said (max, a % of pay, dollars), and
    "rolled to an IRA?" became none / some / all (an old "yes" is asked again, since it
    did not say how much)."""
    upgraded = dict(answers)
    birth = answers.get("birth")
    if isinstance(birth, str) and re.fullmatch(r"\d{4}-\d{2}", birth):  # schema 0: "1971-09"
        birth = {"year": int(birth[:4]), "month": int(birth[5:])}
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
