"""Dated legal figures, loaded strictly from rules/data/limits.toml (no dollar literal in
Python). A tax year with no figures falls back to the latest known year, and callers say
so with the `limits_year_fallback` notice."""

from __future__ import annotations

import tomllib
from importlib.resources import files
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, model_validator

from rules.citations import CITATIONS
from rules.facts import FilingStatus


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Constant(_Strict):
    value: int
    source: str
    confirmed: bool = True


class Amount(_Strict):
    amount: int
    source: str
    confirmed: bool = True


class RothCatchUpThreshold(Amount):
    required: bool  # False during the administrative transition (Notice 2023-62)


class CatchUpStep(_Strict):
    """From this age (attained by Dec 31 of the year) on, this catch-up applies."""

    from_age: int
    amount: int
    source: str
    confirmed: bool = True


class Bracket(_Strict):
    rate_percent: int
    over: int  # the rate applies to taxable income above this amount


class BracketTable(_Strict):
    source: str
    confirmed: bool = True
    rows: list[Bracket]

    @model_validator(mode="after")
    def _ascending_from_zero(self) -> BracketTable:
        overs = [row.over for row in self.rows]
        if not overs or overs[0] != 0 or overs != sorted(set(overs)):
            raise ValueError("bracket rows must start at 0 and rise strictly")
        return self


PerStatus = TypeVar("PerStatus")


class ByFilingStatus(_Strict, Generic[PerStatus]):
    """One value (an amount, a bracket table) per filing status."""

    single: PerStatus
    married_joint: PerStatus
    married_separate: PerStatus
    head_of_household: PerStatus

    def for_status(self, status: FilingStatus) -> PerStatus:
        value: PerStatus = getattr(self, status.value)
        return value


class Additional65(_Strict):
    unmarried: Amount  # single, head of household
    married: Amount  # per qualifying spouse


class SeniorDeduction(_Strict):
    """OBBBA temporary deduction for age 65+ (tax years 2025-2028)."""

    amount: int
    phase_out_start_single: int
    phase_out_start_joint: int
    phase_out_percent: int
    source: str
    confirmed: bool = True


class Constants(_Strict):
    rule_of_55_age: Constant
    public_safety_age: Constant
    public_safety_years_of_service: Constant
    age_59_half_months: Constant
    additional_tax_percent: Constant
    mandatory_withholding_percent: Constant
    ira_default_withholding_percent: Constant
    simple_ira_early_additional_tax_percent: Constant
    simple_ira_early_years: Constant
    excess_deferral_return_month: Constant
    excess_deferral_return_day: Constant
    age_65: Constant


class Limits(_Strict):
    """Every dollar figure for one tax year."""

    tax_year: int
    elective_deferral_402g: Amount
    annual_additions_415c: Amount
    compensation_401a17: Amount
    hce_threshold_414q: Amount  # for this year as a look-back year
    hce_threshold_lookback_414q: Amount  # the prior year's figure: HCE status *for* this year
    roth_catch_up_wage_threshold: RothCatchUpThreshold | None = None
    catch_up_by_age: list[CatchUpStep]
    standard_deduction: ByFilingStatus[Amount]
    additional_65_or_blind: Additional65
    senior_deduction: SeniorDeduction | None = None
    brackets: ByFilingStatus[BracketTable]

    @model_validator(mode="after")
    def _catch_up_scale_ascending(self) -> Limits:
        ages = [step.from_age for step in self.catch_up_by_age]
        if not ages or ages != sorted(set(ages)):
            raise ValueError("catch_up_by_age must be non-empty with rising ages")
        return self

    def catch_up_for_age(self, age: int) -> int:
        """The catch-up limit for the age attained by Dec 31 of the tax year (0 below 50)."""
        amount = 0
        for step in self.catch_up_by_age:
            if age >= step.from_age:
                amount = step.amount
        return amount

    def tax_tables_confirmed(self, status: FilingStatus) -> bool:
        return (
            self.brackets.for_status(status).confirmed
            and self.standard_deduction.for_status(status).confirmed
            and self.additional_65_or_blind.unmarried.confirmed
            and self.additional_65_or_blind.married.confirmed
        )


class LimitsFile(_Strict):
    constants: Constants
    years: dict[int, Limits]


def _sources(node: Any) -> list[str]:
    if isinstance(node, dict):
        found = [node["source"]] if isinstance(node.get("source"), str) else []
        for value in node.values():
            found.extend(_sources(value))
        return found
    if isinstance(node, list):
        return [source for item in node for source in _sources(item)]
    return []


def load_limits(text: str) -> LimitsFile:
    """Parse limits TOML strictly: unknown keys, missing sources and unknown citation ids
    all raise (pydantic.ValidationError or ValueError)."""
    raw = tomllib.loads(text)
    unknown = sorted({s for s in _sources(raw) if s not in CITATIONS})
    if unknown:
        raise ValueError(f"unknown citation ids in limits: {unknown}")
    years = raw.get("years")
    if isinstance(years, dict):
        for key, year_table in years.items():
            if isinstance(year_table, dict):
                year_table.setdefault("tax_year", int(key))
    return LimitsFile.model_validate(raw)


_FILE = load_limits(files("rules").joinpath("data/limits.toml").read_text(encoding="utf-8"))
CONSTANTS: Constants = _FILE.constants


def limits_for(tax_year: int) -> tuple[Limits, bool]:
    """The figures for `tax_year`, and whether we fell back to the latest known year."""
    if tax_year in _FILE.years:
        return _FILE.years[tax_year], False
    return _FILE.years[max(_FILE.years)], True
