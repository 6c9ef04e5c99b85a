"""The single registry of every machine-readable code the rules core can emit.

Each code maps to the names of the parameters its `Reason` carries, exactly: no more,
no fewer. Reasons, warnings, next steps, plan questions and `Assessment.notices` all use
codes from here, and the templates write one sentence per code. Codes are stable: add new
ones, never rename or drop one. Dates are `datetime.date`, money is whole dollars (int).
"""

from __future__ import annotations

from rules.findings import ParamValue, Reason

REASON_CODES: dict[str, tuple[str, ...]] = {
    # ---- Facts that are missing or contradictory (verdict needs_info) ----
    # We need the birth year to apply any age rule.
    "birth_year_missing": (),
    # The birth year/month/day do not form a real date (e.g. 31 February).
    "birth_date_invalid": ("birth_year", "birth_month", "birth_day"),
    # The birth date given lies after today.
    "birth_date_in_future": ("birth_year",),
    # The age implied by the birth year is over 120: probably a typo.
    "age_implausible": ("age",),
    # The separation date is before the person was born.
    "separation_before_birth": ("separation_date",),
    # More years of service than years alive: probably a typo.
    "years_of_service_implausible": ("years_of_service", "age"),
    # We do not know whether the person still works for the plan's sponsor.
    "employment_missing": (),
    # The person says they have left, but the separation date is in the future.
    "separated_date_in_future": ("separation_date",),
    # The person is planning to leave, but the planned date has already passed.
    "planned_separation_date_passed": ("separation_date",),
    # We do not know what kind of plan this is.
    "plan_type_missing": (),
    # "Other" plan type: the core cannot tell whether the 10% tax or the rule applies.
    "plan_type_other": (),
    # ---- Rule of 55: IRC §72(t)(2)(A)(v), Notice 87-13 Q&A-20 ----
    # Left this employer in or after the calendar year of the 55th birthday: qualifies.
    "separated_in_or_after_year_of_55": ("separation_year", "year_turning_55"),
    # A planned departure on this date falls in or after the year of 55: would qualify.
    "leaving_in_or_after_year_of_55": ("separation_date", "year_turning_55"),
    # Left before the year of 55: this plan never qualifies, even after turning 55 (Humberson).
    "separated_before_year_of_55": ("separation_year", "year_turning_55"),
    # A planned departure on this date is before the year of 55: it would not qualify.
    "leaving_before_year_of_55": ("separation_date", "year_turning_55"),
    # Leaving in the year of 55 counts even before the birthday itself (Notice 87-13 A-20).
    "same_year_birthday_counts": ("year_turning_55",),
    # Still working there: leaving on or after this date would qualify.
    "still_employed_can_qualify_from": ("year", "earliest_date", "qualifying_age"),
    # Left before, now back with the same employer: no exception until leaving again.
    "rehired_no_exception_until_separation": ("separation_date",),
    # IRAs (traditional, rollover, Roth, SEP, SIMPLE) never qualify: §72(t)(3)(A).
    "ira_never_qualifies": ("plan_type",),
    # Already 59½ (on this date): the 10% tax does not apply anyway, §72(t)(2)(A)(i).
    "over_59_half": ("age_59_half", "earliest"),
    # Will be 59½ by the planned separation date: the 10% tax will not apply anyway.
    "will_be_59_half_at_separation": ("age_59_half", "earliest", "separation_date"),
    # Without the full birth date, 59½ falls somewhere between these two dates.
    "age_59_half_uncertain": ("earliest", "latest"),
    # Governmental 457(b): no 10% additional tax at any age after separation (Topic 558).
    "governmental_457b_no_additional_tax": (),
    # Governmental 457(b) money is normally reachable only after leaving the employer.
    "governmental_457b_access_after_separation": (),
    # Public-safety employee: separation in/after the year of the 50th birthday, §72(t)(10).
    "public_safety_age_50": ("separation_year", "year_turning_50"),
    # Public-safety employee: 25 years of service under the plan qualify, §72(t)(10).
    "public_safety_25_years": ("years_of_service",),
    # Age-50 rule needs a governmental plan (or a private firefighter's 401(a)/403(b)).
    "public_safety_plan_unclear": ("year_turning_50",),
    # Left in the years 50-54: would qualify if a qualified public-safety employee.
    "public_safety_unknown": ("year_turning_50",),
    # Eligible for the tax exception, but the plan's payout options are not known.
    "partial_withdrawals_unknown": (),
    # The plan pays only a lump sum after separation: legal, and still covered.
    "plan_pays_lump_sum_only": (),
    # Not sure whether money went to an IRA: only money still in the plan is covered.
    "rollover_to_ira_unknown": (),
    # Everything was moved to an IRA: nothing is left in the plan to use the rule on.
    "all_rolled_to_ira_nothing_left": (),
    # Part was moved to an IRA: that part lost the rule, the money left in the plan keeps it.
    "part_rolled_to_ira": (),
    # Context: leaving in this year is before the year of 55, but the §72(t)(10) route applies.
    "before_year_of_55_public_safety_applies": ("separation_year", "year_turning_55"),
    # Firefighters get the age-50 rule from any employer's 401(a)/403(a)/403(b) (SECURE 2.0).
    "firefighter_any_employer_plan": (),
    # Context: police, EMS, corrections… get the age-50 rule only from a governmental plan.
    "age_50_rule_needs_governmental_plan": (),
    # Planning to leave, no date yet: leaving in from_year or later qualifies, earlier not.
    # year_turning_50: the earlier year that would also qualify if an open public-safety
    # question is answered yes (None when it cannot).
    "leave_from_year_verdict": ("from_year", "qualifying_age", "year_turning_50"),
    # Has left, date not given: a separation in from_year or later qualifies, earlier not.
    "left_from_year_verdict": ("from_year", "qualifying_age", "year_turning_50"),
    # Planning to leave, no date yet, already in the qualifying year: any date qualifies.
    "leaving_any_time_qualifies": ("from_year", "qualifying_age"),
    # Has left, date not given, but it can only have been before the qualifying year.
    "left_before_qualifying_year": ("from_year", "qualifying_age"),
    # Still working for the plan's sponsor: a payout now pays the 10% (§72(t)(1)).
    "payout_while_employed_owes_10pct": (),
    # Governmental 457(b): money rolled in from a 401(k)/IRA is covered by the Rule of 55 too,
    # having left in or after the qualifying year (§72(t)(9)).
    "rolled_in_money_covered": ("separation_year", "qualifying_age"),
    # Governmental 457(b): rolled-in money carries the 10% unless one leaves in/after this year.
    "rolled_in_money_covered_if_leaving_from": ("from_year", "qualifying_age"),
    # SIMPLE IRA: in the first years of participation the additional tax is 25%, §72(t)(6).
    "simple_ira_25pct_first_two_years": ("rate_percent", "years"),
    # ---- Rule of 55 warnings ----
    # A lump sum can push the whole payout into a much higher tax bracket.
    "lump_sum_only_warning": (),
    # A payout made to the person has this % withheld for federal tax, no opt-out.
    "mandatory_withholding_20pct": ("rate_percent",),
    # Only the 10% additional tax is waived: ordinary income tax still applies.
    "income_tax_still_applies": (),
    # Do not roll the money needed before 59½ to an IRA: it would lose the exception.
    "keep_money_in_plan_not_ira": (),
    # A plan's own rules (SPD) can be stricter than the tax rule, e.g. require 55 at payout.
    "plan_may_be_stricter_than_law": (),
    # Going back to work for the same employer ends the exception until the next separation.
    "rehire_by_same_employer_ends_exception": (),
    # Inherited money (§72(t)(2)(A)(ii)): no 10% at any age; a spouse who moved it into her
    # own IRA made it her own (Gee v. Comm'r), so it owes the 10% before 59½.
    "inherited_no_10pct": (),
    "inherited_spouse_keep_beneficiary_account": (),
    "spousal_rollover_is_own_money": (),
    # Rehired by the plan's sponsor (rules-reference §10, Notice 87-13 Q&A-20, [P]): at risk.
    "rehired_at_risk": (),
    "rehired_payouts_now_in_service": (),
    "prearranged_rehire_risk": (),
    "payouts_before_rehire_covered": ("separation_date",),
    "rehire_get_answer_in_writing": (),
    # Money rolled into a governmental 457(b) from other plans or IRAs keeps the 10% tax.
    "rolled_in_money_keeps_10pct": (),
    # Public-safety work not known yet: for rolled-in 457(b) money the year of 50 counts.
    "rolled_in_money_public_safety_from": ("year_turning_50",),
    # Rolling governmental 457(b) money out to an IRA or 401(k) loses its no-10% status.
    "rolling_457b_out_loses_advantage": (),
    # State income tax is not included; some states add their own (California 2.5%).
    "state_tax_may_apply": (),
    # ---- Rule of 55 next steps ----
    # Roll the old plan into the current employer's plan before leaving in/after the 55 year.
    "roll_old_plan_into_current_before_leaving": ("year_turning_55",),
    # Pre-tax IRA money: the same route through a current employer's plan (§72(t)(2)(A)(v)).
    "roll_ira_into_current_plan_before_leaving": ("year_turning_55",),
    # Leaving on or after this date (Jan 1 of the year of 55) would qualify.
    "wait_until_year_of_55_to_leave": ("earliest_date",),
    # Keep in the plan what is needed before 59½; the rest may be rolled over.
    "partial_rollover_keep_needed_in_plan": (),
    # Lump-sum-only plan: split the one payout, cash needed before 59½ (no 10%) and the rest
    # by direct rollover to an IRA (no 20% withheld; it loses the rule there).
    "lump_sum_split_at_payout": (),
    # Ask the plan for its Summary Plan Description (SPD).
    "get_summary_plan_description": (),
    # If the 1099-R does not show the exception, claim it on Form 5329, exception code 01.
    "form_5329_exception_01": (),
    # Substantially equal periodic payments (SEPP) need only a prior separation, any age.
    "consider_sepp_after_separation": (),
    # From an IRA, SEPP can start at any time: no separation needed (§72(t)(3)(B) is only
    # for employer plans).
    "consider_sepp_from_ira": (),
    # Penalty-free from age 59½ on this date.
    # `earliest`..`age_59_half`: the window 59½ falls in (one day when the birth date is known).
    "penalty_free_at_59_half": ("age_59_half", "earliest"),
    # ---- Questions for the plan administrator ----
    # Does the plan allow partial or ad-hoc withdrawals after separation?
    "ask_partial_withdrawals": (),
    # Is the plan a governmental plan (state, local or federal)?
    "ask_governmental_plan": (),
    # Which kind of plan is it: 401(k), 403(b), governmental 457(b), pension/401(a)?
    "ask_plan_type": (),
    # How much of my balance is still in the plan (not moved to an IRA)?
    "ask_balance_still_in_plan": (),
    # Does the current plan accept roll-ins of old 401(k)/IRA money?
    "ask_accepts_roll_ins": (),
    # Does the plan accept after-tax (non-Roth) employee contributions?
    "ask_after_tax_contributions": (),
    # Does the plan offer in-plan Roth conversions (in-plan Roth rollovers)?
    "ask_in_plan_roth_conversion": (),
    # Does the plan allow in-service withdrawals of after-tax money?
    "ask_in_service_after_tax_withdrawal": (),
    # Does the plan cap after-tax contributions at a percentage of pay?
    "ask_after_tax_cap": (),
    # Does the plan offer the ages 60-63 super catch-up (it is optional for plans)?
    "ask_super_catch_up_offered": ("age",),
    # ---- Mega backdoor Roth ----
    # IRAs have no after-tax employee source: the mega backdoor does not apply.
    "mega_backdoor_not_for_ira": ("plan_type",),
    # 457(b) limits sit outside §415(c): ask about the employer's 401(k)/403(b) instead.
    "mega_backdoor_457b_not_covered": (),
    # The plan does not accept after-tax (non-Roth) contributions.
    "after_tax_not_allowed": (),
    # We do not know whether the plan accepts after-tax contributions.
    "after_tax_unknown": (),
    # After-tax money can be moved to Roth inside the plan (in-plan Roth rollover).
    "conversion_route_in_plan": (),
    # After-tax money can be withdrawn while working and rolled to a Roth IRA.
    "conversion_route_in_service_withdrawal": (),
    # We do not know whether the plan has a way to move after-tax money to Roth.
    "conversion_route_unknown": (),
    # After-tax allowed but no route to Roth: earnings grow taxable; basis can go to a
    # Roth IRA only at separation (Notice 2014-54 split). Not a mega backdoor.
    "after_tax_without_conversion": (),
    # Neither in-plan conversion nor in-service withdrawal: no mega backdoor, whatever the
    # after-tax answer.
    "no_route_to_roth": (),
    # No new contributions once separated from this employer.
    "no_contributions_after_separation": (),
    # Compensation unknown: the room shown is before the 100%-of-pay cap.
    "room_before_compensation_cap": ("limit_415c",),
    # 100% of compensation is below the §415(c) dollar limit, so it caps the room.
    "room_limited_by_compensation": ("compensation",),
    # Room needs the year's deferrals and employer contributions; these are missing.
    "room_needs_contribution_figures": ("missing",),
    # Deferrals and employer money already use the whole §415(c) limit.
    "room_zero": (),
    # Deferrals above §402(g) are catch-up: they do not reduce the room.
    "catch_up_not_counted": ("catch_up_part",),
    # Deferrals exceed §402(g) plus the catch-up for this age: an excess to correct.
    "deferrals_exceed_limits": ("excess",),
    # Still allowed under current law; a 2021 bill to end it never passed.
    "mega_backdoor_still_legal": ("as_of_year",),
    # Catch-up by age: which catch-up limit applies for the age attained by Dec 31.
    "catch_up_for_age": ("age", "amount"),
    # Under 50 at year end: deferrals above §402(g) are an excess deferral, not catch-up,
    # to be paid back by this date (§402(g)(2), §414(v)(5)).
    "excess_deferral_return_by_april": ("excess", "limit_402g", "return_by"),
    # Age unknown: deferrals above §402(g) are catch-up only at 50+ by year end.
    "above_402g_catch_up_only_if_50": ("amount", "return_by"),
    # Deferrals come out of pay: the stated deferrals were capped at pay (§415(c)(1)(B)).
    "deferrals_capped_at_pay": ("compensation",),
    # "Max": §402(g) plus the age catch-up, capped at pay when pay is lower.
    "max_deferral_amount": ("amount", "limit_402g", "catch_up", "tax_year", "capped_at_pay"),
    # Pay above §401(a)(17): percentages of pay count pay only up to the limit.
    "percent_of_pay_capped_401a17": ("compensation_limit",),
    # The employer match in dollars: rate% of deferrals up to up_to% of (capped) pay.
    "employer_match_amount": ("amount", "rate_percent", "up_to_percent"),
    # ---- Mega backdoor warnings ----
    # Earnings on after-tax money are taxable when converted: convert promptly.
    "convert_promptly_earnings_taxable": (),
    # Highly compensated employees may be capped or refunded by the ACP test.
    "hce_testing_may_cap": ("hce_threshold", "lookback_year"),
    # Plans often cap after-tax contributions at a percentage of pay.
    "plan_may_cap_after_tax_pct": (),
    # Prior-year FICA wages above the threshold make catch-ups Roth-only (SECURE 2.0 §603).
    "roth_catch_up_wage_rule": ("threshold", "wage_year"),
    # Ages 60-63 in the year: a larger catch-up may be available (SECURE 2.0 §109).
    "super_catch_up_60_63": ("age", "amount"),
    # §415(c) counts all plans of the same employer (controlled group) together.
    "annual_additions_aggregate_same_employer": (),
    # Two jobs (or a change) in one year: deferrals in both count against one §402(g) limit.
    "two_jobs_share_one_deferral_limit": (),
    # ---- Mega backdoor next steps ----
    # Set up automatic or frequent conversion so little earnings build up.
    "set_up_automatic_conversion": (),
    # At separation, send pre-tax money to a traditional IRA and basis to a Roth IRA.
    "split_rollover_notice_2014_54": (),
    # ---- Tax estimate ----
    # Other taxable income was not given: assumed to be zero.
    "other_income_assumed_zero": (),
    # The standard deduction for the filing status was used (no itemizing).
    "standard_deduction_used": ("amount",),
    # Age 65+ by year end: the additional standard deduction was added (one person only).
    "age_65_extra_applied": ("amount",),
    # Age 65+ by year end: the temporary senior deduction (after phase-out) was added.
    "senior_deduction_applied": ("amount",),
    # Married filing jointly: a spouse's age was not asked, so a 65+ spouse's extra
    # standard deduction and senior deduction (0: none that year) are not included.
    "spouse_age_not_counted": ("extra_65", "senior_amount"),
    # Age unknown: no 65+ amounts were included.
    "age_unknown_no_65_extra": (),
    # The Rule of 55 (or another reason) removes the 10% additional tax: this much avoided.
    "additional_tax_avoided": ("amount",),
    # The 10% additional tax applies: this much owed on top of income tax.
    "additional_tax_owed": ("amount",),
    # The withdrawal falls in the calendar year of 59½ and its date was not given: owed only
    # on payouts before the 59½ date (§72(t)(2)(A)(i)).
    "additional_tax_owed_before_59_half": ("amount", "age_59_half", "earliest"),
    # Roth or after-tax money in the payout, its taxable part not known: everything is
    # taxed, so the estimate is the most the person would owe (§402A(d), §72(e)(8)).
    "roth_part_counted_in_full": ("amount",),
    # Roth or after-tax money in the payout: only `taxable` of `amount` is taxed and bears
    # the 10% (§72(t)(1): 10% of the amount includible in income).
    "roth_part_only_taxable_taxed": ("taxable", "amount"),
    # Whether the 10% applies depends on open questions: this much at stake.
    "additional_tax_uncertain": ("amount",),
    # No leaving date: the 10% is avoided leaving in from_year or later, owed leaving earlier.
    "additional_tax_depends_on_leaving_year": ("amount", "from_year"),
    # Already 59½ (or will be): the age removes the 10%, not the Rule of 55 (§72(t)(2)(A)(i)).
    "additional_tax_avoided_age_59_half": ("amount",),
    # A governmental 457(b) has no 10% on its own money (§72(t)(9), Topic 558).
    "additional_tax_avoided_governmental_457b": ("amount",),
    # The public-safety rule (age 50 or 25 years of service, §72(t)(10)) removes the 10%.
    "additional_tax_avoided_public_safety": ("amount",),
    # Inherited money: no 10% at any age (§72(t)(2)(A)(ii)).
    "additional_tax_avoided_inherited": ("amount",),
    # SIMPLE IRA in its first 2 years: the additional tax is 25%, this much (§72(t)(6)).
    "additional_tax_owed_simple_ira_early": ("amount", "rate_percent"),
    # IRA payout: this % withheld by default, and the person may waive it (§3405(b)).
    "ira_withholding_waivable": ("rate_percent", "amount"),
    # Born on 1 January: counts as 65 on 31 December, so 65 for this tax year (Pub. 501).
    "age_65_day_before_birthday": ("tax_year",),
    # Turns 65 on the first days of the next year: only a 1 January birthday would count.
    "age_65_depends_on_birth_day": ("tax_year",),
    # The 20% withheld is a prepayment, settled on the tax return.
    "withholding_is_prepayment": ("amount",),
    # Plain IRA payouts have no mandatory 20% withholding.
    "no_mandatory_withholding_ira": (),
    # State tax is not included in the estimate.
    "state_tax_not_included": (),
    # A large payout can also affect ACA premium credits and Medicare IRMAA.
    "lump_sum_may_affect_aca_irmaa": (),
    # Some figures for this tax year are not yet confirmed against the IRS source.
    "unconfirmed_figures": ("tax_year",),
    # The spread comparison applies this year's brackets to every year.
    "spread_uses_same_year_tables": ("tax_year",),
    # A lump-sum-only plan: spreading means rolling the rest to an IRA, whose payouts before
    # 59½ owe the 10% (Kim v. Comm'r; §72(t)(1)): the spread figures include it.
    "spread_from_ira_owes_10pct_before_59_half": (),
    # ---- Advice across several plans (rules/plans.py) ----
    # A plan is named by its index in the list given, the person's name for it (or None)
    # and its plan type value (or None): <role>, <role>_name, <role>_type.
    # An old plan left before the qualifying year: roll it into the plan of the job still
    # held (if that plan takes it; accepts_roll_ins None: ask) and leave that job in or
    # after from_year (None: any time) — the money then leaves under the rule (§1.4).
    "roll_old_plan_into_current_plan": (
        "old_plan",
        "old_plan_name",
        "old_plan_type",
        "current_plan",
        "current_plan_name",
        "current_plan_type",
        "from_year",
        "qualifying_age",
        "accepts_roll_ins",
    ),
    # Money needed before 59½: take it first from free_plan (no 10% now), not from
    # taxed_plan (the 10% applies now); taxed_count plans carry the 10% now.
    "draw_first_from": (
        "free_plan",
        "free_plan_name",
        "free_plan_type",
        "taxed_plan",
        "taxed_plan_name",
        "taxed_plan_type",
        "taxed_count",
    ),
    # kept_plan is free of the 10% before 59½: rolling it into the IRA would lose that
    # (Kim v. Comm'r; §72(t)(9) for a governmental 457(b)).
    "keep_early_money_out_of_ira": (
        "kept_plan",
        "kept_plan_name",
        "kept_plan_type",
        "ira",
        "ira_name",
        "ira_type",
    ),
    # ---- Assessment notices ----
    # The assistant holds no figures for the requested year: the latest it holds was used.
    "limits_year_fallback": ("requested_year", "used_year"),
}


