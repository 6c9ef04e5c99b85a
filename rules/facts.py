"""What we may know about a person and their plan. Every field is optional: None means
"unknown" or "not sure", never "no" or zero."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field


class Employment(StrEnum):
    """Relation to the employer that sponsors *this* plan."""

    EMPLOYED = "employed"  # still working there, no plan to leave
    PLANNING_TO_LEAVE = "planning_to_leave"
    SEPARATED = "separated"  # has left (quit, retired, laid off, fired: all count)


class PlanType(StrEnum):
    K401 = "401k"
    B403 = "403b"
    GOV_457B = "457b_governmental"
    A401 = "401a"  # pension, cash-balance, other 401(a) plan (incl. TSP)
    IRA = "ira"
    SEP_IRA = "sep_ira"
    SIMPLE_IRA = "simple_ira"
    OTHER = "other"


class FilingStatus(StrEnum):
    SINGLE = "single"
    MARRIED_JOINT = "married_joint"
    MARRIED_SEPARATE = "married_separate"
    HEAD_OF_HOUSEHOLD = "head_of_household"


class Facts(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    birth_year: int | None = None
    birth_month: int | None = Field(default=None, ge=1, le=12)
    birth_day: int | None = Field(default=None, ge=1, le=31)

    employment: Employment | None = None
    separation_date: date | None = None  # past or planned; a month is enough (day 1)
    plan_type: PlanType | None = None
    governmental_plan: bool | None = None
    rolled_to_ira: bool | None = None  # has the money been moved out to an IRA?
    public_safety_employee: bool | None = None
    years_of_service: int | None = Field(default=None, ge=0)
    partial_withdrawals_allowed: bool | None = None

    after_tax_contributions_allowed: bool | None = None
    in_plan_roth_conversion: bool | None = None
    in_service_after_tax_withdrawal: bool | None = None

    tax_year: int | None = None  # None: the year of `today`
    compensation: int | None = Field(default=None, ge=0)  # whole dollars
    employee_deferrals: int | None = Field(default=None, ge=0)  # pre-tax + Roth, catch-up incl.
    employer_contributions: int | None = Field(default=None, ge=0)  # match + profit sharing
    filing_status: FilingStatus | None = None
    other_taxable_income: int | None = Field(default=None, ge=0)
    planned_withdrawal: int | None = Field(default=None, ge=0)
