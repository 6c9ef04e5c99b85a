"""Reading free text: dates, ages, dollar amounts, yes/no and plan names.

Every parser returns either a value or a `Problem`: a re-ask template name plus the
numbers its sentence needs. Nothing here raises on user input and nothing here
knows which question is on screen; the form decides what each answer means.

dialogs/form.py reads with these today. The readers that replace them, one per kind of
answer with typed values, Ask and Reject, are in dialogs/reading/ (see its docstring);
parse_date stays the dateparser fallback they use last."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any, Literal

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
_MONTH_WORD = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"

# People type these around an answer; they carry no meaning for us.
_FILLER = re.compile(
    r"\b(i'?m|i am|i was|it'?s|it is|it was|its|we|i|my|was|born|in|on|around|about|"
    r"roughly|approximately|approx|maybe|probably|like|um+|uh+|well|hmm+|ok(?:ay)?|so)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Problem:
    """Why a text could not be used: `code` names a template in templates/reask/."""

    code: str
    params: dict[str, Any] = field(default_factory=dict)


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


@dataclass(frozen=True)
class Age:
    years: int


_AGE_BEFORE = re.compile(
    r"(?:i'?m|i am|im|age|aged|my age is) ?(\d{1,3})(?: ?(?:years?|yrs?))?(?: old)?"
)
_AGE_AFTER = re.compile(r"(\d{1,3}) ?(?:years? old|yrs? old|yo|y/o|years?|yrs?)")


def parse_birth(text: str, today: date) -> MonthDate | Age | Problem:
    """A birth date, or an age ("I'm 54"). A bare two-digit number is ambiguous."""
    clean = normalise(text)
    if clean.startswith("-"):
        return Problem("birth_unreadable")
    if m := (_AGE_BEFORE.fullmatch(clean) or _AGE_AFTER.fullmatch(clean)):
        return _check_age(int(m[1]))
    if m := re.fullmatch(r"\d{1,3}", clean):
        number = int(m[0])
        if number >= 100:
            return _check_age(number)
        return Problem("birth_age_or_year", {"number": number, "year": 1900 + number})
    found = parse_date(clean, today, past=True)
    if found is None:
        return Problem("birth_unreadable")
    return check_birth(found, today)


def _check_age(years: int) -> Age | Problem:
    if years > 110:
        return Problem("age_too_old", {"age": years})
    if years < 16:
        return Problem("age_too_young", {"age": years})
    return Age(years)


def check_birth(born: MonthDate, today: date) -> MonthDate | Problem:
    if born.first_day() > today:
        return Problem("birth_in_future", {"year": born.year})
    age = today.year - born.year
    if age > 110:
        return Problem("age_too_old", {"age": age})
    if age < 16:
        return Problem("age_too_young", {"age": age})
    return born


def parse_month_name(text: str) -> int | None:
    clean = normalise(text)
    if m := re.fullmatch(_MONTH_WORD, clean):
        return _month_number(m[1])
    if m := re.fullmatch(r"(\d{1,2})", clean):
        number = int(m[1])
        return number if 1 <= number <= 12 else None
    return None


# ---------------------------------------------------------------------------
# Money

_MULTIPLIERS = {
    "k": 1_000,
    "thousand": 1_000,
    "grand": 1_000,
    "m": 1_000_000,
    "mm": 1_000_000,
    "million": 1_000_000,
    "mil": 1_000_000,
}
_NONE_WORDS = {"none", "nothing", "zero", "nil", "no", "nope", "0", "$0", "n/a", "na", "not any"}
_WORD_NUMBERS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "a hundred": 100,
    "hundred": 100,
}

MAX_DOLLARS = 10_000_000


@dataclass(frozen=True)
class Percent:
    value: Decimal


@dataclass(frozen=True)
class Max:
    """'max': the most the law allows, looked up for the person's age and tax year."""


