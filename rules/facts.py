"""What we may know about a person and their plan. Every field is optional: None means
"unknown" or "not sure", never "no" or zero."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator


class Employment(StrEnum):
    """Relation to the employer that sponsors *this* plan."""

    EMPLOYED = "employed"  # still working there, no plan to leave
    PLANNING_TO_LEAVE = "planning_to_leave"
    SEPARATED = "separated"  # has left (quit, retired, laid off, fired: all count)


class PlanType(StrEnum):
    K401 = "401k"
    B403 = "403b"
    GOV_457B = "457b_governmental"
    A401 = "401a"  # pension, cash-balance, other 401(a) plan
    # The federal Thrift Savings Plan: a governmental defined contribution plan (5 U.S.C.
    # §8351, §8401 ff.; its fund is treated as a §401(a) trust, 5 U.S.C. §8440), so the
    # rules read it exactly as a governmental 401(a): §72(t)(2)(A)(v) and, for federal
    # public-safety workers, §72(t)(10) (P.L. 114-26; rules-reference §2).
    TSP = "tsp"
    IRA = "ira"
    SEP_IRA = "sep_ira"
    SIMPLE_IRA = "simple_ira"
    OTHER = "other"


class RolledOut(StrEnum):
    """How much of this plan's money has been moved out to an IRA."""

    NONE = "none"
    SOME = "some"
    ALL = "all"


class PublicSafety(StrEnum):
    """The person's work for this plan's employer, as §72(t)(10) sorts it."""

    FIREFIGHTER = "firefighter"  # provides firefighting services (any employer)
    OTHER = "other"  # police, EMS, corrections and the other §72(t)(10)(B) categories
    NONE = "none"


class FilingStatus(StrEnum):
    SINGLE = "single"
    MARRIED_JOINT = "married_joint"
    MARRIED_SEPARATE = "married_separate"
    HEAD_OF_HOUSEHOLD = "head_of_household"


class Dollars(BaseModel):
    model_config = ConfigDict(frozen=True)
    kind: Literal["dollars"] = "dollars"
    amount: int = Field(ge=0)


class PercentOfPay(BaseModel):
    model_config = ConfigDict(frozen=True)
    kind: Literal["percent"] = "percent"
    percent: Decimal = Field(ge=0)


class MaxDeferral(BaseModel):
    """The most the person may defer this year ("I max it out")."""

    model_config = ConfigDict(frozen=True)
    kind: Literal["max"] = "max"


class Match(BaseModel):
    """The employer puts in `rate_percent` of each dollar the person defers, on deferrals
    up to `up_to_percent` of pay ("50% of the first 6%")."""

    model_config = ConfigDict(frozen=True)
    kind: Literal["match"] = "match"
    rate_percent: Decimal = Field(ge=0)
    up_to_percent: Decimal = Field(ge=0)


Contribution = Annotated[Dollars | PercentOfPay | MaxDeferral | Match, Field(discriminator="kind")]


class PlanInputs(BaseModel):
    """What a plan's facts accept besides their own types: a contribution as a plain int
    (whole dollars), "has the money been moved out?" as a yes or no. Shared by `Facts`
    and `rules.plans.PlanFacts`."""

    @field_validator(
        "employee_deferrals", "employer_contributions", mode="before", check_fields=False
    )
    @classmethod
    def _whole_dollars(cls, value: Any) -> Any:
        if isinstance(value, int) and not isinstance(value, bool):
            return Dollars(amount=value)
        return value

    @model_validator(mode="before")
    @classmethod
    def _tsp_is_governmental(cls, data: Any) -> Any:
        # The TSP is a governmental plan by statute (see `PlanType.TSP`).
        if isinstance(data, dict) and data.get("plan_type") == PlanType.TSP:
            return {**data, "governmental_plan": True}
        return data

    @field_validator("rolled_to_ira", mode="before", check_fields=False)
    @classmethod
    def _yes_no_rollover(cls, value: Any) -> Any:
        if isinstance(value, bool):
            return RolledOut.ALL if value else RolledOut.NONE
        return value


class PersonFacts(BaseModel):
    """What is true of the person whatever the plan. None means unknown."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    birth_year: int | None = None
    birth_month: int | None = Field(default=None, ge=1, le=12)
    birth_day: int | None = Field(default=None, ge=1, le=31)
    filing_status: FilingStatus | None = None
    other_taxable_income: int | None = Field(default=None, ge=0)
    compensation: int | None = Field(default=None, ge=0)  # whole dollars
    tax_year: int | None = None  # None: the year of `today`


class PlanFields(PlanInputs):
    """What is true of one plan and the person's work for its employer."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    employment: Employment | None = None
    separation_date: date | None = None  # past or planned; a month is enough (day 1)
    # Working for the plan's sponsor again after leaving it (rules-reference §10 "Rehired").
    rehired: bool | None = None
    # Another job (or a job change) this year with its own 401(k)/403(b): one §402(g) limit.
    other_job_this_year: bool | None = None
    # Money the person inherited from someone who died (§72(t)(2)(A)(ii)), and whether a
    # surviving spouse has moved it into her own IRA, which makes it her own money again.
    inherited: bool | None = None
    inherited_moved_to_own: bool | None = None
    plan_type: PlanType | None = None
    governmental_plan: bool | None = None
    rolled_to_ira: RolledOut | None = None  # has any of this money been moved to an IRA?
    public_safety: PublicSafety | None = None
    years_of_service: int | None = Field(default=None, ge=0)
    partial_withdrawals_allowed: bool | None = None
    simple_ira_first_two_years: bool | None = None  # §72(t)(6): 25% instead of 10%

    after_tax_contributions_allowed: bool | None = None
    in_plan_roth_conversion: bool | None = None
    in_service_after_tax_withdrawal: bool | None = None

    # pre-tax + Roth, catch-up included; an int is whole dollars
    employee_deferrals: Contribution | None = None
    employer_contributions: Contribution | None = None  # match + profit sharing


class PlanFacts(PlanFields):
    """One plan's own facts, plus a display name and whether the plan takes roll-ins
    (neither is read by the single-plan rules). None means unknown."""

    name: str | None = None  # the person's words, for display only
    accepts_roll_ins: bool | None = None


# PlanFacts fields that are not Facts fields.
PLAN_ONLY_FIELDS = frozenset({"name", "accepts_roll_ins"})


class Facts(PersonFacts, PlanFields):
    """Everything `assess` reads: the person's facts, one plan's, and a withdrawal."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    planned_withdrawal: int | None = Field(default=None, ge=0)
    withdrawal_year: int | None = None  # None: the first year the withdrawal can be made
    # Roth 401(k) or after-tax money in the payout (rules-reference §10): before 59½ (or
    # within 5 years) only its earnings are taxable, pro rata (§402A(d), §72(e)(8)), and
    # the 10% is only on the taxable part (§72(t)(1)). `taxable_part_of_withdrawal`: the
    # dollars of the payout that are taxable, when the plan has said (None: not known).
    roth_or_after_tax_in_payout: bool | None = None
    taxable_part_of_withdrawal: int | None = Field(default=None, ge=0)

    def person(self) -> PersonFacts:
        return PersonFacts(**self.model_dump(include=set(PersonFacts.model_fields)))

    def plan(self, name: str | None = None) -> PlanFacts:
        return PlanFacts(**self.model_dump(include=set(PlanFields.model_fields)), name=name)
