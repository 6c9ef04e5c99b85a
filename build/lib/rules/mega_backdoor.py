"""Mega backdoor Roth: after-tax (non-Roth) contributions up to the §415(c) room, moved to
Roth by an in-plan Roth rollover or an in-service withdrawal (rules-reference.md §5)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import MAXYEAR, date
from decimal import Decimal

from rules.codes import reason
from rules.facts import (
    Dollars,
    Employment,
    Facts,
    Match,
    MaxDeferral,
    PercentOfPay,
    PlanType,
)
from rules.findings import Finding, Reason, Topic, Verdict
from rules.limits import CONSTANTS, Limits, limits_for
from rules.rule_of_55 import IRA_TYPES
from rules.tax import whole_dollars

_CITATIONS = ["irc_415c", "irc_402g", "irc_414v", "irc_401m", "notice_2014_54"]


def mega_backdoor_roth(
    facts: Facts, today: date, limits: Limits, tax_year: int, birth_year: int | None
) -> Finding:
    """Does the plan allow a mega backdoor Roth, and how much room is there this tax year?
    `birth_year` is the plausible birth year (None when unknown or impossible)."""
    if facts.plan_type in IRA_TYPES:
        assert facts.plan_type is not None
        return Finding(
            topic=Topic.MEGA_BACKDOOR_ROTH,
            verdict=Verdict.NOT_ELIGIBLE,
            reasons=[reason("mega_backdoor_not_for_ira", plan_type=facts.plan_type.value)],
            citations=["irc_415c"],
        )
    if facts.plan_type is PlanType.GOV_457B:
        # §457(b): a 457(b) takes no after-tax (non-Roth) contributions, so there is nothing
        # to convert and nothing to ask the plan.
        return Finding(
            topic=Topic.MEGA_BACKDOOR_ROTH,
            verdict=Verdict.NOT_ELIGIBLE,
            headline=reason("mega_backdoor_457b_not_covered"),
            citations=["irc_457b", "irc_415c"],
        )
    citations = [*_CITATIONS, limits.annual_additions_415c.source]
    separated = facts.employment is Employment.SEPARATED and (
        facts.separation_date is None or facts.separation_date <= today
    )
    if separated:
        at_separation: list[Reason] = []
        if facts.after_tax_contributions_allowed is not False:
            at_separation.append(reason("split_rollover_notice_2014_54"))
        return Finding(
            topic=Topic.MEGA_BACKDOOR_ROTH,
            verdict=Verdict.NOT_ELIGIBLE,
            reasons=[reason("no_contributions_after_separation")],
            next_steps=at_separation,
            citations=citations,
        )
    verdict, reasons, plan_questions = _plan_features(facts)
    if facts.plan_type is None and verdict is Verdict.ELIGIBLE:
        reasons.insert(0, reason("plan_type_missing"))
        verdict = Verdict.NEEDS_INFO
    headline = reasons[0]  # _plan_features puts the deciding feature first
    amounts, room_reasons, warnings = _room(facts, limits, tax_year, birth_year)
    reasons += room_reasons
    for warning in warnings:
        if warning.code == "super_catch_up_60_63":
            plan_questions.append(reason("ask_super_catch_up_offered", age=warning.params["age"]))
    next_steps: list[Reason] = []
    if verdict is not Verdict.NOT_ELIGIBLE:
        reasons.append(reason("mega_backdoor_still_legal", as_of_year=today.year))
        warnings.append(reason("convert_promptly_earnings_taxable"))
        warnings += _hce_warning(tax_year, facts.compensation)
        citations.append("irc_414q")
        warnings += [
            reason("plan_may_cap_after_tax_pct"),
            reason("annual_additions_aggregate_same_employer"),
        ]
        if facts.other_job_this_year:
            # §402(g)(1): one deferral limit per person across every 401(k)/403(b) (a 457(b)
            # has its own, §457(e)(15)); §415(c) is per unrelated employer.
            warnings.append(reason("two_jobs_share_one_deferral_limit"))
            citations.append("irc_402g")
        plan_questions.append(reason("ask_after_tax_cap"))
        next_steps.append(reason("set_up_automatic_conversion"))
        citations += ["notice_2013_74", "irc_402A_c_4_E"]
    elif facts.after_tax_contributions_allowed:
        next_steps.append(reason("split_rollover_notice_2014_54"))
    return Finding(
        topic=Topic.MEGA_BACKDOOR_ROTH,
        verdict=verdict,
        headline=headline,
        reasons=reasons,
        amounts=amounts,
        warnings=warnings,
        next_steps=next_steps,
        plan_questions=plan_questions,
        citations=list(dict.fromkeys(citations)),
    )


def _plan_features(facts: Facts) -> tuple[Verdict, list[Reason], list[Reason]]:
    """Both features are needed: after-tax contributions, and a route to Roth (in-plan
    conversion or in-service withdrawal of after-tax money). rules-reference.md §5.1."""
    reasons: list[Reason] = []
    questions: list[Reason] = []
    after_tax = facts.after_tax_contributions_allowed
    in_plan = facts.in_plan_roth_conversion
    in_service = facts.in_service_after_tax_withdrawal
    if after_tax is False:
        return Verdict.NOT_ELIGIBLE, [reason("after_tax_not_allowed")], questions
    if after_tax is None:
        reasons.append(reason("after_tax_unknown"))
        questions.append(reason("ask_after_tax_contributions"))
    if in_plan:
        reasons.append(reason("conversion_route_in_plan"))
    if in_service:
        reasons.append(reason("conversion_route_in_service_withdrawal"))
    if in_plan or in_service:
        return (Verdict.ELIGIBLE if after_tax else Verdict.DEPENDS), reasons, questions
    if in_plan is False and in_service is False:
        if after_tax:
            return Verdict.NOT_ELIGIBLE, [reason("after_tax_without_conversion")], []
        return Verdict.NOT_ELIGIBLE, [reason("no_route_to_roth")], []
    reasons.append(reason("conversion_route_unknown"))
    if in_plan is None:
        questions.append(reason("ask_in_plan_roth_conversion"))
    if in_service is None:
        questions.append(reason("ask_in_service_after_tax_withdrawal"))
    return Verdict.DEPENDS, reasons, questions


@dataclass
class _Room:
    """The room computation's findings: named dollar amounts, reasons and warnings."""

    amounts: dict[str, int] = field(default_factory=dict)
    reasons: list[Reason] = field(default_factory=list)
    warnings: list[Reason] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)


