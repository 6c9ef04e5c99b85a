"""Several plans in one conversation (issue 13): the person's facts once, each plan's own
facts, one Rule of 55 finding per plan, and the advice only a view of all the plans gives.

The law runs plan by plan (rules-reference.md §1.3, Notice 87-13 Q&A-20): every plan whose
employer was left in or after the year of 55 qualifies, a plan left earlier never does,
IRAs never do. So each plan's finding is exactly what `assess` says for that plan alone;
nothing about one plan changes another's verdict.

Using it (all of it is re-exported from `rules`)
------------------------------------------------
    person = PersonFacts(birth_year=1971, birth_month=9, filing_status="single")
    plans = [
        PlanFacts(name="Acme 401(k)", plan_type="401k", employment="separated",
                  separation_date=date(2023, 6, 1)),
        PlanFacts(name="school 403(b)", plan_type="403b", employment="separated",
                  separation_date=date(2026, 7, 1)),
        PlanFacts(name="rollover IRA", plan_type="ira"),
    ]
    result = assess_plans(person, plans, today, withdrawal=40_000, from_plan=1)

`PersonFacts` — facts about the person, said once: birth_year / birth_month / birth_day,
filing_status, other_taxable_income, compensation (pay from the employer they still work
for: only the mega backdoor room uses it), tax_year (None: the year of `today`). Every
field is optional; None means unknown, as in `Facts`.

`PlanFacts` — one plan's facts, the plan fields of `Facts` with the same names, types and
input forms: employment (toward *this* plan's employer), separation_date, plan_type,
governmental_plan, rolled_to_ira, public_safety, years_of_service,
partial_withdrawals_allowed, simple_ira_first_two_years, after_tax_contributions_allowed,
in_plan_roth_conversion, in_service_after_tax_withdrawal, employee_deferrals,
employer_contributions. Two more fields that `Facts` has not:
  - name: str | None — the person's own words for the plan ("my Acme 401(k)"), for display
    only; the rules never read it, they only copy it into `PlanAssessment.name` and into
    the advice's `*_name` params (user text: escape it when rendering, as Jinja does).
  - accepts_roll_ins: bool | None — does this plan take roll-ins from other plans? Read
    only by the roll-in advice (None: not known; the advice then says to ask).

`facts_for(person, plan, *, withdrawal=None, withdrawal_year=None) -> Facts` — the one
place that joins a person and a plan into the flat `Facts` that `assess` takes.

`assess_plans(person, plans, today, withdrawal=None, from_plan=None, withdrawal_year=None)
-> PlansAssessment`. Never raises on any facts; a `from_plan` that is not an index of
`plans` is a programming error (ValueError). The result:
  - plans: list[PlanAssessment], in the order given. Each has `index` (0-based position
    in `plans`), `name` (copied) and `rule_of_55`: exactly
    `assess(facts_for(person, plan), today).rule_of_55`, with its headline, reasons,
    key dates and its own next steps (a plan left too early still carries the general
    `roll_old_plan_into_current_before_leaving` step; the cross-plan advice below names
    the plans).
  - mega_backdoor_roth: Finding | None, for the plan where the person still works
    (employment employed or planning_to_leave): the first such plan that can hold
    after-tax money (not an IRA, not a 457(b)), else the first such plan; None when the
    person works for none of the plans' employers. mega_backdoor_plan: its index or None.
  - tax_estimate: TaxEstimate | None for `withdrawal` dollars taken from plan
    `from_plan` (in `withdrawal_year`, None: the first year it can be made), as `assess`
    computes it for that plan alone. With `from_plan` None: the only plan if there is one,
    else the plan the `draw_first_from` advice names, else no estimate (ask which plan).
    tax_estimate_plan: the index used, or None. None also without a withdrawal (or a $0
    one) or a filing status, as in `assess`.
  - advice: list[Reason], cross-plan, each only when the facts support it (codes in
    rules/codes.py, sentences in templates/reasons.j2; plans are named by index, the
    person's name for it and its plan type, so a sentence needs nothing else):
      roll_old_plan_into_current_plan — an old 401(k) or 403(b) left before its
        qualifying year can be rolled into the 401(k)/403(b)/401(a)/governmental 457(b) of
        the job the person still holds (unless that plan is known to refuse roll-ins), and
        leaving that job in or after `from_year` (None: any time) brings the money under
        the rule. One per such old plan, all into the same current plan (one known to take
        roll-ins first). Not said when the job held is to be left too early, or at 59½.
      draw_first_from — money needed before 59½ comes first from a plan free of the 10%
        now (Rule of 55 yes and already left, or a governmental 457(b) already left), not
        from one whose verdict is no (`taxed_count` plans carry the 10% now; the first is
        named). At most one; none when no plan is free now or none carries the 10%.
      keep_early_money_out_of_ira — a plan free of the 10% before 59½ (Rule of 55 yes, or
        a governmental 457(b)) should not be rolled into the person's IRA (a plain IRA
        named before a SEP or SIMPLE IRA): the money would lose that. One per such plan,
        only when the list holds an IRA and the person is not surely past 59½.
  - notices: list[Reason], as `Assessment.notices` (e.g. limits_year_fallback).
  - today, tax_year: as in `Assessment`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from rules.assess import assess, tax_year_of
from rules.codes import reason
from rules.facts import (
    PLAN_ONLY_FIELDS,
    Employment,
    Facts,
    PersonFacts,
    PlanFacts,
    PlanType,
    RolledOut,
)
from rules.findings import Finding, Reason, TaxEstimate, Verdict
from rules.limits import CONSTANTS
from rules.people import Birth, birth_bounds, plausible_birth_year
from rules.rule_of_55 import IRA_TYPES
from rules.tax import tax_estimate as estimate_tax


def facts_for(
    person: PersonFacts,
    plan: PlanFacts,
    *,
    withdrawal: int | None = None,
    withdrawal_year: int | None = None,
) -> Facts:
    """The flat `Facts` for one plan of this person: the one place the two are joined."""
    return Facts(
        **person.model_dump(),
        **plan.model_dump(exclude=set(PLAN_ONLY_FIELDS)),
        planned_withdrawal=withdrawal,
        withdrawal_year=withdrawal_year,
    )


class PlanAssessment(BaseModel):
    model_config = ConfigDict(frozen=True)

    index: int  # position in the list of plans given
    name: str | None = None  # the person's words for the plan, copied
    rule_of_55: Finding  # exactly assess() of this plan alone


class PlansAssessment(BaseModel):
    model_config = ConfigDict(frozen=True)

    today: date
    tax_year: int
    plans: list[PlanAssessment] = Field(default_factory=list)
    mega_backdoor_roth: Finding | None = None  # for the plan where the person still works
    mega_backdoor_plan: int | None = None
    tax_estimate: TaxEstimate | None = None
    tax_estimate_plan: int | None = None
    advice: list[Reason] = Field(default_factory=list)  # cross-plan
    notices: list[Reason] = Field(default_factory=list)


@dataclass(frozen=True)
class _Plan:
    index: int
    facts: PlanFacts
    rule_of_55: Finding

    def params(self, role: str) -> dict[str, Any]:
        """How an advice sentence names this plan: `<role>`, `<role>_name`, `<role>_type`."""
        plan_type = self.facts.plan_type.value if self.facts.plan_type is not None else None
        return {role: self.index, f"{role}_name": self.facts.name, f"{role}_type": plan_type}


def assess_plans(
    person: PersonFacts,
    plans: list[PlanFacts],
    today: date,
    withdrawal: int | None = None,
    from_plan: int | None = None,
    withdrawal_year: int | None = None,
) -> PlansAssessment:
    """Assess each plan on its own, then what only the plans together can tell."""
    if from_plan is not None and not 0 <= from_plan < len(plans):
        raise ValueError(f"from_plan {from_plan} is not an index of the {len(plans)} plans")
    alone = [assess(facts_for(person, plan), today) for plan in plans]
    assessed = [
        _Plan(index, plan, one.rule_of_55)
        for index, (plan, one) in enumerate(zip(plans, alone, strict=True))
    ]
    working = _working_plan(assessed)
    draw_first = _draw_first_from(assessed, today)
    advice = [
        *_roll_ins(assessed),
        *draw_first,
        *_keep_out_of_ira(assessed, person, today),
    ]
    tax_plan = _tax_plan(assessed, withdrawal, from_plan, draw_first)
    tax_estimate = None
    if tax_plan is not None:
        with_withdrawal = facts_for(
            person, plans[tax_plan], withdrawal=withdrawal, withdrawal_year=withdrawal_year
        )
        # The plan's Rule of 55 finding does not depend on the withdrawal: reused.
        tax_estimate = estimate_tax(
            with_withdrawal,
            today,
            assessed[tax_plan].rule_of_55,
            plausible_birth_year(with_withdrawal, today),
        )
    tax_year, _, notices = tax_year_of(person.tax_year, today)
    return PlansAssessment(
        today=today,
        tax_year=tax_year,
        plans=[
            PlanAssessment(index=p.index, name=p.facts.name, rule_of_55=p.rule_of_55)
            for p in assessed
        ],
        mega_backdoor_roth=None if working is None else alone[working].mega_backdoor_roth,
        mega_backdoor_plan=working,
        tax_estimate=tax_estimate,
        tax_estimate_plan=None if tax_estimate is None else tax_plan,
        advice=advice,
        notices=notices,
    )


_STILL_WORKING = frozenset({Employment.EMPLOYED, Employment.PLANNING_TO_LEAVE})


def _working_plan(plans: list[_Plan]) -> int | None:
    """The plan of the job the person holds. Several (a 403(b) and a 457(b) at one school
    district): the first that can take after-tax money — §457(b) plans take none and IRAs
    have no after-tax source (rules-reference.md §5) — else the first."""
    working = [p for p in plans if p.facts.employment in _STILL_WORKING]
    cannot = IRA_TYPES | {PlanType.GOV_457B}
    can = [p for p in working if p.facts.plan_type not in cannot]
    chosen = can or working
    return chosen[0].index if chosen else None


# Rule of 55 headlines that say "this plan's employer was left before the qualifying year".
_LEFT_TOO_EARLY = frozenset({"separated_before_year_of_55", "left_before_qualifying_year"})
# Headlines of a plan whose job the person still holds and can still leave in time.
_CAN_STILL_LEAVE_IN_TIME = frozenset(
    {
        "still_employed_can_qualify_from",
        "leave_from_year_verdict",
        "leaving_any_time_qualifies",
        "leaving_in_or_after_year_of_55",
        "public_safety_age_50",
        "public_safety_25_years",
    }
)
# §402(c)(8)(B): eligible retirement plans that can take a rollover from an old 401(k)
# or 403(b): a qualified trust (401(k), 401(a), the TSP), a 403(b), a governmental 457(b).
_ROLL_IN_TARGETS = frozenset(
    {PlanType.K401, PlanType.B403, PlanType.A401, PlanType.TSP, PlanType.GOV_457B}
)
# Old plans the advice offers to roll in: the 401(k) and 403(b) of rules-reference §1.4.
# A 401(a) may be a pension that pays only an annuity, which cannot be rolled over
# (§402(c)(4)(A)); we do not ask, so we do not offer it.
_ROLLABLE_OLD_PLANS = frozenset({PlanType.K401, PlanType.B403})


def _headline(finding: Finding) -> str:
    return finding.headline.code if finding.headline is not None else ""


def _leaving_in_time(plan: _Plan) -> tuple[int | None, int | None] | None:
    """(from_year, qualifying_age) when leaving this plan's job can still bring money in
    the plan under the rule (from_year None: leaving any time does); None when it cannot
    (already left, leaving too early as planned, 59½ by then, an IRA)."""
    finding = plan.rule_of_55
    if plan.facts.employment not in _STILL_WORKING:
        return None
    if _headline(finding) in _CAN_STILL_LEAVE_IN_TIME:
        return finding.key_dates.qualifying_year, finding.key_dates.qualifying_age
    # A governmental 457(b): rolled-in money is under the Rule of 55 (§72(t)(9)).
    for item in [*finding.reasons, *finding.warnings]:
        if item.code == "rolled_in_money_covered_if_leaving_from":
            return _int(item.params["from_year"]), _int(item.params["qualifying_age"])
        if item.code == "rolled_in_money_covered":
            return _int(item.params["separation_year"]), _int(item.params["qualifying_age"])
    return None


def _int(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _roll_ins(plans: list[_Plan]) -> list[Reason]:
    """rules-reference.md §1.4 and §8.1: an old plan left before the year of 55 never
    qualifies (Humberson), but rolled into the plan of the current job before leaving it,
    the money is part of "the plan" of the employer left in or after that year (irahelp
    ?p=511184469, forum-post/27652). The plan must accept roll-ins; the person must work
    there (irahelp ?p=511190843)."""
    targets = [
        (plan, leaving)
        for plan in plans
        if plan.facts.plan_type in _ROLL_IN_TARGETS
        and plan.facts.accepts_roll_ins is not False
        and (leaving := _leaving_in_time(plan)) is not None
    ]
    if not targets:
        return []
    # A plan known to take roll-ins before one not yet asked.
    target, (from_year, qualifying_age) = sorted(
        targets, key=lambda t: t[0].facts.accepts_roll_ins is not True
    )[0]
    return [
        reason(
            "roll_old_plan_into_current_plan",
            **old.params("old_plan"),
            **target.params("current_plan"),
            from_year=from_year,
            qualifying_age=qualifying_age,
            accepts_roll_ins=target.facts.accepts_roll_ins,
        )
        for old in plans
        if old is not target
        and old.facts.plan_type in _ROLLABLE_OLD_PLANS
        and old.rule_of_55.verdict is Verdict.NOT_ELIGIBLE
        and _headline(old.rule_of_55) in _LEFT_TOO_EARLY
    ]


def _left(plan: PlanFacts, today: date) -> bool:
    """Has the person left this plan's employer by today?"""
    if plan.employment is Employment.SEPARATED:
        return plan.separation_date is None or plan.separation_date <= today
    if plan.employment is None and plan.separation_date is not None:
        return plan.separation_date <= today
    return False


