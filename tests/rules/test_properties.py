"""Properties that must hold for every input, not just the table's cases."""

from __future__ import annotations

from datetime import date
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from rules import Facts, FilingStatus, RolledOut, Verdict, assess, limits_for
from rules.citations import CITATIONS
from rules.codes import HEADLINE_CODES, REASON_CODES

TODAY = date(2026, 11, 28)
money = st.integers(min_value=0, max_value=5_000_000)
percent = st.decimals(min_value=0, max_value=150, places=2)
contribution: st.SearchStrategy[Any] = (
    money
    | st.builds(dict, kind=st.just("percent"), percent=percent)
    | st.just({"kind": "max"})
    | st.builds(dict, kind=st.just("match"), rate_percent=percent, up_to_percent=percent)
)


def maybe(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.none() | strategy


any_facts = st.builds(
    Facts,
    birth_year=maybe(st.integers(min_value=-3000, max_value=12000)),
    birth_month=maybe(st.integers(min_value=1, max_value=12)),
    birth_day=maybe(st.integers(min_value=1, max_value=31)),
    employment=maybe(st.sampled_from(["employed", "separated", "planning_to_leave"])),
    separation_date=maybe(st.dates()),
    plan_type=maybe(
        st.sampled_from(
            [
                "401k",
                "403b",
                "457b_governmental",
                "401a",
                "tsp",
                "ira",
                "sep_ira",
                "simple_ira",
                "other",
            ]
        )
    ),
    governmental_plan=maybe(st.booleans()),
    rolled_to_ira=maybe(st.sampled_from(list(RolledOut))),
    public_safety=maybe(st.sampled_from(["firefighter", "other", "none"])),
    years_of_service=maybe(st.integers(min_value=0, max_value=200)),
    partial_withdrawals_allowed=maybe(st.booleans()),
    simple_ira_first_two_years=maybe(st.booleans()),
    after_tax_contributions_allowed=maybe(st.booleans()),
    in_plan_roth_conversion=maybe(st.booleans()),
    in_service_after_tax_withdrawal=maybe(st.booleans()),
    tax_year=maybe(st.integers(min_value=-100_000, max_value=100_000)),
    compensation=maybe(money),
    employee_deferrals=maybe(contribution),
    employer_contributions=maybe(contribution),
    filing_status=maybe(st.sampled_from(list(FilingStatus))),
    other_taxable_income=maybe(money),
    planned_withdrawal=maybe(money),
    withdrawal_year=maybe(st.integers(min_value=-100_000, max_value=100_000)),
)


@settings(max_examples=400, deadline=None)
@given(facts=any_facts, today=st.dates(min_value=date(1950, 1, 1), max_value=date(2100, 12, 31)))
def test_assess_never_raises_and_speaks_only_registered_codes(facts: Facts, today: date) -> None:
    assessment = assess(facts, today)
    findings = [assessment.rule_of_55, assessment.mega_backdoor_roth]
    reasons = list(assessment.notices)
    for finding in findings:
        reasons += finding.reasons + finding.warnings + finding.next_steps
        reasons += finding.plan_questions
        assert set(finding.citations) <= CITATIONS.keys()
        assert all(value >= 0 for value in finding.amounts.values())
        if finding.verdict is Verdict.NEEDS_INFO:
            assert finding.reasons, "needs_info always says why"
        # One headline per finding: the decisive reason, first among the reasons.
        assert finding.headline is not None and finding.headline == finding.reasons[0]
        assert finding.headline.code in HEADLINE_CODES, finding.headline
    if assessment.tax_estimate is not None:
        reasons += assessment.tax_estimate.reasons
        assert set(assessment.tax_estimate.citations) <= CITATIONS.keys()
        assert assessment.tax_estimate.withdrawal > 0, "a $0 withdrawal is not estimated"
    for item in reasons:
        assert set(item.params) == set(REASON_CODES[item.code])


@settings(max_examples=400, deadline=None)
@given(facts=any_facts, today=st.dates(min_value=date(1950, 1, 1), max_value=date(2100, 12, 31)))
def test_the_tsp_is_read_exactly_as_a_governmental_401a(facts: Facts, today: date) -> None:
    """The TSP is a governmental defined contribution plan (5 U.S.C. §8440: a §401(a)
    trust): whatever else is known, the rules tell a TSP member what they tell someone in
    a governmental 401(a), with or without being told it is governmental."""
    known = facts.model_dump(exclude={"plan_type", "governmental_plan"})
    as_401a = assess(Facts(**known, plan_type="401a", governmental_plan=True), today)
    for said in (None, True, False):
        assert assess(Facts(**known, plan_type="tsp", governmental_plan=said), today) == as_401a


@settings(max_examples=300, deadline=None)
@given(
    tax_year=st.sampled_from([2024, 2025, 2026, 2027]),
    birth_year=maybe(st.integers(min_value=1930, max_value=2005)),
    compensation=maybe(money),
    deferrals=money,
    employer=money,
)
def test_room_never_negative_nor_above_415c(
    tax_year: int, birth_year: int | None, compensation: int | None, deferrals: int, employer: int
) -> None:
    facts = Facts(
        employment="employed",
        plan_type="401k",
        after_tax_contributions_allowed=True,
        in_plan_roth_conversion=True,
        tax_year=tax_year,
        birth_year=birth_year,
        compensation=compensation,
        employee_deferrals=deferrals,
        employer_contributions=employer,
    )
    room = assess(facts, TODAY).mega_backdoor_roth.amounts["room"]
    limit_415c = limits_for(tax_year)[0].annual_additions_415c.amount
    assert 0 <= room <= limit_415c
    if compensation is not None:
        assert room <= compensation


@settings(max_examples=300, deadline=None)
@given(
    status=st.sampled_from(list(FilingStatus)),
    tax_year=st.sampled_from([2024, 2025, 2026, 2027]),
    birth_year=maybe(st.integers(min_value=1930, max_value=1990)),
    other=maybe(money),
    first=money,
    second=money,
)
def test_tax_is_monotone_in_the_withdrawal(
    status: FilingStatus,
    tax_year: int,
    birth_year: int | None,
    other: int | None,
    first: int,
    second: int,
) -> None:
    low, high = sorted((first + 1, second + 1))  # a $0 withdrawal is not estimated

    def estimate(withdrawal: int) -> tuple[int, int]:
        facts = Facts(
            plan_type="401k",
            filing_status=status,
            withdrawal_year=tax_year,
            birth_year=birth_year,
            other_taxable_income=other,
            planned_withdrawal=withdrawal,
        )
        result = assess(facts, TODAY).tax_estimate
        assert result is not None
        return result.income_tax, result.marginal_rate_percent

    (low_tax, low_rate), (high_tax, high_rate) = estimate(low), estimate(high)
    assert 0 <= low_tax <= high_tax
    assert low_rate <= high_rate
    assert high_tax <= high  # no bracket above 100%


@settings(max_examples=300, deadline=None)
@given(
    birth_year=st.integers(min_value=1940, max_value=2000),
    birth_month=maybe(st.integers(min_value=1, max_value=12)),
    separation_year=st.integers(min_value=1990, max_value=2025),
    months=st.tuples(st.integers(1, 12), st.integers(1, 12)),
    days=st.tuples(st.integers(1, 28), st.integers(1, 28)),
    plan_type=st.sampled_from(["401k", "403b", "401a", "ira", "457b_governmental"]),
    public_safety=maybe(st.booleans()),
    governmental=maybe(st.booleans()),
    years_of_service=maybe(st.integers(min_value=0, max_value=30)),
)
def test_month_of_separation_inside_the_year_does_not_matter(
    birth_year: int,
    birth_month: int | None,
    separation_year: int,
    months: tuple[int, int],
    days: tuple[int, int],
    plan_type: str,
    public_safety: bool | None,
    governmental: bool | None,
    years_of_service: int | None,
) -> None:
    def verdict(month: int, day: int) -> Verdict:
        facts = Facts(
            employment="separated",
            plan_type=plan_type,
            birth_year=birth_year,
            birth_month=birth_month,
            separation_date=date(separation_year, month, day),
            public_safety=None if public_safety is None else ("other" if public_safety else "none"),
            governmental_plan=governmental,
            years_of_service=years_of_service,
        )
        return assess(facts, TODAY).rule_of_55.verdict

    if separation_year <= birth_year:
        return  # a separation in the birth year may precede the birth: another rule
    assert verdict(months[0], days[0]) == verdict(months[1], days[1])


def test_seed_example_is_eligible() -> None:
    facts = Facts(
        birth_year=1971,
        birth_month=9,
        employment="separated",
        separation_date=date(2026, 3, 1),
        plan_type="401k",
    )
    assert assess(facts, TODAY).rule_of_55.verdict is Verdict.ELIGIBLE


@settings(max_examples=300, deadline=None)
@given(
    facts=any_facts.filter(lambda f: f.plan_type not in {"ira", "sep_ira", "simple_ira"}),
    today=st.dates(min_value=date(2000, 1, 1), max_value=date(2060, 12, 31)),
)
def test_rolling_part_out_never_changes_the_plan_verdict(facts: Facts, today: date) -> None:
    """§72(t)(2)(A)(v) applies per payout from the plan: money still in it keeps the rule
    whether or not some other part went to an IRA (Kim is about the IRA money only)."""
    none = facts.model_copy(update={"rolled_to_ira": RolledOut.NONE})
    some = facts.model_copy(update={"rolled_to_ira": RolledOut.SOME})
    assert assess(some, today).rule_of_55.verdict == assess(none, today).rule_of_55.verdict


@settings(max_examples=200, deadline=None)
@given(
    birth_year=st.integers(min_value=1940, max_value=1990),
    public_safety=st.sampled_from(["firefighter", "other", "none"]),
    governmental=st.booleans(),
    plan_type=st.sampled_from(["401k", "403b", "401a"]),
    separation=st.dates(min_value=date(1995, 1, 1), max_value=date(2026, 11, 28)),
)
def test_public_safety_never_worse_than_not(
    birth_year: int, public_safety: str, governmental: bool, plan_type: str, separation: date
) -> None:
    """§72(t)(10) only adds a route: a public-safety worker is eligible whenever the same
    person outside public safety would be."""

    def verdict(work: str) -> Verdict:
        facts = Facts(
            employment="separated",
            plan_type=plan_type,
            birth_year=birth_year,
            separation_date=separation,
            public_safety=work,
            governmental_plan=governmental,
        )
        return assess(facts, TODAY).rule_of_55.verdict

    if separation.year <= birth_year:
        return
    if verdict("none") is Verdict.ELIGIBLE:
        assert verdict(public_safety) is Verdict.ELIGIBLE


@settings(max_examples=200, deadline=None)
@given(
    tax_year=st.sampled_from([2024, 2025, 2026, 2027]),
    birth_year=maybe(st.integers(min_value=1930, max_value=2005)),
    compensation=maybe(money),
    deferrals=contribution,
    employer=contribution,
)
def test_named_amounts_add_up(
    tax_year: int,
    birth_year: int | None,
    compensation: int | None,
    deferrals: Any,
    employer: Any,
) -> None:
    """The dollar figures the dialog echoes are consistent: the person's deferrals split
    into counted (≤ §402(g)), catch-up and excess parts, never more than pay."""
    facts = Facts(
        employment="employed",
        plan_type="401k",
        after_tax_contributions_allowed=True,
        in_plan_roth_conversion=True,
        tax_year=tax_year,
        birth_year=birth_year,
        compensation=compensation,
        employee_deferrals=deferrals,
        employer_contributions=employer,
    )
    amounts = assess(facts, TODAY).mega_backdoor_roth.amounts
    if "room" not in amounts:
        return
    parts = amounts["deferrals_counted"] + amounts["catch_up_part"] + amounts["excess_deferral"]
    assert parts == amounts["deferrals"]
    assert amounts["deferrals_counted"] <= amounts["limit_402g"]
    if compensation is not None:
        assert amounts["deferrals"] <= compensation
        assert amounts["room"] + amounts["deferrals"] <= max(compensation, amounts["deferrals"])