def _room(
    facts: Facts, limits: Limits, tax_year: int, birth_year: int | None
) -> tuple[dict[str, int], list[Reason], list[Reason]]:
    """room = min(§415(c), 100% of pay) − deferrals up to §402(g) − employer money, ≥ 0,
    and never more than the pay left after the person's own deferrals (after-tax money
    comes out of pay too). Catch-ups sit outside §415(c) and do not count
    (rules-reference.md §5.2); an under-50's deferral above §402(g) is an excess deferral
    to be paid back, not a catch-up (§414(v)(5), §402(g)(2))."""
    limit_415c = limits.annual_additions_415c.amount
    limit_402g = limits.elective_deferral_402g.amount
    out = _Room(amounts={"limit_415c": limit_415c, "limit_402g": limit_402g})
    compensation = facts.compensation
    cap = limit_415c
    if compensation is None:
        out.reasons.append(reason("room_before_compensation_cap", limit_415c=limit_415c))
    else:
        cap = min(limit_415c, compensation)
        out.amounts["compensation_cap"] = cap
        if compensation < limit_415c:
            out.reasons.append(reason("room_limited_by_compensation", compensation=compensation))
    age: int | None = None
    catch_up_limit: int | None = None
    if birth_year is not None:
        age = tax_year - birth_year  # age attained by Dec 31 of the tax year
        catch_up_limit = limits.catch_up_for_age(age)
        out.amounts["catch_up_limit"] = catch_up_limit
        out.warnings += _catch_up_warnings(limits, age, tax_year, compensation)
        if catch_up_limit:
            out.reasons.append(reason("catch_up_for_age", age=age, amount=catch_up_limit))
    employee = _employee_dollars(facts, limits, tax_year, catch_up_limit, out)
    employer = _employer_dollars(facts, limits, employee, out)
    if employee is None or employer is None:
        out.reasons.append(
            reason("room_needs_contribution_figures", missing=",".join(dict.fromkeys(out.missing)))
        )
        return out.amounts, out.reasons, out.warnings
    deferrals_counted = min(employee, limit_402g)
    above = employee - deferrals_counted
    catch_up_part, excess = _above_402g(above, age, catch_up_limit, limit_402g, tax_year, out)
    room = max(0, cap - deferrals_counted - employer)
    if compensation is not None:
        room = min(room, max(0, compensation - employee))
    out.amounts |= {
        "deferrals": employee,
        "deferrals_counted": deferrals_counted,
        "catch_up_part": catch_up_part,
        "excess_deferral": excess,
        "employer": employer,
        "room": room,
    }
    if room == 0:
        out.reasons.append(reason("room_zero"))
    return out.amounts, out.reasons, out.warnings


