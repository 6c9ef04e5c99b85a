"""Several plans in one conversation (issue 13): the law runs plan by plan
(rules-reference.md §1.3), so each plan gets its own Rule of 55 verdict; the advice across
plans is said only when the facts support it. Named cases first, each with its source,
then the properties. Today is pinned to 28 November 2026."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from rules import (
    Dollars,
    Facts,
    PersonFacts,
    PlanFacts,
    PlansAssessment,
    PlanType,
    RolledOut,
    Verdict,
    assess,
    assess_plans,
    facts_for,
)
from rules.codes import REASON_CODES
from rules.facts import PLAN_ONLY_FIELDS
from rules.rule_of_55 import IRA_TYPES
from tests.rules.test_properties import contribution, maybe, money

TODAY = date(2026, 11, 28)
E, NE, NN, NI = Verdict.ELIGIBLE, Verdict.NOT_ELIGIBLE, Verdict.NOT_NEEDED, Verdict.NEEDS_INFO

# Plan facts most cases share: sure about payouts and that nothing went to an IRA.
SETTLED: dict[str, Any] = {"partial_withdrawals_allowed": True, "rolled_to_ira": "none"}
NOT_PUBLIC_SAFETY: dict[str, Any] = {"public_safety": "none"}


def old_401k(left: date, **more: Any) -> dict[str, Any]:
    """A 401(k) of a job left on `left`."""
    facts = {**SETTLED, **NOT_PUBLIC_SAFETY, "plan_type": "401k", "employment": "separated"}
    return {**facts, "separation_date": left, **more}


def working(plan_type: str, **more: Any) -> dict[str, Any]:
    """The plan of the job the person holds now."""
    facts = {**SETTLED, **NOT_PUBLIC_SAFETY, "plan_type": plan_type, "employment": "employed"}
    return {**facts, **more}


ROLLOVER_IRA: dict[str, Any] = {"name": "rollover IRA", "plan_type": "ira"}


@dataclass(frozen=True)
class PlansCase:
    name: str
    source: str
    person: dict[str, Any]
    plans: list[dict[str, Any]]
    verdicts: tuple[Verdict, ...]  # one per plan, in order
    headlines: tuple[str, ...] = ()  # one per plan when given
    advice: frozenset[str] = frozenset()  # advice codes that must appear
    absent: frozenset[str] = frozenset()  # advice codes that must not
    withdrawal: int | None = None
    from_plan: int | None = None
    # "advice.<code>.<param>", or a dotted path into the PlansAssessment -> value
    expect: dict[str, Any] = field(default_factory=dict)


def case(
    name: str,
    source: str,
    person: dict[str, Any],
    plans: list[dict[str, Any]],
    verdicts: tuple[Verdict, ...],
    headlines: tuple[str, ...] = (),
    advice: tuple[str, ...] = (),
    absent: tuple[str, ...] = (),
    withdrawal: int | None = None,
    from_plan: int | None = None,
    expect: dict[str, Any] | None = None,
) -> Any:
    the_case = PlansCase(
        name,
        source,
        person,
        plans,
        verdicts,
        headlines,
        frozenset(advice),
        frozenset(absent),
        withdrawal,
        from_plan,
        expect or {},
    )
    return pytest.param(the_case, id=f"{name} [{source}]")


ROLL_IN = "roll_old_plan_into_current_plan"
DRAW_FIRST = "draw_first_from"
KEEP_OUT = "keep_early_money_out_of_ira"
ALL_ADVICE = (ROLL_IN, DRAW_FIRST, KEEP_OUT)

BORN_MARCH_1971 = {"birth_year": 1971, "birth_month": 3, "filing_status": "single"}  # 55 in 2026
BORN_MAY_1972 = {"birth_year": 1972, "birth_month": 5, "filing_status": "single"}  # 55 in 2027

CASES = [
    case(
        "three plans, three verdicts: old 401(k) left at 52 no, 403(b) left at 55 yes, "
        "rollover IRA no",
        "rules-reference §1.3; Notice 87-13 Q&A-20; Humberson; §72(t)(3)(A)",
        BORN_MARCH_1971,
        [
            old_401k(date(2023, 6, 30), name="Acme 401(k)"),
            {**old_401k(date(2026, 7, 31)), "plan_type": "403b", "name": "school 403(b)"},
            ROLLOVER_IRA,
        ],
        (NE, E, NE),
        ("separated_before_year_of_55", "separated_in_or_after_year_of_55", "ira_never_qualifies"),
        advice=(DRAW_FIRST, KEEP_OUT),
        absent=(ROLL_IN,),  # no job held any more: nothing to roll into
        expect={
            "advice.draw_first_from.free_plan": 1,
            "advice.draw_first_from.free_plan_name": "school 403(b)",
            "advice.draw_first_from.taxed_plan": 0,
            "advice.draw_first_from.taxed_count": 2,
            "advice.keep_early_money_out_of_ira.kept_plan": 1,
            "advice.keep_early_money_out_of_ira.ira": 2,
            "advice.keep_early_money_out_of_ira.ira_name": "rollover IRA",
            "mega_backdoor_roth": None,
            "mega_backdoor_plan": None,
            "plans.0.name": "Acme 401(k)",
        },
    ),
    case(
        "three plans, a withdrawal with no plan chosen is estimated from the one free of "
        "the 10% now",
        "rules-reference §1.3; §72(t)(1)",
        BORN_MARCH_1971,
        [old_401k(date(2023, 6, 30)), {**old_401k(date(2026, 7, 31)), "plan_type": "403b"}],
        (NE, E),
        advice=(DRAW_FIRST,),
        withdrawal=40_000,
        expect={"tax_estimate_plan": 1, "tax_estimate.additional_tax_applies": False},
    ),
    case(
        "three plans, a withdrawal from the old 401(k) left at 52 owes the 10%",
        "Humberson; §72(t)(1)",
        BORN_MARCH_1971,
        [old_401k(date(2023, 6, 30)), {**old_401k(date(2026, 7, 31)), "plan_type": "403b"}],
        (NE, E),
        withdrawal=40_000,
        from_plan=0,
        expect={
            "tax_estimate_plan": 0,
            "tax_estimate.additional_tax_applies": True,
            "tax_estimate.additional_tax_10pct": 4_000,
        },
    ),
    case(
        "one plan, a withdrawal with no plan chosen is estimated from it",
        "§72(t)(2)(A)(v)",
        BORN_MARCH_1971,
        [{**old_401k(date(2026, 7, 31)), "plan_type": "403b"}],
        (E,),
        withdrawal=40_000,
        expect={"tax_estimate_plan": 0, "tax_estimate.withdrawal": 40_000},
    ),
    case(
        "two plans both free of the 10%, no plan chosen: no estimate until the person says which",
        "rules-reference §1.3",
        {"birth_year": 1968, "birth_month": 2, "filing_status": "single"},
        [old_401k(date(2023, 5, 31)), old_401k(date(2025, 10, 31))],
        (E, E),
        withdrawal=40_000,
        expect={"tax_estimate": None, "tax_estimate_plan": None},
    ),
    case(
        "roll-in route: old 401(k) left at 50, still working with a 401(k) that takes "
        "roll-ins: roll it in, leave in 2027 or later",
        "rules-reference §1.4, §8.1; irahelp ?p=511184469",
        BORN_MAY_1972,
        [old_401k(date(2022, 9, 30)), working("401k", accepts_roll_ins=True)],
        (NE, NE),
        ("separated_before_year_of_55", "still_employed_can_qualify_from"),
        advice=(ROLL_IN,),
        absent=(DRAW_FIRST, KEEP_OUT),
        expect={
            "advice.roll_old_plan_into_current_plan.old_plan": 0,
            "advice.roll_old_plan_into_current_plan.current_plan": 1,
            "advice.roll_old_plan_into_current_plan.from_year": 2027,
            "advice.roll_old_plan_into_current_plan.qualifying_age": 55,
            "advice.roll_old_plan_into_current_plan.accepts_roll_ins": True,
            "mega_backdoor_plan": 1,
        },
    ),
    case(
        "roll-in route, not known whether the current plan takes roll-ins: said, with ask",
        "rules-reference §1.4 (the plan must accept roll-ins)",
        BORN_MAY_1972,
        [old_401k(date(2022, 9, 30)), working("403b")],
        (NE, NE),
        advice=(ROLL_IN,),
        expect={"advice.roll_old_plan_into_current_plan.accepts_roll_ins": None},
    ),
    case(
        "roll-in route closed: the current plan takes no roll-ins",
        "rules-reference §1.4 (the plan must accept roll-ins)",
        BORN_MAY_1972,
        [old_401k(date(2022, 9, 30)), working("401k", accepts_roll_ins=False)],
        (NE, NE),
        absent=ALL_ADVICE,
    ),
    case(
        "roll-in route closed: the current job ends in December 2026, before the year of 55",
        "Notice 87-13 Q&A-20",
        BORN_MAY_1972,
        [
            old_401k(date(2022, 9, 30)),
            working(
                "401k",
                accepts_roll_ins=True,
                employment="planning_to_leave",
                separation_date=date(2026, 12, 15),
            ),
        ],
        (NE, NE),
        (
            "separated_before_year_of_55",
            "leaving_before_year_of_55",
        ),
        absent=ALL_ADVICE,
    ),
    case(
        "roll-in route: leaving the current job in March 2027 as planned brings the old "
        "401(k) along",
        "rules-reference §1.4; Notice 87-13 Q&A-20",
        BORN_MAY_1972,
        [
            old_401k(date(2022, 9, 30)),
            working(
                "401k",
                accepts_roll_ins=True,
                employment="planning_to_leave",
                separation_date=date(2027, 3, 31),
            ),
        ],
        (NE, E),
        (
            "separated_before_year_of_55",
            "leaving_in_or_after_year_of_55",
        ),
        advice=(ROLL_IN,),
        absent=(DRAW_FIRST,),  # the current plan is not free before the person leaves
        expect={"advice.roll_old_plan_into_current_plan.from_year": 2027},
    ),
    case(
        "roll-in route into the TSP of a federal job held now: a governmental 401(a) trust",
        "§402(c)(8)(B)(iii); 5 U.S.C. §8440; rules-reference §1.4",
        BORN_MAY_1972,
        [
            old_401k(date(2022, 9, 30)),
            working(
                "tsp",
                accepts_roll_ins=True,
                employment="planning_to_leave",
                separation_date=date(2027, 3, 31),
            ),
        ],
        (NE, E),
        ("separated_before_year_of_55", "leaving_in_or_after_year_of_55"),
        advice=(ROLL_IN,),
        expect={"advice.roll_old_plan_into_current_plan.current_plan_type": "tsp"},
    ),
    case(
        "no roll-in into an IRA: an IRA never qualifies, whatever is rolled into it",
        "§72(t)(3)(A); Kim v. Comm'r (7th Cir. 2012)",
        BORN_MAY_1972,
        [old_401k(date(2022, 9, 30)), ROLLOVER_IRA],
        (NE, NE),
        absent=ALL_ADVICE,
    ),
    case(
        "no roll-in into a plan of a job never held: there is no separation from it",
        "irahelp ?p=511190843",
        BORN_MAY_1972,
        [old_401k(date(2022, 9, 30)), {"plan_type": "401k", "accepts_roll_ins": True}],
        (NE, NI),
        absent=(ROLL_IN,),
    ),
    case(
        "no roll-in offered for an old 401(a): it may be a pension paying only an annuity",
        "§402(c)(4)(A); rules-reference §1.4 speaks of a 401(k) or IRA",
        BORN_MAY_1972,
        [
            {**old_401k(date(2022, 9, 30)), "plan_type": "401a"},
            working("401k", accepts_roll_ins=True),
        ],
        (NE, NE),
        absent=(ROLL_IN,),
    ),
    case(
        "two IRAs: the advice to keep the 403(b) out names the rollover IRA, not the SEP",
        "Kim v. Comm'r (7th Cir. 2012)",
        BORN_MARCH_1971,
        [
            {"plan_type": "sep_ira"},
            {**old_401k(date(2026, 7, 31)), "plan_type": "403b"},
            ROLLOVER_IRA,
        ],
        (NE, E, NE),
        advice=(KEEP_OUT, DRAW_FIRST),
        expect={
            "advice.keep_early_money_out_of_ira.ira": 2,
            "advice.draw_first_from.taxed_count": 2,
        },
    ),
    case(
        "public-safety plan next to a private one: left both in 2025 at 51, the police "
        "plan yes at 50, the private 401(k) no",
        "§72(t)(10); rules-reference §2.1, §8.10",
        {"birth_year": 1974, "birth_month": 4},
        [
            {
                **SETTLED,
                "name": "city police plan",
                "plan_type": "401a",
                "governmental_plan": True,
                "public_safety": "other",
                "employment": "separated",
                "separation_date": date(2025, 6, 30),
            },
            old_401k(date(2025, 6, 30), name="security firm 401(k)", governmental_plan=False),
        ],
        (E, NE),
        ("public_safety_age_50", "separated_before_year_of_55"),
        advice=(DRAW_FIRST,),
        absent=(ROLL_IN, KEEP_OUT),
        expect={
            "advice.draw_first_from.free_plan": 0,
            "advice.draw_first_from.taxed_plan": 1,
            "advice.draw_first_from.taxed_count": 1,
        },
    ),
    case(
        "private firefighter's 401(k) next to an office 401(k) left the same day at 51: yes and no",
        "§72(t)(10) as amended by SECURE 2.0; rules-reference §8.10",
        {"birth_year": 1974},
        [
            old_401k(date(2025, 6, 30), public_safety="firefighter", governmental_plan=False),
            old_401k(date(2025, 6, 30), governmental_plan=False),
        ],
        (E, NE),
        ("public_safety_age_50", "separated_before_year_of_55"),
        advice=(DRAW_FIRST,),
    ),
    case(
        "governmental 457(b) left at 52 next to the 401(k) of the job held now: no 10% "
        "on the 457(b), draw from it first",
        "IRS Topic 558; §72(t)(9); Notice 87-13 Q&A-20",
        BORN_MAY_1972,
        [
            {
                **SETTLED,
                "name": "city 457(b)",
                "plan_type": "457b_governmental",
                "employment": "separated",
                "separation_date": date(2024, 8, 31),
            },
            working("401k", accepts_roll_ins=True, after_tax_contributions_allowed=False),
        ],
        (NN, NE),
        ("governmental_457b_no_additional_tax", "still_employed_can_qualify_from"),
        advice=(DRAW_FIRST,),
        absent=(ROLL_IN, KEEP_OUT),  # rolling the 457(b) anywhere would lose its advantage
        expect={
            "advice.draw_first_from.free_plan": 0,
            "advice.draw_first_from.free_plan_type": "457b_governmental",
            "advice.draw_first_from.taxed_plan": 1,
            "mega_backdoor_plan": 1,
            "mega_backdoor_roth.verdict": NE,
        },
    ),
    case(
        "governmental 457(b) next to a rollover IRA: keep the 457(b) out of the IRA",
        "§72(t)(9); IRS Topic 558; rules-reference §8.9",
        BORN_MAY_1972,
        [
            {
                **SETTLED,
                "plan_type": "457b_governmental",
                "employment": "separated",
                "separation_date": date(2024, 8, 31),
            },
            ROLLOVER_IRA,
        ],
        (NN, NE),
        advice=(DRAW_FIRST, KEEP_OUT),
        expect={"advice.keep_early_money_out_of_ira.kept_plan": 0},
    ),
    case(
        "roll-in route into a governmental 457(b) of the job held now: rolled-in money is "
        "covered when leaving in 2027 or later",
        "§72(t)(9); NTSA '457 Distributions'; rules-reference §1.2",
        BORN_MAY_1972,
        [
            old_401k(date(2022, 9, 30)),
            {
                **SETTLED,
                "plan_type": "457b_governmental",
                "employment": "employed",
                "accepts_roll_ins": True,
            },
        ],
        (NE, NN),
        advice=(ROLL_IN,),
        expect={
            "advice.roll_old_plan_into_current_plan.current_plan": 1,
            "advice.roll_old_plan_into_current_plan.from_year": 2027,
            "mega_backdoor_plan": 1,
        },
    ),
    case(
        "a 457(b) listed before the 403(b) at the same school district: the mega backdoor "
        "is the 403(b)'s",
        "§457(b); rules-reference §5",
        BORN_MAY_1972,
        [
            {**SETTLED, "plan_type": "457b_governmental", "employment": "employed"},
            working("403b", after_tax_contributions_allowed=True, in_plan_roth_conversion=True),
        ],
        (NN, NE),
        expect={"mega_backdoor_plan": 1, "mega_backdoor_roth.verdict": E},
    ),
    case(
        "left two employers in or after the year of 55: both plans qualify, not just the "
        "most recent",
        "rules-reference §1.3, §8.3; irahelp ?p=75749",
        {"birth_year": 1968, "birth_month": 2},
        [old_401k(date(2023, 5, 31)), old_401k(date(2025, 10, 31))],
        (E, E),
        absent=ALL_ADVICE,
    ),
    case(
        "past 59½: every plan is free of the 10%, no plan ranks first",
        "§72(t)(2)(A)(i)",
        {"birth_year": 1960, "birth_month": 1},
        [old_401k(date(2010, 5, 31)), ROLLOVER_IRA],
        (NN, NN),
        absent=ALL_ADVICE,
    ),
    case(
        "all of an old 401(k) moved to the IRA: nothing left in it to draw first or keep out",
        "Kim v. Comm'r (7th Cir. 2012); rules-reference §8.4",
        BORN_MARCH_1971,
        [old_401k(date(2026, 2, 28), rolled_to_ira="all"), ROLLOVER_IRA],
        (NE, NE),
        ("all_rolled_to_ira_nothing_left", "ira_never_qualifies"),
        absent=ALL_ADVICE,
    ),
    case(
        "no plans yet: nothing to say but the year's notices",
        "—",
        BORN_MARCH_1971,
        [],
        (),
        absent=ALL_ADVICE,
        expect={"mega_backdoor_plan": None, "tax_estimate": None, "tax_year": 2026},
    ),
]


def _advice_param(result: PlansAssessment, path: str) -> Any:
    code, _, param = path.partition(".")
    found = [item for item in result.advice if item.code == code]
    assert found, f"no {code} advice"
    return found[0].params[param]


def _lookup(root: Any, path: str) -> Any:
    value = root
    for part in path.split("."):
        value = value[int(part)] if part.isdigit() else getattr(value, part)
    return value


@pytest.mark.parametrize("c", CASES)
def test_case(c: PlansCase) -> None:
    person = PersonFacts(**c.person)
    plans = [PlanFacts(**plan) for plan in c.plans]
    result = assess_plans(person, plans, TODAY, withdrawal=c.withdrawal, from_plan=c.from_plan)
    assert tuple(p.rule_of_55.verdict for p in result.plans) == c.verdicts, [
        p.rule_of_55.headline for p in result.plans
    ]
    assert [p.index for p in result.plans] == list(range(len(plans)))
    if c.headlines:
        found_headlines = tuple(
            p.rule_of_55.headline.code if p.rule_of_55.headline else "" for p in result.plans
        )
        assert found_headlines == c.headlines
    codes = {item.code for item in result.advice}
    assert c.advice <= codes, f"missing {c.advice - codes}; found {sorted(codes)}"
    assert not (c.absent & codes), f"unexpected {c.absent & codes}"
    for path, expected in c.expect.items():
        if path.startswith("advice."):
            value = _advice_param(result, path.removeprefix("advice."))
        else:
            value = _lookup(result, path)
        assert value == expected, f"{path}: {value!r} != {expected!r}"


def test_enough_named_cases() -> None:
    assert len(CASES) >= 15
    names = [p.values[0].name for p in CASES]
    assert len(set(names)) == len(names)


def test_every_case_code_is_registered() -> None:
    for p in CASES:
        c: PlansCase = p.values[0]
        assert (c.advice | c.absent) <= REASON_CODES.keys(), c.name


# ---- The models ----


def test_person_and_plan_fields_are_the_fields_of_facts_once_each() -> None:
    """PersonFacts + PlanFacts say everything Facts can, with the same types and bounds,
    except the withdrawal (an argument of assess_plans) and the plan's display name and
    roll-in answer (not facts the single-plan rules read)."""
    person, plan = PersonFacts.model_fields, PlanFacts.model_fields
    assert not person.keys() & plan.keys()
    assert set(PLAN_ONLY_FIELDS) == {"name", "accepts_roll_ins"}
    joined = person.keys() | (plan.keys() - PLAN_ONLY_FIELDS)
    withdrawal = {
        "planned_withdrawal",
        "withdrawal_year",
        "roth_or_after_tax_in_payout",
        "taxable_part_of_withdrawal",
    }
    assert joined == Facts.model_fields.keys() - withdrawal
    for name in joined:
        ours = (
            (person.get(name) or plan[name]).annotation,
            (person.get(name) or plan[name]).metadata,
        )
        theirs = Facts.model_fields[name]
        assert ours == (theirs.annotation, theirs.metadata), name


def test_facts_split_into_person_and_plan_and_join_back() -> None:
    facts = Facts(
        birth_year=1970,
        filing_status="single",
        plan_type="403b",
        employment="separated",
        separation_date=date(2026, 3, 1),
        employee_deferrals=20_000,
    )
    person, plan = facts.person(), facts.plan(name="school 403(b)")
    assert plan.name == "school 403(b)" and person.birth_year == 1970
    assert facts_for(person, plan) == facts


def test_plan_facts_read_answers_as_facts_does() -> None:
    plan = PlanFacts(employee_deferrals=24_500, rolled_to_ira=True)
    assert plan.employee_deferrals == Dollars(amount=24_500)
    assert plan.rolled_to_ira is RolledOut.ALL
    assert PlanFacts(rolled_to_ira=False).rolled_to_ira is RolledOut.NONE
    with pytest.raises(ValidationError):
        PlanFacts.model_validate({"birth_year": 1971})  # a person's fact, not a plan's
    with pytest.raises(ValidationError):
        PersonFacts.model_validate({"plan_type": "401k"})


def test_facts_for_joins_person_plan_and_withdrawal() -> None:
    person = PersonFacts(birth_year=1971, filing_status="single", compensation=90_000)
    plan = PlanFacts(name="Acme", plan_type="403b", accepts_roll_ins=True)
    assert facts_for(person, plan, withdrawal=10_000, withdrawal_year=2027) == Facts(
        birth_year=1971,
        filing_status="single",
        compensation=90_000,
        plan_type="403b",
        planned_withdrawal=10_000,
        withdrawal_year=2027,
    )


def test_a_plan_index_out_of_range_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="from_plan"):
        assess_plans(PersonFacts(), [PlanFacts()], TODAY, withdrawal=1_000, from_plan=1)


# ---- Properties ----

person_facts = st.builds(
    PersonFacts,
    birth_year=maybe(st.integers(min_value=1900, max_value=2030)),
    birth_month=maybe(st.integers(min_value=1, max_value=12)),
    birth_day=maybe(st.integers(min_value=1, max_value=28)),
    filing_status=maybe(st.sampled_from(["single", "married_joint", "head_of_household"])),
    other_taxable_income=maybe(money),
    compensation=maybe(money),
    tax_year=maybe(st.integers(min_value=2020, max_value=2030)),
)
plan_facts = st.builds(
    PlanFacts,
    name=maybe(st.text(max_size=12)),
    accepts_roll_ins=maybe(st.booleans()),
    employment=maybe(st.sampled_from(["employed", "separated", "planning_to_leave"])),
    separation_date=maybe(st.dates(min_value=date(1960, 1, 1), max_value=date(2040, 12, 31))),
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
    years_of_service=maybe(st.integers(min_value=0, max_value=40)),
    partial_withdrawals_allowed=maybe(st.booleans()),
    simple_ira_first_two_years=maybe(st.booleans()),
    after_tax_contributions_allowed=maybe(st.booleans()),
    in_plan_roth_conversion=maybe(st.booleans()),
    in_service_after_tax_withdrawal=maybe(st.booleans()),
    employee_deferrals=maybe(contribution),
    employer_contributions=maybe(contribution),
)
days = st.dates(min_value=date(2000, 1, 1), max_value=date(2060, 12, 31))
plan_lists = st.lists(plan_facts, max_size=4)


@settings(max_examples=200, deadline=None)
@given(person=person_facts, plans=plan_lists, today=days)
def test_each_plans_finding_is_assess_of_that_plan_alone(
    person: PersonFacts, plans: list[PlanFacts], today: date
) -> None:
    result = assess_plans(person, plans, today)
    assert len(result.plans) == len(plans)
    for plan, found in zip(plans, result.plans, strict=True):
        assert found.rule_of_55 == assess(facts_for(person, plan), today).rule_of_55
        assert found.name == plan.name


def _as_401a(plan: PlanFacts) -> PlanFacts:
    if plan.plan_type is not PlanType.TSP:
        return plan
    return PlanFacts(**{**plan.model_dump(), "plan_type": "401a", "governmental_plan": True})


def _tsp_named_401a(data: Any) -> Any:
    """A result as data, with the TSP's plan type named as a 401(a)'s."""
    if isinstance(data, dict):
        return {
            key: "401a"
            if key.endswith("_type") and value == PlanType.TSP
            else _tsp_named_401a(value)
            for key, value in data.items()
        }
    if isinstance(data, list):
        return [_tsp_named_401a(value) for value in data]
    return data


@settings(max_examples=200, deadline=None)
@given(person=person_facts, plans=plan_lists, today=days)
def test_a_tsp_among_several_plans_is_a_governmental_401a(
    person: PersonFacts, plans: list[PlanFacts], today: date
) -> None:
    """Findings and advice for several plans are those of governmental 401(a) plans
    wherever a plan is the TSP (only the plan type named in the advice differs)."""
    with_tsp = assess_plans(person, plans, today).model_dump()
    as_401a = assess_plans(person, [_as_401a(p) for p in plans], today).model_dump()
    assert _tsp_named_401a(with_tsp) == as_401a


@settings(max_examples=200, deadline=None)
@given(
    person=person_facts,
    plans=plan_lists,
    extra=plan_facts,
    where=st.integers(min_value=0, max_value=4),
    today=days,
)
def test_adding_an_unrelated_plan_never_changes_another_plans_finding(
    person: PersonFacts, plans: list[PlanFacts], extra: PlanFacts, where: int, today: date
) -> None:
    where = min(where, len(plans))
    before = assess_plans(person, plans, today).plans
    after = assess_plans(person, [*plans[:where], extra, *plans[where:]], today).plans
    assert [p.rule_of_55 for p in after[:where] + after[where + 1 :]] == [
        p.rule_of_55 for p in before
    ]


@settings(max_examples=200, deadline=None)
@given(
    person=person_facts,
    plans=plan_lists,
    today=days,
    withdrawal=maybe(st.integers(min_value=0, max_value=500_000)),
    choose=st.booleans(),
)
def test_advice_names_real_plans_and_says_only_what_the_findings_support(
    person: PersonFacts,
    plans: list[PlanFacts],
    today: date,
    withdrawal: int | None,
    choose: bool,
) -> None:
    from_plan = 0 if choose and plans else None
    result = assess_plans(person, plans, today, withdrawal=withdrawal, from_plan=from_plan)
    verdicts = [p.rule_of_55.verdict for p in result.plans]
    for item in [*result.advice, *result.notices]:
        assert set(item.params) == set(REASON_CODES[item.code]), item
    for item in result.advice:
        indexes = [v for k, v in item.params.items() if k in _PLAN_ROLES]
        assert all(isinstance(i, int) and 0 <= i < len(plans) for i in indexes), item
        p = item.params
        if item.code == ROLL_IN:
            assert verdicts[_i(p["old_plan"])] is NE
            assert plans[_i(p["old_plan"])].plan_type in {"401k", "403b"}
            assert plans[_i(p["current_plan"])].employment in {"employed", "planning_to_leave"}
            assert plans[_i(p["current_plan"])].accepts_roll_ins is not False
        elif item.code == DRAW_FIRST:
            assert verdicts[_i(p["free_plan"])] in {E, NN}
            assert verdicts[_i(p["taxed_plan"])] is NE
        elif item.code == KEEP_OUT:
            assert plans[_i(p["kept_plan"])].plan_type not in IRA_TYPES
            assert plans[_i(p["ira"])].plan_type in IRA_TYPES
    if result.mega_backdoor_plan is not None:
        working = plans[result.mega_backdoor_plan]
        assert working.employment in {"employed", "planning_to_leave"}
        alone = assess(facts_for(person, working), today)
        assert result.mega_backdoor_roth == alone.mega_backdoor_roth
    else:
        assert result.mega_backdoor_roth is None
        assert all(p.employment not in {"employed", "planning_to_leave"} for p in plans)
    if result.tax_estimate is not None:
        assert result.tax_estimate_plan is not None
        chosen = facts_for(person, plans[result.tax_estimate_plan], withdrawal=withdrawal)
        assert result.tax_estimate == assess(chosen, today).tax_estimate


_PLAN_ROLES = frozenset({"old_plan", "current_plan", "free_plan", "taxed_plan", "kept_plan", "ira"})


def _i(value: Any) -> int:
    assert isinstance(value, int)
    return value
