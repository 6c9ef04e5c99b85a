"""What the rules core concludes. Machine-readable only: codes and numbers, never prose.
The templates turn every code into words."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator


class Verdict(StrEnum):
    ELIGIBLE = "eligible"
    NOT_ELIGIBLE = "not_eligible"
    NOT_NEEDED = "not_needed"  # e.g. already 59½, or a governmental 457(b)
    DEPENDS = "depends"  # on a plan feature the person is not sure of
    NEEDS_INFO = "needs_info"  # a fact is missing or contradictory


class Topic(StrEnum):
    RULE_OF_55 = "rule_of_55"
    MEGA_BACKDOOR_ROTH = "mega_backdoor_roth"


ParamValue = str | int | bool | date | None


class Reason(BaseModel):
    """A stable code plus the numbers and dates its sentence needs.
    e.g. Reason(code="separated_before_year_of_55", params={"separation_year": 2023,
    "year_turning_55": 2026})."""

    model_config = ConfigDict(frozen=True)

    code: str
    params: dict[str, ParamValue] = Field(default_factory=dict)


class KeyDates(BaseModel):
    model_config = ConfigDict(frozen=True)

    year_turning_55: int | None = None
    year_turning_50: int | None = None
    penalty_free_from: date | None = None  # first day withdrawals avoid the 10% tax
    # When that day is 59½ known only to a window (a birth year or month, an age): the
    # window's first day (`penalty_free_from` is its last). Never show one exact date then.
    penalty_free_earliest: date | None = None
    age_59_half: date | None = None  # None when the birth month is unknown
    earliest_qualifying_separation: date | None = None  # leave on/after this to qualify
    # The calendar year from which leaving counts, and the age it is about (55, or 50 for
    # public safety); None where the leaving year decides nothing (an IRA, a governmental
    # 457(b), past 59½, 25 years of public-safety service).
    qualifying_year: int | None = None
    qualifying_age: int | None = None


class Finding(BaseModel):
    model_config = ConfigDict(frozen=True)

    topic: Topic
    verdict: Verdict
    # The reason that settles the verdict, computed once: the chat, the summary, the share
    # and the terminal all say this one (it is also reasons[0]).
    headline: Reason | None = None
    reasons: list[Reason] = Field(default_factory=list)
    key_dates: KeyDates = Field(default_factory=KeyDates)
    amounts: dict[str, int] = Field(default_factory=dict)  # whole dollars, named
    warnings: list[Reason] = Field(default_factory=list)
    next_steps: list[Reason] = Field(default_factory=list)
    plan_questions: list[Reason] = Field(default_factory=list)  # ask the plan administrator
    citations: list[str] = Field(default_factory=list)  # citation ids, see rules/data/*.toml

    @model_validator(mode="before")
    @classmethod
    def _headline_leads(cls, data: Any) -> Any:
        """The headline is reasons[0]: given, it moves to the front; not given, the first
        reason is the headline."""
        if not isinstance(data, dict):
            return data
        reasons = [Reason.model_validate(r) for r in data.get("reasons") or []]
        headline = data.get("headline")
        if headline is None:
            return {**data, "reasons": reasons, "headline": reasons[0] if reasons else None}
        headline = Reason.model_validate(headline)
        rest = [r for r in reasons if r != headline]
        return {**data, "reasons": [headline, *rest], "headline": headline}


class SpreadOption(BaseModel):
    model_config = ConfigDict(frozen=True)

    years: int
    per_year: int
    total_tax: int  # income tax over all the years
    # A lump-sum-only plan: every year after the payout comes from an IRA, where payouts
    # before 59½ owe the 10% (Kim v. Comm'r; §72(t)(1)). That 10%, in total.
    additional_tax: int = 0


class TaxEstimate(BaseModel):
    model_config = ConfigDict(frozen=True)

    tax_year: int
    filing_status: str
    withdrawal: int
    # The part of it that is taxable (all of it unless Roth or after-tax money is in it
    # and its taxable part is known): the income tax, the 10% and the withholding are on it.
    taxable_withdrawal: int
    other_taxable_income: int
    income_tax: int  # extra federal income tax caused by the withdrawal
    marginal_rate_percent: int  # the top bracket the withdrawal reaches
    # The additional tax at `additional_tax_percent` (10%, or 25% from a SIMPLE IRA in its
    # first 2 years, §72(t)(6)): avoided when an exception applies, else owed.
    additional_tax_10pct: int
    additional_tax_applies: bool
    additional_tax_percent: int
    # False when the Rule of 55 answer is still open (depends / needs_info): then
    # additional_tax_applies is the cautious answer (True), not a conclusion.
    additional_tax_certain: bool = True
    # Federal tax withheld from a payout to the person: 20% from a plan, no opt-out
    # (§3405(c)); 10% from an IRA unless waived (§3405(b)).
    withholding: int
    withholding_percent: int
    withholding_can_be_waived: bool
    deduction: int = 0  # standard deduction (+ 65+ amounts) used for the withdrawal year
    spread: list[SpreadOption] = Field(default_factory=list)  # 2 and 3 years
    reasons: list[Reason] = Field(default_factory=list)
    citations: list[str] = Field(default_factory=list)


class Assessment(BaseModel):
    model_config = ConfigDict(frozen=True)

    today: date
    tax_year: int
    rule_of_55: Finding
    mega_backdoor_roth: Finding
    tax_estimate: TaxEstimate | None = None
    notices: list[Reason] = Field(default_factory=list)  # e.g. limits_year_fallback