def _above_402g(
    above: int,
    age: int | None,
    catch_up_limit: int | None,
    limit_402g: int,
    tax_year: int,
    out: _Room,
) -> tuple[int, int]:
    """Split deferrals above §402(g) into (catch-up, excess deferral)."""
    if not above:
        return 0, 0
    return_by = _excess_return_date(tax_year)
    if age is None or catch_up_limit is None:
        # Catch-up only if 50 by Dec 31; we do not know, so the room treats it as catch-up.
        out.reasons.append(
            reason("above_402g_catch_up_only_if_50", amount=above, return_by=return_by)
        )
        return above, 0
    catch_up_part = min(above, catch_up_limit)
    excess = above - catch_up_part
    if catch_up_part:
        out.reasons.append(reason("catch_up_not_counted", catch_up_part=catch_up_part))
    if excess and not catch_up_limit:
        out.warnings.append(
            reason(
                "excess_deferral_return_by_april",
                excess=excess,
                limit_402g=limit_402g,
                return_by=return_by,
            )
        )
    elif excess:
        out.warnings.append(reason("deferrals_exceed_limits", excess=excess))
    return catch_up_part, excess


def _excess_return_date(tax_year: int) -> date | None:
    """§402(g)(2): an excess deferral must be paid back by 15 April of the next year."""
    if not 0 < tax_year < MAXYEAR:
        return None
    month = CONSTANTS.excess_deferral_return_month.value
    return date(tax_year + 1, month, CONSTANTS.excess_deferral_return_day.value)


def _counted_pay(facts: Facts, limits: Limits, out: _Room) -> int | None:
    """Pay a plan may count for a percentage: up to §401(a)(17) (Notice 2025-67)."""
    if facts.compensation is None:
        out.missing.append("compensation")
        return None
    limit = limits.compensation_401a17.amount
    if facts.compensation > limit and "compensation_counted" not in out.amounts:
        out.reasons.append(reason("percent_of_pay_capped_401a17", compensation_limit=limit))
    counted = min(facts.compensation, limit)
    out.amounts["compensation_counted"] = counted
    return counted


def _percent(value: Decimal) -> str:
    return f"{value.normalize():f}"


def _of(percent: Decimal, pay: int) -> int:
    return whole_dollars(percent * pay / 100)


def _employee_dollars(
    facts: Facts, limits: Limits, tax_year: int, catch_up_limit: int | None, out: _Room
) -> int | None:
    """The person's own deferrals for the year in dollars, capped at pay: deferrals come
    out of pay, and §415(c)(1)(B) caps additions at 100% of compensation."""
    deferrals = facts.employee_deferrals
    compensation = facts.compensation
    if deferrals is None or isinstance(deferrals, Match):
        out.missing.append("employee_deferrals")
        return None
    if isinstance(deferrals, MaxDeferral):
        # "Max": the §402(g) limit plus the catch-up for the age, never more than pay.
        limit_402g = limits.elective_deferral_402g.amount
        catch_up = catch_up_limit or 0
        amount = limit_402g + catch_up
        capped = compensation is not None and compensation < amount
        if compensation is not None and capped:
            amount = compensation
        out.reasons.append(
            reason(
                "max_deferral_amount",
                amount=amount,
                limit_402g=limit_402g,
                catch_up=catch_up,
                tax_year=tax_year,
                capped_at_pay=capped,
            )
        )
        return amount
    if isinstance(deferrals, PercentOfPay):
        pay = _counted_pay(facts, limits, out)
        if pay is None:
            return None
        amount = _of(deferrals.percent, pay)
    else:
        amount = deferrals.amount
    if compensation is not None and amount > compensation:
        out.reasons.append(reason("deferrals_capped_at_pay", compensation=compensation))
        amount = compensation
    return amount


