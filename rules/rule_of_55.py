"""Rule of 55: IRC §72(t)(2)(A)(v) as read by IRS Notice 87-13 Q&A-20, with the
public-safety variant of §72(t)(10) and the governmental 457(b) case (IRS Topic 558).

The test runs plan by plan (rules-reference.md §1.3): has the person separated from the
sponsor of *this* plan during or after the calendar year they turn 55 (50, or 25 years of
service, for qualified public-safety employees)?"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import Enum

from rules.codes import reason
from rules.facts import Employment, Facts, PlanType, PublicSafety, RolledOut
from rules.findings import Finding, KeyDates, Reason, Topic, Verdict
from rules.limits import CONSTANTS
from rules.people import Birth, birth_or_problems

# IRAs never qualify: §72(t)(3)(A); the IRS chart says "No" for SEP, SIMPLE, SARSEP.
IRA_TYPES = frozenset({PlanType.IRA, PlanType.SEP_IRA, PlanType.SIMPLE_IRA})
_CORE_CITATIONS = ["irc_72t_2_A_v", "notice_87_13", "irs_topic_558"]


class _Status(Enum):
    SEPARATED = "separated"  # left on a known date
    PLANNED = "planned"  # leaving on a known future date
    EMPLOYED = "employed"  # still there, no date
    SEPARATED_NO_DATE = "separated_no_date"
    UNKNOWN = "unknown"


@dataclass
class _Draft:
    """A finding under construction."""

    verdict: Verdict = Verdict.NEEDS_INFO
    reasons: list[Reason] = field(default_factory=list)
    warnings: list[Reason] = field(default_factory=list)
    next_steps: list[Reason] = field(default_factory=list)
    plan_questions: list[Reason] = field(default_factory=list)
    citations: list[str] = field(default_factory=lambda: list(_CORE_CITATIONS))
    key_dates: KeyDates = field(default_factory=KeyDates)

    def finding(self) -> Finding:
        return Finding(
            topic=Topic.RULE_OF_55,
            verdict=self.verdict,
            reasons=self.reasons,
            key_dates=self.key_dates,
            warnings=self.warnings,
            next_steps=self.next_steps,
            plan_questions=self.plan_questions,
            citations=list(dict.fromkeys(self.citations)),
        )


def rule_of_55(facts: Facts, today: date) -> Finding:
    """Can withdrawals from this plan avoid the 10% additional tax under the Rule of 55?"""
    draft = _Draft()
    birth = birth_or_problems(facts, today)
    if isinstance(birth, list):
        draft.reasons = birth
        return draft.finding()
    status, problem = _status(facts, today)
    if birth is not None:
        draft.key_dates = _key_dates(birth, facts)
    if facts.rolled_to_ira is RolledOut.ALL or facts.plan_type in IRA_TYPES:
        return _ira(draft, facts, birth, today)
    if facts.plan_type is PlanType.GOV_457B:
        return _governmental_457b(draft, status)
    if birth is None:
        draft.reasons.append(reason("birth_year_missing"))
        return draft.finding()
    if problem is not None:
        draft.reasons.append(problem)
        return draft.finding()
    separation = facts.separation_date
    on = separation if status is _Status.PLANNED and separation is not None else today
    earliest_59, latest_59 = birth.months_later(CONSTANTS.age_59_half_months.value)
    if on >= latest_59:
        return _past_59_half(draft, status, latest_59, separation)
    _separation_test(draft, facts, birth, status, today)
    if draft.verdict is Verdict.NOT_ELIGIBLE:
        draft.next_steps.append(reason("penalty_free_at_59_half", age_59_half=latest_59))
        draft.key_dates = draft.key_dates.model_copy(update={"penalty_free_from": latest_59})
    if on >= earliest_59:
        # Only the birth year (or month) is known and 59½ falls between the bounds:
        # "not eligible" could be wrong, since the 10% may already be gone.
        draft.reasons.append(
            reason("age_59_half_uncertain", earliest=earliest_59, latest=latest_59)
        )
        if draft.verdict is Verdict.NOT_ELIGIBLE:
            draft.verdict = Verdict.NEEDS_INFO
    if facts.plan_type is None or facts.plan_type is PlanType.OTHER:
        code = "plan_type_missing" if facts.plan_type is None else "plan_type_other"
        draft.reasons.insert(0, reason(code))
        draft.plan_questions.insert(0, reason("ask_plan_type"))
        draft.verdict = Verdict.NEEDS_INFO
    return draft.finding()


def _status(facts: Facts, today: date) -> tuple[_Status, Reason | None]:
    """Where the person stands with the plan's sponsor, and any contradiction that stops
    the assessment (a missing date or status is handled later, after the 59½ check)."""
    when = facts.separation_date
    match facts.employment:
        case Employment.SEPARATED:
            if when is None:
                return _Status.SEPARATED_NO_DATE, None
            if when > today:
                return _Status.SEPARATED, reason("separated_date_in_future", separation_date=when)
            return _Status.SEPARATED, None
        case Employment.PLANNING_TO_LEAVE:
            if when is None:
                return _Status.EMPLOYED, None
            if when < today:
                return _Status.PLANNED, reason(
                    "planned_separation_date_passed", separation_date=when
                )
            return _Status.PLANNED, None
        case Employment.EMPLOYED:
            # A past separation date while employed there means a rehire (handled below).
            if when is not None and when > today:
                return _Status.PLANNED, None
            return _Status.EMPLOYED, None
        case None:
            if when is None:
                return _Status.UNKNOWN, None
            return (_Status.SEPARATED if when <= today else _Status.PLANNED), None


def _key_dates(birth: Birth, facts: Facts) -> KeyDates:
    age_55 = CONSTANTS.rule_of_55_age.value
    age_50 = CONSTANTS.public_safety_age.value
    return KeyDates(
        year_turning_55=birth.year + age_55,
        year_turning_50=None if facts.public_safety is PublicSafety.NONE else birth.year + age_50,
        age_59_half=birth.key_date(CONSTANTS.age_59_half_months.value),
    )


def _ira(draft: _Draft, facts: Facts, birth: Birth | None, today: date) -> Finding:
    draft.citations += ["irc_72t_3", "kim_v_commissioner"]
    draft.verdict = Verdict.NOT_ELIGIBLE
    if birth is not None:
        earliest_59, latest_59 = birth.months_later(CONSTANTS.age_59_half_months.value)
        draft.key_dates = draft.key_dates.model_copy(update={"penalty_free_from": latest_59})
        if today >= latest_59:
            draft.verdict = Verdict.NOT_NEEDED
            draft.reasons.append(reason("over_59_half", age_59_half=latest_59))
            draft.citations.append("irc_72t_2_A_i")
            return draft.finding()
        draft.next_steps.append(reason("penalty_free_at_59_half", age_59_half=latest_59))
        if today >= earliest_59:
            draft.reasons.append(
                reason("age_59_half_uncertain", earliest=earliest_59, latest=latest_59)
            )
            draft.verdict = Verdict.NEEDS_INFO
    if facts.rolled_to_ira is RolledOut.ALL:
        draft.reasons.insert(0, reason("rolled_to_ira_loses_exception"))
    elif facts.plan_type is not None:
        draft.reasons.insert(0, reason("ira_never_qualifies", plan_type=facts.plan_type.value))
    draft.next_steps.append(reason("consider_sepp_after_separation"))
    return draft.finding()


def _governmental_457b(draft: _Draft, status: _Status) -> Finding:
    # Topic 558: no 10% additional tax on governmental 457(b) payouts, except on amounts
    # rolled in from other plan types or IRAs (§72(t)(9)).
    draft.verdict = Verdict.NOT_NEEDED
    draft.citations = ["irs_topic_558", "irc_72t_9", "irs_topic_413"]
    draft.reasons.append(reason("governmental_457b_no_additional_tax"))
    if status is not _Status.SEPARATED:
        draft.reasons.append(reason("governmental_457b_access_after_separation"))
    draft.warnings += [
        reason("rolled_in_money_keeps_10pct"),
        reason("rolling_457b_out_loses_advantage"),
        reason("income_tax_still_applies"),
        _withholding(),
        reason("state_tax_may_apply"),
    ]
    return draft.finding()


def _past_59_half(
    draft: _Draft, status: _Status, age_59_half: date, separation: date | None
) -> Finding:
    draft.verdict = Verdict.NOT_NEEDED
    draft.citations = ["irc_72t_2_A_i", "irs_topic_558"]
    draft.key_dates = draft.key_dates.model_copy(update={"penalty_free_from": age_59_half})
    if status is _Status.PLANNED and separation is not None:
        draft.reasons.append(
            reason(
                "will_be_59_half_at_separation",
                age_59_half=age_59_half,
                separation_date=separation,
            )
        )
    else:
        draft.reasons.append(reason("over_59_half", age_59_half=age_59_half))
    draft.warnings += [reason("income_tax_still_applies"), _withholding()]
    return draft.finding()


def _qualifying_start(facts: Facts, birth: Birth) -> tuple[int, int]:
    """(first qualifying calendar year, qualifying age) for someone still employed."""
    public_safety = _public_safety(facts) and facts.governmental_plan
    if public_safety:
        service = CONSTANTS.public_safety_years_of_service.value
        if facts.years_of_service is not None and facts.years_of_service >= service:
            return birth.year, CONSTANTS.public_safety_age.value
        return birth.year + CONSTANTS.public_safety_age.value, CONSTANTS.public_safety_age.value
    return birth.year + CONSTANTS.rule_of_55_age.value, CONSTANTS.rule_of_55_age.value


def _separation_test(
    draft: _Draft, facts: Facts, birth: Birth, status: _Status, today: date
) -> None:
    year_of_55 = birth.year + CONSTANTS.rule_of_55_age.value
    first_year, qualifying_age = _qualifying_start(facts, birth)
    earliest = max(date(first_year, 1, 1), today)
    draft.key_dates = draft.key_dates.model_copy(
        update={"earliest_qualifying_separation": earliest}
    )
    separation = facts.separation_date
    if status in (_Status.EMPLOYED, _Status.SEPARATED_NO_DATE, _Status.UNKNOWN):
        if status is _Status.EMPLOYED:
            draft.reasons.append(
                reason(
                    "still_employed_can_qualify_from",
                    year=earliest.year,
                    earliest_date=earliest,
                    qualifying_age=qualifying_age,
                )
            )
            if separation is not None:  # left once, now back with the same employer
                draft.reasons.append(
                    reason("rehired_no_exception_until_separation", separation_date=separation)
                )
        else:
            draft.reasons.append(
                reason(
                    "separation_date_missing"
                    if status is _Status.SEPARATED_NO_DATE
                    else "employment_missing"
                )
            )
        draft.next_steps.append(
            reason("roll_old_plan_into_current_before_leaving", year_turning_55=year_of_55)
        )
        draft.plan_questions.append(reason("ask_accepts_roll_ins"))
        return
    assert separation is not None
    if separation.year >= year_of_55:
        code = (
            "separated_in_or_after_year_of_55"
            if status is _Status.SEPARATED
            else "leaving_in_or_after_year_of_55"
        )
        if status is _Status.SEPARATED:
            draft.reasons.append(
                reason(code, separation_year=separation.year, year_turning_55=year_of_55)
            )
        else:
            draft.reasons.append(
                reason(code, separation_date=separation, year_turning_55=year_of_55)
            )
        if separation.year == year_of_55:
            draft.reasons.append(reason("same_year_birthday_counts", year_turning_55=year_of_55))
        _eligible(draft, facts, separation)
        return
    _before_year_of_55(draft, facts, birth, status, separation, year_of_55)


def _before_year_of_55(
    draft: _Draft,
    facts: Facts,
    birth: Birth,
    status: _Status,
    separation: date,
    year_of_55: int,
) -> None:
    if status is _Status.SEPARATED:
        draft.reasons.append(
            reason(
                "separated_before_year_of_55",
                separation_year=separation.year,
                year_turning_55=year_of_55,
            )
        )
    else:
        draft.reasons.append(
            reason(
                "leaving_before_year_of_55", separation_date=separation, year_turning_55=year_of_55
            )
        )
    draft.citations += ["humberson", "irs_pub_575"]
    # §72(t)(10): age 50 or 25 years of service under the plan, whichever is earlier.
    year_of_50 = birth.year + CONSTANTS.public_safety_age.value
    service = CONSTANTS.public_safety_years_of_service.value
    by_service = facts.years_of_service is not None and facts.years_of_service >= service
    by_age = separation.year >= year_of_50
    if (by_age or by_service) and _public_safety(facts) is not False:
        draft.citations += ["irc_72t_10", "secure_2_0_public_safety"]
        if _public_safety(facts) is None:
            draft.reasons.append(reason("public_safety_unknown", year_turning_50=year_of_50))
            draft.verdict = Verdict.NEEDS_INFO
            return
        if by_age:
            draft.reasons.append(
                reason(
                    "public_safety_age_50",
                    separation_year=separation.year,
                    year_turning_50=year_of_50,
                )
            )
        else:
            draft.reasons.append(
                reason("public_safety_25_years", years_of_service=facts.years_of_service)
            )
        if facts.governmental_plan:
            _eligible(draft, facts, separation)
            return
        # Outside governmental plans only private-sector firefighters get age 50.
        draft.reasons.append(reason("public_safety_plan_unclear", year_turning_50=year_of_50))
        if facts.governmental_plan is None:
            draft.plan_questions.append(reason("ask_governmental_plan"))
        draft.verdict = Verdict.DEPENDS
        draft.key_dates = draft.key_dates.model_copy(update={"penalty_free_from": separation})
        return
    draft.verdict = Verdict.NOT_ELIGIBLE
    if status is _Status.SEPARATED:
        draft.next_steps += [
            reason("roll_old_plan_into_current_before_leaving", year_turning_55=year_of_55),
            reason("consider_sepp_after_separation"),
        ]
        draft.plan_questions.append(reason("ask_accepts_roll_ins"))
    else:
        draft.next_steps.append(
            reason("wait_until_year_of_55_to_leave", earliest_date=date(year_of_55, 1, 1))
        )


def _eligible(draft: _Draft, facts: Facts, separation: date) -> None:
    draft.verdict = Verdict.ELIGIBLE
    # Notice 87-13: payouts after the separation; the year test is already met.
    draft.key_dates = draft.key_dates.model_copy(update={"penalty_free_from": separation})
    if facts.partial_withdrawals_allowed is None:
        # The tax exception covers whatever the plan pays; only the form is in doubt.
        draft.reasons.append(reason("partial_withdrawals_unknown"))
        draft.plan_questions.append(reason("ask_partial_withdrawals"))
    elif facts.partial_withdrawals_allowed is False:
        draft.reasons.append(reason("plan_pays_lump_sum_only"))
        draft.warnings.append(reason("lump_sum_only_warning"))
    if facts.rolled_to_ira is None:
        # Kim v. Comm'r: money already moved to an IRA has lost the exception.
        draft.warnings.append(reason("rollover_to_ira_unknown"))
        draft.plan_questions.append(reason("ask_balance_still_in_plan"))
    draft.warnings += [
        reason("income_tax_still_applies"),
        _withholding(),
        reason("keep_money_in_plan_not_ira"),
        reason("plan_may_be_stricter_than_law"),
        reason("rehire_by_same_employer_ends_exception"),
        reason("state_tax_may_apply"),
    ]
    draft.next_steps += [
        reason("partial_rollover_keep_needed_in_plan"),
        reason("get_summary_plan_description"),
        reason("form_5329_exception_01"),
    ]
    draft.citations += ["form_5329_instructions", "irs_topic_413", "kim_v_commissioner"]


def _withholding() -> Reason:
    return reason(
        "mandatory_withholding_20pct",
        rate_percent=CONSTANTS.mandatory_withholding_percent.value,
    )


def _public_safety(facts: Facts) -> bool | None:
    if facts.public_safety is None:
        return None
    return facts.public_safety is not PublicSafety.NONE
