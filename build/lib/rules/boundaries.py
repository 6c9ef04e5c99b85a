"""The dates on which the law changes for a person: the ones worth trying when we do
not yet know when they leave (or left) a job. The dialog asks about a leaving date only
when two of these dates would give different answers."""

from __future__ import annotations

from datetime import date

from rules.facts import Facts
from rules.limits import CONSTANTS
from rules.people import Birth, add_months, birth_bounds


def boundary_dates(facts: Facts, today: date) -> list[date]:
    """Leaving dates on both sides of each legal boundary for this person — the calendar
    years they turn 50 and 55 (§72(t)(2)(A)(v), §72(t)(10), Notice 87-13) and the day they
    reach 59½ (§72(t)(2)(A)(i)) — plus today. Empty while the birth year is unknown."""
    birth = birth_bounds(facts, today)
    if not isinstance(birth, Birth):
        return []
    dates = {today.replace(day=1)}
    for age in (CONSTANTS.public_safety_age.value, CONSTANTS.rule_of_55_age.value):
        year = birth.year + age
        dates |= {date(year - 1, 12, 1), date(year, 1, 1)}
    for bound in birth.months_later(CONSTANTS.age_59_half_months.value):
        dates |= {add_months(bound, -1).replace(day=1), add_months(bound, 1).replace(day=1)}
    return sorted(dates)
