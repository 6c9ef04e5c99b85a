"""A federal income tax estimate for one withdrawal: the tax it adds on top of other
income (rules-reference.md §7, estimation recipe), the additional tax it avoids or owes
(10%, §72(t)(1); 25% from a SIMPLE IRA in its first 2 years, §72(t)(6)), what is
withheld (20% from a plan, §3405(c) / IRS Topic 413; 10% from an IRA unless waived,
§3405(b)), and the same money spread over 2 and 3 years. The estimate is for the year the
withdrawal can first be made under the Rule of 55 verdict, or the year the person gave.
Decimal inside, whole dollars out; state tax is left out on purpose."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from rules.codes import reason
from rules.facts import Facts, FilingStatus, PlanType, RolledOut
from rules.findings import Finding, Reason, SpreadOption, TaxEstimate, Verdict
from rules.limits import CONSTANTS, BracketTable, Limits, limits_for
from rules.people import Birth, birth_bounds
from rules.rule_of_55 import IRA_TYPES, simple_ira_early

SPREAD_YEARS = (2, 3)  # the comparison the issue asks for, not a legal figure
_HUNDRED = Decimal(100)
_UNMARRIED = frozenset({FilingStatus.SINGLE, FilingStatus.HEAD_OF_HOUSEHOLD})


def whole_dollars(amount: Decimal) -> int:
    return int(amount.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def bracket_tax(taxable: Decimal, table: BracketTable) -> Decimal:
    """Tax on `taxable` income: each rate applies to the income above its lower bound."""
    tax = Decimal(0)
    uppers = [row.over for row in table.rows[1:]]
    for row, upper in zip(table.rows, [*uppers, None], strict=True):
        if taxable <= row.over:
            break
        top = taxable if upper is None else min(taxable, Decimal(upper))
        tax += (top - row.over) * row.rate_percent / _HUNDRED
    return tax


def marginal_rate(taxable: Decimal, table: BracketTable) -> int:
    """The rate on the last dollar of `taxable` (0 when nothing is taxable)."""
    rate = 0
    for row in table.rows:
        if taxable > row.over:
            rate = row.rate_percent
    return rate


def is_65_at_year_end(
    birth_year: int, birth_month: int | None, birth_day: int | None, tax_year: int
) -> bool | None:
    """IRS Pub. 501, "Age 65 or older": you are considered 65 on the day before your 65th
    birthday, so someone born on 1 January of (tax_year - 64) is 65 for tax_year. None
    when that is the birth year and the month or day that would tell is not known."""
    age_65 = CONSTANTS.age_65.value
    age = tax_year - birth_year
    if age != age_65 - 1:
        return age >= age_65
    if birth_month is not None and birth_month != 1:
        return False
    if birth_month == 1 and birth_day is not None:
        return birth_day == 1
    return None


class _Deduction:
    """Standard deduction plus the 65+ amounts we can determine (the person only: we do
    not ask a spouse's age)."""

    def __init__(self, facts: Facts, birth_year: int | None, limits: Limits, status: FilingStatus):
        self.limits = limits
        self.status = status
        self.standard = limits.standard_deduction.for_status(status).amount
        self.age: int | None = None
        self.is_65: bool | None = None  # None: turns 65 on the first days of the next year
        if birth_year is not None:
            self.age = limits.tax_year - birth_year  # age attained by Dec 31
            self.is_65 = is_65_at_year_end(
                birth_year, facts.birth_month, facts.birth_day, limits.tax_year
            )
        extra = limits.additional_65_or_blind
        self.extra_65 = 0
        if self.is_65:
            self.extra_65 = (extra.unmarried if status in _UNMARRIED else extra.married).amount

    def senior(self, income: Decimal) -> Decimal:
        """OBBBA senior deduction, reduced by a % of MAGI over the threshold. MAGI is
        approximated by the gross income we know. Married filing separately gets none."""
        senior = self.limits.senior_deduction
        if senior is None or not self.is_65 or self.status is FilingStatus.MARRIED_SEPARATE:
            return Decimal(0)
        start = (
            senior.phase_out_start_joint
            if self.status is FilingStatus.MARRIED_JOINT
            else senior.phase_out_start_single
        )
        reduction = max(Decimal(0), income - start) * senior.phase_out_percent / _HUNDRED
        return max(Decimal(0), senior.amount - reduction)

    def total(self, income: Decimal) -> Decimal:
        return self.standard + self.extra_65 + self.senior(income)


def _income_tax(
    other: Decimal, withdrawal: Decimal, deduction: _Deduction, table: BracketTable
) -> Decimal:
    """Extra tax the withdrawal causes on top of the other income."""
    with_it = other + withdrawal
    taxable_with = max(Decimal(0), with_it - deduction.total(with_it))
    taxable_without = max(Decimal(0), other - deduction.total(other))
    return bracket_tax(taxable_with, table) - bracket_tax(taxable_without, table)


def estimate_year(facts: Facts, rule_of_55: Finding, today: date) -> int:
    """The year the withdrawal is estimated for: the one the person gave, else the first
    year it can be made under the Rule of 55 verdict (leaving in 2027 -> 2027)."""
    if facts.withdrawal_year is not None:
        return facts.withdrawal_year
    year = today.year
    key_dates = rule_of_55.key_dates
    opens = rule_of_55.verdict in (Verdict.ELIGIBLE, Verdict.NOT_NEEDED, Verdict.DEPENDS)
    if opens and key_dates.penalty_free_from is not None:
        year = max(year, key_dates.penalty_free_from.year)
    if rule_of_55.verdict is Verdict.DEPENDS and key_dates.earliest_qualifying_separation:
        year = max(year, key_dates.earliest_qualifying_separation.year)
    if facts.plan_type is PlanType.GOV_457B and facts.separation_date is not None:
        # §457(d)(1)(A): a 457(b) pays out only after severance from employment.
        year = max(year, facts.separation_date.year)
    return year


def tax_estimate(
    facts: Facts, today: date, rule_of_55: Finding, birth_year: int | None
) -> TaxEstimate | None:
    """None without a withdrawal amount (or a $0 one) or a filing status. `birth_year` is
    the plausible birth year (None when unknown or impossible)."""
    if not facts.planned_withdrawal or facts.filing_status is None:
        return None
    tax_year = estimate_year(facts, rule_of_55, today)
    limits, fell_back = limits_for(tax_year)
    status = facts.filing_status
    table = limits.brackets.for_status(status)
    reasons: list[Reason] = []
    if fell_back:
        reasons.append(
            reason("limits_year_fallback", requested_year=tax_year, used_year=limits.tax_year)
        )
    if facts.other_taxable_income is None:
        reasons.append(reason("other_income_assumed_zero"))
    other = Decimal(facts.other_taxable_income or 0)
    # Only the taxable part is taxed, bears the additional tax and is withheld on.
    withdrawal = _taxable_part(facts)
    reasons += _roth_reasons(facts, withdrawal)
    deduction = _Deduction(facts, birth_year, limits, status)
    reasons += _deduction_reasons(deduction, other + withdrawal)

    income_tax = _income_tax(other, withdrawal, deduction, table)
    total_income = other + withdrawal
    taxable = max(Decimal(0), total_income - deduction.total(total_income))

    percent, percent_reasons = _additional_tax_percent(facts)
    additional = withdrawal * percent / _HUNDRED
    applies, certain, code = _additional_tax(rule_of_55, facts.withdrawal_year)
    turns_59_half = rule_of_55.key_dates.penalty_free_from
    first_59_half = rule_of_55.key_dates.penalty_free_earliest or turns_59_half
    if (
        code == "additional_tax_owed"
        and facts.withdrawal_year is None
        and turns_59_half is not None
        and first_59_half is not None
        and first_59_half.year <= tax_year <= turns_59_half.year
        and rule_of_55.verdict is Verdict.NOT_ELIGIBLE
    ):
        # §72(t)(2)(A)(i): in a year 59½ may fall in (the year of 59½, or of its window when
        # only an age or a birth year is known), with no payout date given, the 10% is owed
        # only on payouts before the 59½ date (rules-reference §10).
        certain, code = False, "additional_tax_owed_before_59_half"
    by_year = rule_of_55.headline
    if code == "additional_tax_uncertain" and by_year and by_year.code in _BY_LEAVING_YEAR:
        from_year = by_year.params["from_year"]
        assert isinstance(from_year, int)
        reasons.append(
            reason(
                "additional_tax_depends_on_leaving_year",
                amount=whole_dollars(additional),
                from_year=from_year,
            )
        )
    elif code == "additional_tax_owed_before_59_half":
        assert turns_59_half is not None
        reasons.append(
            reason(
                code,
                amount=whole_dollars(additional),
                age_59_half=turns_59_half,
                earliest=first_59_half,
            )
        )
    elif code == "additional_tax_owed" and percent != CONSTANTS.additional_tax_percent.value:
        reasons.append(
            reason(
                "additional_tax_owed_simple_ira_early",
                amount=whole_dollars(additional),
                rate_percent=percent,
            )
        )
    else:
        reasons.append(reason(code, amount=whole_dollars(additional)))
    reasons += percent_reasons

    withholding_percent, waivable = _withholding_percent(facts)
    withholding = withdrawal * withholding_percent / _HUNDRED
    if waivable:
        reasons += [
            reason("no_mandatory_withholding_ira"),
            reason(
                "ira_withholding_waivable",
                rate_percent=withholding_percent,
                amount=whole_dollars(withholding),
            ),
        ]
    else:
        reasons.append(reason("withholding_is_prepayment", amount=whole_dollars(withholding)))

    spread = []
    from_ira = _spread_from_an_ira(facts, applies, code)
    fifty_nine_half = _latest_59_half(facts, today)
    for years in SPREAD_YEARS:
        per_year = withdrawal / years  # the taxable part of each year's payout
        total = _income_tax(other, per_year, deduction, table) * years
        ira_years = [tax_year + n for n in range(1, years)] if from_ira else []
        owing = [y for y in ira_years if fifty_nine_half is None or date(y, 1, 1) < fifty_nine_half]
        spread.append(
            SpreadOption(
                years=years,
                per_year=whole_dollars(Decimal(facts.planned_withdrawal) / years),
                total_tax=whole_dollars(total),
                additional_tax=whole_dollars(per_year * percent / _HUNDRED * len(owing)),
            )
        )
    if any(option.additional_tax for option in spread):
        reasons.append(reason("spread_from_ira_owes_10pct_before_59_half"))
        citations_spread = ["kim_v_commissioner"]
    else:
        citations_spread = []
    reasons += [
        reason("spread_uses_same_year_tables", tax_year=limits.tax_year),
        reason("state_tax_not_included"),
        reason("lump_sum_may_affect_aca_irmaa"),
    ]
    if not limits.tax_tables_confirmed(status):
        reasons.append(reason("unconfirmed_figures", tax_year=limits.tax_year))
    citations = [
        table.source,
        limits.standard_deduction.for_status(status).source,
        "irc_1",
        "irc_63",
        "irc_72t_1",
        "irs_topic_413",
        "ftb_early_distributions",
    ]
    citations += citations_spread
    if waivable:
        citations.append("irc_3405b")
    if percent_reasons:
        citations.append("irc_72t_6")
    if deduction.age is not None and deduction.age >= CONSTANTS.age_65.value - 1:
        citations.append("irs_pub_501")
    if deduction.is_65 and limits.senior_deduction is not None:
        citations.append(limits.senior_deduction.source)
    if facts.roth_or_after_tax_in_payout:
        citations += ["irc_402A_d", "irc_72e_8"]
    return TaxEstimate(
        tax_year=tax_year,
        filing_status=status.value,
        withdrawal=facts.planned_withdrawal,
        taxable_withdrawal=whole_dollars(withdrawal),
        other_taxable_income=facts.other_taxable_income or 0,
        income_tax=whole_dollars(income_tax),
        marginal_rate_percent=marginal_rate(taxable, table),
        additional_tax_10pct=whole_dollars(additional),
        additional_tax_applies=applies,
        additional_tax_certain=certain,
        additional_tax_percent=percent,
        withholding=whole_dollars(withholding),
        withholding_percent=withholding_percent,
        withholding_can_be_waived=waivable,
        deduction=whole_dollars(deduction.total(total_income)),
        spread=spread,
        reasons=reasons,
        citations=list(dict.fromkeys(citations)),
    )


def _taxable_part(facts: Facts) -> Decimal:
    """The dollars of the payout that are taxable: all of it, unless Roth or after-tax
    money is in it and the plan has said how much is taxable (rules-reference §10)."""
    assert facts.planned_withdrawal is not None
    whole = Decimal(facts.planned_withdrawal)
    if facts.roth_or_after_tax_in_payout and facts.taxable_part_of_withdrawal is not None:
        return min(whole, Decimal(facts.taxable_part_of_withdrawal))
    return whole


def _roth_reasons(facts: Facts, taxable: Decimal) -> list[Reason]:
    if not facts.roth_or_after_tax_in_payout:
        return []
    assert facts.planned_withdrawal is not None
    if facts.taxable_part_of_withdrawal is None:
        return [reason("roth_part_counted_in_full", amount=facts.planned_withdrawal)]
    return [
        reason(
            "roth_part_only_taxable_taxed",
            taxable=whole_dollars(taxable),
            amount=facts.planned_withdrawal,
        )
    ]


# The Rule of 55 (or the public-safety age) is what frees the one payout of the 10%: money
# rolled on to an IRA loses it (Kim v. Comm'r).
_FREED_BY_THE_PLAN = {
    "additional_tax_avoided",
    "additional_tax_avoided_public_safety",
}


def _spread_from_an_ira(facts: Facts, applies: bool, code: str) -> bool:
    """A plan that pays only a lump sum can be 'spread' only by rolling the rest to an
    IRA at the payout: the later years' money then comes from the IRA."""
    return (
        facts.partial_withdrawals_allowed is False
        and facts.plan_type not in IRA_TYPES
        and not applies
        and code in _FREED_BY_THE_PLAN
    )


def _latest_59_half(facts: Facts, today: date) -> date | None:
    """The latest date the person can reach 59½ (a birth known to the year or month gives a
    window: the 10% is not over before its end). None when the birth year is unknown."""
    birth = birth_bounds(facts, today)
    if not isinstance(birth, Birth):
        return None
    return birth.months_later(CONSTANTS.age_59_half_months.value)[1]


def _additional_tax_percent(facts: Facts) -> tuple[int, list[Reason]]:
    """10% (§72(t)(1)); 25% from a SIMPLE IRA in its first 2 years (§72(t)(6)). When it is
    not known whether those 2 years are over, the estimate uses 10% and says so."""
    if facts.plan_type is not PlanType.SIMPLE_IRA or facts.simple_ira_first_two_years is False:
        return CONSTANTS.additional_tax_percent.value, []
    early = CONSTANTS.simple_ira_early_additional_tax_percent.value
    if facts.simple_ira_first_two_years:
        return early, []
    return CONSTANTS.additional_tax_percent.value, [simple_ira_early()]


def _withholding_percent(facts: Facts) -> tuple[int, bool]:
    """(percent, can be waived). Payouts from an IRA: 10% unless the person elects out
    (§3405(b)). Eligible rollover distributions from a 401(a)/403(b)/governmental 457(b)
    paid to the person: 20%, no opt-out (§3405(c), IRS Topic 413)."""
    if facts.plan_type in IRA_TYPES or facts.rolled_to_ira is RolledOut.ALL:
        return CONSTANTS.ira_default_withholding_percent.value, True
    return CONSTANTS.mandatory_withholding_percent.value, False


def _deduction_reasons(deduction: _Deduction, income: Decimal) -> list[Reason]:
    reasons = [reason("standard_deduction_used", amount=deduction.standard)]
    if deduction.status is FilingStatus.MARRIED_JOINT:
        reasons.append(_spouse_not_counted(deduction.limits))
    if deduction.age is None:
        reasons.append(reason("age_unknown_no_65_extra"))
        return reasons
    year = deduction.limits.tax_year
    if deduction.is_65 is None:
        reasons.append(reason("age_65_depends_on_birth_day", tax_year=year))
    elif deduction.is_65 and deduction.age is not None and deduction.age < CONSTANTS.age_65.value:
        reasons.append(reason("age_65_day_before_birthday", tax_year=year))
    if deduction.is_65:
        reasons.append(reason("age_65_extra_applied", amount=deduction.extra_65))
        senior = deduction.senior(income)
        if senior:
            reasons.append(reason("senior_deduction_applied", amount=whole_dollars(senior)))
    return reasons


def _spouse_not_counted(limits: Limits) -> Reason:
    """Every joint estimate says what a 65+ spouse would add: the extra standard deduction
    per qualifying spouse (§63(f)(1)(B)) and the senior deduction (OBBBA §70103, tax years
    2025-2028), neither counted since the spouse's age is not asked."""
    senior = limits.senior_deduction
    return reason(
        "spouse_age_not_counted",
        extra_65=limits.additional_65_or_blind.married.amount,
        senior_amount=0 if senior is None else senior.amount,
    )


# Rule of 55 headlines that give the verdict by the year of leaving (no date given).
_BY_LEAVING_YEAR = frozenset({"leave_from_year_verdict", "left_from_year_verdict"})

# Which rule removed the additional tax, from the Rule of 55 finding's headline: never
# credit the Rule of 55 for the age (§72(t)(2)(A)(i)) or the plan type (§72(t)(9)).
_AVOIDED_BY = {
    "over_59_half": "additional_tax_avoided_age_59_half",
    "will_be_59_half_at_separation": "additional_tax_avoided_age_59_half",
    "governmental_457b_no_additional_tax": "additional_tax_avoided_governmental_457b",
    "public_safety_age_50": "additional_tax_avoided_public_safety",
    "public_safety_25_years": "additional_tax_avoided_public_safety",
    "inherited_no_10pct": "additional_tax_avoided_inherited",
}


def _additional_tax(rule_of_55: Finding, withdrawal_year: int | None) -> tuple[bool, bool, str]:
    """(applies, certain, reason code) for the additional tax, from the Rule of 55."""
    verdict = rule_of_55.verdict
    free_from = rule_of_55.key_dates.penalty_free_from
    headline = rule_of_55.headline.code if rule_of_55.headline else ""
    if verdict in (Verdict.ELIGIBLE, Verdict.NOT_NEEDED):
        if (
            withdrawal_year is not None
            and free_from is not None
            and withdrawal_year < free_from.year
        ):
            return True, True, "additional_tax_owed"  # before leaving (or 59½)
        return False, True, _AVOIDED_BY.get(headline, "additional_tax_avoided")
    if verdict is Verdict.NOT_ELIGIBLE:
        if (
            withdrawal_year is not None
            and free_from is not None
            and withdrawal_year > free_from.year
        ):
            return False, True, "additional_tax_avoided_age_59_half"  # a later year: past 59½
        return True, True, "additional_tax_owed"
    return True, False, "additional_tax_uncertain"
