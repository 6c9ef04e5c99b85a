"""The form as data: ids, order, conditions, and the facts the answers become."""

from __future__ import annotations

from datetime import date

from dialogs.form import BY_ID, QUESTIONS, facts_from, next_question, outline, prune
from rules import Dollars, Employment, FilingStatus, PlanType, RolledOut
from tests.conftest import TODAY


def test_ids_fit_telegram_callback_data() -> None:
    assert len(BY_ID) == len(QUESTIONS)
    for question in QUESTIONS:
        for name in (question.id, *question.options):
            assert name.isascii() and ":" not in name and 0 < len(name) <= 16
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
        "birth": {"year": 1972, "month": 2, "day": None},
        "employment": "staying",
        "separation": "2026-12-01",
        "plan_type": "401k",
        "after_tax": "yes",
    }
    kept = prune(answers, TODAY)
    assert "separation" not in kept and "after_tax" not in kept
    assert kept["plan_type"] == "401k"


def test_answers_become_facts() -> None:
    answers = {
        "topics": "both",
        "birth": {"age": 54},
        "bday_passed": "no",
        "employment": "leaving",
        "separation": "2027-01-01",
        "plan_type": "tsp",
        "rolled_ira": "no",
        "partial": "unsure",
        "after_tax": "yes",
        "in_plan_roth": "yes",
        "estimate": "yes",
        "pay": 100_000,
        "own": {"amount": 32_500, "how": "max"},
        "employer": {"amount": 4_000, "how": "percent", "percent": "4"},
        "tax_est": "yes",
        "withdrawal": 40_000,
        "filing": "mfj",
        "other_income": 0,
    }
    facts = facts_from(answers, TODAY)
    assert facts.birth_year == 1971 and facts.birth_month is None
    assert facts.employment is Employment.PLANNING_TO_LEAVE
    assert facts.separation_date == date(2027, 1, 1)
    assert facts.plan_type is PlanType.A401 and facts.governmental_plan is True
    assert facts.rolled_to_ira is RolledOut.NONE and facts.partial_withdrawals_allowed is None
    assert facts.after_tax_contributions_allowed is True and facts.in_plan_roth_conversion
    assert facts.compensation == 100_000
    # "max" at 55 in 2026: $24,500 + $8,000
    assert facts.employee_deferrals == Dollars(amount=32_500)
    assert facts.employer_contributions == Dollars(amount=4_000)
    assert facts.filing_status is FilingStatus.MARRIED_JOINT
    assert facts.planned_withdrawal == 40_000 and facts.other_taxable_income == 0
    what_if = facts_from(answers, TODAY, separation=date(2027, 6, 1))
    assert what_if.separation_date == date(2027, 6, 1)


def test_percent_and_max_follow_a_changed_answer() -> None:
    answers = {
        "topics": "mbr",
        "birth": {"year": 1980, "month": None, "day": None},
        "employment": "staying",
        "plan_type": "401k",
        "after_tax": "yes",
        "in_plan_roth": "yes",
        "estimate": "yes",
        "pay": 200_000,
        "own": {"amount": 24_500, "how": "max"},
        "employer": {"amount": 8_000, "how": "percent", "percent": "4"},
    }
    facts = facts_from(answers, TODAY)
    assert facts.employee_deferrals == Dollars(amount=24_500)
    assert facts.employer_contributions == Dollars(amount=8_000)
    older = {**answers, "birth": {"year": 1960, "month": None, "day": None}, "pay": 100_000}
    facts = facts_from(older, TODAY)
    assert facts.employee_deferrals == Dollars(amount=24_500 + 8_000)
    assert facts.employer_contributions == Dollars(amount=4_000)
