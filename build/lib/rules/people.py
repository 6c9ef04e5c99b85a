"""Dates about a person: birth-date bounds when only part of the birth date is known,
ages, and the sanity checks that turn impossible answers into reasons."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from rules.codes import reason
from rules.facts import Facts
from rules.findings import Reason

# Not a legal figure: an age above this is taken as a typo, not a person.
MAX_PLAUSIBLE_AGE = 120


def add_months(start: date, months: int) -> date:
    """`start` plus whole months, the day clamped to the month's end (Aug 31 + 6 = Feb 28/29).
    Saturates at date.max instead of overflowing."""
    index = start.year * 12 + (start.month - 1) + months
    year, month0 = divmod(index, 12)
    if year > date.max.year:
        return date.max
    if year < date.min.year:
        return date.min
    day = min(start.day, calendar.monthrange(year, month0 + 1)[1])
    return date(year, month0 + 1, day)


@dataclass(frozen=True)
class Birth:
    """What we know of a birth date: the year, and the earliest and latest possible days."""

    year: int
    month: int | None
    earliest: date
    latest: date

    def age_at_year_end(self, year: int) -> int:
        """Age attained by Dec 31 of `year` (the catch-up and 65+ tests use this)."""
        return year - self.year

    def months_later(self, months: int) -> tuple[date, date]:
        """Earliest and latest possible dates of reaching an age given in months."""
        return add_months(self.earliest, months), add_months(self.latest, months)

    def key_date(self, months: int) -> date | None:
        """The date of reaching an age in months, when the birth month is known (day 1 when
        the day is not); None without the month."""
        if self.month is None:
            return None
        return add_months(self.earliest, months)


def birth_bounds(facts: Facts, today: date) -> Birth | Reason | None:
    """The birth-date bounds, the reason the birth facts are impossible, or None when the
    birth year is unknown."""
    year, month, day = facts.birth_year, facts.birth_month, facts.birth_day
    if year is None:
        return None
    if year > today.year:
        return reason("birth_date_in_future", birth_year=year)
    if today.year - year > MAX_PLAUSIBLE_AGE:
        return reason("age_implausible", age=today.year - year)
    if day is not None and month is None:
        day = None  # a day without a month tells us nothing
    try:
        earliest = date(year, month or 1, day or 1)
        last_month = month or 12
        latest = date(year, last_month, day or calendar.monthrange(year, last_month)[1])
    except ValueError:
        return reason("birth_date_invalid", birth_year=year, birth_month=month, birth_day=day)
    if earliest > today:
        return reason("birth_date_in_future", birth_year=year)
    return Birth(year=year, month=month, earliest=earliest, latest=min(latest, today))


def plausible_birth_year(facts: Facts, today: date) -> int | None:
    """The birth year when it is known and possible; None otherwise."""
    birth = birth_bounds(facts, today)
    return birth.year if isinstance(birth, Birth) else None


def birth_or_problems(facts: Facts, today: date) -> Birth | list[Reason] | None:
    """The birth-date bounds, a list of reasons why the facts about birth, separation and
    service cannot all be true, or None when the birth year is unknown."""
    birth = birth_bounds(facts, today)
    if birth is None or isinstance(birth, Reason):
        return None if birth is None else [birth]
    problems: list[Reason] = []
    if facts.separation_date is not None and facts.separation_date < birth.earliest:
        problems.append(reason("separation_before_birth", separation_date=facts.separation_date))
    age = today.year - birth.year
    if facts.years_of_service is not None and facts.years_of_service > age:
        problems.append(
            reason("years_of_service_implausible", years_of_service=facts.years_of_service, age=age)
        )
    return problems or birth
