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


# §72(t)(10): firefighters get the age-50 rule from a plan under §402(c)(8)(B)(iii), (iv)
# or (vi) — a 401(a) qualified trust, a 403(a) annuity or a 403(b) — whatever the employer.
_FIREFIGHTER_PLANS = frozenset({PlanType.K401, PlanType.A401, PlanType.TSP, PlanType.B403})


class _Status(Enum):
    SEPARATED = "separated"  # left on a known date
    PLANNED = "planned"  # leaving on a known future date
    EMPLOYED = "employed"  # still there, no plan to leave (or rehired)
    PLANNED_NO_DATE = "planned_no_date"  # leaving, date not known yet
    SEPARATED_NO_DATE = "separated_no_date"
    UNKNOWN = "unknown"


class _Route(Enum):
    """Whether the §72(t)(10) age-50 (or 25 years of service) rule can apply to this plan."""

    APPLIES = "applies"
    NO = "no"
    UNKNOWN_WORK = "unknown_work"  # public-safety work not known
    UNKNOWN_PLAN = "unknown_plan"  # police/EMS/…: whether the plan is governmental


@dataclass
class _Draft:
    """A finding under construction. `headline` is the reason that settles the verdict;
    when None, the first reason is."""

    verdict: Verdict = Verdict.NEEDS_INFO
    headline: Reason | None = None
    reasons: list[Reason] = field(default_factory=list)
    warnings: list[Reason] = field(default_factory=list)
    next_steps: list[Reason] = field(default_factory=list)
    plan_questions: list[Reason] = field(default_factory=list)
    citations: list[str] = field(default_factory=lambda: list(_CORE_CITATIONS))
    key_dates: KeyDates = field(default_factory=KeyDates)

    def decide(self, verdict: Verdict, headline: Reason) -> None:
        """A new decisive reason; an earlier headline stays, as the first context line."""
        if self.headline is not None and self.headline != headline:
            self.reasons.insert(0, self.headline)
        self.verdict = verdict
        self.headline = headline

    def finding(self) -> Finding:
        return Finding(
            topic=Topic.RULE_OF_55,
            verdict=self.verdict,
            headline=self.headline,
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
    if facts.inherited and not facts.inherited_moved_to_own:
        return _inherited(draft)
    status, problem = _status(facts, today)
    if birth is not None:
        draft.key_dates = _key_dates(birth, facts)
    if facts.inherited and facts.inherited_moved_to_own:
        # Gee v. Comm'r: a spouse's rollover into her own IRA makes it her own money.
        draft.reasons.append(reason("spousal_rollover_is_own_money"))
        draft.citations.append("gee_v_commissioner")
    if facts.rolled_to_ira is RolledOut.ALL or facts.plan_type in IRA_TYPES:
        return _ira(draft, facts, birth, today)
    if facts.plan_type is PlanType.GOV_457B:
        return _governmental_457b(draft, facts, birth, status, problem, today)
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
        return _past_59_half(draft, status, (earliest_59, latest_59), separation)
    _separation_test(draft, facts, birth, status, today)
    if draft.verdict is Verdict.NOT_ELIGIBLE:
        draft.next_steps.append(
            reason("penalty_free_at_59_half", age_59_half=latest_59, earliest=earliest_59)
        )
        draft.key_dates = draft.key_dates.model_copy(
            update={"penalty_free_from": latest_59, "penalty_free_earliest": earliest_59}
        )
    if on >= earliest_59:
        # Only the birth year (or month) is known and 59½ falls between the bounds:
        # "not eligible" could be wrong, since the 10% may already be gone.
        uncertain = reason("age_59_half_uncertain", earliest=earliest_59, latest=latest_59)
        if draft.verdict is Verdict.NOT_ELIGIBLE:
            draft.decide(Verdict.NEEDS_INFO, uncertain)
        draft.reasons.append(uncertain)
    if facts.plan_type is None or facts.plan_type is PlanType.OTHER:
        code = "plan_type_missing" if facts.plan_type is None else "plan_type_other"
        draft.decide(Verdict.NEEDS_INFO, reason(code))
        draft.plan_questions.insert(0, reason("ask_plan_type"))
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
                return _Status.PLANNED_NO_DATE, None
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


def _age_50_route(facts: Facts) -> _Route:
    """§72(t)(10): "a qualified public safety employee from a governmental plan (§414(d))"
    or "an employee who provides firefighting services" in a 401(a)/403(a)/403(b) plan
    (SECURE 2.0, distributions after 29 December 2022)."""
    governmental = facts.governmental_plan or facts.plan_type is PlanType.GOV_457B
    match facts.public_safety:
        case None:
            return _Route.UNKNOWN_WORK
        case PublicSafety.NONE:
            return _Route.NO
        case PublicSafety.FIREFIGHTER:
            if governmental or facts.plan_type in _FIREFIGHTER_PLANS:
                return _Route.APPLIES
            if facts.plan_type in (None, PlanType.OTHER) and facts.governmental_plan is None:
                return _Route.UNKNOWN_PLAN
            return _Route.NO
        case PublicSafety.OTHER:
            if governmental:
                return _Route.APPLIES
            if facts.governmental_plan is False:
                return _Route.NO
            return _Route.UNKNOWN_PLAN


def _by_service(facts: Facts) -> bool:
    service = CONSTANTS.public_safety_years_of_service.value
    return facts.years_of_service is not None and facts.years_of_service >= service


def _qualifying_start(facts: Facts, birth: Birth) -> tuple[int, int, int | None]:
    """(first calendar year a separation surely qualifies in, the age that year is about,
    the age-50 year that would also qualify if an open public-safety question is yes)."""
    age_50 = CONSTANTS.public_safety_age.value
    age_55 = CONSTANTS.rule_of_55_age.value
    route = _age_50_route(facts)
    if route is _Route.APPLIES:
        # 25 years of service under the plan qualify at any age: leaving any time does.
        return (birth.year if _by_service(facts) else birth.year + age_50), age_50, None
    pending = route in (_Route.UNKNOWN_WORK, _Route.UNKNOWN_PLAN)
    return birth.year + age_55, age_55, (birth.year + age_50 if pending else None)


def _ira(draft: _Draft, facts: Facts, birth: Birth | None, today: date) -> Finding:
    draft.citations += ["irc_72t_3", "kim_v_commissioner"]
    if facts.rolled_to_ira is RolledOut.ALL:
        # Kim v. Comm'r: the money now in the IRA lost the exception; none is left in the plan.
        draft.decide(Verdict.NOT_ELIGIBLE, reason("all_rolled_to_ira_nothing_left"))
    elif facts.plan_type is not None:
        draft.decide(
            Verdict.NOT_ELIGIBLE, reason("ira_never_qualifies", plan_type=facts.plan_type.value)
        )
    if facts.plan_type is PlanType.SIMPLE_IRA and facts.simple_ira_first_two_years is not False:
        draft.warnings.append(simple_ira_early())
        draft.citations.append("irc_72t_6")
    if birth is not None:
        earliest_59, latest_59 = birth.months_later(CONSTANTS.age_59_half_months.value)
        draft.key_dates = draft.key_dates.model_copy(
            update={"penalty_free_from": latest_59, "penalty_free_earliest": earliest_59}
        )
        if today >= latest_59:
            draft.decide(
                Verdict.NOT_NEEDED,
                reason("over_59_half", age_59_half=latest_59, earliest=earliest_59),
            )
            draft.citations.append("irc_72t_2_A_i")
            return draft.finding()
        draft.next_steps.append(
            reason("penalty_free_at_59_half", age_59_half=latest_59, earliest=earliest_59)
        )
        if facts.plan_type is not PlanType.SIMPLE_IRA or facts.simple_ira_first_two_years is False:
            # Pre-tax IRA money rolled into a current employer's plan before leaving that job
            # in or after the year of 55 comes under the Rule of 55 (rules-reference §10, §1.4).
            draft.next_steps.insert(
                0,
                reason(
                    "roll_ira_into_current_plan_before_leaving",
                    year_turning_55=birth.year + CONSTANTS.rule_of_55_age.value,
                ),
            )
        if today >= earliest_59:
            draft.decide(
                Verdict.NEEDS_INFO,
                reason("age_59_half_uncertain", earliest=earliest_59, latest=latest_59),
            )
    # The money is in an IRA (or all of it was rolled there): SEPP needs no separation.
    draft.next_steps.append(reason("consider_sepp_from_ira"))
    return draft.finding()


def _inherited(draft: _Draft) -> Finding:
    """§72(t)(2)(A)(ii): payouts to a beneficiary after the owner's death owe no 10% at
    any age; the Rule of 55 and the person's own job do not matter for that money. A
    surviving spouse who moves it into her own IRA makes it hers, and then owes the 10%
    before 59½ (Gee v. Comm'r, 127 T.C. 1 (2006)): said before she moves it."""
    draft.decide(Verdict.NOT_NEEDED, reason("inherited_no_10pct"))
    draft.warnings += [
        reason("inherited_spouse_keep_beneficiary_account"),
        reason("income_tax_still_applies"),
    ]
    draft.citations += ["irc_72t_2_A_ii", "gee_v_commissioner"]
    return draft.finding()


def simple_ira_early() -> Reason:
    """The 25% additional tax on a SIMPLE IRA payout in its first 2 years (§72(t)(6))."""
    return reason(
        "simple_ira_25pct_first_two_years",
        rate_percent=CONSTANTS.simple_ira_early_additional_tax_percent.value,
        years=CONSTANTS.simple_ira_early_years.value,
    )


def _governmental_457b(
    draft: _Draft,
    facts: Facts,
    birth: Birth | None,
    status: _Status,
    problem: Reason | None,
    today: date,
) -> Finding:
    # Topic 558: no 10% additional tax on governmental 457(b) payouts, except on amounts
    # rolled in from other plan types or IRAs (§72(t)(9)).
    draft.decide(Verdict.NOT_NEEDED, reason("governmental_457b_no_additional_tax"))
    draft.citations = ["irs_topic_558", "irc_72t_9", "irs_topic_413"]
    if status is not _Status.SEPARATED:
        draft.reasons.append(reason("governmental_457b_access_after_separation"))
    if problem is None:
        _rolled_in_457b(draft, facts, birth, status, today)
    else:
        draft.warnings.append(reason("rolled_in_money_keeps_10pct"))
    draft.warnings += [
        reason("rolling_457b_out_loses_advantage"),
        reason("income_tax_still_applies"),
        _withholding(),
        reason("state_tax_may_apply"),
    ]
    return draft.finding()


def _rolled_in_457b(
    draft: _Draft, facts: Facts, birth: Birth | None, status: _Status, today: date
) -> None:
    """§72(t)(9): money rolled into a governmental 457(b) from a 401(k)/403(b)/IRA is
    treated as coming from a qualified plan, so the Rule of 55 (50 for public safety)
    covers it once the person leaves in or after the qualifying year (NTSA "457
    Distributions"); before that it carries the 10% until 59½."""
    if birth is None:
        draft.warnings.append(reason("rolled_in_money_keeps_10pct"))
        return
    _, latest_59 = birth.months_later(CONSTANTS.age_59_half_months.value)
    separation = facts.separation_date
    on = separation if status is _Status.PLANNED and separation is not None else today
    if on >= latest_59:
        return  # past 59½ no money carries the 10%
    draft.citations += ["irc_72t_2_A_v", "notice_87_13"]
    first_year, age, year_of_50 = _qualifying_start(facts, birth)
    # Public-safety work not yet known: for rolled-in money the year of 50 counts too
    # (§72(t)(9) with §72(t)(10); rules-reference §10).
    public_safety_note = (
        [reason("rolled_in_money_public_safety_from", year_turning_50=year_of_50)]
        if year_of_50 is not None and (separation is None or separation.year >= year_of_50)
        else []
    )
    known = status in (_Status.SEPARATED, _Status.PLANNED) and separation is not None
    if known and separation is not None and separation.year >= first_year:
        draft.reasons.append(
            reason("rolled_in_money_covered", separation_year=separation.year, qualifying_age=age)
        )
        return
    left_too_early = status is _Status.SEPARATED or (
        status is _Status.SEPARATED_NO_DATE and today.year < first_year
    )
    if left_too_early:
        draft.warnings += [reason("rolled_in_money_keeps_10pct"), *public_safety_note]
        return
    draft.warnings += [
        reason("rolled_in_money_covered_if_leaving_from", from_year=first_year, qualifying_age=age),
        *public_safety_note,
    ]


def _past_59_half(
    draft: _Draft, status: _Status, window: tuple[date, date], separation: date | None
) -> Finding:
    """59½ is reached (or will be by the leaving date) whatever the birthday in `window`."""
    earliest, age_59_half = window
    draft.citations = ["irc_72t_2_A_i", "irs_topic_558"]
    draft.key_dates = draft.key_dates.model_copy(
        update={"penalty_free_from": age_59_half, "penalty_free_earliest": earliest}
    )
    if status is _Status.PLANNED and separation is not None:
        headline = reason(
            "will_be_59_half_at_separation",
            age_59_half=age_59_half,
            earliest=earliest,
            separation_date=separation,
        )
    else:
        headline = reason("over_59_half", age_59_half=age_59_half, earliest=earliest)
    draft.decide(Verdict.NOT_NEEDED, headline)
    draft.warnings += [reason("income_tax_still_applies"), _withholding()]
    return draft.finding()


def _separation_test(
    draft: _Draft, facts: Facts, birth: Birth, status: _Status, today: date
) -> None:
    year_of_55 = birth.year + CONSTANTS.rule_of_55_age.value
    first_year, qualifying_age, _ = _qualifying_start(facts, birth)
    earliest = max(date(first_year, 1, 1), today)
    any_age = _age_50_route(facts) is _Route.APPLIES and _by_service(facts)
    draft.key_dates = draft.key_dates.model_copy(
        update={
            "earliest_qualifying_separation": earliest,
            "qualifying_year": None if any_age else first_year,
            "qualifying_age": None if any_age else qualifying_age,
        }
    )
    separation = facts.separation_date
    if status is _Status.EMPLOYED and facts.rehired:
        _rehired(draft, separation, first_year)
        return
    if status is _Status.EMPLOYED:
        _still_employed(draft, separation, earliest, qualifying_age)
        return
    if status is _Status.UNKNOWN:
        # Maybe a plan left long ago: the roll-into-a-current-plan route may help.
        draft.reasons.append(reason("employment_missing"))
        draft.next_steps.append(
            reason("roll_old_plan_into_current_before_leaving", year_turning_55=year_of_55)
        )
        draft.plan_questions.append(reason("ask_accepts_roll_ins"))
        return
    if status in (_Status.PLANNED_NO_DATE, _Status.SEPARATED_NO_DATE):
        _by_year(draft, facts, birth, status, today)
        return
    assert separation is not None
    if separation.year >= year_of_55:
        if status is _Status.SEPARATED:
            headline = reason(
                "separated_in_or_after_year_of_55",
                separation_year=separation.year,
                year_turning_55=year_of_55,
            )
        else:
            headline = reason(
                "leaving_in_or_after_year_of_55",
                separation_date=separation,
                year_turning_55=year_of_55,
            )
        draft.headline = headline
        if separation.year == year_of_55:
            draft.reasons.append(reason("same_year_birthday_counts", year_turning_55=year_of_55))
        _eligible(draft, facts, separation)
        return
    _before_year_of_55(draft, facts, birth, status, separation, year_of_55)


def _rehired(draft: _Draft, separation: date | None, first_year: int) -> None:
    """Back at the plan's sponsor after leaving it: never a plain yes. Payouts while
    working there again are widely treated as in-service (no Rule of 55), and a rehire
    arranged before leaving can mean there was no real separation; the IRS has not ruled
    (Notice 87-13 Q&A-20 requires a separation; practitioners, rules-reference §10 [P]).
    Payouts between a real separation in or after the qualifying year and the rehire
    were covered."""
    draft.decide(Verdict.DEPENDS, reason("rehired_at_risk"))
    draft.reasons += [reason("rehired_payouts_now_in_service"), reason("prearranged_rehire_risk")]
    if separation is not None and separation.year >= first_year:
        draft.reasons.append(reason("payouts_before_rehire_covered", separation_date=separation))
    draft.next_steps.append(reason("rehire_get_answer_in_writing"))
    draft.citations += ["notice_87_13", "irc_72t_1"]


def _still_employed(
    draft: _Draft, separation: date | None, earliest: date, qualifying_age: int
) -> None:
    """Notice 87-13 Q&A-20: the payout must follow a separation from the plan's sponsor.
    While still (or again) working there, a payout before 59½ owes the 10% (§72(t)(1))."""
    draft.decide(
        Verdict.NOT_ELIGIBLE,
        reason(
            "still_employed_can_qualify_from",
            year=earliest.year,
            earliest_date=earliest,
            qualifying_age=qualifying_age,
        ),
    )
    draft.reasons.append(reason("payout_while_employed_owes_10pct"))
    draft.citations.append("irc_72t_1")
    if separation is not None:  # left once, now back with the same employer
        draft.reasons.append(
            reason("rehired_no_exception_until_separation", separation_date=separation)
        )


def _by_year(draft: _Draft, facts: Facts, birth: Birth, status: _Status, today: date) -> None:
    """Leaving (or left) with no date given: the answer by calendar year, not a re-ask."""
    first_year, age, pending = _qualifying_start(facts, birth)
    route = _age_50_route(facts)
    if route is _Route.APPLIES and _by_service(facts):
        draft.citations += ["irc_72t_10", "secure_2_0_public_safety"]
        draft.headline = reason("public_safety_25_years", years_of_service=facts.years_of_service)
        _eligible(draft, facts, None)
        return
    if route is _Route.APPLIES:
        draft.citations += ["irc_72t_10", "secure_2_0_public_safety"]
    if status is _Status.PLANNED_NO_DATE:
        if today.year >= first_year:
            draft.headline = reason(
                "leaving_any_time_qualifies", from_year=first_year, qualifying_age=age
            )
            _eligible(draft, facts, None)
            return
        draft.decide(
            Verdict.DEPENDS,
            reason(
                "leave_from_year_verdict",
                from_year=first_year,
                qualifying_age=age,
                year_turning_50=pending,
            ),
        )
        draft.next_steps.append(
            reason("wait_until_year_of_55_to_leave", earliest_date=date(first_year, 1, 1))
        )
        _open_public_safety_question(draft, route, pending)
        return
    # Has left, on some day up to today.
    if today.year >= first_year:
        draft.decide(
            Verdict.DEPENDS,
            reason(
                "left_from_year_verdict",
                from_year=first_year,
                qualifying_age=age,
                year_turning_50=pending,
            ),
        )
        _open_public_safety_question(draft, route, pending)
        return
    if pending is not None and today.year >= pending:
        # Only the age-50 route can still work: it depends on the year and on that route.
        draft.decide(
            Verdict.DEPENDS,
            reason(
                "left_from_year_verdict",
                from_year=pending,
                qualifying_age=CONSTANTS.public_safety_age.value,
                year_turning_50=None,
            ),
        )
        _open_public_safety_question(draft, route, pending)
        return
    draft.decide(
        Verdict.NOT_ELIGIBLE,
        reason("left_before_qualifying_year", from_year=first_year, qualifying_age=age),
    )
    draft.citations += ["humberson", "irs_pub_575"]
    year_of_55 = birth.year + CONSTANTS.rule_of_55_age.value
    draft.next_steps += [
        reason("roll_old_plan_into_current_before_leaving", year_turning_55=year_of_55),
        reason("consider_sepp_after_separation"),
    ]
    draft.plan_questions.append(reason("ask_accepts_roll_ins"))


def _open_public_safety_question(draft: _Draft, route: _Route, year_of_50: int | None) -> None:
    if year_of_50 is None:
        return
    draft.citations += ["irc_72t_10", "secure_2_0_public_safety"]
    if route is _Route.UNKNOWN_PLAN:
        draft.reasons.append(reason("public_safety_plan_unclear", year_turning_50=year_of_50))
        draft.plan_questions.append(reason("ask_governmental_plan"))
    else:
        draft.reasons.append(reason("public_safety_unknown", year_turning_50=year_of_50))


def _before_year_of_55(
    draft: _Draft,
    facts: Facts,
    birth: Birth,
    status: _Status,
    separation: date,
    year_of_55: int,
) -> None:
    if status is _Status.SEPARATED:
        too_early = reason(
            "separated_before_year_of_55",
            separation_year=separation.year,
            year_turning_55=year_of_55,
        )
    else:
        too_early = reason(
            "leaving_before_year_of_55", separation_date=separation, year_turning_55=year_of_55
        )
    draft.citations += ["humberson", "irs_pub_575"]
    # §72(t)(10): age 50 or 25 years of service under the plan, whichever is earlier.
    year_of_50 = birth.year + CONSTANTS.public_safety_age.value
    by_service = _by_service(facts)
    by_age = separation.year >= year_of_50
    route = _age_50_route(facts)
    if (by_age or by_service) and route is not _Route.NO:
        draft.citations += ["irc_72t_10", "secure_2_0_public_safety"]
        if route is _Route.UNKNOWN_WORK:
            draft.decide(
                Verdict.NEEDS_INFO, reason("public_safety_unknown", year_turning_50=year_of_50)
            )
            draft.reasons.append(too_early)
            return
        if by_age:
            public_safety = reason(
                "public_safety_age_50", separation_year=separation.year, year_turning_50=year_of_50
            )
        else:
            public_safety = reason(
                "public_safety_25_years", years_of_service=facts.years_of_service
            )
        context = reason(
            "before_year_of_55_public_safety_applies",
            separation_year=separation.year,
            year_turning_55=year_of_55,
        )
        if route is _Route.APPLIES:
            draft.headline = public_safety
            draft.reasons.append(context)
            if facts.public_safety is PublicSafety.FIREFIGHTER and not facts.governmental_plan:
                draft.reasons.append(reason("firefighter_any_employer_plan"))
            _eligible(draft, facts, separation)
            return
        # Police, EMS, corrections…: only from a governmental plan, not yet known.
        draft.decide(
            Verdict.DEPENDS, reason("public_safety_plan_unclear", year_turning_50=year_of_50)
        )
        draft.reasons += [public_safety, context]
        draft.plan_questions.append(reason("ask_governmental_plan"))
        draft.key_dates = draft.key_dates.model_copy(update={"penalty_free_from": separation})
        return
    draft.decide(Verdict.NOT_ELIGIBLE, too_early)
    if (by_age or by_service) and facts.public_safety is PublicSafety.OTHER:
        draft.reasons.append(reason("age_50_rule_needs_governmental_plan"))
        draft.citations.append("irc_72t_10")
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


def _eligible(draft: _Draft, facts: Facts, separation: date | None) -> None:
    """The verdict is yes (the headline is already set); what to know and do next."""
    draft.verdict = Verdict.ELIGIBLE
    if separation is not None:
        # Notice 87-13: payouts after the separation; the year test is already met.
        draft.key_dates = draft.key_dates.model_copy(update={"penalty_free_from": separation})
    lump_sum_only = facts.partial_withdrawals_allowed is False
    if facts.partial_withdrawals_allowed is None:
        # The tax exception covers whatever the plan pays; only the form is in doubt.
        draft.reasons.append(reason("partial_withdrawals_unknown"))
        draft.plan_questions.append(reason("ask_partial_withdrawals"))
    elif lump_sum_only:
        draft.reasons.append(reason("plan_pays_lump_sum_only"))
        draft.warnings.append(reason("lump_sum_only_warning"))
    if facts.rolled_to_ira is None:
        # Kim v. Comm'r: money already moved to an IRA has lost the exception.
        draft.warnings.append(reason("rollover_to_ira_unknown"))
        draft.plan_questions.append(reason("ask_balance_still_in_plan"))
    elif facts.rolled_to_ira is RolledOut.SOME:
        # §72(t)(2)(A)(v) applies per payout from the plan; Kim is about the IRA money only.
        draft.reasons.append(reason("part_rolled_to_ira"))
    draft.warnings += [reason("income_tax_still_applies"), _withholding()]
    if not lump_sum_only:
        draft.warnings.append(reason("keep_money_in_plan_not_ira"))
    draft.warnings += [
        reason("plan_may_be_stricter_than_law"),
        reason("rehire_by_same_employer_ends_exception"),
        reason("state_tax_may_apply"),
    ]
    # A lump-sum-only plan cannot keep part of the money: the split is made at the payout
    # (cash free of the 10%, the rest by direct rollover with no 20% withheld, §3405(c)).
    draft.next_steps += [
        reason(
            "lump_sum_split_at_payout" if lump_sum_only else "partial_rollover_keep_needed_in_plan"
        ),
        reason("get_summary_plan_description"),
        reason("form_5329_exception_01"),
    ]
    draft.citations += ["form_5329_instructions", "irs_topic_413", "kim_v_commissioner"]


def _withholding() -> Reason:
    return reason(
        "mandatory_withholding_20pct",
        rate_percent=CONSTANTS.mandatory_withholding_percent.value,
    )