def _free_now(plan: _Plan, today: date) -> bool:
    """A payout today from this plan would carry no 10%: the Rule of 55 (or the public-
    safety rule) with the separation behind, or a governmental 457(b) already left
    (Topic 558). Being past 59½ frees every plan alike, so it ranks none first."""
    finding = plan.rule_of_55
    if finding.verdict is Verdict.ELIGIBLE:
        free_from = finding.key_dates.penalty_free_from
        return free_from is not None and free_from <= today
    return _headline(finding) == "governmental_457b_no_additional_tax" and _left(plan.facts, today)


def _taxed_now(plan: _Plan) -> bool:
    """A payout today from this plan would surely carry the 10% (§72(t)(1))."""
    finding = plan.rule_of_55
    return (
        finding.verdict is Verdict.NOT_ELIGIBLE
        and _headline(finding) != "all_rolled_to_ira_nothing_left"
    )


def _draw_first_from(plans: list[_Plan], today: date) -> list[Reason]:
    """rules-reference.md §1.3 and §8.3: each plan is judged alone, so money needed before
    59½ should come first from a plan free of the 10% now (Notice 87-13 Q&A-20, Topic
    558), not from one that carries it (§72(t)(1)). Income tax is the same either way."""
    free = [plan for plan in plans if _free_now(plan, today)]
    taxed = [plan for plan in plans if _taxed_now(plan)]
    if not free or not taxed:
        return []
    return [
        reason(
            "draw_first_from",
            **free[0].params("free_plan"),
            **taxed[0].params("taxed_plan"),
            taxed_count=len(taxed),
        )
    ]