# Codes that can settle a finding's verdict and so be its headline (Finding.headline,
# reasons[0]); templates/headlines.j2 has one short line for each.
HEADLINE_CODES: frozenset[str] = frozenset(
    {
        # facts missing or contradictory
        "birth_year_missing",
        "birth_date_invalid",
        "birth_date_in_future",
        "age_implausible",
        "separation_before_birth",
        "years_of_service_implausible",
        "employment_missing",
        "separated_date_in_future",
        "planned_separation_date_passed",
        "plan_type_missing",
        "plan_type_other",
        # Rule of 55
        "separated_in_or_after_year_of_55",
        "leaving_in_or_after_year_of_55",
        "separated_before_year_of_55",
        "leaving_before_year_of_55",
        "still_employed_can_qualify_from",
        "rehired_at_risk",
        "inherited_no_10pct",
        "ira_never_qualifies",
        "all_rolled_to_ira_nothing_left",
        "over_59_half",
        "will_be_59_half_at_separation",
        "age_59_half_uncertain",
        "governmental_457b_no_additional_tax",
        "public_safety_age_50",
        "public_safety_25_years",
        "public_safety_plan_unclear",
        "public_safety_unknown",
        "leave_from_year_verdict",
        "left_from_year_verdict",
        "leaving_any_time_qualifies",
        "left_before_qualifying_year",
        # Mega backdoor Roth
        "mega_backdoor_not_for_ira",
        "mega_backdoor_457b_not_covered",
        "no_contributions_after_separation",
        "after_tax_not_allowed",
        "after_tax_unknown",
        "after_tax_without_conversion",
        "no_route_to_roth",
        "conversion_route_in_plan",
        "conversion_route_in_service_withdrawal",
        "conversion_route_unknown",
    }
)


def reason(code: str, **params: ParamValue) -> Reason:
    """Build a Reason, refusing a code or parameter set the registry does not know.

    A mismatch is a programming error in the core (a test catches it), never user input.
    """
    expected = REASON_CODES[code]
    if set(params) != set(expected):
        raise ValueError(f"reason {code!r} takes {expected}, got {tuple(params)}")
    return Reason(code=code, params=params)
