"""Finding dates in text, as precise as the person said them.

`find_dates` scans a cleaned message for every date expression it knows and returns
`Hit`s: where it is, and what it could mean. One value is a plain reading; two or more
are readings to ask between ("mar 31": March 31 or March 2031); none means the words
name a time too vaguely to use ("this past spring", "in a couple months").
`tense` says which way an undated month leans: "past" (the last March), "future" (the
next March), "birth" (two-digit years are 19xx) or None (unknown: ask)."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Literal

from dialogs.answers import Day
from dialogs.reading.words import load, vocabulary

Tense = Literal["past", "future", "birth"] | None

MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_CALENDAR = vocabulary("calendar")
_SEASON_MONTHS: dict[str, list[int]] = load("calendar")["season_months"]
_YEAR_PARTS: dict[str, list[int]] = load("calendar")["year_parts"]
# "end", "early", "first half", "latter part": longest first, so "first half" is not "first"
_PARTS = "|".join(sorted(_YEAR_PARTS, key=len, reverse=True))
# A month, short or long, or long as people misspell it most: the first three letters say
# which. A whole word only: "maybe" is not May, "decided" not December, "marine" not March.
M = rf"({'|'.join(_CALENDAR['months'])})(?![a-z])\.?"
WEEKDAYS = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}
WD = rf"({'|'.join(_CALENDAR['weekdays'])})(?:day)?"
SEASONS = "|".join(_CALENDAR["seasons"])
QUARTERS: list[str] = _CALENDAR["quarters"]
UNITS = {"day": 1, "week": 7, "wk": 7, "month": 30, "mo": 30, "year": 365, "yr": 365}
ORD = r"(?:st|nd|rd|th)?"
# Words after a number that make it something other than a year ("may 5 10 hours").
NOT_YEARS = r"k|grand|percent|yrs?|years?|yo|mos?|months?|wks?|weeks?|days?|hrs?|hours?|am|pm"
# Years or months from now: "last/past year", "this month", "next week"; None: not said.
OFFSETS: dict[str | None, int] = {"last": -1, "past": -1, "this": 0, "next": 1, None: 0}
# The month a part of a month or period means: "end of next month", "early march".
PART_MONTHS = {"end": 12, "late": 12, "start": 1, "beginning": 1, "early": 1}


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    values: tuple[Day, ...]
    code: str = ""  # why it is vague or ambiguous
    year_only_ok: tuple[Day, ...] = field(default=())  # a usable coarser reading
    # counted from today ("in a year", "in 2 years"): a date said beside it is more exact
    from_now: bool = False


# "within the next year or so": any time from now to then
WITHIN_A_YEAR = (
    r"\bwithin (?:the )?(?:(?:next|coming) (?:a |one |1 )?|(?:a|one|1) )(?:year|12 months)\b"
)


def month_number(word: str) -> int:
    return MONTHS[word[:3]]


def same_or_finer(a: Day, b: Day) -> bool:
    """Whether two dates can be one date said, one as precise as the other or more
    ("june 2027" and "june 15, 2027")."""
    return (
        a.year == b.year
        and (a.month is None or b.month is None or a.month == b.month)
        and (a.day is None or b.day is None or a.day == b.day)
    )


def valid_day(year: int, month: int | None = None, day: int | None = None) -> Day | None:
    if not 1 <= year <= 9999 or (month is not None and not 1 <= month <= 12):
        return None
    if day is not None and (month is None or not 1 <= day <= calendar.monthrange(year, month)[1]):
        return None
    return Day(year=year, month=month, day=day)


def from_date(d: date, precise: bool = True) -> Day:
    return Day(year=d.year, month=d.month, day=d.day if precise else None)


def full_year(two: int, today: date, tense: Tense) -> int:
    if tense == "birth":
        return 1900 + two if 1900 + two > today.year - 110 else 2000 + two
    if tense == "past":
        return 2000 + two if 2000 + two <= today.year else 1900 + two
    return 2000 + two


def _month_year(month: int, today: date, tense: Tense) -> list[int]:
    """Years an undated month may be in."""
    if month == today.month:
        return [today.year]
    after = today.year if month > today.month else today.year + 1
    before = today.year if month < today.month else today.year - 1
    if tense == "future":
        return [after]
    if tense in {"past", "birth"}:
        return [before]
    # unknown tense: the next one or the last one ("june 30th", "the end of march") - asked
    return [after, before]


def _next_weekday(today: date, weekday: int, which: str | None, tense: Tense) -> date:
    ahead = (weekday - today.weekday()) % 7
    back = (today.weekday() - weekday) % 7 or 7
    if which in {"last", "past"} or (which is None and tense == "past"):
        return today - timedelta(days=back)
    if which == "next" and ahead == 0:
        return today + timedelta(days=7)
    return today + timedelta(days=ahead or 7)


def _add_months(d: date, months: int) -> date:
    index = d.year * 12 + d.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(d.day, calendar.monthrange(year, month + 1)[1]))


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


@dataclass(frozen=True)
class Holiday:
    """A holiday from data/holidays.toml: on a fixed day, or the nth weekday of a month
    (nth -1: the last one)."""

    pattern: str
    month: int
    day: int | None = None
    weekday: int = 0
    nth: int = 1

    def on(self, year: int) -> date:
        if self.month == 0:  # moveable: Easter Sunday (Western)
            return easter(year)
        if self.day is not None:
            return date(year, self.month, self.day)
        if self.nth > 0:
            return _nth_weekday(year, self.month, self.weekday, self.nth)
        last = date(year, self.month, calendar.monthrange(year, self.month)[1])
        return last - timedelta(days=(last.weekday() - self.weekday) % 7)


def easter(year: int) -> date:
    """Western Easter Sunday: the anonymous Gregorian computus (Meeus/Jones/Butcher)."""
    golden = year % 19
    century, rest = divmod(year, 100)
    leap_c, skip_c = divmod(century, 4)
    moon = (19 * golden + century - leap_c - (century - (century + 8) // 25 + 1) // 3 + 15) % 30
    leap_y, skip_y = divmod(rest, 4)
    weekday = (32 + 2 * skip_c + 2 * leap_y - moon - skip_y) % 7
    shift = (golden + 11 * moon + 22 * weekday) // 451
    month, day = divmod(moon + weekday - 7 * shift + 114, 31)
    return date(year, month, day + 1)


def _load_holidays() -> list[Holiday]:
    return [
        Holiday(
            pattern="|".join(h["names"]),
            month=h["month"],
            day=h.get("day"),
            weekday=h.get("weekday", 0),
            nth=h.get("nth", 1),
        )
        for h in load("holidays")["holiday"]
    ]


HOLIDAYS = _load_holidays()
# "the day after", "the friday after", "right after", "the week of" a holiday; its year
# ("xmas 2025", "memorial day last year") after it.
_HOLIDAY_BEFORE = (
    r"(?:(the )?(?P<which>day after|day before|(?:mon|tues|wednes|thurs|fri|satur|sun)day "
    r"(?:after|before)|right after|right before|after|before|the week of|week of|around|about"
    r"|by) )?"
)
_HOLIDAY_AFTER = (
    r"(?P<eve> eve)?(?P<weekend> weekend)?(?:,? (?:of )?(?P<said>\d{4}|'?\d{2})\b"
    r"(?! ?(?:hours?|hrs?|days?|%|k\b))|,? (?P<offset>last|this|next) (?:year|yr)\b)?"
)


def _shifted(when: date, which: str | None) -> tuple[date, bool]:
    """The day a phrase around a holiday names, and whether it is only roughly that day."""
    if which in {"day after", "day before"}:
        return when + timedelta(days=1 if which == "day after" else -1), False
    if which and (m := re.fullmatch(r"(\w{3})\w*day (after|before)", which)):
        weekday = WEEKDAYS[m[1]]
        if m[2] == "after":
            return when + timedelta(days=(weekday - when.weekday()) % 7 or 7), False
        return when - timedelta(days=(when.weekday() - weekday) % 7 or 7), False
    return when, which is not None


def _holiday_dates(holiday: Holiday, m: re.Match[str], today: date, tense: Tense) -> list[date]:
    """The holiday's date in the year said; with none said, the coming one or the last one
    as the tense says, and both when nothing does ("christmas": this one or last?)."""
    said, offset = m["said"], m["offset"]
    if said:
        digits = said.lstrip("'")
        return [
            holiday.on(int(digits) if len(digits) == 4 else full_year(int(digits), today, tense))
        ]
    if offset:
        return [holiday.on(today.year + OFFSETS[offset])]
    this_year = holiday.on(today.year)
    last = this_year if this_year < today else holiday.on(today.year - 1)
    coming = this_year if this_year >= today else holiday.on(today.year + 1)
    if tense in {"past", "birth"}:
        return [last]
    return [coming] if tense == "future" else [coming, last]


def _holiday_values(when: date, m: re.Match[str]) -> tuple[tuple[Day, ...], str]:
    """What a phrase about one holiday's date names: its day, or its month said roughly;
    a rough phrase whose days run into another year asks which ("right after christmas":
    late December or early January? The year decides the Rule of 55, so never guessed)."""
    if m["eve"]:  # "thanksgiving eve": the day before
        when -= timedelta(days=1)
    when, rough = _shifted(when, m["which"])
    if not rough:
        return (from_date(when, precise=not m["weekend"]),), ""
    first, last = _rough_span(when, m["which"])
    if first.year != last.year:
        return (Day(year=first.year, month=12), Day(year=last.year, month=1)), "date_year_end"
    if first.month != last.month and re.search(r"\b(?:after|before)$", m["which"]):
        # "right after easter 2027" (28 March): late March or early April, both offered;
        # "around the 4th of july" stays July, the month it is said by
        return (Day(year=first.year, month=first.month), Day(year=last.year, month=last.month)), (
            "date_which"
        )
    return (from_date(when, precise=False),), ""


def _holiday_hits(text: str, today: date, tense: Tense) -> list[Hit]:
    hits = []
    for holiday in HOLIDAYS:
        pattern = rf"\b{_HOLIDAY_BEFORE}(?:{holiday.pattern})\b{_HOLIDAY_AFTER}"
        for m in re.finditer(pattern, text):
            readings = [_holiday_values(d, m) for d in _holiday_dates(holiday, m, today, tense)]
            values = tuple(dict.fromkeys(v for found, _ in readings for v in found))
            code = next((code for _, code in readings if code), "")
            hits.append(Hit(m.start(), m.end(), values, code))
    return hits


# The days a rough phrase around a holiday can mean: "after" it, up to two weeks on;
# "before", up to two weeks back; "around" or "the week of", five days either side.
_ROUGH_DAYS = {
    "after": (1, 14),
    "right after": (1, 7),
    "before": (-14, -1),
    "right before": (-7, -1),
}


def _rough_span(when: date, which: str | None) -> tuple[date, date]:
    first, last = _ROUGH_DAYS.get(which or "", (-5, 5))
    return when + timedelta(days=first), when + timedelta(days=last)


def _ambiguous_day_or_year(
    month: int, number: int, today: date, tense: Tense, two_digit: bool
) -> tuple[Day, ...]:
    """'mar 31', '6/27': a day of that month, or that month of 20xx/19xx?"""
    days: list[Day] = []
    years_of_day = _month_year(month, today, tense)
    if month == today.month and tense in {"past", "future"}:
        # "retiring 11/1" said on november 30th: next year's; "left 11/30": this year's
        years_of_day = [today.year, today.year + (1 if tense == "future" else -1)]
    if number <= calendar.monthrange(2024, month)[1]:
        for year in years_of_day:
            d = valid_day(year, month, number)
            if d is None:
                continue
            when = d.first_day()
            if tense == "future" and when < today:
                continue
            if tense == "past" and when > today:
                continue
            days.append(d)
            if tense is not None:
                break
    years: list[Day] = []
    if two_digit and number >= 10:
        year = full_year(number, today, tense)
        ok = tense is None or (
            (tense == "future" and year * 12 + month >= today.year * 12 + today.month)
            or (tense == "past" and year * 12 + month <= today.year * 12 + today.month)
        )
        if tense == "birth" or (ok and abs(year - today.year) <= 40):
            years.append(Day(year=year, month=month))
    if days and years:
        near = [d for d in days if abs((d.first_day() - today).days) <= 62]
        if near and tense in {"past", "future"}:
            return (near[0],)  # "12/31" a month ahead is the 31st, not 2031
        return (days[0], *years)
    return tuple(days or years)


def _numeric_dates(text: str, today: date, tense: Tense) -> list[Hit]:
    """Dates in digits: 2025-03, 3/15/2025, 6/2027, 6/27."""
    hits: list[Hit] = []
    add = hits.append
    for m in re.finditer(r"\b(\d{4})([-/.])(\d{1,2})(?:\2(\d{1,2}))?\b(?![-/.]\d)", text):
        d = valid_day(int(m[1]), int(m[3]), int(m[4]) if m[4] else None)
        add(Hit(m.start(), m.end(), (d,) if d else (), "" if d else "date_no_such_day"))
    for m in re.finditer(rf"\b{M},? of '?(\d{{2}})\b(?![/%:])", text):
        d = valid_day(full_year(int(m[2]), today, tense), month_number(m[1]))
        if d:
            add(Hit(m.start(), m.end(), (d,)))
    for m in re.finditer(r"(?<![\d/])(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?![\d/])", text):
        first, second = int(m[1]), int(m[3])
        year = int(m[4]) if len(m[4]) == 4 else full_year(int(m[4]), today, tense)
        if m[2] == "." and first != second and first <= 12 and second <= 12:
            # "04.11.1962": dots are day-first in most of the world, slashes month-first here
            options = (valid_day(year, first, second), valid_day(year, second, first))
            add(Hit(m.start(), m.end(), tuple(d for d in options if d), "date_several"))
            continue
        month, day = (second, first) if first > 12 else (first, second)
        d = valid_day(year, month, day)
        add(Hit(m.start(), m.end(), (d,) if d else (), "" if d else "date_no_such_day"))
    for m in re.finditer(r"(?<![\d/$.])(\d{1,2})[/.-](\d{4})(?![\d/%])", text):
        d = valid_day(int(m[2]), int(m[1]))
        if d:
            add(Hit(m.start(), m.end(), (d,)))
    for m in re.finditer(r"(?<![\d/$.])(\d{1,2})/(\d{1,2})(?![\d/%])", text):
        month, number = int(m[1]), int(m[2])
        if not 1 <= month <= 12:
            continue
        if number > 31:
            d = valid_day(full_year(number, today, tense), month)
            if d:
                add(Hit(m.start(), m.end(), (d,)))
            continue
        values = _ambiguous_day_or_year(month, number, today, tense, two_digit=number >= 10)
        add(Hit(m.start(), m.end(), values, "date_day_or_year" if len(values) > 1 else ""))
    return hits


def _month_name_dates(text: str, today: date, tense: Tense) -> list[Hit]:
    """A month name with a day and/or year: 'March 1, 2025', 'aug 71', 'mar 31', 'feb72'."""
    hits: list[Hit] = []
    add = hits.append
    year_after_day = (
        r"(?:(?:st|nd|rd|th)?,? (?:of )?(\d{4}|'\d{2})|(?:st|nd|rd|th),? (\d{2})|, (\d{2})"
        rf"| (\d{{2}})(?! ?(?:{NOT_YEARS})\b))"
    )
    for m in re.finditer(rf"\b{M} (\d{{1,2}}){year_after_day}\b(?![/%:])", text):
        # "march 1, 2025", "march 4th, 62", "march 4, 62", "march 4 62"
        said = m[3] or m[4] or m[5] or m[6]
        year = int(said) if len(said) == 4 else full_year(int(said.lstrip("'")), today, tense)
        d = valid_day(year, month_number(m[1]), int(m[2]))
        add(Hit(m.start(), m.end(), (d,) if d else (), "" if d else "date_no_such_day"))
    for m in re.finditer(
        rf"\b(?:the )?(\d{{1,2}}){ORD} (?:of )?{M},? (?:of )?(\d{{4}}|'?\d{{2}})\b(?![/%])", text
    ):
        raw = m[3].lstrip("'")
        year = int(raw) if len(raw) == 4 else full_year(int(raw), today, tense)
        d = valid_day(year, month_number(m[2]), int(m[1]))
        add(Hit(m.start(), m.end(), (d,) if d else (), "" if d else "date_no_such_day"))
    for m in re.finditer(rf"\b{M}(?:,? (?:of )?)?(\d{{4}}|'\d{{2}})\b", text):
        year = int(m[2]) if len(m[2]) == 4 else full_year(int(m[2][1:]), today, tense)
        d = valid_day(year, month_number(m[1]))
        if d:
            add(Hit(m.start(), m.end(), (d,)))
    for m in re.finditer(rf"\b(\d{{4}}),? (?:in )?{M}(?! \d)", text):
        d = valid_day(int(m[1]), month_number(m[2]))
        if d:
            add(Hit(m.start(), m.end(), (d,)))
    for m in re.finditer(
        rf"\b{M} (\d{{1,2}}){ORD},? (?:of )?(last|this|next) (?:year|yr)\b", text
    ):  # "dec 31 this year": the day, in the year said
        d = valid_day(today.year + OFFSETS[m[3]], month_number(m[1]), int(m[2]))
        add(Hit(m.start(), m.end(), (d,) if d else (), "" if d else "date_no_such_day"))
    for m in re.finditer(rf"\b{M},? (?:of )?(last|this|next) (?:year|yr)\b", text):
        offset = OFFSETS[m[2]]
        add(Hit(m.start(), m.end(), (Day(year=today.year + offset, month=month_number(m[1])),)))
    for m in re.finditer(rf"\b{M} ?(\d{{1,2}})(st|nd|rd|th)?\b(?![/%:]|,? \d)", text):
        month, number = month_number(m[1]), int(m[2])
        if m[3]:
            values = _ambiguous_day_or_year(month, number, today, tense, two_digit=False)
            add(Hit(m.start(), m.end(), values, "" if values else "date_no_such_day"))
            continue
        if number > 31:
            d = valid_day(full_year(number, today, tense), month)
            add(Hit(m.start(), m.end(), (d,) if d else ()))
            continue
        values = _ambiguous_day_or_year(month, number, today, tense, two_digit=len(m[2]) == 2)
        code = "date_day_or_year" if len(values) > 1 else ("" if values else "date_no_such_day")
        add(Hit(m.start(), m.end(), values, code))
    for m in re.finditer(rf"\b(?:the )?(\d{{1,2}})(?:st|nd|rd|th)? (?:of )?{M}\b(?!,? '?\d)", text):
        month, number = month_number(m[2]), int(m[1])
        values = _ambiguous_day_or_year(month, number, today, tense, two_digit=False)
        add(Hit(m.start(), m.end(), values, "" if values else "date_no_such_day"))
    return hits


def _parts_of_periods(text: str, today: date, tense: Tense) -> list[Hit]:
    """'end of next month', 'mid 2027', 'early march', 'end of q1 next year'."""
    hits: list[Hit] = []
    add = hits.append
    for m in re.finditer(
        rf"\b(?:the )?({_PARTS})(?: of)?[ -](?:the )?(?:year )?(\d{{4}}|'\d{{2}})(?![\w%])", text
    ):  # "early 2027", "early '27"
        number = int(m[2].lstrip("'"))
        add(_part_of_year(m, m[1], number if number > 999 else full_year(number, today, tense)))
    for m in re.finditer(
        rf"\b(?:(last|this|next) (?:year|yr),? (?:in|around|about) {M}|in {M},? (?:of )?"
        rf"(last|this|next) (?:year|yr))\b",
        text,
    ):
        offset = OFFSETS[m[1] or m[4]]
        add(
            Hit(
                m.start(),
                m.end(),
                (Day(year=today.year + offset, month=month_number(m[2] or m[3])),),
            )
        )
    for m in re.finditer(
        rf"\b(?:the )?({_PARTS})(?: of)?[ -](?:the )?"
        rf"(?:(this|next|last) )?(month|year|{M[1:-4]})",
        text,
    ):
        which, what = m[2], m[3]
        if what == "month":
            offset = OFFSETS[which]
            moved = _add_months(today.replace(day=1), offset)
            add(Hit(m.start(), m.end(), (Day(year=moved.year, month=moved.month),)))
        elif what == "year":
            add(_part_of_year(m, m[1], today.year + OFFSETS[which]))
        else:
            month = month_number(what)
            if re.match(r",? (?:of )?(\d{4}|'\d{2})", text[m.end() :]):
                continue
            if which is None:
                years = _month_year(month, today, tense)
            elif which == "this":  # "end of this december": this year's, as "this december"
                years = [today.year]
            else:
                years = [_month_year(month, today, "future" if which == "next" else "past")[0]]
            add(Hit(m.start(), m.end(), tuple(Day(year=y, month=month) for y in years)))
    ago_in_month = rf"\b(\d{{1,2}}|a|one) (?:year|yr)s? ago,? (?:(?:in|around|about) )?{M}"
    for m in re.finditer(ago_in_month, text):  # "3 years ago in march"
        back = 1 if m[1] in {"a", "one"} else int(m[1])
        add(Hit(m.start(), m.end(), (Day(year=today.year - back, month=month_number(m[2])),)))
    for m in re.finditer(r"\b(?:the )?last day of (?:the |this )?(?:(next|last) )?year\b", text):
        add(Hit(m.start(), m.end(), (Day(year=today.year + OFFSETS[m[1]], month=12, day=31),)))
    for m in re.finditer(
        r"\b(end of (?:the )?)?(?:q([1-4])|(first|second|third|fourth) quarter)(?: of)?"
        r"(?: (this|next|last) (?:year|yr)| (\d{4}))?",
        text,
    ):
        quarter = int(m[2]) if m[2] else QUARTERS.index(m[3]) + 1
        if m[5] or m[4]:
            year = int(m[5]) if m[5] else today.year + OFFSETS[m[4]]
        else:  # "end of q1" with no year: the year of its last month, as for "end of march"
            year = _month_year(quarter * 3, today, tense)[0]
        if m[1]:  # "end of q1": March (with no year and no tense, the next or the last)
            years = [year] if m[5] or m[4] else _month_year(quarter * 3, today, tense)
            add(Hit(m.start(), m.end(), tuple(Day(year=y, month=quarter * 3) for y in years)))
        else:  # "q2 2027": which of its three months?
            months = _months(year, [quarter * 3 - 2, quarter * 3 - 1, quarter * 3])
            add(Hit(m.start(), m.end(), months, "date_part_of_year", (Day(year=year),)))
    for m in re.finditer(r"\b(eoy|eom)\b", text):
        month = 12 if m[1] == "eoy" else today.month
        add(Hit(m.start(), m.end(), (Day(year=today.year, month=month),)))
    return hits


_DAY_AFTER = r" \d{1,2}(?:st|nd|rd|th)?\b(?!,? ?\d{4}|/)"


def _lone_months(text: str, today: date, tense: Tense) -> list[Hit]:
    """A month on its own, leaning on the tense: 'march', 'next june'."""
    hits: list[Hit] = []
    add = hits.append
    for m in re.finditer(rf"\b(?:(this|next|last|past|coming|this past) )?{M}\b", text):
        if m[1] in {"next", "coming", "this"} and re.match(_DAY_AFTER, text[m.end() :]):
            continue  # "this coming jan 1": a day ahead, read as a date with its day
        if (
            m[2] == "may"
            and not m[1]
            and not re.search(
                r"\b(in|on|by|since|of|until|till|til|around|about|either|or) $", text[: m.start()]
            )
            and not re.match(rf" (?:or|and) {M}", text[m.end() :])
            and text != "may"
        ):
            continue  # "may" is usually the verb; alone, or "in may", it is the month
        month = month_number(m[2])
        which = m[1]
        if month == today.month and which in {"next", "coming", "last", "past", "this past"}:
            years = [today.year + (1 if which in {"next", "coming"} else -1)]  # "next november"
        elif month == today.month and which is None and tense is None:
            years = [today.year + 1, today.year]  # "november", said in november: which one?
        elif which in {"next", "coming"}:
            years = _month_year(month, today, "future")
        elif which in {"last", "past", "this past"}:
            years = _month_year(month, today, "past")
        elif which == "this":
            years = [today.year]
        else:  # "march", with no tense: the last or the next
            years = _month_year(month, today, tense)
        add(Hit(m.start(), m.end(), tuple(Day(year=y, month=month) for y in years)))
    for m in re.finditer(rf"\b(?:the )?{M} before last\b", text):  # a year before "last june"
        month = month_number(m[1])
        years = [y - 1 for y in _month_year(month, today, "past")]
        add(Hit(m.start(), m.end(), tuple(Day(year=y, month=month) for y in years)))
    return hits


def _years(text: str, today: date, tense: Tense) -> list[Hit]:
    """Years and relative periods: '2024', 'in 19', 'last year', 'next month', 'now'."""
    hits: list[Hit] = []
    add = hits.append
    for m in re.finditer(
        r"(?<![\d/$.,-])(1\d{3}|2[01]\d{2})(?![\d%k]|'?s\b|,\d{3}|/\d| ?(?:k|grand|dollars|bucks))",
        text,
    ):
        add(Hit(m.start(), m.end(), (Day(year=int(m[1])),)))
    if tense == "past":
        for m in re.finditer(
            r"\b(?:in|since|of|back in) '?(\d{2})\b(?![\d%/]| ?(?:days|weeks|wks|months|mos|years|"
            r"yrs|yo|k\b))",
            text,
        ):
            add(Hit(m.start(), m.end(), (Day(year=full_year(int(m[1]), today, "past")),)))
    for m in re.finditer(r"(?<![\w'])'(\d{2})\b(?!%)", text):
        add(Hit(m.start(), m.end(), (Day(year=full_year(int(m[1]), today, tense)),)))
    for m in re.finditer(r"\b(?:the )?(last|first) day of (?:the year )?((?:19|20)\d{2})\b", text):
        year = int(m[2])  # "the last day of 2025"
        add(
            Hit(
                m.start(),
                m.end(),
                (
                    Day(year=year, month=12, day=31)
                    if m[1] == "last"
                    else Day(year=year, month=1, day=1),
                ),
            )
        )
    for m in re.finditer(rf"\b(?:the )?(last|first) day of {M}(?! \d)", text):
        month = month_number(m[2])  # "through the last day of feb": that month's last day
        days = [
            Day(year=y, month=month, day=1 if m[1] == "first" else calendar.monthrange(y, month)[1])
            for y in _month_year(month, today, tense)
        ]
        add(Hit(m.start(), m.end(), tuple(days), "date_which" if len(days) > 1 else ""))
    for m in re.finditer(
        rf"\b(?:the )?(?:first|second|third|last|1st|2nd|3rd) week of {M}(?! \d)", text
    ):
        month = month_number(m[1])  # "the first week of january": that month
        days = [Day(year=y, month=month) for y in _month_year(month, today, tense)]
        add(Hit(m.start(), m.end(), tuple(days), "date_which" if len(days) > 1 else ""))
    for m in re.finditer(r"\bthis time (next|last) year\b", text):
        add(Hit(m.start(), m.end(), (Day(year=today.year + OFFSETS[m[1]], month=today.month),)))
    for m in re.finditer(
        r"\b(?:(?:the )?(first|1st) of )?the month (after next|before last)\b", text
    ):
        moved = _add_months(today.replace(day=1), 2 if m[2] == "after next" else -2)
        add(
            Hit(
                m.start(),
                m.end(),
                (Day(year=moved.year, month=moved.month, day=1 if m[1] else None),),
            )
        )
    for m in re.finditer(
        r"\b(?:in )?(?:a |one )?fortnight(?: from (?:now|today))?\b|\bthe week after next\b", text
    ):
        moved = today + timedelta(days=14)  # "in a fortnight", "the week after next"
        add(Hit(m.start(), m.end(), (Day(year=moved.year, month=moved.month),)))
    for m in re.finditer(r"\b(?:the )?(?:end of )?(this|next|last) quarter\b", text):
        first = (today.month - 1) // 3 * 3 + 1 + 3 * OFFSETS[m[1]]  # "the end of next quarter"
        moved = _add_months(date(today.year, 1, 1), first - 1 + 2)
        add(Hit(m.start(), m.end(), (Day(year=moved.year, month=moved.month),)))
    for m in re.finditer(r"\b(?:the )?year (before last|after next)\b", text):
        year = today.year + (-2 if m[1] == "before last" else 2)
        add(Hit(m.start(), m.end(), (Day(year=year),)))
    for m in re.finditer(r"\b(this|next|last|past) (?:year|yr)\b", text):
        year = today.year + OFFSETS[m[1]]
        add(Hit(m.start(), m.end(), (Day(year=year),)))
    # "now" as the whole answer is this month (in a sentence it seldom names a date:
    # "i'm retired now"). It names no day.
    if now := re.fullmatch(r"(?:(?:around|about|by|at) )?(?:right )?now", text):
        add(Hit(now.start(), now.end(), (Day(year=today.year, month=today.month),)))
    for m in re.finditer(r"\b(this|next|last|past) (month|week|wk)\b", text):
        offset = OFFSETS[m[1]]
        if m[2] == "month":
            moved = _add_months(today.replace(day=1), offset)
            add(Hit(m.start(), m.end(), (Day(year=moved.year, month=moved.month),)))
            continue
        # a week, Monday to Sunday: its month, or both months when it spans two
        monday = today - timedelta(days=today.weekday()) + timedelta(days=7 * offset)
        ends = [monday, monday + timedelta(days=6)]
        months = dict.fromkeys(Day(year=d.year, month=d.month) for d in ends)
        add(Hit(m.start(), m.end(), tuple(months)))
    return hits


# A weekday that names the date said after it ("friday the 13th of november", "fri,
# 11/13"): the date says which day; the weekday adds nothing to read.
NOT_A_DATES_WEEKDAY = rf"(?!,? (?:the )?\d|,? (?:{'|'.join(_CALENDAR['months'])})(?![a-z]))"


def _days_near_today(text: str, today: date, tense: Tense) -> list[Hit]:
    """'tomorrow', 'this friday', 'the 15th'."""
    hits: list[Hit] = []
    add = hits.append
    for m in re.finditer(r"\b(today|tomorrow|yesterday|tonight)\b", text):
        offset = {"today": 0, "tonight": 0, "tomorrow": 1, "yesterday": -1}[m[1]]
        add(Hit(m.start(), m.end(), (from_date(today + timedelta(days=offset)),)))
    for m in re.finditer(rf"\b(\d|a|one) weeks? from (?:this |next )?{WD}\b", text):
        that_day = _next_weekday(today, WEEKDAYS[m[2][:3]], None, "future")
        weeks = 1 if m[1] in {"a", "one"} else int(m[1])
        add(Hit(m.start(), m.end(), (from_date(that_day + timedelta(days=7 * weeks)),)))
    for m in re.finditer(r"\bthe (\d{1,2})(?:st|nd|rd|th)? of (this|next|last) month\b", text):
        month = _add_months(today.replace(day=1), OFFSETS[m[2]])
        if (day := valid_day(month.year, month.month, int(m[1]))) is not None:
            add(Hit(m.start(), m.end(), (day,)))  # "the 15th of next month"
    for m in re.finditer(
        rf"\b(?:(this|next|last|past|on|as of) )?{WD}\b{NOT_A_DATES_WEEKDAY}", text
    ):
        which = None if m[1] in {"on", "as of"} else m[1]
        said_tense = None if m[1] == "as of" else tense  # "done as of friday": which friday?
        weekday = WEEKDAYS[m[2][:3]]
        if which == "next" and weekday > today.weekday():
            # "next friday" said on a monday: this week's friday, or the one after?
            coming = _next_weekday(today, weekday, None, "future")
            later = coming + timedelta(days=7)
            add(Hit(m.start(), m.end(), (from_date(coming), from_date(later)), "date_which"))
            continue
        if which is None and said_tense is None:  # "friday", nothing saying which: asked
            coming = _next_weekday(today, weekday, None, "future")
            last = _next_weekday(today, weekday, "last", None)
            add(Hit(m.start(), m.end(), (from_date(coming), from_date(last)), "date_which"))
            continue
        add(Hit(m.start(), m.end(), (from_date(_next_weekday(today, weekday, which, tense)),)))
    for m in re.finditer(r"\bthe \d{1,2}(?:st|nd|rd|th)? of (?:the year )?\d{4}\b", text):
        add(Hit(m.start(), m.end(), (), "date_unreadable"))  # "the 15th of 2027": which month?
    for m in re.finditer(r"\b(?:on )?the (\d{1,2})(?:st|nd|rd|th)\b(?! (?:of )?[a-z]{3})", text):
        number = int(m[1])
        candidates = []
        for offset in (0, 1, -1):
            base = _add_months(today.replace(day=1), offset)
            d = valid_day(base.year, base.month, number)
            if d is not None:
                candidates.append(d)
        ahead = sorted((d for d in candidates if d.first_day() >= today), key=Day.first_day)
        back = sorted((d for d in candidates if d.first_day() <= today), key=Day.first_day)
        # "the 15th" with nothing saying which way: the coming one or the last one
        picked = {"past": back[-1:], "future": ahead[:1]}.get(tense or "", ahead[:1] + back[-1:])
        if picked:
            add(Hit(m.start(), m.end(), tuple(dict.fromkeys(picked))))
    return hits


def _spans_and_seasons(text: str, today: date, tense: Tense) -> list[Hit]:
    """'in 6 months', '2 weeks ago', 'a couple months', 'this past spring'."""
    hits: list[Hit] = []
    add = hits.append
    # "in a year and a half", "2 and a half years ago": whole months
    for m in re.finditer(
        r"\b(?:in |within |after )?(?:about |around |like |roughly )?(\d{1,2}|a|an|one)"
        r" (?:(?:year|yr)s? and a half|and a half "
        r"(?:year|yr)s?)\b( ago| back| from now| from today)?",
        text,
    ):
        if not (m[0].startswith(("in ", "within ", "after ")) or m[2]):
            continue  # "a year and a half" of service, not a date
        years = 1 if m[1] in {"a", "an", "one"} else int(m[1])
        back = m[2] in {" ago", " back"}
        moved = _add_months(today, (-1 if back else 1) * (12 * years + 6))
        add(Hit(m.start(), m.end(), (Day(year=moved.year, month=moved.month),)))
    for m in re.finditer(
        r"\b(?:in|within|after) (?:about |around |like )?(\d{1,3}|a|an|one) "
        r"(day|week|wk|month|mo|year|yr)s?\b(?: from now)?"
        r"|\b(\d{1,3}|a|an|one) (day|week|wk|month|mo|year|yr)s? (?:from now|from today)\b"
        r"|\b(\d{1,3}|a|an|one) (day|week|wk|month|mo|year|yr)s? (?:ago|back)\b",
        text,
    ):
        count_s = m[1] or m[3] or m[5]
        unit = m[2] or m[4] or m[6]
        count = 1 if count_s in {"a", "an", "one"} else int(count_s)
        sign = -1 if m[5] else 1
        ahead = sign > 0
        if unit in {"month", "mo"}:
            moved = _add_months(today, sign * count)
            add(Hit(m.start(), m.end(), (Day(year=moved.year, month=moved.month),), from_now=ahead))
        elif unit in {"year", "yr"}:  # "3 years ago": a year, never the month of today
            add(Hit(m.start(), m.end(), (Day(year=today.year + sign * count),), from_now=ahead))
        else:
            days = UNITS[unit] * count * sign
            if abs(days) > 3650:
                continue
            moved = today + timedelta(days=days)
            exact = (
                unit == "day"
                or bool(re.match(r" today\b", text[m.end() :]))
                or "from today" in m[0]
            )
            add(Hit(m.start(), m.end(), (from_date(moved, precise=exact),)))
    span = r"(?:days?|weeks?|wks?|months?|mos?|years?|yrs?)"
    for m in re.finditer(
        rf"\b(?:in |within )?(?:about |around |like |maybe )?(?:\d{{1,2}}|a|an|one)(?: {span})?"
        rf" ?(?:or|to|-) ?(?:\d{{1,2}}|a|an|one) {span}\b(?: from (?:now|today))?"
        rf"|\b(?:in )?(?:a|an|one) {span} or \d\b",
        text,
    ):  # "in a year or 2", "in 2 or 3 years", "6 months to a year": a range
        add(Hit(m.start(), m.end(), (), "date_range"))
    for m in re.finditer(
        r"\b(?:in )?(?:a )?(couple|few|several|coupla)(?: of)? (days|weeks|wks|months|mos|years|"
        r"yrs)\b( ago| back)?",
        text,
    ):
        # "a couple weeks from now": a month when every reading of it falls in one month
        sign = -1 if m[3] else 1
        low, high = {"couple": (2, 3), "coupla": (2, 3)}.get(m[1], (3, 5))
        days = UNITS[m[2].rstrip("s")]
        ends = [today + timedelta(days=sign * days * n) for n in (low, high)]
        if days <= 7 and ends[0].month == ends[1].month and ends[0].year == ends[1].year:
            add(Hit(m.start(), m.end(), (Day(year=ends[0].year, month=ends[0].month),)))
            continue
        add(Hit(m.start(), m.end(), (), "date_vague"))
    # "within the next year or so": any time from now to then, a range
    for m in re.finditer(WITHIN_A_YEAR, text):
        add(Hit(m.start(), m.end(), (), "date_vague"))
    for m in re.finditer(
        rf"\b(?:(this past|last|this|next|this coming|"
        rf"the) )?({SEASONS})(?:,? (?:of )?(\d{{4}}|'?\d{{2}}(?![\d%k])))?\b",
        text,
    ):
        which = m[1]
        if m[3]:  # "summer of 1969", "summer of 69"
            number = int(m[3].lstrip("'"))
            year = number if number > 999 else full_year(number, today, tense)
        elif which in {"this past", "last"}:
            year = today.year
        elif which == "next":
            year = today.year + 1
        else:  # "this summer", "summer": the one to come (or, looking back, the last one)
            year = _nearest_season(m[2], today, tense)
        add(Hit(m.start(), m.end(), _season(m[2], year), "date_season", (Day(year=year),)))
    for m in re.finditer(r"\b(?:the )?end of (?:the )?school year\b", text):
        year = today.year + (1 if today.month >= 7 else 0)
        add(Hit(m.start(), m.end(), (), "date_season", (Day(year=year),)))
    return hits


def _part_of_year(m: re.Match[str], part: str, year: int) -> Hit:
    """ "end of 2027": December; "early 2028": January to March, to choose from — never
    one month the person did not say."""
    months = _months(year, _YEAR_PARTS[part])
    return Hit(m.start(), m.end(), months, "" if len(months) == 1 else "date_part_of_year")


def _season(name: str, year: int) -> tuple[Day, ...]:
    """The months of a season, to choose from: a season is never one month."""
    return _months(year, _SEASON_MONTHS[name])


def _months(year: int, numbers: list[int]) -> tuple[Day, ...]:
    """Months of `year` by number; 13 and on run into the next year (winter's January)."""
    firsts = (_add_months(date(year, 1, 1), number - 1) for number in numbers)
    return tuple(Day(year=first.year, month=first.month) for first in firsts)


def _nearest_season(name: str, today: date, tense: Tense) -> int:
    """The year of the season not yet over (or, for the past, the last one begun)."""
    if tense == "past":
        return max(
            y for y in (today.year - 1, today.year) if _season(name, y)[0].first_day() <= today
        )
    return min(
        y
        for y in (today.year - 1, today.year, today.year + 1)
        if _season(name, y)[-1].last_day() >= today
    )


FINDERS = (
    _numeric_dates,
    _month_name_dates,
    _parts_of_periods,
    _lone_months,
    _years,
    _days_near_today,
    _spans_and_seasons,
    _holiday_hits,
)


def month_said_apart(when: Day, after: list[tuple[Hit, str]]) -> Day:
    """ "back in 2022, around august", "last year, nov": a year, and its month said in
    another clause (a month without a year of its own)."""
    if when.month is not None:
        return when
    for hit, text in after:
        said = text[hit.start : hit.end]
        # a month with no tense is read as last or next: the year said picks which
        values = [v for v in hit.values if len(hit.values) == 1 or v.year == when.year]
        if len(values) == 1 and values[0].month and not re.search(r"\d{2}", said):
            return Day(year=when.year, month=values[0].month, day=values[0].day)
    return when


def find_dates(text: str, today: date, tense: Tense) -> list[Hit]:
    """Every date expression in `text` (cleaned, numbers as digits), longest first
    where they overlap."""
    hits: list[Hit] = []
    for finder in FINDERS:
        hits.extend(finder(text, today, tense))
    return [_open_ended(h, text) for h in _best(hits)]


# A later date left open after one said ("2028 or later", "maybe 2028, maybe later", "next
# year or the year after"): a range, never its first year.
OPEN_AFTER = (
    r",? (?:or|maybe|possibly|perhaps|if not)(?: even)? (?:later|after(?: that)?|beyond"
    r"|the (?:year|one|month) after|sooner|before(?: that)?|earlier)\b"
    # a bound: "2030 at the earliest", "march 2027 at the latest"
    r"|,? at the (?:earliest|latest|soonest|very earliest|very latest)\b"
)
BOUND_BEFORE = r"\b(?:no (?:earlier|sooner|later) than|not (?:before|after)) $"


def _open_ended(hit: Hit, text: str) -> Hit:
    if not hit.values:
        return hit
    if (m := re.match(OPEN_AFTER, text[hit.end :])) is not None:
        return Hit(hit.start, hit.end + m.end(), (), "date_range")
    if (b := re.search(BOUND_BEFORE, text[: hit.start])) is not None:
        return Hit(b.start(), hit.end, (), "date_range")  # "no later than march 2027"
    return hit


def _best(hits: list[Hit]) -> list[Hit]:
    """Drop hits inside longer ones; keep text order."""
    kept: list[Hit] = []
    for hit in sorted(hits, key=lambda h: (-(h.end - h.start), h.start)):
        if any(not (hit.end <= k.start or hit.start >= k.end) for k in kept):
            continue
        kept.append(hit)
    return sorted(kept, key=lambda h: h.start)
