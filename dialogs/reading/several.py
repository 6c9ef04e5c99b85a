"""One message, two answers to the same question: "maybe 2028 maybe 2029", "110k base plus
about 10k bonus", "husband makes 85,000, me maybe 45". A reader finds one value in the whole
message; read part by part, the message may give others that disagree with it. Then the
answer is never taken silently: the person is asked which, with the readings as buttons
(and "something else" by typing). Readings that agree ("58, born in 68"; "June 2027, the
15th") are one answer.

Only kinds whose answers are values (dates, ages, figures) are checked: a choice's words
are read by its own reader, clause by clause."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Any

from pydantic import BaseModel

from dialogs.answers import Age, Ask, BirthDate, Day, usable
from dialogs.reading import choices, money
from dialogs.reading.base import ReadContext, ask, prepare
from dialogs.reading.dates import same_or_finer
from dialogs.reading.text import clauses
from dialogs.reading.work import SPOUSE
from rules import Dollars, Match, PercentOfPay

Reader = Callable[[str, ReadContext], Any]

# The kinds read part by part, and the ask code for each (templates/reask.j2).
CHECKED = {
    "birth": "birth_several",
    "separation": "date_several",
    "pay": "money_several",
    "money": "money_several",
    "own": "money_several",
    "employer": "money_several",
    "service_years": "years_several",
}
# Where a message is cut into parts besides clauses: "and", "or", "plus", "+", "then", "maybe".
_JOINS = re.compile(
    r"\b(?:and|or|plus|then|maybe|either)\b|\+|/(?!\d|(?:mo|month|yr|year|wk|week|hr|hour)s?\b)"
)
MAX_OFFERED = 3
# How often, said once at the end of several figures: "ss 2400 and pension 1800 monthly"
_PERIOD_SAID = (
    r"\b(?:monthly|weekly|yearly|annually|a (?:month|week|year)|per (?:month|week|year)|/mo)\b"
)
_PERIOD_AT_END = rf"(?:{_PERIOD_SAID})\W*$"
# Parts a reader rightly sets aside: someone else's figure, or a change still to come.
_ASIDE = (
    rf"{SPOUSE}|\b(?:we|our|household|combined|together)\b|\b(?:increas\w*|raising|going up|"
    r"going to|will be|starting|next year|in january)\b"
)

# Parts about another kind of figure, by the kind being read: the person's own savings
# beside the employer's ("they put in 3k and i put in 10k"), the employer's beside the
# person's, and what goes into the plan beside pay ("150k salary, 401k takes out 23k").
_OWN_SAVING = r"\bi (?:only )?(?:put|contribute|defer|save|do)\b|\bmy (?:own )?contributions?\b"
_EMPLOYER_GIVING = r"\b(?:they|employer|company|match\w*)\b|\bprofit sharing\b"
# ... and a figure from before, which the money readers set aside for this year's ("used
# to match 4%", "was 88 but got a raise to 92").
_BEFORE = rf"{money.OTHER_YEAR}|{money.PAY_BEFORE}"
_ASIDE_FOR = {
    # another event's year beside the birth: "born 1967 in manila, came to the states in 1990"
    "birth": r"\b(?:came|moved|immigrated|married|graduated|started|hired|retired|left|joined)\b",
    "employer": rf"{_OWN_SAVING}|{_BEFORE}",
    "own": rf"{_EMPLOYER_GIVING}|{_BEFORE}|{money.AFTER_TAX_MONEY}",
    "pay": rf"{_OWN_SAVING}|{_EMPLOYER_GIVING}|{_BEFORE}|{money.NET_PAY}|\bafter$"
    r"|\b(?:401 ?k|403 ?b|457 ?b?|takes? out|withh[oe]ld\w*)\b",
}


# A message whose parts are one answer together: a start and an end of service ("started
# in 1995 and left in 2020" is 25 years, though its first part alone would be 31), or a
# figure and how many weeks or months it comes in.
_ONE_SPAN = {
    "service_years": rf"{choices.STARTED_IN}.*{choices.ENDED_IN}|{choices.STARTED_AT_AN_AGE}",
    # "unemployment for 6 months, about $450 a week": the count goes with the figure
    "money": rf"{money.SOME_PERIODS}|\d ?(?:%|percent) of\b",  # and a share of a sum
    "pay": rf"{money.SOME_PERIODS}|\btotal\b",  # "total comp about 180k (150 base + 30 bonus)"
    # "4% + 4% roth = 8%", "6 percent pretax and 4 roth"
    "own": rf"{money.SAID_TOTAL}|\d ?(?:%|percent)\b.*{money.BARE_SOURCE_SHARE}",
}
# A part that counts: one with a number; for a date, one with a year ("the 15th" alone
# would be read as the next 15th, not as the day of the month said before it).
_COUNTS = {"separation": r"\d{4}|'\d{2}\b"}


def parts_of(text: str, kind: str = "") -> list[str]:
    pieces = [p.strip() for clause in clauses(prepare(text)) for p in _JOINS.split(clause)]
    return [p for p in pieces if re.search(_COUNTS.get(kind, r"\d"), p)]


def _value(reading: Any, whole: Any, today: date) -> Any:
    """A part's reading; a part asked back with one likely value ("2029": which month?)
    still says that value, and one whose likely values include one agreeing with the
    whole message says that one ("up to 3%" beside "two dollars for every one")."""
    if isinstance(reading, Ask) and len(reading.candidates) == 1:
        return reading.candidates[0]
    if isinstance(reading, Ask):
        # a figure whose kind alone is asked ("4%": of pay, or a match?) is its figure
        default = reading.candidates[0] if reading.code in _FIGURE_ASKED else reading
        return next((c for c in reading.candidates if agree(whole, c, today)), default)
    return reading


# Asks that read the figure and only ask what kind it is (the first offer is the figure).
_FIGURE_ASKED = {"employer_percent_which"}


def _birth_years(reading: Any, today: date) -> set[int]:
    if isinstance(reading, Age):
        return {today.year - reading.years - 1, today.year - reading.years}
    if isinstance(reading, BirthDate):
        return {reading.year}
    return set()


def agree(a: Any, b: Any, today: date) -> bool:
    """Whether two readings can be one answer (one as precise as, or more than, the other)."""
    if a == b:
        return True
    if isinstance(a, Age | BirthDate) and isinstance(b, Age | BirthDate):
        if not _birth_years(a, today) & _birth_years(b, today):
            return False
        if isinstance(a, BirthDate) and isinstance(b, BirthDate):
            return _same_or_unsaid(a.month, b.month) and _same_or_unsaid(a.day, b.day)
        return True
    if isinstance(a, PercentOfPay) and isinstance(b, Match):
        a, b = b, a
    if isinstance(a, Match) and isinstance(b, PercentOfPay):
        # "my employer does 5%, only if i put in 5%": the part says the cap alone
        return b.percent in {a.up_to_percent, a.rate_percent * a.up_to_percent / 100}
    if isinstance(a, Day) and isinstance(b, Day):
        return same_or_finer(a, b)
    return False


def _amount(reading: Any) -> tuple[str, Any] | None:
    if isinstance(reading, Dollars):
        return "dollars", reading.amount
    if isinstance(reading, PercentOfPay):
        return "percent", reading.percent
    if isinstance(reading, int) and not isinstance(reading, bool):
        return "dollars", reading
    return None


def _total(found: list[Any]) -> Any | None:
    """The figures added up, as a reading of their kind ("110k base plus 10k bonus":
    $120,000); None unless there are two or more, all figures of one kind."""
    amounts = [_amount(r) for r in found]
    if len(found) < 2 or len({type(r) for r in found}) != 1 or None in amounts:
        return None
    total = sum(a[1] for a in amounts if a is not None)
    first = found[0]
    if isinstance(first, Dollars):
        return Dollars(amount=total)
    if isinstance(first, PercentOfPay):
        return PercentOfPay(percent=total)
    return total


def _same_or_unsaid(x: int | None, y: int | None) -> bool:
    return x is None or y is None or x == y


def _precision(reading: Any) -> int:
    if isinstance(reading, BaseModel):
        return sum(value is not None for value in reading.model_dump().values())
    return 0


def _distinct(readings: list[Any], today: date) -> list[Any]:
    """Readings that disagree, the most precise of each agreeing group."""
    groups: list[list[Any]] = []
    for reading in readings:
        for group in groups:
            if all(agree(reading, other, today) for other in group):
                group.append(reading)
                break
        else:
            groups.append([reading])
    return [max(group, key=_precision) for group in groups]


# A part that starts with its verb has the subject of the part before: "my husband is 60
# and makes 90k" - the 90k is his.
_NO_SUBJECT = r"^(?:also |then )?(?:makes?|earns?|gets?|brings? (?:in|home)|grosses|puts? in|has)\b"


def _set_aside(parts: list[str], aside: str) -> set[str]:
    """The parts a reader rightly sets aside, a part without a subject going with the one
    before it."""
    found: set[str] = set()
    for i, part in enumerate(parts):
        follows = i > 0 and parts[i - 1] in found and re.search(_NO_SUBJECT, part)
        if re.search(aside, part) or follows:
            found.add(part)
    return found


# Kinds of other income: figures of different kinds in one message add up.
INCOME_SOURCES = (
    r"\bpension\b|\bss\b|\bsocial security\b|\bannuity\b|\brent(?:al)?s?\b|\bdividends?\b"
    r"|\binterest\b|\bside (?:job|gig|business)\b|\bconsulting\b|\bpart[- ]?time\b"
    r"|\bdisability\b|\bva\b|\bira\b|\broyalt(?:y|ies)\b"
)


def _different_sources(parts: list[str]) -> bool:
    """Whether each part names one kind of income, each a different one."""
    named = [re.findall(INCOME_SOURCES, part) for part in parts]
    kinds = [found[0] for found in named if len(found) == 1]
    return len(kinds) == len(parts) and len(set(kinds)) == len(kinds)


# Choices a person may name two of, joined by "or": "single or head of household".
EITHER_KINDS = {"filing", "public_safety", "rolled", "inherited", "plan_type"}
_OR = r",? \bor\b,? (?:maybe |was it |is it |possibly |perhaps )?"
_NEGATED = r"\b(?:not|no|never|neither|nor)\b|n'?t\b"


def _either(reader: Reader) -> Reader:
    """`reader`, asking which when a short answer names two choices joined by "or"
    ("hoh i think, or single", "half or maybe all of it"); never the first one taken."""

    def read(text: str, ctx: ReadContext) -> Any:
        whole = reader(text, ctx)
        said = prepare(text)
        if not usable(whole) or not re.search(_OR, said) or re.search(_NEGATED, said):
            return whole
        pieces = [p.strip() for p in re.split(_OR, said) if p.strip()]
        if len(pieces) < 2 or any(len(p.split()) > 5 for p in pieces):
            return whole
        named = [r for r in (reader(p, ctx) for p in pieces) if usable(r) and r != "unsure"]
        distinct = list(dict.fromkeys(named))
        return ask("choice_which", distinct[:MAX_OFFERED]) if len(distinct) > 1 else whole

    read.__name__ = getattr(reader, "__name__", "either")
    read.__doc__ = reader.__doc__
    return read


def read_checked(kind: str, reader: Reader) -> Reader:
    """`reader`, asking which when the message's parts give answers that disagree."""
    if kind in EITHER_KINDS:
        return _either(reader)
    code = CHECKED.get(kind)
    if code is None:
        return reader

    def read(text: str, ctx: ReadContext) -> Any:
        whole = reader(text, ctx)
        if not usable(whole):
            return whole
        parts = parts_of(text, kind)
        prepared = prepare(text)
        if len(parts) < 2 or re.search(_ONE_SPAN.get(kind, "(?!)"), prepared):
            return whole
        said_once = re.search(_PERIOD_AT_END, prepared) if kind == "money" else None
        if said_once:  # "SS 2400 and pension 1800 monthly": how often, said once for all
            parts = [p if re.search(_PERIOD_SAID, p) else f"{p} {said_once[0]}" for p in parts]
        readings = {part: _value(reader(part, ctx), whole, ctx.today) for part in parts}
        found = [r for r in readings.values() if usable(r)]
        # "6% pretax plus 2% roth" read as 8%: the whole is the parts added up
        total = _total(found)
        if all(agree(whole, r, ctx.today) for r in found) or total == whole:
            return whole
        aside = _ASIDE + (f"|{_ASIDE_FOR[kind]}" if kind in _ASIDE_FOR else "")
        set_aside = _set_aside(list(readings), aside)
        own = [r for part, r in readings.items() if usable(r) and part not in set_aside]
        if own and all(agree(whole, r, ctx.today) for r in own):
            return whole  # "husband makes 100k and i make 60k": the person's own
        if kind == "money" and total is not None and _different_sources(list(readings)):
            return total  # "pension is 2k a month and SS is 1800 a month": income adds up
        # the total is offered when the person said "plus"
        said_plus = total is not None and re.search(r"\bplus\b|\+", text.lower())
        offered = _distinct([whole, *([total] if said_plus else []), *found], ctx.today)
        return ask(code, candidates=offered[:MAX_OFFERED])

    read.__name__ = getattr(reader, "__name__", kind)
    read.__doc__ = reader.__doc__
    return read
