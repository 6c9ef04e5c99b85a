"""Conversations saved before typed answers (schema 1) still open, and finish."""

from __future__ import annotations

import json

from bot.store.documents import decode
from dialogs import SCHEMA_VERSION, form
from tests.conftest import TODAY
from tests.dialogs.person import Person

# A schema-1 session, as the bot saved it: an age with its birthday answer, a leaving
# month as an ISO date, "max" and a % match with the dollars worked out at the time.
SAVED_BY_SCHEMA_1 = {
    "schema_version": 1,
    "version": 14,
    "recent_update_ids": [1001, 1002],
    "answers": {
        "topics": "both",
        "birth": {"age": 54},
        "bday_passed": "no",
        "employment": "leaving",
        "separation": "2026-12-01",
        "plan_type": "401k",
        "public_safety": "no",
        "rolled_ira": "yes",
        "after_tax": "yes",
        "in_plan_roth": "yes",
        "estimate": "yes",
        "pay": 180000,
        "own": {"amount": 32500, "how": "max", "base": 24500, "catch_up": 8000},
        "employer": {"amount": 7200, "how": "percent", "percent": "4"},
    },
    "asked": "tax_est",
    "history": ["topics", "birth", "bday_passed", "employment", "separation", "plan_type"],
}


def test_a_schema_1_session_opens_and_reads_the_same() -> None:
    session = decode(json.dumps(SAVED_BY_SCHEMA_1))
    assert session.schema_version == SCHEMA_VERSION
    a = session.answers
    assert a["birth"] == {"kind": "age", "years": 54}
    assert a["separation"] == {"kind": "day", "year": 2026, "month": 12, "day": None}
    assert a["own"] == {"kind": "max"}
    assert a["employer"] == {"kind": "percent", "percent": "4"}
    assert "rolled_ira" not in a  # an old "yes" did not say how much: asked again if needed
    facts = form.facts_from(a, TODAY)
    assert facts.birth_year == 1971 and facts.compensation == 180_000


def test_a_schema_1_session_finishes() -> None:
    person = Person(tax_est="tap no", rolled_ira="tap some", partial="tap unsure")
    person.session = decode(json.dumps(SAVED_BY_SCHEMA_1))
    person.command("start")
    assert "Welcome back" in person.text
    steps = 0
    while person.asked is not None and steps < 10:
        person.answer(person.knows[person.asked])
        steps += 1
    assert person.asked is None
    assert "Rule of 55" in person.text and "Mega backdoor Roth" in person.text
