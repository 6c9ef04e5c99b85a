"""Text helpers the engine and the readers share: `normalise`, "why do you ask?", and
`parse_date`, the dateparser fallback for dates the readers' own patterns
(dialogs/reading/dates.py) do not know. Nothing here raises on user input."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from dialogs.reading.dates import MONTHS

_MONTH_WORD = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"

# People type these around an answer; they carry no meaning for us.
_FILLER = re.compile(
    r"\b(i'?m|i am|i was|it'?s|it is|it was|its|we|i|my|was|born|in|on|around|about|"
    r"roughly|approximately|approx|maybe|probably|like|um+|uh+|well|hmm+|ok(?:ay)?|so)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class MonthDate:
    """A date read from text: a year, usually a month, sometimes a day."""

    year: int
    month: int | None = None
    day: int | None = None

    def first_day(self) -> date:
        return date(self.year, self.month or 1, self.day or 1)


def normalise(text: str) -> str:
    text = text.strip().lower().replace("’", "'").replace("‘", "'")
    text = re.sub(r"[!?.,;]+$", "", text)
    return re.sub(r"\s+", " ", text).strip()


def _month_number(word: str) -> int | None:
    return MONTHS.get(word[:3].lower())


def _full_year(two_digits: int, today: date, past: bool) -> int:
    """'72' is 1972 for a birth year; '27' is 2027 for a leaving date."""
    if past:
        year = 2000 + two_digits
        return year if year <= today.year - 15 else 1900 + two_digits
    year = 2000 + two_digits
    return year if year <= today.year + 30 else 1900 + two_digits


def _valid(year: int, month: int | None, day: int | None) -> MonthDate | None:
    if not 1800 <= year <= 2200:
        return None
    if month is not None and not 1 <= month <= 12:
        return None
    if day is not None:
        try:
            date(year, month or 1, day)
        except ValueError:
            return None
    return MonthDate(year, month, day)


def _fast_date(text: str, today: date, past: bool) -> MonthDate | None:
    """Numeric and month-name forms, without dateparser."""
    text = _FILLER.sub(" ", text)
    text = re.sub(r"\s+", " ", text).strip(" ,")
    yy = r"'?(\d{2}|\d{4})"

    if m := re.fullmatch(r"(\d{4})", text):
        return _valid(int(m[1]), None, None)
    if m := re.fullmatch(r"(\d{4})[-/.](\d{1,2})(?:[-/.](\d{1,2}))?", text):
        return _valid(int(m[1]), int(m[2]), int(m[3]) if m[3] else None)
    if m := re.fullmatch(r"(\d{1,2})[-/.](\d{4}|\d{2})", text):
        year = int(m[2]) if len(m[2]) == 4 else _full_year(int(m[2]), today, past)
        return _valid(year, int(m[1]), None)
    if m := re.fullmatch(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})", text):
        first, second = int(m[1]), int(m[2])
        year = int(m[3]) if len(m[3]) == 4 else _full_year(int(m[3]), today, past)
        # US order (month/day) unless the first number cannot be a month.
        month, day = (second, first) if first > 12 else (first, second)
        return _valid(year, month, day)
    if m := re.fullmatch(_MONTH_WORD + r" ?(?:(\d{1,2})(?:st|nd|rd|th)?,? )?(?:of )?" + yy, text):
        year = int(m[3]) if len(m[3]) == 4 else _full_year(int(m[3]), today, past)
        return _valid(year, _month_number(m[1]), int(m[2]) if m[2] else None)
    if m := re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)? (?:of )?" + _MONTH_WORD + r",? " + yy, text):
        year = int(m[3]) if len(m[3]) == 4 else _full_year(int(m[3]), today, past)
        return _valid(year, _month_number(m[2]), int(m[1]))
    return None


_PART_OF = r"(?:the )?(?:very )?(end|start|beginning|middle|mid|early|late)(?: of)?[ -]"


def _relative_month(text: str, today: date, past: bool) -> MonthDate | None:
    """'next March', 'end of December', 'end of 2026', 'this month': the forms
    dateparser does not read. Only a month matters to the rules, so the day is dropped."""
    text = re.sub(r"^(in|on|by|around|about|at) ", "", text)
    part = None
    if m := re.match(_PART_OF, text):
        part = m[1]
        text = text[m.end() :]
    text = re.sub(r"^the ", "", text)
    if text in {"now", "today", "this month", "right now", "already"}:
        return MonthDate(today.year, today.month)
    year: int | None = None
    if m := re.fullmatch(r"(?:(this|next|last) )?year", text):
        year = today.year + {"this": 0, "next": 1, "last": -1, None: 0}[m[1]]
    elif re.fullmatch(r"\d{4}", text):
        year = int(text)
    if year is not None:
        if part in {"end", "late"}:
            return _valid(year, 12, None)
        if part in {"start", "beginning", "early"}:
            return _valid(year, 1, None)
        if part in {"middle", "mid"}:
            return _valid(year, 6, None)
        return _valid(year, None, None)
    if m := re.fullmatch(r"(?:(this|next|last|coming|past) )?" + _MONTH_WORD, text):
        month = _month_number(m[2])
        assert month is not None
        which = m[1]
        if which in {"next", "coming"}:
            year = today.year if month > today.month else today.year + 1
        elif which in {"last", "past"}:
            year = today.year if month < today.month else today.year - 1
        elif which == "this" or month == today.month:
            year = today.year
        elif past:
            year = today.year if month < today.month else today.year - 1
        else:
            year = today.year if month > today.month else today.year + 1
        return MonthDate(year, month)
    return None


_dateparser: Any = None


def _dateparser_parse(text: str, today: date, past: bool) -> datetime | None:
    global _dateparser
    if _dateparser is None:
        import dateparser  # slow to import: only when the fast paths fail

        _dateparser = dateparser
    settings = {
        "RELATIVE_BASE": datetime(today.year, today.month, today.day),
        "PREFER_DATES_FROM": "past" if past else "future",
        "REQUIRE_PARTS": ["year"] if re.search(r"\d{4}", text) else [],
    }
    try:
        result = _dateparser.parse(text, languages=["en"], settings=settings)
    except Exception:  # dateparser raises on some odd inputs; it is only a reader
        return None
    return result if isinstance(result, datetime) else None


def parse_date(text: str, today: date, past: bool) -> MonthDate | None:
    """A date in any common form. `past` says which way an ambiguous date leans
    ('March' is the last March for something that happened, the next one otherwise)."""
    clean = normalise(text)
    if not clean or len(clean) > 60:
        return None
    if found := _fast_date(clean, today, past):
        return found
    if re.fullmatch(r"[\d\s/.\-']+", clean):
        return None  # numbers that are not a date ("13/2020"): dateparser would guess
    if found := _relative_month(clean, today, past):
        return found
    if not re.search(r"[a-z0-9]", clean):
        return None
    parsed = _dateparser_parse(clean, today, past)
    if parsed is None:
        return None
    # dateparser fills a missing day with today's; a month is all the rules need.
    return _valid(parsed.year, parsed.month, None)


def is_why(text: str) -> bool:
    clean = normalise(text)
    return bool(
        re.fullmatch(
            r"(why|why\?|why do you (ask|need (that|this|it|to know))|why ask|what for|"
            r"why does (that|this|it) matter|what'?s (this|that) for|how come)\??",
            clean,
        )
    )
