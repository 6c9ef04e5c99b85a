"""Conversations saved before typed answers (schema 1) still open, and finish."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from bot.store.documents import decode
from dialogs import SCHEMA_VERSION, form
from dialogs.answers import Age, BirthDate, Day
from dialogs.migrations import UPGRADES
from rules import MaxDeferral, PercentOfPay
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
    assert a["birth"] == Age(years=54)
    assert a["separation"] == Day(year=2026, month=12)
    assert a["own"] == MaxDeferral()
    assert a["employer"] == PercentOfPay(percent=Decimal(4))
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


# The same person as each schema saved them: born September 1971, leaving in March 2027,
# putting in the maximum. Every schema a released bot wrote opens as the same answers.
SAVED_BY_EACH_SCHEMA = {
    0: {
        "version": 3,
        "last_update_id": 7,
        "answers": {"birth": "1971-09", "separation": "2027-03-01", "own": {"how": "max"}},
    },
    1: {
        "schema_version": 1,
        "version": 3,
        "recent_update_ids": [7],
        "answers": {
            "birth": {"year": 1971, "month": 9},
            "separation": "2027-03-01",
            "own": {"how": "max", "amount": 32500},
        },
    },
    2: {
        "schema_version": 2,
        "version": 3,
        "recent_update_ids": [7],
        "answers": {
            "birth": {"kind": "birth", "year": 1971, "month": 9, "day": None},
            "separation": {"kind": "day", "year": 2027, "month": 3, "day": None},
            "own": {"kind": "max"},
        },
    },
    3: {
        "schema_version": 3,
        "version": 3,
        "recent_update_ids": [7],
        "answers": {
            "birth": {"kind": "birth", "year": 1971, "month": 9, "day": None},
            "separation": {"kind": "day", "year": 2027, "month": 3, "day": None},
            "own": {"kind": "max"},
        },
        "plans": [{"name": "old job", "answers": {"separation": "unsure"}}],
    },
}


@pytest.mark.parametrize("schema", sorted(SAVED_BY_EACH_SCHEMA))
def test_every_stored_schema_opens_as_typed_answers(schema: int) -> None:
    session = decode(json.dumps(SAVED_BY_EACH_SCHEMA[schema]))
    assert session.schema_version == SCHEMA_VERSION and session.recent_update_ids == [7]
    assert session.answers == {
        "birth": BirthDate(year=1971, month=9),
        "separation": Day(year=2027, month=3),
        "own": MaxDeferral(),
    }
    assert decode(session.model_dump_json()) == session  # saved again, read the same


def test_every_schema_has_its_upgrade_and_its_stored_example() -> None:
    assert set(UPGRADES) == set(range(SCHEMA_VERSION))
    assert set(SAVED_BY_EACH_SCHEMA) == set(range(SCHEMA_VERSION + 1))