def parse_money(
    text: str, allow_percent: bool = False, allow_max: bool = False
) -> int | Percent | Max | Problem:
    clean = normalise(text)
    clean = re.sub(
        r"\b(about|around|roughly|approx(?:imately)?|maybe|like|i make|i earn|i get|"
        r"i put in|i contribute|they put in|they contribute|a year|per year|/ ?yr|/ ?year|"
        r"annually|each year|usd|dollars?|bucks|a match|match|matching|"
        r"of (?:my )?(?:pay|salary))\b",
        " ",
        clean,
    )
    clean = re.sub(r"\s+", " ", clean).strip()
    if allow_max and re.fullmatch(
        r"(the )?(max|maximum|maxed|max out|maxed out|the limit|limit|full amount|all)"
        r"( it)?( out)?",
        clean,
    ):
        return Max()
    if clean in _NONE_WORDS:
        return 0
    if clean.startswith("-") or clean.startswith("minus") or re.match(r"\$\s*-", clean):
        return Problem("money_negative")
    if m := re.fullmatch(r"(\d+(?:\.\d+)?)\s*(%|percent|pct)", clean):
        if not allow_percent:
            return Problem("money_no_percent")
        value = Decimal(m[1])
        if value > 100:
            return Problem("percent_too_big", {"percent": m[1]})
        return Percent(value)
    for word, number in _WORD_NUMBERS.items():
        clean = re.sub(rf"\b{word}\b", str(number), clean)
    m = re.fullmatch(r"\$?\s*(\d[\d,]*(?:\.\d+)?)\s*(k|m|mm|thousand|grand|million|mil)?", clean)
    if m is None:
        return Problem("money_unreadable")
    digits = m[1].replace(",", "")
    try:
        amount = Decimal(digits) * _MULTIPLIERS.get(m[2] or "", 1)
    except InvalidOperation:
        return Problem("money_unreadable")
    if amount > MAX_DOLLARS:
        return Problem("money_too_big", {"amount": int(amount)})
    return int(amount.to_integral_value())


# ---------------------------------------------------------------------------
# Yes / no / not sure, plan types, topics

YesNo = Literal["yes", "no", "unsure"]

_UNSURE = re.compile(
    r"^(not sure|unsure|idk|i don'?t know|dont know|don'?t know|dunno|no idea|not certain|"
    r"maybe|perhaps|no clue|i'?m not sure|im not sure|\?+|i have no idea|can'?t remember|"
    r"not that i know|no sé|unknown|who knows|beats me|hmm+)\b"
)
_YES = re.compile(
    r"^(y|ya|yes|yeah|yea|yep|yup|yess+|sure|of course|correct|right|true|definitely|"
    r"absolutely|it does|they do|i do|i have|it is|i did|affirmative|ok|okay|👍|✅)\b"
)
_NO = re.compile(
    r"^(n|no|nope|nah|not really|never|negative|it doesn'?t|it does not|they don'?t|"
    r"i don'?t|i haven'?t|i have not|haven'?t|didn'?t|i didn'?t|doesn'?t|not|none|false|👎|❌)\b"
)


def parse_yes_no(text: str) -> YesNo | None:
    clean = normalise(text)
    if _UNSURE.match(clean):
        return "unsure"
    if _NO.match(clean):
        return "no"
    if _YES.match(clean):
        return "yes"
    return None


def parse_plan_type(text: str) -> str | None:
    clean = normalise(text)
    clean = re.sub(r"^(it'?s|its|it is|a|an|my|we have|i have|the)\s+", "", clean)
    clean = re.sub(r"^(a|an)\s+", "", clean)
    compact = re.sub(r"[\s()\-.]", "", clean)
    if _UNSURE.match(clean):
        return "unsure"
    if "tsp" in compact or "thriftsavings" in compact:
        return "tsp"
    if "403b" in compact or compact.startswith("403") or compact == "tsa":
        return "403b"
    if "457" in compact:
        return "457b"
    if "401k" in compact or compact in {"401", "k", "roth401k"}:
        return "401k"
    if "401a" in compact or "pension" in compact or "cashbalance" in compact:
        return "401a"
    if "simple" in compact:
        return "simple"
    if "sep" in compact:
        return "sep"
    if "ira" in compact:
        return "ira"
    if compact in {"other", "somethingelse", "none"}:
        return "other"
    return None


def parse_topics(text: str) -> str | None:
    clean = normalise(text)
    if re.search(r"\b(both|all|everything|each|either)\b", clean):
        return "both"
    rule = bool(re.search(r"\b(55|rule|early|withdraw|penalty|10%)", clean))
    mega = bool(re.search(r"(mega|backdoor|back door|roth|after[- ]tax)", clean))
    if rule and mega:
        return "both"
    if rule:
        return "r55"
    if mega:
        return "mbr"
    return None


def parse_whole_number(text: str, low: int, high: int) -> int | None:
    clean = normalise(text)
    clean = re.sub(
        r"\b(about|around|roughly|years?|yrs?|of service|almost|nearly|over)\b", " ", clean
    )
    clean = clean.strip()
    if m := re.fullmatch(r"(\d{1,3})", clean):
        number = int(m[1])
        return number if low <= number <= high else None
    return None


def is_why(text: str) -> bool:
    clean = normalise(text)
    return bool(
        re.fullmatch(
            r"(why|why\?|why do you (ask|need (that|this|it|to know))|why ask|what for|"
            r"why does (that|this|it) matter|what'?s (this|that) for|how come)\??",
            clean,
        )
    )
