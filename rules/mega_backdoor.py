"""Mega backdoor Roth: after-tax (non-Roth) contributions up to the §415(c) room, moved to
Roth by an in-plan Roth rollover or an in-service withdrawal (rules-reference.md §5)."""

from __future__ import annotations

from datetime import date

from rules.codes import reason
from rules.facts import Contribution, Dollars, Employment, Facts, PlanType
from rules.findings import Finding, Reason, Topic, Verdict
from rules.limits import Limits, limits_for
from rules.rule_of_55 import IRA_TYPES

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
        # 457(b) deferrals have their own limit outside §415(c) and §402(g).
        return Finding(
            topic=Topic.MEGA_BACKDOOR_ROTH,
            verdict=Verdict.NEEDS_INFO,
            reasons=[reason("mega_backdoor_457b_not_covered")],
            citations=["irc_415c"],
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
        warnings += [
            reason("plan_may_cap_after_tax_pct"),
            reason("annual_additions_aggregate_same_employer"),
        ]
        plan_questions.append(reason("ask_after_tax_cap"))
        next_steps.append(reason("set_up_automatic_conversion"))
        citations += ["notice_2013_74", "irc_402A_c_4_E"]
    elif facts.after_tax_contributions_allowed:
        next_steps.append(reason("split_rollover_notice_2014_54"))
    return Finding(
        topic=Topic.MEGA_BACKDOOR_ROTH,
        verdict=verdict,
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


def _room(
    facts: Facts, limits: Limits, tax_year: int, birth_year: int | None
) -> tuple[dict[str, int], list[Reason], list[Reason]]:
    """room = min(§415(c), 100% of pay) − deferrals up to §402(g) − employer money, ≥ 0.
    Catch-ups sit outside §415(c) and do not count (rules-reference.md §5.2)."""
    limit_415c = limits.annual_additions_415c.amount
    limit_402g = limits.elective_deferral_402g.amount
    amounts = {"limit_415c": limit_415c, "limit_402g": limit_402g}
    reasons: list[Reason] = []
    warnings: list[Reason] = []
    cap = limit_415c
    if facts.compensation is None:
        reasons.append(reason("room_before_compensation_cap", limit_415c=limit_415c))
    else:
        cap = min(limit_415c, facts.compensation)
        amounts["compensation_cap"] = cap
        if facts.compensation < limit_415c:
            reasons.append(reason("room_limited_by_compensation", compensation=facts.compensation))
    catch_up_limit: int | None = None
    if birth_year is not None:
        age = tax_year - birth_year  # age attained by Dec 31 of the tax year
        catch_up_limit = limits.catch_up_for_age(age)
        amounts["catch_up_limit"] = catch_up_limit
        warnings += _catch_up_warnings(limits, age, tax_year, facts.compensation)
        if catch_up_limit:
            reasons.append(reason("catch_up_for_age", age=age, amount=catch_up_limit))
    missing = [
        name
        for name in ("employee_deferrals", "employer_contributions")
        if getattr(facts, name) is None
    ]
    if missing:
        reasons.append(reason("room_needs_contribution_figures", missing=",".join(missing)))
        return amounts, reasons, warnings
    employee = _dollars(facts.employee_deferrals)
    employer = _dollars(facts.employer_contributions)
    if employee is None or employer is None:
        reasons.append(reason("room_needs_contribution_figures", missing="employee_deferrals"))
        return amounts, reasons, warnings
    deferrals_counted = min(employee, limit_402g)
    catch_up_part = employee - deferrals_counted
    room = max(0, cap - deferrals_counted - employer)
    amounts |= {
        "deferrals_counted": deferrals_counted,
        "catch_up_part": catch_up_part,
        "employer": employer,
        "room": room,
    }
    if catch_up_part:
        reasons.append(reason("catch_up_not_counted", catch_up_part=catch_up_part))
        if catch_up_limit is not None and catch_up_part > catch_up_limit:
            warnings.append(
                reason("deferrals_exceed_limits", excess=catch_up_part - catch_up_limit)
            )
    if room == 0:
        reasons.append(reason("room_zero"))
    return amounts, reasons, warnings


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
    """HCE status for a year looks at the prior year's pay against that year's threshold
    (§414(q)); None when we have no figures for the look-back year. This year's pay
    stands in for last year's: well below the threshold, the warning is left out."""
    lookback_year = tax_year - 1
    lookback, fell_back = limits_for(lookback_year)
    threshold = None if fell_back else lookback.hce_threshold_414q.amount
    if threshold is not None and compensation is not None and compensation <= threshold:
        return []
    return [reason("hce_testing_may_cap", hce_threshold=threshold, lookback_year=lookback_year)]


def _dollars(contribution: Contribution | None) -> int | None:
    return contribution.amount if isinstance(contribution, Dollars) else None
