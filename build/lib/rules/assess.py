"""The one entry point: facts and today in, an Assessment out. Never raises on any
combination of facts; impossible ones come back as needs_info with a reason."""

from __future__ import annotations

from datetime import date

from rules.codes import reason
from rules.facts import Facts
from rules.findings import Assessment, Reason
from rules.limits import Limits, limits_for
from rules.mega_backdoor import mega_backdoor_roth
from rules.people import plausible_birth_year
from rules.rule_of_55 import rule_of_55
from rules.tax import tax_estimate


def tax_year_of(asked: int | None, today: date) -> tuple[int, Limits, list[Reason]]:
    """The tax year asked about (this year when none was), its limits, and a notice when
    an earlier year's figures stand in for it."""
    tax_year = asked if asked is not None else today.year
    limits, fell_back = limits_for(tax_year)
    notices: list[Reason] = []
    if fell_back:
        notices.append(
            reason("limits_year_fallback", requested_year=tax_year, used_year=limits.tax_year)
        )
    return tax_year, limits, notices


def assess(facts: Facts, today: date) -> Assessment:
    tax_year, limits, notices = tax_year_of(facts.tax_year, today)
    rule_55 = rule_of_55(facts, today)
    birth_year = plausible_birth_year(facts, today)
    return Assessment(
        today=today,
        tax_year=tax_year,
        rule_of_55=rule_55,
        mega_backdoor_roth=mega_backdoor_roth(facts, today, limits, tax_year, birth_year),
        tax_estimate=tax_estimate(facts, today, rule_55, birth_year),
        notices=notices,
    )
