"""Conversations saved before typed answers (schema 1) still open, and finish."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from bot.store.documents import decode
from dialogs import SCHEMA_VERSION, Choice, form
from dialogs.answers import Age, BirthDate, Day
from dialogs.migrations import UPGRADES
from rules import (
    Employment,
    FilingStatus,
    MaxDeferral,
    PercentOfPay,
    PlanType,
    PublicSafety,
    RolledOut,
)
from tests.conftest import TODAY
from tests.dialogs.chat import Chat
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
    4: {
        "schema_version": 4,
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


# A conversation the schema-3 bot saved (made by it: three plans, answers changed and
# /back snapshots, readings offered as buttons), holding every answer id of the four
# questions whose answers are now the rules' own values.
SCHEMA_3 = (Path(__file__).parent / "data" / "session_schema_3.json").read_text()
RULES_VALUES = {
    "employment": Employment,
    "public_safety": PublicSafety,
    "filing": FilingStatus,
    "plan_type": PlanType,
    "rolled_ira": RolledOut,
}


def _every_answers(document: dict[str, Any]) -> list[dict[str, Any]]:
    """Every set of answers a session document keeps, by question id."""
    return [
        document["answers"],
        document["partial"],
        document["said"],
        *document["offered"],
        *(plan[part] for plan in document["plans"] for part in ("answers", "person")),
        *(step[part] for step in document["undo"] for part in ("answers", "said")),
    ]


def test_a_schema_3_session_holding_every_old_answer_id_opens_as_the_rules_values() -> None:
    stored = json.loads(SCHEMA_3)
    assert stored["schema_version"] == 3
    old = {qid: set[str]() for qid in RULES_VALUES}
    for answers in _every_answers(stored):
        for qid in old.keys() & answers.keys():
            old[qid].add(answers[qid])
    assert old["employment"] == {"leaving", "staying", "left"}
    assert old["public_safety"] == {"gov", "fire", "no"}
    assert old["filing"] == {"single", "mfj", "mfs", "hoh"}
    assert old["plan_type"] == {
        "401k",
        "403b",
        "457b",
        "401a",
        "tsp",
        "ira",
        "sep",
        "simple",
        "other",
    }

    session = decode(SCHEMA_3)
    upgraded = json.loads(session.model_dump_json())
    assert session.schema_version == SCHEMA_VERSION
    # Nothing dropped: every answer is still there, each one of the rules' values.
    for before, after in zip(_every_answers(stored), _every_answers(upgraded), strict=True):
        assert before.keys() == after.keys()
        for qid in RULES_VALUES.keys() & after.keys():
            assert after[qid] in {*RULES_VALUES[qid], "unsure"}, (qid, after[qid])
    a, (first, tsp) = session.answers, session.plans
    assert (a["plan_type"], a["employment"], a["public_safety"], a["filing"]) == (
        PlanType.B403,
        Employment.EMPLOYED,
        PublicSafety.NONE,
        FilingStatus.SINGLE,
    )
    assert first["answers"]["employment"] == Employment.PLANNING_TO_LEAVE
    assert first["answers"]["public_safety"] == PublicSafety.OTHER
    assert first["person"]["filing"] == FilingStatus.MARRIED_JOINT
    assert tsp["answers"]["plan_type"] == PlanType.TSP
    assert tsp["answers"]["employment"] == Employment.SEPARATED
    assert tsp["answers"]["public_safety"] == PublicSafety.FIREFIGHTER
    assert session.offered == [
        {"plan_type": PlanType.GOV_457B},
        {"plan_type": PlanType.SIMPLE_IRA},
        {"plan_type": PlanType.OTHER},
    ]
    undone = {step["answers"].get("plan_type") for step in session.undo}
    assert {PlanType.SEP_IRA, PlanType.IRA, PlanType.A401} <= undone
    undone_filing = {step["answers"].get("filing") for step in session.undo}
    assert {FilingStatus.HEAD_OF_HOUSEHOLD, FilingStatus.MARRIED_SEPARATE} <= undone_filing
    facts = form.facts_from(tsp["answers"] | tsp["person"], TODAY)
    assert facts.plan_type is PlanType.TSP and facts.governmental_plan is True


def test_a_schema_3_session_goes_on_where_it_stopped() -> None:
    """The readings it offered are still buttons (the first makes the plan a government
    457(b)), and /back takes the answer back, saying it in the same words as before."""
    chat = Chat()
    chat.session = decode(SCHEMA_3)
    chat.send(Choice(question_id="plan_type", option_id="c0"))
    assert chat.answers["plan_type"] == PlanType.GOV_457B
    assert chat.asked == "other_income"  # as the schema-3 bot went on
    chat.command("back")
    assert chat.answers["plan_type"] == PlanType.B403
    assert "undone your last answer (government 457(b))" in chat.replies[0].text
