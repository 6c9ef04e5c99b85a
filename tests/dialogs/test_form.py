"""The form as data: ids, order, what applies, which questions are worth asking, and the
facts the answers become."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from dialogs import actions, form
from dialogs.form import BY_ID, QUESTIONS, facts_from, next_question, outline, prune
from rules import (
    Dollars,
    Employment,
    FilingStatus,
    Match,
    MaxDeferral,
    PercentOfPay,
    PlanType,
    PublicSafety,
    RolledOut,
)
from tests.conftest import TODAY

BORN_1972 = {"kind": "birth", "year": 1972, "month": 2, "day": None}


def test_ids_fit_telegram_callback_data() -> None:
    assert len(BY_ID) == len(QUESTIONS)
    for question in QUESTIONS:
        assert question.id.isascii() and ":" not in question.id and 0 < len(question.id) <= 16
        for option in question.options:  # the rules' values: "457b_governmental" is 17
            assert option.isascii() and ":" not in option and 0 < len(option) <= 30
            assert actions.decode(question.id, option) == actions.Answer(question.id, option)
        assert "why" not in question.options  # reserved for "Why do you ask?"


def test_the_outline_lists_every_question_in_order() -> None:
    lines = outline().splitlines()
    assert [line.split()[1] for line in lines] == [q.id for q in QUESTIONS]


def test_the_first_question_is_what_to_check() -> None:
    question = next_question({}, TODAY)
    assert question is not None and question.id == "topics"


def test_prune_drops_answers_that_no_longer_apply() -> None:
    answers = {
        "topics": "r55",
        "birth": BORN_1972,
        "employment": "employed",
        "separation": {"kind": "day", "year": 2026, "month": 12, "day": None},
        "plan_type": "401k",
        "after_tax": "yes",
    }
    kept = prune(answers)
    assert "separation" not in kept  # staying: no leaving date
    assert "after_tax" not in kept  # Rule of 55 only
    assert kept["plan_type"] == "401k"


def test_answers_become_facts() -> None:
    answers = {
        "topics": "both",
        "birth": {"kind": "age", "years": 55},
        "bday_passed": "no",
        "employment": "planning_to_leave",
        "separation": {"kind": "day", "year": 2027, "month": 1, "day": None},
        "plan_type": "tsp",
        "public_safety": "other",
        "rolled_ira": "some",
        "partial": "unsure",
        "after_tax": "yes",
        "in_plan_roth": "yes",
        "estimate": "yes",
        "pay": 100_000,
        "own": {"kind": "max"},
        "employer": {"kind": "match", "rate_percent": "50", "up_to_percent": "6"},
        "tax_est": "yes",
        "withdrawal": 40_000,
        "filing": "married_joint",
        "other_income": 0,
    }
    facts = facts_from(answers, TODAY)
    assert facts.birth_year == 1970 and facts.birth_month is None  # 55, birthday still to come
    assert facts.employment is Employment.PLANNING_TO_LEAVE
    assert facts.separation_date == date(2027, 1, 1)
    assert facts.plan_type is PlanType.TSP and facts.governmental_plan is True
    assert facts.public_safety is PublicSafety.OTHER
    assert facts.rolled_to_ira is RolledOut.SOME and facts.partial_withdrawals_allowed is None
    assert facts.after_tax_contributions_allowed is True and facts.in_plan_roth_conversion
    assert facts.compensation == 100_000
    assert facts.employee_deferrals == MaxDeferral()  # kept as said: the rules work it out
    assert facts.employer_contributions == Match(rate_percent=Decimal(50), up_to_percent=Decimal(6))
    assert facts.filing_status is FilingStatus.MARRIED_JOINT
    assert facts.planned_withdrawal == 40_000 and facts.other_taxable_income == 0


@pytest.mark.parametrize(
    ("said", "fact"),
    [
        ({"kind": "dollars", "amount": 6000}, Dollars(amount=6000)),
        ({"kind": "percent", "percent": "4"}, PercentOfPay(percent=Decimal(4))),
        ("unsure", None),
    ],
)
def test_contributions_are_kept_as_said(said: object, fact: object) -> None:
    answers = {"topics": "mbr", "birth": BORN_1972, "estimate": "yes", "employer": said}
    assert facts_from(answers, TODAY).employer_contributions == fact


@pytest.mark.parametrize(
    ("employment", "said", "meant"),
    [
        ("separated", {"kind": "day", "year": 2024, "month": None, "day": None}, date(2024, 12, 1)),
        (
            "planning_to_leave",
            {"kind": "day", "year": 2028, "month": None, "day": None},
            date(2028, 1, 1),
        ),
        ("planning_to_leave", {"kind": "day", "year": 2026, "month": 11, "day": None}, TODAY),
        ("separated", {"kind": "day", "year": 2026, "month": 11, "day": None}, TODAY),
        ("separated", {"kind": "day", "year": 2025, "month": 3, "day": 15}, date(2025, 3, 15)),
    ],
)
def test_a_leaving_date_as_precise_as_it_was_said(
    employment: str, said: object, meant: date
) -> None:
    answers = {"topics": "r55", "birth": BORN_1972, "employment": employment, "separation": said}
    assert facts_from(answers, TODAY).separation_date == meant


def test_a_question_is_asked_only_when_its_answer_would_change_the_result() -> None:
    past_59 = {"topics": "r55", "birth": {"kind": "birth", "year": 1960, "month": 3, "day": 1}}
    assert not form.would_change(BY_ID["employment"], past_59, TODAY)
    at_54 = {
        "topics": "r55",
        "birth": BORN_1972,
        "plan_type": "401k",
        "employment": "planning_to_leave",
    }
    assert form.would_change(BY_ID["separation"], at_54, TODAY)  # December 2026 or 2027?


def test_the_room_figures_are_worth_asking_one_by_one() -> None:
    answers = {
        "topics": "mbr",
        "birth": BORN_1972,
        "plan_type": "401k",
        "employment": "employed",
        "after_tax": "yes",
        "in_plan_roth": "yes",
        "estimate": "yes",
    }
    question = next_question(answers, TODAY)
    assert question is not None and question.id == "pay"
