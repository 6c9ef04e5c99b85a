"""The rules as a table of situations, each named after the legal boundary it probes and
the source it comes from (rules-reference.md). Today is pinned to 28 November 2026."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pytest

from rules import Assessment, Facts, Finding, PublicSafety, Verdict, assess
from rules.codes import REASON_CODES

TODAY = date(2026, 11, 28)
E, NE, NN, D, NI = (
    Verdict.ELIGIBLE,
    Verdict.NOT_ELIGIBLE,
    Verdict.NOT_NEEDED,
    Verdict.DEPENDS,
    Verdict.NEEDS_INFO,
)

# Facts most cases share: left a 401(k) employer, sure about the plan's payout options.
LEFT_401K: dict[str, Any] = {
    "employment": "separated",
    "plan_type": "401k",
    "partial_withdrawals_allowed": True,
}
MEGA: dict[str, Any] = {
    "employment": "employed",
    "plan_type": "401k",
    "after_tax_contributions_allowed": True,
    "in_plan_roth_conversion": True,
    "compensation": 200_000,
    "employee_deferrals": 24_500,
    "employer_contributions": 10_000,
    "birth_year": 1980,
}
TAX: dict[str, Any] = {"plan_type": "401k", "filing_status": "single", "birth_year": 1975}


@dataclass(frozen=True)
class Case:
    name: str
    source: str
    facts: dict[str, Any]
    topic: str  # "rule_of_55", "mega_backdoor_roth" or "tax"
    verdict: Verdict | None = None
    codes: frozenset[str] = frozenset()  # must all appear in the finding (any list)
    absent: frozenset[str] = frozenset()  # must not appear
    expect: dict[str, Any] = field(default_factory=dict)  # dotted path -> value


def case(
    name: str,
    source: str,
    topic: str,
    verdict: Verdict | None,
    facts: dict[str, Any],
    codes: tuple[str, ...] = (),
    absent: tuple[str, ...] = (),
    expect: dict[str, Any] | None = None,
) -> Any:
    return pytest.param(
        Case(
            name, source, facts, topic, verdict, frozenset(codes), frozenset(absent), expect or {}
        ),
        id=f"{name} [{source}]",
    )


def r55(name: str, source: str, verdict: Verdict, codes: tuple[str, ...] = (), **facts: Any) -> Any:
    return case(name, source, "rule_of_55", verdict, facts, codes)


CASES = [
    # ---- Rule of 55: the calendar-year test ----
    case(
        "seed: born Sep 1971, leaves Mar 2026 at 54, qualifies",
        "Notice 87-13 Q&A-20",
        "rule_of_55",
        E,
        {**LEFT_401K, "birth_year": 1971, "birth_month": 9, "separation_date": date(2026, 3, 15)},
        ("separated_in_or_after_year_of_55", "same_year_birthday_counts"),
        expect={
            "key_dates.year_turning_55": 2026,
            "key_dates.penalty_free_from": date(2026, 3, 15),
            "key_dates.age_59_half": date(2031, 3, 1),
        },
    ),
    r55(
        "left 2 January of the 55 year, birthday 31 December: qualifies",
        "Notice 87-13 Q&A-20",
        E,
        ("separated_in_or_after_year_of_55",),
        **LEFT_401K,
        birth_year=1971,
        birth_month=12,
        birth_day=31,
        separation_date=date(2026, 1, 2),
    ),
    r55(
        "left 31 December of the year before the 55 year: never qualifies",
        "Notice 87-13 Q&A-20; Humberson",
        NE,
        ("separated_before_year_of_55", "roll_old_plan_into_current_before_leaving"),
        **LEFT_401K,
        public_safety=PublicSafety.NONE,
        birth_year=1971,
        birth_month=1,
        separation_date=date(2025, 12, 31),
    ),
    r55(
        "left at 52, now 57: waiting does not help",
        "Humberson 70 TCM 886; Pub. 575",
        NE,
        ("separated_before_year_of_55", "consider_sepp_after_separation", "ask_accepts_roll_ins"),
        **LEFT_401K,
        public_safety=PublicSafety.NONE,
        birth_year=1969,
        birth_month=3,
        separation_date=date(2021, 6, 1),
    ),
    r55(
        "left at 56, later took a job elsewhere: old plan still qualifies",
        "irahelp.com/?p=75749 (plan by plan)",
        E,
        ("separated_in_or_after_year_of_55",),
        **LEFT_401K,
        birth_year=1968,
        birth_month=2,
        separation_date=date(2024, 5, 1),
    ),
    r55(
        "403(b) left in the 55 year qualifies",
        "IRS Topic 558",
        E,
        ("separated_in_or_after_year_of_55",),
        **{**LEFT_401K, "plan_type": "403b"},
        birth_year=1971,
        birth_month=6,
        separation_date=date(2026, 2, 1),
    ),
    r55(
        "401(a) pension left at 58 qualifies",
        "IRS Topic 558 (401(a) plans)",
        E,
        ("separated_in_or_after_year_of_55",),
        **{**LEFT_401K, "plan_type": "401a"},
        birth_year=1968,
        birth_month=12,
        separation_date=date(2026, 10, 1),
    ),
    r55(
        "employment not given, separation date past: treated as left",
        "Notice 87-13 Q&A-20",
        E,
        ("separated_in_or_after_year_of_55",),
        plan_type="401k",
        partial_withdrawals_allowed=True,
        birth_year=1970,
        separation_date=date(2026, 6, 30),
    ),
    # ---- Which plans ----
    r55(
        "traditional IRA never qualifies",
        "IRC §72(t)(3)(A)",
        NE,
        ("ira_never_qualifies",),
        employment="separated",
        plan_type="ira",
        birth_year=1969,
        birth_month=1,
        separation_date=date(2025, 3, 1),
    ),
    r55(
        "SEP-IRA never qualifies",
        "IRS exceptions chart; Kim v. Comm'r",
        NE,
        ("ira_never_qualifies",),
        plan_type="sep_ira",
        birth_year=1969,
        birth_month=1,
    ),
    r55(
        "SIMPLE IRA never qualifies",
        "IRS exceptions chart",
        NE,
        ("ira_never_qualifies",),
        plan_type="simple_ira",
        birth_year=1970,
        birth_month=4,
    ),
    r55(
        "left at 56 then rolled to an IRA: exception lost",
        "Kim v. Comm'r, 7th Cir. 2012",
        NE,
        ("all_rolled_to_ira_nothing_left",),
        **LEFT_401K,
        rolled_to_ira=True,
        birth_year=1969,
        birth_month=1,
        separation_date=date(2025, 3, 1),
    ),
    r55(
        "IRA owner past 59½: no 10% anyway",
        "IRC §72(t)(2)(A)(i)",
        NN,
        ("over_59_half",),
        plan_type="ira",
        birth_year=1960,
        birth_month=1,
    ),
    r55(
        "governmental 457(b) left at 45: no 10% tax at all",
        "IRS Topic 558",
        NN,
        ("governmental_457b_no_additional_tax", "rolled_in_money_keeps_10pct"),
        employment="separated",
        plan_type="457b_governmental",
        birth_year=1980,
        separation_date=date(2025, 5, 1),
    ),
    r55(
        "governmental 457(b) still employed: reachable after leaving",
        "IRS Topic 558",
        NN,
        ("governmental_457b_access_after_separation", "rolling_457b_out_loses_advantage"),
        employment="employed",
        plan_type="457b_governmental",
        birth_year=1985,
    ),
    # ---- Public safety, §72(t)(10) ----
    r55(
        "public safety, governmental plan, left in the 50 year",
        "IRC §72(t)(10)",
        E,
        ("public_safety_age_50",),
        **LEFT_401K,
        public_safety=PublicSafety.OTHER,
        governmental_plan=True,
        birth_year=1975,
        birth_month=10,
        separation_date=date(2025, 2, 1),
    ),
    r55(
        "public safety left in the year of 49: too early",
        "IRC §72(t)(10)",
        NE,
        ("separated_before_year_of_55",),
        **LEFT_401K,
        public_safety=PublicSafety.OTHER,
        governmental_plan=True,
        birth_year=1975,
        separation_date=date(2024, 12, 31),
    ),
    r55(
        "public safety with 25 years of service at 48 qualifies",
        "IRC §72(t)(10) as amended by SECURE 2.0",
        E,
        ("public_safety_25_years",),
        **LEFT_401K,
        public_safety=PublicSafety.OTHER,
        governmental_plan=True,
        years_of_service=25,
        birth_year=1978,
        separation_date=date(2026, 6, 1),
    ),
    r55(
        "public safety with 24 years of service at 48: not yet",
        "IRC §72(t)(10) as amended by SECURE 2.0",
        NE,
        ("separated_before_year_of_55",),
        **LEFT_401K,
        public_safety=PublicSafety.OTHER,
        governmental_plan=True,
        years_of_service=24,
        birth_year=1978,
        separation_date=date(2026, 6, 1),
    ),
    r55(
        "police officer in a private plan: the age-50 rule is for governmental plans only",
        "IRC §72(t)(10) (governmental plan, §414(d))",
        NE,
        ("separated_before_year_of_55", "age_50_rule_needs_governmental_plan"),
        **LEFT_401K,
        public_safety=PublicSafety.OTHER,
        governmental_plan=False,
        birth_year=1974,
        separation_date=date(2025, 6, 1),
    ),
    r55(
        "public safety, governmental plan not known: ask the plan",
        "IRC §72(t)(10)",
        D,
        ("public_safety_plan_unclear", "ask_governmental_plan"),
        **LEFT_401K,
        public_safety=PublicSafety.OTHER,
        birth_year=1974,
        separation_date=date(2025, 6, 1),
    ),
    r55(
        "left at 52, public safety not known: ask",
        "IRC §72(t)(10)",
        NI,
        ("public_safety_unknown",),
        **LEFT_401K,
        birth_year=1973,
        separation_date=date(2025, 6, 1),
    ),
    r55(
        "left at 52, not public safety: never qualifies",
        "Notice 87-13 Q&A-20",
        NE,
        ("separated_before_year_of_55",),
        **LEFT_401K,
        public_safety=PublicSafety.NONE,
        birth_year=1973,
        separation_date=date(2025, 6, 1),
    ),
    # ---- Age 59½ ----
    r55(
        "already past 59½: no penalty question",
        "IRC §72(t)(2)(A)(i)",
        NN,
        ("over_59_half",),
        **LEFT_401K,
        birth_year=1965,
        birth_month=1,
        separation_date=date(2018, 3, 1),
    ),
    r55(
        "59½ exactly today: not needed (on or after the date)",
        "IRC §72(t)(2)(A)(i)",
        NN,
        ("over_59_half",),
        **LEFT_401K,
        birth_year=1967,
        birth_month=5,
        birth_day=28,
        separation_date=date(2020, 3, 1),
    ),
    r55(
        "59½ tomorrow, left before the 55 year: not eligible yet",
        "IRC §72(t)(2)(A)(i); Notice 87-13",
        NE,
        ("separated_before_year_of_55", "penalty_free_at_59_half"),
        **LEFT_401K,
        public_safety=PublicSafety.NONE,
        birth_year=1967,
        birth_month=5,
        birth_day=29,
        separation_date=date(2020, 3, 1),
    ),
    r55(
        "will be 59½ by the planned separation",
        "IRC §72(t)(2)(A)(i)",
        NN,
        ("will_be_59_half_at_separation",),
        employment="planning_to_leave",
        plan_type="401k",
        birth_year=1967,
        birth_month=12,
        separation_date=date(2027, 7, 1),
    ),
    r55(
        "only birth year known, maybe 59½, left before the 55 year: never a wrong no",
        "IRC §72(t)(2)(A)(i)",
        NI,
        ("age_59_half_uncertain", "separated_before_year_of_55"),
        **LEFT_401K,
        birth_year=1967,
        separation_date=date(2020, 3, 1),
    ),
    r55(
        "only birth year known, maybe 59½, left in the 55 year: eligible either way",
        "Notice 87-13 Q&A-20",
        E,
        ("age_59_half_uncertain", "separated_in_or_after_year_of_55"),
        **LEFT_401K,
        birth_year=1967,
        separation_date=date(2022, 6, 1),
    ),
    # ---- Still employed or planning ----
    case(
        "still employed at 51: a payout now owes the 10%; leaving from 1 Jan of the 55 year works",
        "Notice 87-13 Q&A-20; IRC §72(t)(1)",
        "rule_of_55",
        NE,
        {"employment": "employed", "plan_type": "401k", "birth_year": 1975},
        ("still_employed_can_qualify_from", "payout_while_employed_owes_10pct"),
        ("roll_old_plan_into_current_before_leaving", "ask_accepts_roll_ins"),
        expect={"key_dates.earliest_qualifying_separation": date(2030, 1, 1)},
    ),
    case(
        "still employed at 56: not while working there; leaving any day from today qualifies",
        "Notice 87-13 Q&A-20",
        "rule_of_55",
        NE,
        {"employment": "employed", "plan_type": "403b", "birth_year": 1970, "birth_month": 8},
        ("still_employed_can_qualify_from",),
        expect={"key_dates.earliest_qualifying_separation": TODAY},
    ),
    case(
        "public-safety employee still employed at 47: not yet; from the 50 year",
        "IRC §72(t)(10)",
        "rule_of_55",
        NE,
        {
            "employment": "employed",
            "plan_type": "401a",
            "birth_year": 1979,
            "public_safety": "other",
            "governmental_plan": True,
        },
        ("still_employed_can_qualify_from",),
        expect={"key_dates.earliest_qualifying_separation": date(2029, 1, 1)},
    ),
    case(
        "planning to leave, no date, public safety not known: verdict by year (2028, or 2023)",
        "Notice 87-13 Q&A-20; IRC §72(t)(10)",
        "rule_of_55",
        D,
        {"employment": "planning_to_leave", "plan_type": "401k", "birth_year": 1973},
        ("leave_from_year_verdict", "public_safety_unknown"),
        expect={
            "headline.params": {"from_year": 2028, "qualifying_age": 55, "year_turning_50": 2023}
        },
    ),
    r55(
        "planning to leave in Feb of the 55 year: would qualify",
        "Notice 87-13 Q&A-20",
        E,
        ("leaving_in_or_after_year_of_55", "same_year_birthday_counts"),
        employment="planning_to_leave",
        plan_type="401k",
        partial_withdrawals_allowed=True,
        birth_year=1972,
        birth_month=10,
        separation_date=date(2027, 2, 1),
    ),
    r55(
        "planning to leave in Dec of the 54 year: wait until January",
        "Notice 87-13 Q&A-20",
        NE,
        ("leaving_before_year_of_55", "wait_until_year_of_55_to_leave"),
        employment="planning_to_leave",
        plan_type="401k",
        public_safety=PublicSafety.NONE,
        birth_year=1972,
        separation_date=date(2026, 12, 15),
    ),
    r55(
        "rehired by the same employer: no exception until leaving again",
        "irahelp.com/?p=75749",
        NE,
        ("rehired_no_exception_until_separation", "still_employed_can_qualify_from"),
        employment="employed",
        plan_type="401k",
        birth_year=1968,
        separation_date=date(2024, 1, 31),
    ),
    # ---- Payout form and withholding ----
    r55(
        "plan pays only a lump sum: still eligible, bracket warning, 20% withheld",
        "irahelp.com/?p=511184469; IRS Topic 413",
        E,
        ("plan_pays_lump_sum_only", "lump_sum_only_warning", "mandatory_withholding_20pct"),
        **{**LEFT_401K, "partial_withdrawals_allowed": False},
        birth_year=1970,
        separation_date=date(2026, 1, 15),
    ),
    r55(
        "partial withdrawals not known: eligible, ask the plan",
        "irahelp.com/?p=511184469",
        E,
        ("partial_withdrawals_unknown", "ask_partial_withdrawals", "income_tax_still_applies"),
        employment="separated",
        plan_type="401k",
        birth_year=1970,
        separation_date=date(2026, 1, 15),
    ),
    # ---- Missing or impossible facts ----
    r55(
        "separation before birth",
        "sanity",
        NI,
        ("separation_before_birth",),
        **LEFT_401K,
        birth_year=1970,
        separation_date=date(1960, 1, 1),
    ),
    r55("birth year in the future", "sanity", NI, ("birth_date_in_future",), birth_year=2030),
    r55("age over 120", "sanity", NI, ("age_implausible",), birth_year=1880),
    r55(
        "30 February is not a birth date",
        "sanity",
        NI,
        ("birth_date_invalid",),
        birth_year=1970,
        birth_month=2,
        birth_day=30,
    ),
    r55(
        "more years of service than years alive",
        "sanity",
        NI,
        ("years_of_service_implausible",),
        birth_year=2000,
        years_of_service=40,
    ),
    r55(
        "says left, but the date is next year",
        "sanity",
        NI,
        ("separated_date_in_future",),
        **LEFT_401K,
        birth_year=1970,
        separation_date=date(2027, 3, 1),
    ),
    r55(
        "planned date already passed",
        "sanity",
        NI,
        ("planned_separation_date_passed",),
        employment="planning_to_leave",
        plan_type="401k",
        birth_year=1970,
        separation_date=date(2026, 3, 1),
    ),
    r55("birth year missing", "Notice 87-13 Q&A-20", NI, ("birth_year_missing",), **LEFT_401K),
    r55(
        "plan type missing, left in the 55 year",
        "IRS Topic 558",
        NI,
        ("plan_type_missing", "separated_in_or_after_year_of_55"),
        employment="separated",
        birth_year=1970,
        separation_date=date(2026, 1, 15),
    ),
    r55(
        "plan type other",
        "IRS Topic 558",
        NI,
        ("plan_type_other",),
        employment="separated",
        plan_type="other",
        birth_year=1970,
        separation_date=date(2026, 1, 15),
    ),
    case(
        "left, date not given: if you left in 2023 or later yes, earlier no",
        "Notice 87-13 Q&A-20",
        "rule_of_55",
        D,
        {"employment": "separated", "plan_type": "401k", "birth_year": 1968},
        ("left_from_year_verdict",),
        ("separation_date_missing",),
        expect={"headline.code": "left_from_year_verdict", "headline.params.from_year": 2023},
    ),
    r55(
        "employment not given",
        "Notice 87-13 Q&A-20",
        NI,
        ("employment_missing",),
        plan_type="401k",
        birth_year=1968,
    ),
    # ---- Mega backdoor Roth: features ----
    case(
        "after-tax plus in-plan conversion, under 50: 72,000 - 24,500 - 10,000",
        "IRC §415(c); Notice 2025-67",
        "mega_backdoor_roth",
        E,
        MEGA,
        ("conversion_route_in_plan", "convert_promptly_earnings_taxable", "hce_testing_may_cap"),
        expect={"amounts.room": 37_500, "amounts.limit_415c": 72_000},
    ),
    case(
        "after-tax plus in-service withdrawal only",
        "tra401k.com; rules-reference §5.1",
        "mega_backdoor_roth",
        E,
        {**MEGA, "in_plan_roth_conversion": False, "in_service_after_tax_withdrawal": True},
        ("conversion_route_in_service_withdrawal", "plan_may_cap_after_tax_pct"),
    ),
    case(
        "after-tax without any route to Roth: not a mega backdoor",
        "Notice 2014-54; rules-reference §5.1",
        "mega_backdoor_roth",
        NE,
        {**MEGA, "in_plan_roth_conversion": False, "in_service_after_tax_withdrawal": False},
        ("after_tax_without_conversion", "split_rollover_notice_2014_54"),
    ),
    case(
        "after-tax not known, no route to Roth either: no mega backdoor whatever the answer",
        "rules-reference §5.1",
        "mega_backdoor_roth",
        NE,
        {
            **MEGA,
            "after_tax_contributions_allowed": None,
            "in_plan_roth_conversion": False,
            "in_service_after_tax_withdrawal": False,
        },
        ("no_route_to_roth",),
    ),
    case(
        "impossible birth year: no catch-up is guessed, room still computed",
        "sanity; IRC §414(v)",
        "mega_backdoor_roth",
        E,
        {**MEGA, "birth_year": 1880},
        (),
        ("catch_up_for_age", "super_catch_up_60_63"),
        expect={"amounts.catch_up_limit": None, "amounts.room": 37_500},
    ),
    case(
        "no after-tax contributions",
        "rules-reference §5.1",
        "mega_backdoor_roth",
        NE,
        {**MEGA, "after_tax_contributions_allowed": False},
        ("after_tax_not_allowed",),
    ),
    case(
        "after-tax not known: ask the plan",
        "rules-reference §5.1",
        "mega_backdoor_roth",
        D,
        {**MEGA, "after_tax_contributions_allowed": None},
        ("after_tax_unknown", "ask_after_tax_contributions"),
    ),
    case(
        "after-tax yes, routes not known: ask both",
        "rules-reference §5.1",
        "mega_backdoor_roth",
        D,
        {**MEGA, "in_plan_roth_conversion": None},
        ("ask_in_plan_roth_conversion", "ask_in_service_after_tax_withdrawal"),
    ),
    case(
        "compensation unknown: room before the pay cap",
        "IRC §415(c)",
        "mega_backdoor_roth",
        E,
        {**MEGA, "compensation": None},
        ("room_before_compensation_cap",),
        expect={"amounts.room": 37_500},
    ),
    case(
        "100% of pay caps the room: 50,000 - 20,000 - 5,000",
        "IRC §415(c) (lesser of 100% of compensation)",
        "mega_backdoor_roth",
        E,
        {
            **MEGA,
            "compensation": 50_000,
            "employee_deferrals": 20_000,
            "employer_contributions": 5_000,
        },
        ("room_limited_by_compensation",),
        expect={"amounts.room": 25_000, "amounts.compensation_cap": 50_000},
    ),
    case(
        "age 55: the 8,000 catch-up does not reduce the room",
        "Milliman; rules-reference §5.2 (catch-ups outside §415(c))",
        "mega_backdoor_roth",
        E,
        {**MEGA, "birth_year": 1971, "employee_deferrals": 32_500},
        ("catch_up_not_counted", "roth_catch_up_wage_rule"),
        expect={
            "amounts.room": 37_500,
            "amounts.catch_up_part": 8_000,
            "amounts.catch_up_limit": 8_000,
        },
    ),
    case(
        "age 61 in 2026: super catch-up 11,250",
        "SECURE 2.0 §109; Notice 2025-67",
        "mega_backdoor_roth",
        E,
        {**MEGA, "birth_year": 1965, "employee_deferrals": 35_750},
        ("super_catch_up_60_63", "ask_super_catch_up_offered"),
        expect={"amounts.room": 37_500, "amounts.catch_up_limit": 11_250},
    ),
    case(
        "age 64 in 2026: back to the regular 8,000 catch-up",
        "SECURE 2.0 §109 (ages 60-63 only)",
        "mega_backdoor_roth",
        E,
        {**MEGA, "birth_year": 1962},
        ("catch_up_for_age",),
        expect={"amounts.catch_up_limit": 8_000},
    ),
    case(
        "employer money fills the limit: room never below zero",
        "IRC §415(c)",
        "mega_backdoor_roth",
        E,
        {**MEGA, "employer_contributions": 60_000},
        ("room_zero",),
        expect={"amounts.room": 0},
    ),
    case(
        "deferrals not given: room needs them",
        "IRC §415(c)",
        "mega_backdoor_roth",
        E,
        {**MEGA, "employee_deferrals": None},
        ("room_needs_contribution_figures",),
    ),
    case(
        "IRA: no mega backdoor",
        "IRC §415(c); rules-reference §5.1",
        "mega_backdoor_roth",
        NE,
        {**MEGA, "plan_type": "ira"},
        ("mega_backdoor_not_for_ira",),
    ),
    case(
        "left the employer: no new contributions",
        "rules-reference §5.1",
        "mega_backdoor_roth",
        NE,
        {**MEGA, "employment": "separated", "separation_date": date(2026, 5, 1)},
        ("no_contributions_after_separation", "split_rollover_notice_2014_54"),
    ),
    case(
        "tax year 2027 falls back to 2026 figures and says so",
        "rules-reference §6 (2027 not published)",
        "mega_backdoor_roth",
        E,
        {**MEGA, "tax_year": 2027},
        ("limits_year_fallback",),
        expect={"amounts.limit_415c": 72_000, "amounts.room": 37_500},
    ),
    case(
        "2024, age 60: no super catch-up before 2025; 69,000 - 23,000",
        "Notice 2023-75; SECURE 2.0 §109",
        "mega_backdoor_roth",
        E,
        {
            **MEGA,
            "tax_year": 2024,
            "birth_year": 1964,
            "employee_deferrals": 23_000,
            "employer_contributions": 0,
        },
        (),
        ("super_catch_up_60_63",),
        expect={"amounts.room": 46_000, "amounts.catch_up_limit": 7_500},
    ),
    case(
        "2025, age 60: super catch-up 11,250; 70,000 - 23,500 - 10,000",
        "Notice 2024-80",
        "mega_backdoor_roth",
        E,
        {**MEGA, "tax_year": 2025, "birth_year": 1965, "employee_deferrals": 34_750},
        ("super_catch_up_60_63",),
        ("roth_catch_up_wage_rule",),
        expect={"amounts.room": 36_500, "amounts.catch_up_limit": 11_250},
    ),
    case(
        "pay of 95,000, well under the 160,000 HCE and 150,000 Roth catch-up lines: no warning",
        "IRC §414(q); §414(v)(7); Notice 2025-67",
        "mega_backdoor_roth",
        E,
        {**MEGA, "compensation": 95_000, "birth_year": 1970, "employee_deferrals": 32_500},
        (),
        ("hce_testing_may_cap", "roth_catch_up_wage_rule"),
    ),
    case(
        "pay unknown: both the HCE and the Roth catch-up warnings stay",
        "IRC §414(q); §414(v)(7); Notice 2025-67",
        "mega_backdoor_roth",
        E,
        {**MEGA, "compensation": None, "birth_year": 1970},
        ("hce_testing_may_cap", "roth_catch_up_wage_rule"),
    ),
    case(
        "left at 56, not sure whether money went to an IRA: covered only what is still in the plan",
        "Kim v. Comm'r (7th Cir. 2012)",
        "rule_of_55",
        E,
        {**LEFT_401K, "birth_year": 1969, "separation_date": date(2025, 6, 1)},
        ("rollover_to_ira_unknown", "ask_balance_still_in_plan"),
    ),
    case(
        "plan type not known: ask the plan which kind it is",
        "IRS Topic 558 (which plans qualify)",
        "rule_of_55",
        NI,
        {"employment": "separated", "birth_year": 1969, "separation_date": date(2025, 6, 1)},
        ("plan_type_missing", "ask_plan_type"),
    ),
    # ---- Tax estimate ----
    case(
        "single 2026: 100,000 on top of 50,000, 24% bracket reached",
        "Rev. Proc. 2025-32",
        "tax",
        None,
        {**TAX, "other_taxable_income": 50_000, "planned_withdrawal": 100_000},
        ("standard_deduction_used", "withholding_is_prepayment"),
        expect={
            "tax.income_tax": 20_914,
            "tax.marginal_rate_percent": 24,
            "tax.withholding": 20_000,
            "tax.withholding_percent": 20,
            "tax.withholding_can_be_waived": False,
            "tax.additional_tax_10pct": 10_000,
        },
    ),
    case(
        "other income not given: assumed zero; 10,000 under the deduction is untaxed",
        "Rev. Proc. 2025-32",
        "tax",
        None,
        {**TAX, "planned_withdrawal": 10_000},
        ("other_income_assumed_zero",),
        expect={"tax.income_tax": 0, "tax.marginal_rate_percent": 0},
    ),
    case(
        "married jointly 2026: 200,000 alone",
        "Rev. Proc. 2025-32",
        "tax",
        None,
        {**TAX, "filing_status": "married_joint", "planned_withdrawal": 200_000},
        (),
        expect={"tax.income_tax": 26_340, "tax.marginal_rate_percent": 22},
    ),
    case(
        "single, 66 in 2026: 65+ extra and senior deduction",
        "Rev. Proc. 2025-32; OBBBA senior deduction",
        "tax",
        None,
        {
            **TAX,
            "birth_year": 1960,
            "other_taxable_income": 20_000,
            "planned_withdrawal": 30_000,
        },
        ("age_65_extra_applied", "senior_deduction_applied"),
        expect={"tax.income_tax": 2_854, "tax.deduction": 24_150},
    ),
    case(
        "Rule of 55 applies: the 10% is avoided",
        "IRC §72(t)(2)(A)(v)",
        "tax",
        None,
        {
            **TAX,
            **LEFT_401K,
            "birth_year": 1970,
            "separation_date": date(2026, 1, 15),
            "planned_withdrawal": 40_000,
        },
        ("additional_tax_avoided",),
        expect={"tax.additional_tax_applies": False, "tax.additional_tax_10pct": 4_000},
    ),
    case(
        "left before the 55 year: the 10% is owed",
        "IRC §72(t)(1); Notice 87-13",
        "tax",
        None,
        {
            **TAX,
            **LEFT_401K,
            "birth_year": 1972,
            "separation_date": date(2025, 1, 15),
            "public_safety": "none",
            "planned_withdrawal": 40_000,
        },
        ("additional_tax_owed",),
        expect={"tax.additional_tax_applies": True, "tax.additional_tax_certain": True},
    ),
    case(
        "IRA payout: 10% withheld by default and it can be waived, not the mandatory 20%",
        "IRC §3405(b); §3405(c) is for plans only",
        "tax",
        None,
        {**TAX, "plan_type": "ira", "planned_withdrawal": 40_000},
        ("no_mandatory_withholding_ira", "ira_withholding_waivable"),
        ("withholding_is_prepayment",),
        expect={
            "tax.withholding": 4_000,
            "tax.withholding_percent": 10,
            "tax.withholding_can_be_waived": True,
        },
    ),
    case(
        "spread over 2 and 3 years lowers the total",
        "Rev. Proc. 2025-32",
        "tax",
        None,
        {**TAX, "other_taxable_income": 50_000, "planned_withdrawal": 100_000},
        ("spread_uses_same_year_tables",),
        expect={"tax.spread.0.per_year": 50_000, "tax.spread.0.total_tax": 18_700},
    ),
    case(
        "2024 tax tables are marked unconfirmed",
        "Rev. Proc. 2023-34 (not in rules-reference)",
        "tax",
        None,
        {**TAX, "withdrawal_year": 2024, "planned_withdrawal": 50_000},
        ("unconfirmed_figures",),
    ),
]


def _lookup(root: Any, path: str) -> Any:
    node = root
    for part in path.split("."):
        if isinstance(node, list):
            node = node[int(part)]
        elif isinstance(node, dict):
            node = node[part]
        else:
            node = getattr(node, part)
    return node


def _codes(finding: Finding | Any, assessment: Assessment) -> set[str]:
    lists = [assessment.notices]
    if isinstance(finding, Finding):
        lists += [finding.reasons, finding.warnings, finding.next_steps, finding.plan_questions]
    else:
        lists.append(finding.reasons)
    return {r.code for items in lists for r in items}


@pytest.mark.parametrize("c", CASES)
def test_case(c: Case) -> None:
    assessment = assess(Facts(**c.facts), TODAY)
    if c.topic == "tax":
        subject: Any = assessment.tax_estimate
        assert subject is not None
        root: Any = {"tax": subject}
    else:
        subject = getattr(assessment, c.topic)
        assert subject.verdict == c.verdict, subject.reasons
        root = subject
    found = _codes(subject, assessment)
    assert c.codes <= found, f"missing {c.codes - found}; found {sorted(found)}"
    assert not (c.absent & found), f"unexpected {c.absent & found}"
    for path, expected in c.expect.items():
        if c.topic == "tax":
            value = _lookup(root["tax"], path.removeprefix("tax."))
        elif path.startswith("amounts."):
            value = subject.amounts.get(path.removeprefix("amounts."))
        else:
            value = _lookup(root, path)
        assert value == expected, f"{path}: {value!r} != {expected!r}"


def test_enough_named_cases() -> None:
    assert len(CASES) >= 45
    names = [p.values[0].name for p in CASES]
    assert len(set(names)) == len(names)


def test_every_case_code_is_registered() -> None:
    for p in CASES:
        c: Case = p.values[0]
        assert (c.codes | c.absent) <= REASON_CODES.keys(), c.name