def _employer_dollars(facts: Facts, limits: Limits, employee: int | None, out: _Room) -> int | None:
    """Employer money for the year in dollars. A match is rate% of the person's deferral
    rate, up to up_to% of pay, on pay up to §401(a)(17)."""
    given = facts.employer_contributions
    if given is None or isinstance(given, MaxDeferral):
        out.missing.append("employer_contributions")
        return None
    if isinstance(given, Dollars):
        return given.amount
    pay = _counted_pay(facts, limits, out)
    if pay is None:
        return None
    if isinstance(given, PercentOfPay):
        return _of(given.percent, pay)
    if employee is None:
        out.missing.append("employee_deferrals")
        return None
    deferral_percent = _deferral_percent(facts, employee)
    if deferral_percent is None:
        out.missing.append("compensation")
        return None
    matched = min(deferral_percent, given.up_to_percent)
    amount = whole_dollars(given.rate_percent * matched * pay / 100 / 100)
    out.reasons.append(
        reason(
            "employer_match_amount",
            amount=amount,
            rate_percent=_percent(given.rate_percent),
            up_to_percent=_percent(given.up_to_percent),
        )
    )
    return amount


def _deferral_percent(facts: Facts, employee: int) -> Decimal | None:
    """The person's deferral rate, % of pay (what a match is computed on): as said, or
    their deferral dollars (already capped at pay) over their pay."""
    deferrals = facts.employee_deferrals
    if isinstance(deferrals, PercentOfPay):
        return deferrals.percent
    if not facts.compensation:
        return None
    return Decimal(employee) * 100 / facts.compensation


def _catch_up_warnings(
    limits: Limits, age: int, tax_year: int, compensation: int | None
) -> list[Reason]:
    first_step = limits.catch_up_by_age[0]
    if age < first_step.from_age:
        return []
    warnings: list[Reason] = []
    amount = limits.catch_up_for_age(age)
    if amount > limits.catch_up_for_age(first_step.from_age):
        # SECURE 2.0 §109: the larger catch-up for ages 60-63 is optional for plans.
        warnings.append(reason("super_catch_up_60_63", age=age, amount=amount))
    threshold = limits.roth_catch_up_wage_threshold
    # §414(v)(7) looks at last year's FICA wages; this year's pay stands in for them.
    below = threshold is not None and compensation is not None and compensation <= threshold.amount
    if threshold is not None and threshold.required and not below:
        warnings.append(
            reason("roth_catch_up_wage_rule", threshold=threshold.amount, wage_year=tax_year - 1)
        )
    return warnings


def _hce_warning(tax_year: int, compensation: int | None) -> list[Reason]:
    """HCE status for a year looks at the prior year's pay against the threshold for that
    prior year (§414(q)(1)(B); for 2024, 2023 pay against $150,000, Notice 2022-55); None
    when we hold no figure for the look-back year. This year's pay stands in for last
    year's: well below the threshold, the warning is left out."""
    lookback_year = tax_year - 1
    this_year, fell_back = limits_for(tax_year)
    threshold: int | None = this_year.hce_threshold_lookback_414q.amount
    if fell_back:
        prior, prior_fell_back = limits_for(lookback_year)
        threshold = None if prior_fell_back else prior.hce_threshold_414q.amount
    if threshold is not None and compensation is not None and compensation <= threshold:
        return []
    return [reason("hce_testing_may_cap", hce_threshold=threshold, lookback_year=lookback_year)]