def _keep_out_of_ira(plans: list[_Plan], person: PersonFacts, today: date) -> list[Reason]:
    """Kim v. Comm'r (7th Cir. 2012), rules-reference.md §1.4 and §8.4: money rolled from a
    plan to an IRA loses the Rule of 55; a governmental 457(b) rolled to an IRA loses its
    freedom from the 10% (§72(t)(9)). Said for each plan free of the 10% before 59½, when
    the person has an IRA it could be rolled into."""
    # A traditional or rollover IRA is where an old plan is usually rolled: named first.
    iras = sorted(
        (plan for plan in plans if plan.facts.plan_type in IRA_TYPES),
        key=lambda plan: plan.facts.plan_type is not PlanType.IRA,
    )
    if not iras or _past_59_half(person, today):
        return []
    kept = [
        plan
        for plan in plans
        if plan.facts.plan_type not in IRA_TYPES
        and plan.facts.rolled_to_ira is not RolledOut.ALL
        and (
            plan.rule_of_55.verdict is Verdict.ELIGIBLE
            or _headline(plan.rule_of_55) == "governmental_457b_no_additional_tax"
        )
    ]
    return [
        reason("keep_early_money_out_of_ira", **plan.params("kept_plan"), **iras[0].params("ira"))
        for plan in kept
    ]


def _tax_plan(
    plans: list[_Plan], withdrawal: int | None, from_plan: int | None, draw_first: list[Reason]
) -> int | None:
    """The plan a withdrawal is estimated from: the one chosen, the only one, or the one
    the draw_first_from advice names."""
    if not withdrawal:
        return None
    if from_plan is not None:
        return from_plan
    if len(plans) == 1:
        return 0
    return next((_int(item.params["free_plan"]) for item in draw_first), None)


def _past_59_half(person: PersonFacts, today: date) -> bool:
    """Surely 59½ or older today (§72(t)(2)(A)(i)); False when unknown."""
    birth = birth_bounds(Facts(**person.model_dump()), today)
    if not isinstance(birth, Birth):
        return False
    _, latest = birth.months_later(CONSTANTS.age_59_half_months.value)
    return today >= latest
