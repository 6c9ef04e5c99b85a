"""Money: yearly pay, other income or a withdrawal (whole dollars a year), and the
person's own and the employer's contributions (dollars, % of pay, max, a match)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import wraps
from typing import TypeVar

from dialogs.answers import Ask, Employer, Own, Read, Reject, Unsure, usable
from dialogs.reading.base import MINUS, PLAN_NAMES, ReadContext, ask, has, prepare, reject
from dialogs.reading.dates import M, month_number
from dialogs.reading.text import (
    DECLINING,
    SPOUSE_NOUNS,
    SPOUSE_SAID,
    UNSURE,
    clauses,
    not_the_spouses,
)
from dialogs.reading.typos import correct
from dialogs.reading.words import load
from rules import Dollars, Match, MaxDeferral, PercentOfPay, limits_for

MAX_DOLLARS = 10_000_000
SCALES = {
    "k": 1_000,
    "thousand": 1_000,
    "thou": 1_000,
    "grand": 1_000,
    "g": 1_000,
    "m": 1_000_000,
    "mm": 1_000_000,
    "mil": 1_000_000,
    "mill": 1_000_000,
    "million": 1_000_000,
}
PERIODS = [  # (pattern after an amount, times a year); None: pay frequency needed
    (r"every (?:2|other) weeks?|bi[- ]?weekly|fortnight(?:ly)?", 26),
    (r"twice (?:a|per) month|semi[- ]?monthly|2x (?:a|per) month", 24),
    (r"bi[- ]?monthly", -1),  # twice a month, or every other month: ask
    (r"(?:a|per|/|each|every|an?) ?(?:month|mo|mon)\b|monthly", 12),
    (r"(?:a|per|/|each|every) ?(?:week|wk)\b|weekly", 52),
    (r"(?:a|per|/|an|each) ?(?:hour|hr)\b|hourly", 0),
    (r"(?:a|per|/|each|every) ?(?:pay ?check|check|paycheque|pay ?period|pay)\b", -1),
    (r"(?:a|per|/|each|every) ?(?:year|yr)\b|annual(?:ly)?|yearly", 1),
    (r"(?:a|per|/|each|every) ?(?:quarter|qtr)\b|quarterly|every (?:3|three) months", 4),
    (r"(?:in )?every (?:6|six) months|twice a year|semi[- ]?annual(?:ly)?", 2),
]
PAID = [
    (r"paid (?:bi[- ]?weekly|every (?:2|other) weeks?)|bi[- ]?weekly|every (?:2|other) weeks?", 26),
    (r"paid (?:semi[- ]?monthly|twice a month)|semi[- ]?monthly|twice a month", 24),
    (r"paid (?:weekly|every week)", 52),
    (r"paid monthly", 12),
]
NOT_MONEY_AFTER = (
    r" ?(?:%|percent|pct|yrs?\b|years?\b|months?\b|mos?\b|weeks?\b|wks?\b|days?\b|hrs?\b|"
    r"hours?\b|kids?\b|more\b|checks?\b|paychecks?\b|times\b|x\b|of (?:my )?(?:pay|salary)"
    r"|of us\b|people\b|employees\b|guys\b|workers\b)"
)
ZERO = (
    r"^(?:0|\$0|zero|none|nothing|nada|nil|zip|zilch|no(?! idea| clue| earthly)|nope|n/a|na)\b"
    r"|\bnothing\b|\bnone\b|"
    r"\bnada\b"
    r"|\bzero\b|\bzip\b|^\$?0(?:\.00)?\b|\bno other income\b|\bnot (?:planning|"
    r"going) to (?:withdraw|take)"
    r"|\bhaven'?t put anything\b|\bhavent put anything\b|\bnot contributing\b|\bdon'?t contribute\b"
    r"|\bdont contribute\b|\bno match\b|\bstopped matching\b|\bdoesn'?t (?:match|contribute)\b|"
    r"\b(?:doesn'?t|does not|don'?t|do not) (?:do|offer|have|give) (?:a |any )?match\b|"
    r"\bdon'?t (?:have to )?put in anything\b|\bput in nothing\b"
    r"|\b(?:don'?t|do not|not|haven'?t|have not) put(?:ting)? (?:anything|a dime|a penny) in\b"
    r"|\b(?:suspended|paused|froze|frozen)\b(?!.*\b(?:resumed|restarted|back)\b)"
    # a match that is not there now: "they dont match anything", "used to match but stopped"
    r"|\b(?:don'?t|dont|do not|never|no longer) match\b|\bused to match\b"
    r"|^(?:they |then they |but )?(?:stopped|quit|ended it|cut it)(?: it)?"
    r"(?: (?:during|in|after|when|because|since|back in|a while|a few years|years ago)\b.*)?$"
    r"|^not anymore$"
    r"|\b(?:not|(?:don|doesn|didn|won)'?t (?:put in|give|contribute|pay)) (?:a|one) "
    r"(?:dime|penny|cent|red cent)\b"
    r"|^match(?:ing)?\W+(?:(?:lol|haha|ha)\W+)?(?:no|nope|nah|none)$"
)
VAGUE = (
    r"\b(?:a )?(?:few|couple|coupla|some|several) (?:thousand|grand|1000|hundred|k)\b|\d figures?\b"
    r"|\b(?:low|mid|high|upper|lower)[- ]\$?\d+'?s\b|\bjust (?:under|over|shy of)\b"
    r"|\ba (?:little|bit) (?:under|over|less than|more than)\b"
    r"|\bfigures\b|\bas much as (?:i can|possible)\b|^everything$|^all of it$|\ba lot\b|\bdecent\b"
    r"|\bodd jobs?\b|\b\d+ ?k? something\b|\bin the (?:low |mid |high |upper )?\d+'?s\b"
)
# Some of a unit: "a couple hundred thousand" (read "a couple 100000"), "several 1000"; or
# a count of weeks or months not said: "3k a month for a few months"
SOME_OF_A_UNIT = (
    r"\b(?:few|couple|coupla|several) (?:of )?(?:100|1000|100000|1000000)\b"
    r"|\bfor (?:a few|a couple(?: of)?|several|some) (?:weeks|months)\b"
    # "200k plus, depends on the year": at least that much
    r"|\d ?(?:k|grand|thousand)? ?(?:plus|\+)(?=\s*(?:[,.;]|$|depend|or so|and up))"
)
# A figure said only as a bound: "under 10k", "no more than 50", "max 40k but probably less"
BOUND = (
    r"^(?:(?:just|a little|a bit|somewhat|probably|definitely|well) )?(?:under|less than|below"
    r"|at most|no more than|not more than|not over|over|more than|at least|north of|south of)"
    r" \$?\d|^max(?:imum)? \$?\d[^,.;]*\bless\b"
)
# Money that comes now and then: the year's amount is not said
NOW_AND_THEN = r"\bhere and there\b|\bon and off\b|\bnow and then\b|\bevery so often\b"
RANGE = (
    r"\d[\d,.]*\s*(?:k|grand|thousand|%|percent)?\s*(?:-|to|or)\s*\$?\d[\d,.]*\s*"
    r"(?:k|grand|thousand|%|percent)?(?!\d)|\bbetween \$?\d[\d,.]*\s*(?:k|grand|"
    r"thousand)? and \$?\d"
)
PERCENT = re.compile(r"(?<![\d.])(\d{1,3}(?:\.\d+)?) ?(?:%|percent|pct|per cent)")
NUMBER = re.compile(
    r"(?P<neg>(?<![\w])-|minus |negative )?(?P<dollar>\$\s?)?"
    r"(?P<num>\d{1,3}(?:,\d{3})+|\d{1,3}(?: \d{3})+(?![\d,])|\d+)(?P<frac>\.\d+)?"
    r"(?:\s?(?P<scale>k|thousand|thou|grand|mm|mil|mill|million|m|g)\b)?"
    r"(?:\s?(?P<unit>dollars|bucks|usd)\b)?"  # "eight hundred dollars": $800, no thousands
)


@dataclass(frozen=True)
class Amount:
    start: int
    end: int
    value: Decimal
    dollar: bool  # a $ sign or a unit (k, grand...) says it is money
    negative: bool
    per_year: int | None  # times a year; 0 hourly; -1 per paycheck; None: not said


ONES = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
# "one twenty five": spoken salary shorthand for 125k
SPOKEN = re.compile(
    rf"\b({'|'.join(ONES)}) ({'|'.join(TENS)})(?:[ -]({'|'.join(ONES)}))?\b(?! (?:thousand|k|"
    rf"grand|dollars))"
)


def _spoken(m: re.Match[str]) -> str:
    hundreds = ONES.index(m[1]) + 1
    tens = (TENS.index(m[2]) + 2) * 10 + (ONES.index(m[3]) + 1 if m[3] else 0)
    return f"{hundreds * 100 + tens}k"


TEENS = [
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
# "sixty two five", "nineteen five": thousands, then the hundreds, as salaries are said
# aloud (62,500; 19,500)
SPOKEN_THOUSANDS = re.compile(
    rf"\b((?:{'|'.join(TENS)})[ -](?:{'|'.join(ONES)})|{'|'.join(TEENS)}) "
    rf"({'|'.join(ONES)})\b(?![ -](?:{'|'.join(ONES + TENS + TEENS)}|hundred|thousand|k|grand|"
    rf"dollars|percent|%))"
)


def _spoken_thousands(m: re.Match[str]) -> str:
    words = re.split(r"[ -]", m[1])
    thousands = sum(
        (TENS.index(w) + 2) * 10
        if w in TENS
        else TEENS.index(w) + 10
        if w in TEENS
        else ONES.index(w) + 1
        for w in words
    )
    return f"{thousands}.{ONES.index(m[2]) + 1}k"


# European number formats: "$25.000" (a dot before three digits and nothing after is a
# thousands separator) and "72,5k" (a decimal comma before a unit).
EURO_THOUSANDS = re.compile(
    r"(?<![\d.,])(\d{1,3})((?:\.\d{3})+)"
    r"(?![\d.,]|\s?%|\s?(?:k|m|mm|mil|mill|million|g|grand|thousand|percent|pct|per cent)\b)"
)
EURO_DECIMAL = re.compile(
    r"(?<![\d.,])(\d{1,3}),(\d{1,2})(?=\s?(?:k|m|mil|million|grand|thousand)\b)"
)


def _european(text: str) -> str:
    text = EURO_THOUSANDS.sub(lambda m: m[1] + m[2].replace(".", ""), text)
    return EURO_DECIMAL.sub(r"\1.\2", text)


# An age is no amount: "age 56 salary 105000", "im 56, make 105k"
AGE_SAID = (
    r"\b(?:age|aged) \d{2}\b|\b\d{2} ?(?:yo|y/o|years? old|yrs? old)\b"
    r"|\b(?:i'?m|im|i am) \d{2}\b(?! ?(?:k|grand|thousand|%|percent|an hour|/hr|a year|dollars))"
)


def _prepare(text: str) -> str:
    text = _european(text.lower())
    text = re.sub(r"(?<=\d)o+|o(?=\d)", lambda m: "0" * len(m[0]), text)  # "1o5k", "3,5oo"
    text = re.sub(r"\b(\d{1,3})l\b", r"\1k", text)  # "35l": the key beside k
    text = re.sub(r"(\d) ?(?:pct|per ?cent)\b", r"\1%", text)  # "50 pct match"
    text = re.sub(r"\bdollar-for-dollar\b", "dollar for dollar", text)
    # "$1 for every $2 i put in": one dollar for every two
    text = re.sub(r"\$([1-4]) for (?:every|each) \$([1-4])\b", r"\1 for \2", text)
    text = re.sub(r"\b(\d{1,2}) ?c\b(?= on the dollar)", r"\1 cents", text)  # "50c on the dollar"
    text = re.sub(r"\ba (grand|thousand)\b", r"1 \1", text)  # "a grand a month"
    text = re.sub(r"\b(?:402 ?\(?g\)?|415 ?\(?c\)?|irs|deferral) limit\b", "the limit", text)
    text = re.sub(r"\b(?:1|one) (?:to|for|:) ?(?:1|one)\b", "dollar for dollar", text)
    text = re.sub(r"\bhalf a mil(?:lion|l)?\b", "500k", text)
    text = re.sub(r"\b(?:a )?quarter (?:of a )?mil(?:lion|l)?\b", "250k", text)
    said = correct(text)  # slips first: "sixxty two five" is said aloud too
    text = SPOKEN_THOUSANDS.sub(_spoken_thousands, SPOKEN.sub(_spoken, said))
    text = prepare(text)
    text = re.sub(r"\b(\d{1,3}) point (\d{1,2})\b", r"\1.\2", text)  # "two point five k"
    text = re.sub(r"\b(\d{1,3}) and a half ?(k|grand|thousand)\b", r"\1.5\2", text)
    text = re.sub(r"\b(\d{1,3}) large\b", r"\1k", text)  # "fifty large"
    text = re.sub(r"\b(?:just )?(?:enough )?to get the (?:full )?match\b", " ", text)
    text = re.sub(PLAN_NAMES, " ", text)
    text = re.sub(AGE_SAID, " ", text)
    # "stopped matching in 2020", "since 2019": a year said with its preposition is no amount
    text = re.sub(
        r"\b(?:in|since|from|until|till|as of|starting|back in) (?:19|20)\d{2}\b", " ", text
    )
    return text


def _period(after: str) -> int | None:
    window = " ".join(after.split()[:4])
    for pattern, times in PERIODS:
        m = re.search(pattern, window)
        if m and m.start() <= 14:
            return times
    return None


# How often, said before the amount: "biweekly paycheck of 3,100", "weekly 1,200 gross"
PERIOD_BEFORE = {
    r"bi-?weekly|every (?:2|two|other) weeks?": 26,
    r"semi-?monthly|twice a month": 24,
    r"weekly": 52,
    r"monthly": 12,
}


def _period_before(before: str) -> int | None:
    if re.search(r"\b\d{1,2} ?(?:hrs?|hours?)(?: a| per|/| each)? ?(?:week|wk) at ?\$?$", before):
        return 0  # "20 hrs a week at $18": an hourly rate
    for pattern, times in PERIOD_BEFORE.items():
        said = (
            rf"\b(?:{pattern})(?: (?:gross|net|take[- ]?home))?(?: (?:pay ?check|check|pay|salary"
            r"|income|gross|wages?))?(?: (?:is|was|of|about|around|roughly))*:? ?\$?$"
        )
        if re.search(said, before):
            return times
    # "my last paycheck gross was 3,450": a paycheck's figure, how often not said
    paycheck = r"\b(?:pay ?check|paycheque|check|pay ?stub)(?: (?:gross|net|take[- ]?home))?"
    if re.search(rf"{paycheck}(?: (?:is|was|of|about|around|roughly|says|like))*:? ?\$?$", before):
        return -1
    return None


def _said_period(before: str, after: str) -> int | None:
    times = _period(after)
    return times if times is not None else _period_before(before)


def amounts(text: str) -> list[Amount]:
    """Dollar-looking numbers in `text`, with how often a year when said."""
    found: list[Amount] = []
    for m in NUMBER.finditer(text):
        before = text[: m.start()]
        after = text[m.end() :]
        if re.search(r"[a-z\d/:.]\(?$", before) and not m["dollar"] and not m["neg"]:
            continue  # inside a word or a date, or a word's brackets: "alert(1)"
        if re.match(r"[/:]\d", after) or re.match(NOT_MONEY_AFTER, after):
            continue
        try:
            value = Decimal(m["num"].replace(",", "").replace(" ", "") + (m["frac"] or ""))
        except InvalidOperation:
            continue
        scale = m["scale"]
        value *= SCALES.get(scale or "", 1)
        found.append(
            Amount(
                m.start(),
                m.end(),
                value,
                bool(m["dollar"] or scale or m["unit"]),
                bool(m["neg"]),
                _said_period(before, after),
            )
        )
    return found


def _paid_per_year(text: str) -> int | None:
    for pattern, times in PAID:
        if re.search(pattern, text):
            return times
    return None


# Only some weeks or months of the year: "26 weeks of unemployment at $450 a week", "2k a
# month for 6 months".
SOME_PERIODS = (
    r"\bfor (?:the )?(?:next |first |last )?(\d{1,2}) (weeks?|months?)\b"
    r"|\b(\d{1,2}) (weeks?|months?) (?:at|of)\b"
)


def _periods_paid(text: str, times: int | None) -> int | None:
    """How many of the weeks or months a figure is said for come in the year, when fewer
    than all of them are said."""
    m = re.search(SOME_PERIODS, text)
    if m is None or times not in {12, 52}:
        return times
    count, unit = int(m[1] or m[3]), m[2] or m[4]
    if unit.startswith("month") and times == 52 and 0 < count < 12:
        return round(count * 52 / 12)  # "$450 a week for 6 months": 26 weeks
    if (unit.startswith("week")) != (times == 52) or not 0 < count < times:
        return times
    return count


def _yearly(amount: Amount, text: str, period: int | None = None) -> Read[int]:
    times = _periods_paid(text, amount.per_year if amount.per_year is not None else period)
    if times == -1:
        times = _paid_per_year(text)
        if times is None:
            return ask("money_per_paycheck", amount=int(amount.value))
    if times == 0:
        # "40 hrs a week", or "40 hrs" beside an hourly rate: hours a week unless said otherwise
        yearly = re.search(r"\b(\d{1},?\d{3}) ?(?:hrs?|hours?)\b", text)  # "2080 hours"
        hours = re.search(
            r"(\d{1,2}) ?(?:hrs?|hours?)\b(?:(?: a| per|/| each)? ?(?:week|wk)\b"
            r"|(?!(?: a| per|/| each)? ?(?:day|month|year|yr|pay)))",
            text,
        )
        if yearly is not None:
            times = int(yearly[1].replace(",", ""))
        elif hours is not None:
            times = int(hours[1]) * 52
        else:
            return ask("pay_hours", rate=str(amount.value))
    return int((amount.value * (times or 1)).to_integral_value())


def _common_period(found: list[Amount]) -> int | None:
    periods = {a.per_year for a in found if a.per_year is not None}
    return periods.pop() if len(periods) == 1 else None


def _check_size(value: int) -> Read[int]:
    if value > MAX_DOLLARS:
        return reject("money_too_big", amount=value)
    return value


# Thousands groups of other than three digits: a slip whose value nobody can tell.
BAD_GROUPING = r"\d,(?!\d{3}(?!\d))\d"
_IN_THOUSANDS = load("numbers")["pay_in_thousands"]
_THOUSANDS_LOW, _THOUSANDS_HIGH = int(_IN_THOUSANDS["low"]), int(_IN_THOUSANDS["high"])


def _dollars(text: str, pay: bool, said_period: int | None = None) -> Read[int] | None:
    """One yearly dollar figure from `text`, or an Ask/Reject; None when there is none.
    Under 1000 without a unit is asked ("150": $150k?), and for pay even with a $ — but
    bare pay of 15-999 (numbers.toml `pay_in_thousands`) is thousands."""
    if has(RANGE, text):
        return ask("money_range")
    if has(BAD_GROUPING, text):
        return ask("money_unreadable")  # "$75,5000": 75,500 or 755,000?
    found = amounts(text)
    if not found:
        return None
    if any(a.negative for a in found):
        return reject("money_negative")
    first = found[0]
    if first.value == 0:
        return 0
    value = int(first.value)
    bare = not first.dollar and first.value == value and first.per_year in (None, 1)
    if pay and bare and _THOUSANDS_LOW <= value <= _THOUSANDS_HIGH:
        return value * 1000  # "95", "120 a year": nobody is paid $95 a year
    if first.value < 1000 and first.per_year in (None, 1) and (pay or not first.dollar):
        # "150", "50 a year": $150 or $150k? (a month's "500 a month" is plain dollars)
        return ask("money_unit", [value * 1000, value], number=value)
    period = _common_period(found)
    if period is None and first.value < 20_000:  # "128k" beside "7k a month" is yearly
        period = said_period
    yearly = _yearly(first, text, period)
    return _check_size(yearly) if isinstance(yearly, int) else yearly


def _without_vague_words(text: str) -> str:
    """ "six figures, 105k": a vague phrase beside an explicit figure says nothing more."""
    rest = re.sub(VAGUE, " ", text)
    return rest if [a for a in amounts(rest) if a.value >= 1000 or a.per_year] else text


HOUSEHOLD = (
    r"\bwe (?:make|earn|bring)\b|\btogether\b|\bcombined\b|\bhousehold\b"
    r"|\bbetween (?:us|the (?:two|2) of us|both of us)\b"
    r"|\b(?:me|i) (?:and|&) (?:my )?(?:wife|husband|spouse|partner|hubby)\b"
    r"|\b(?:my )?(?:wife|husband|spouse|partner|hubby) (?:and|&) (?:i|me)\b|\bboth of us\b"
)
OWN_PAY = r"\b(?:i|me|myself|mine|my (?:salary|pay|income|wages?|part|share))\b(?! (?:and|&) )"
NET_PAY = (
    r"\btake[ -]?home\b|\bnet\b|\bafter tax(?:es)?\b|\b(?:i|we) clear\b|\bin hand\b"
    r"|\bafter (?:everything|deductions|all (?:the )?deductions|insurance)\b"
    r"|\b(?:not sure|unsure|don'?t know|idk|no idea) (?:if|whether) (?:that'?s|thats|it'?s|its"
    r"|this is|that is|it is) (?:gross|before tax)"
    r"|\bbring(?:s|ing)? home\b"
)
GROSS = r"\bgross\b|\bbefore tax(?:es)?\b|\bpre[- ]?tax\b|\bsalary\b|\bbase\b"


def _no_figure_to_read(text: str) -> Ask | Unsure | None:
    """Before any reader reads a figure: one nobody can tell ("72,5": 72.5, 725 or 72,500?),
    one said only as a bound or a rough multiple ("under 10k", "a couple hundred thousand"),
    or none given at all ("none of your business": not sure, never $0)."""
    if has(BAD_GROUPING, text):
        return ask("money_unreadable")
    if has(SOME_OF_A_UNIT, text) or (has(BOUND, text) and len(amounts(text)) == 1):
        return ask("money_vague")
    if has(DECLINING, text) and not amounts(text):
        return "unsure"
    return None


# "and" before someone new: "i make 88k and my wife makes 60"; without one, the part after
# "and" is still about the same person ("she's 52 and makes 180k": her pay).
NEW_SUBJECT = (
    r"\band\b(?= (?:i|i'?m|im|me|my|mine|she|she'?s|he|he'?s|her|his|hers|we|our|the"
    r"|(?:my )?(?:wife|husband|spouse|partner|hubby))\b)"
)
# Pay besides the base: "with tokes", "plus tips", "bonus", "overtime", "commission"
PAY_ON_TOP = r"\b(?:tips|tokes|gratuities|bonus(?:es)?|overtime|ot|commissions?|incentives?)\b"
# Pay on top of a figure, of a size not said: "85k plus overtime", "not counting bonus".
UNSIZED_PAY = (
    r"\b(?:plus|\+|and|not counting|not including|before|excluding|without|on top)"
    r"(?: of)?(?: some| my| the| a| an| any)? (?:overtime|ot|bonus(?:es)?|commissions?|tips"
    r"|incentive pay)\b"
    r"|\b(?:overtime|ot|bonus(?:es)?|commissions?|tips)(?: \w+)? (?:varies|vary|varying|on top)\b"
)
# A figure the pay was before a change: "was 88 but got a raise to 92"
PAY_BEFORE = r"^(?:it |my pay |my salary |pay |salary |i )?(?:was|used to be|made|used to make)\b"


# A change of pay during this year: "got a raise to 76 in may" (both count for part of it)
PAY_CHANGED_IN = (
    rf"\b(?:raise|raised|bump(?:ed)?|increase[d]?|promot\w+|cut|went (?:up|down)|dropped"
    rf"|(?:went|switched|going|cut back to) part[- ]?time)\b"
    rf"[^,.;]*\b(?:in|since|as of|starting) {M}"
)


def _pay_now(parts: list[str]) -> list[str]:
    """The parts about the pay now, where others say what it was ("was 88, now 92")."""
    now = [p for p in _this_years(parts) if not has(PAY_BEFORE, p)]
    return now if any(has(r"\d", p) for p in now) else parts


T = TypeVar("T")
FigureReader = Callable[[str, ReadContext], Read[T]]
# Doubt about the figure itself: "six thousand... or was it sixteen hundred", "or is it 8",
# "5 grand or 5%, one of those", "15k, or maybe that includes the match".
SELF_DOUBT = (
    r"\bor (?:was|is) (?:it|that|this)\b|\bor (?:it'?s|its|it was)\b"
    r"|\bone of (?:those|the two)\b|\bor maybe\b"
    # someone else's word on the same figure: "like 93k but my wife says 97"
    r"|\bbut (?:my )?(?:wife|husband|spouse|partner|hubby|hr|payroll|the paystub|they)"
    r" (?:says|said|thinks|reckons|claims)\b"
    r"|\bbut (?:it |that )?(?:might|may|could) (?:be|have been)\b(?= \$?\d)"
)


def doubt_offered(reader: FigureReader[T]) -> FigureReader[T]:
    """A figure said in doubt is offered back as a button, never taken as it is."""

    @wraps(reader)
    def read(text: str, ctx: ReadContext) -> Read[T]:
        got = reader(text, ctx)
        said = _prepare(text)
        doubt = re.search(SELF_DOUBT, said)
        if not usable(got) or doubt is None:
            return got
        first, second = reader(said[: doubt.start()], ctx), reader(said[doubt.end() :], ctx)
        if isinstance(first, Ask | Reject):
            return first  # "i think 18, or is it 8": what 18 is comes first
        if usable(first) and usable(second) and first != second:
            return ask("money_several", [first, second])  # "6k... or was it 1,600"
        return ask("money_in_doubt", [got])

    return read


# Figures that are not the person's own: a spouse's alone ("my wifes employer matches 6%"),
# or the two together ("we put in 40k between the two of us").
TOGETHER = rf"{HOUSEHOLD}|\b(?:the (?:two|2) of us|we both|our employers)\b"
OWN_SAID = r"\b(?:mine|my own|for me|myself)\b|\b(?:i|i'?m) (?:put|do|contribute|get|defer|save)\b"


def own_figures_only(reader: FigureReader[T]) -> FigureReader[T]:
    """A spouse's figure or the couple's, with none said to be the person's, is asked for
    again: the question is about the person's own plan."""

    @wraps(reader)
    def read(text: str, ctx: ReadContext) -> Read[T]:
        t = _prepare(text)
        parts = [p for c in clauses(t) for p in re.split(NEW_SUBJECT, c)]
        # the parts that say something: a figure, or none ("no match. my wife's job ...")
        saying = [p for p in parts if has(r"\d", p) or has(ZERO, p)]
        others = saying and all(has(rf"{SPOUSE_NOUNS}|{TOGETHER}", p) for p in saying)
        if others and not has(OWN_SAID, re.sub(TOGETHER, " ", t)):
            return ask("money_someone_elses")
        return reader(text, ctx)

    return read


@doubt_offered
def read_pay(text: str, ctx: ReadContext) -> Read[int | Unsure]:
    t = whole = _prepare(text)
    if (not_a_figure := _no_figure_to_read(t)) is not None:
        return not_a_figure
    t = re.sub(r"\([^)]*\)?", " ", t)
    if has(RANGE, t):
        return ask("money_range")
    if has(HOUSEHOLD, t) and not has(OWN_PAY, re.sub(HOUSEHOLD, " ", t)):
        return ask("pay_household")  # "me and my wife make 150k": not the person's own
    if has(PART_OF_YEAR, t) or (has(PAY_CHANGED_IN, t) and len(amounts(t)) == 1):
        # "90k but i only worked half the year", "120 but went part time in august": the
        # year's pay is less than the figure, by how much is not said
        said = _dollars(re.sub(rf"{PART_OF_YEAR}|{PAY_CHANGED_IN}", " ", t), pay=True)
        return ask("pay_part_year", [said] if isinstance(said, int) and said > 0 else [])
    if has(PAY_BEFORE, t) and has(PAY_CHANGED_IN, t) and len(amounts(t)) == 2:
        # "it was 70 but I got a raise to 76 in may": this year's pay is some of each
        both = [_dollars(p, pay=True) for p in re.split(r"\bbut\b|,|;", t)]
        figures = [f for f in both if isinstance(f, int) and f > 0]
        if len(figures) == 2:
            return ask("pay_part_year", figures)
    parts = [  # the spouse's pay is not the person's: "i make 88k, my wife makes 60"
        p
        for clause in _pay_now(clauses(t))
        for p in re.split(rf"{NEW_SUBJECT}|(?=\bi (?:make|earn|get|bring|gross|am paid)\b)", clause)
        if not has(SPOUSE_SAID, p)
    ]
    # "household is about 250k, i make maybe 140": the person's own figure, where one
    # part says it is theirs and another is the household's
    mine = [p for p in parts if has(r"\d", p) and has(OWN_PAY, p) and not has(NET_PAY, p)]
    if mine and len(mine) < len([p for p in parts if has(r"\d", p)]):
        parts = mine
    # "base is 28k but with tokes i clear around 65": the base, and pay on top of it
    base = [p for p in parts if has(r"\d", p) and has(r"\bbase\b", p)]
    if base and len(amounts(t)) == 2 and has(PAY_ON_TOP, t) and has(NET_PAY, t):
        said = _dollars(base[0], pay=True)
        return ask("pay_extra", [said] if isinstance(said, int) else [], amount=said)
    # "gross is 128k, i take home around 7k a month": the gross figure beside the net one
    gross = [p for p in parts if has(r"\d", p) and has(GROSS, p) and not has(NET_PAY, p)]
    if gross and any(has(NET_PAY, p) for p in parts):
        parts = gross
    if not parts and has(SPOUSE_SAID, t) and has(r"\d", t):
        return ask("pay_household")  # "my wife makes 70": the spouse's pay, not the person's
    t = ", ".join(parts) or t
    if not t:
        return ask("money_unreadable")
    if has(NET_PAY, t):
        return ask("pay_net")
    if has(HOUSEHOLD, t):
        return ask("pay_household")
    t = _without_vague_words(t)
    if has(VAGUE, t):
        return ask("money_vague")
    # "2,600 net biweekly, gross is 3,400": how often, said once for both figures
    found = _dollars(t, pay=True, said_period=_common_period(amounts(whole)))
    if isinstance(found, int) and found > 0 and has(UNSIZED_PAY, t) and len(amounts(t)) == 1:
        # "85 base plus overtime": the year's pay is more, by how much is not said
        return ask("pay_extra", [found], amount=found)
    if found is not None:
        return found
    if has(ZERO, t) or has(r"\bretired\b|\bunemployed\b|\bnot working\b", t):
        return 0
    if UNSURE.search(t):
        return "unsure"
    return ask("money_unreadable")


def _a_year(amount: Amount) -> Decimal:
    """The amount over a year, when said per month or per week."""
    per_year = amount.per_year or 1
    return amount.value * (per_year if per_year > 0 else 1)


# The person saying they have none of it: "I won't have anything else", "nothing for me"
OWN_NOTHING = (
    r"\b(?:i|me|myself|mine)\b.*\b(?:nothing|none|zero"
    r"|(?:not?|won'?t|don'?t|do not|will not) (?:have |get |make |earn )?any(?:thing)?)\b"
    r"|\b(?:nothing|none|zero)\b.*\b(?:for me|of my own|myself)\b|^(?:nothing|none|zero)$"
)


def _spouse_and_own(text: str) -> Read[int] | None:
    """ "my wife's pension 24k, mine 0": a spouse's figure beside the person's own is
    asked (which one the question means), never one of them taken."""
    parts = [p for c in clauses(text) for p in re.split(r"\band\b", c)]  # "2k and my wife's 1.5k"
    whose = [has(SPOUSE_SAID, p) for p in parts]
    for i in range(1, len(parts)):  # "my husband still works, makes 60": still his
        if has(r"^\s*(?:makes?|earns?|gets?|brings? (?:in|home)|pulls? in)\b", parts[i]):
            whose[i] = whose[i] or whose[i - 1]
    figures = [(w, [_a_year(a) for a in amounts(p)]) for w, p in zip(whose, parts, strict=True)]
    # "makes 60" beside a figure in thousands: sixty thousand, as pay is said
    figures = [
        (w, [v * 1000 if _THOUSANDS_LOW <= v <= _THOUSANDS_HIGH else v for v in values])
        for w, values in figures
    ]
    spouse = [a[0] for whose, a in figures if whose and a]
    own = [a[0] for whose, a in figures if not whose and a]
    if spouse and not own and any(not has(SPOUSE_SAID, p) and has(OWN_NOTHING, p) for p in parts):
        own = [Decimal(0)]  # "my wife's pension is 40k, I'll have nothing": hers, or none?
    if spouse and own and spouse[0] != own[0]:
        return ask("money_several", [int(spouse[0]), int(own[0])])
    return None


# More income beside a figure, of a size not said
MORE_UNSIZED = (
    r"\b(?:and|plus)\b[^,.;\d]*\b(?:some|a little|a bit of) (?:part[- ]?time|side|consulting"
    r"|freelance|gig|odd)\b(?![^\d]*\d)"
    r"|\b(?:don'?t|do not) know how much\b|\b(?:not sure|no idea) how much\b"
)


# A figure concluded from the ones before it: "at 90k salary so about 45k"
CONCLUDED = (
    r"\b(?:so|which (?:is|comes to|works out to)|that'?s|comes to|works out to)\b(?=[^\d]{0,20}\d)"
)
SHARE_OF_A_SUM = (
    r"\b(\d{1,2}(?:\.\d+)?) ?(?:%|percent) of (?:my |the |our |a |an )?(?:\w+ ){0,2}?"
    r"(\$?\d[\d,.]*(?: ?(?:k|m|mil|million|grand|thousand))?)\b"
)

# "about 4% of the account, which is 500k"
SHARE_OF_A_SUM_SAID_AFTER = (
    r"\b(\d{1,2}(?:\.\d+)?) ?(?:%|percent) of (?:my |the |our )?[a-z]+(?: [a-z]+)?"
    r"(?:,? (?:which|that|it) (?:is|'s)|,? about|,? roughly) (?:about |around |roughly )?"
    r"(\$?\d[\d,.]*(?: ?(?:k|m|mil|million|grand|thousand))?)\b"
)


def _share_of_a_sum(text: str) -> int | None:
    """A share of a sum: "4% of my 800k balance" is $32,000."""
    text = re.sub(r"\s+", " ", text)
    m = re.search(SHARE_OF_A_SUM, text) or re.search(SHARE_OF_A_SUM_SAID_AFTER, text)
    if m is None:
        return None
    whole = amounts(m[2])
    if len(whole) != 1 or (not whole[0].dollar and whole[0].value < 1000):
        return None
    return int((Decimal(m[1]) * whole[0].value / 100).to_integral_value())


@doubt_offered
def read_money(text: str, ctx: ReadContext) -> Read[int | Unsure]:
    """Other income or a withdrawal: whole dollars a year."""
    t = _prepare(text)
    if (not_a_figure := _no_figure_to_read(t)) is not None:
        return not_a_figure
    if not t:
        return ask("money_unreadable")
    if (share := _share_of_a_sum(t)) is not None:
        return share  # "4% of my 800k balance": $32,000
    if PERCENT.search(t) and not [a for a in amounts(t) if a.dollar]:
        return ask("money_no_percent")
    if (m := re.search(CONCLUDED, t)) and len(amounts(t)) > 1 and not PERCENT.search(t):
        t = t[m.start() :]  # "until june at 90k salary, so about 45k": the figure concluded
    t = _without_vague_words(t)
    # "nothing but my wife's salary": only that, which is something
    t = re.sub(r"\bnothing (?:but|except|other than|besides|apart from)\b", "only", t)
    if has(VAGUE, t) and not amounts(t):
        return ask("money_vague")
    if (whose := _spouse_and_own(t)) is not None:
        return whose
    found = _dollars(t, pay=False)
    if isinstance(found, int) and found > 0 and has(NOW_AND_THEN, t):
        return ask("money_vague")  # "maybe 5k here and there": how much in the year?
    if isinstance(found, int) and found > 0 and len(amounts(t)) == 1 and has(MORE_UNSIZED, t):
        # "pension 2,500 a month and some part time driving, don't know how much"
        return ask("money_extra", [found], amount=found)
    net = has(
        NET_PAY, re.sub(r"\bafter[- ]?tax (?:money|contributions?|dollars|part|basis)", " ", t)
    )
    if isinstance(found, int) and found > 0 and net and not has(GROSS, t):
        # "50k in hand after taxes": the figure before tax is more, by the tax on it
        return ask("money_net", [found], amount=found)
    if found is not None:
        return found
    if has(ZERO, t):
        return 0
    if UNSURE.search(t) or has(r"\bdepends\b", t):
        return "unsure"
    if has(r"\beverything\b|\bthe whole thing\b|\ball of it\b|\bas much as\b", t):
        return ask("money_vague")
    return ask("money_unreadable")


# ---------------------------------------------------------------------------
# Contributions

EMPLOYER_SUBJECT = (
    r"\b(?:they|employer|company|the state|the city|the county|the district|my job|work)\b"
    r"|\bmatch(?:es|ed|ing)?\b|\bprofit sharing\b|\bcompany\b"
)
MAX = (
    r"\bmax(?:ed|ing| imum)?\b|\bmaximum\b|\bas much as (?:they|i can|allowed|the law|possible|"
    r"i'?m allowed|the irs|the plan|the rules)"
    r"|\bthe (?:irs )?limit\b|\bfull amount\b|\ball (?:i|they) (?:can|let|allow)"
    r"|\bthe most (?:they'?ll|they will|they|i can|i'?m allowed|allowed)"
    r"|\beverything (?:i'?m allowed|i can|they(?:'ll| will)? (?:let|allow))\b"
    r"|\ball the way to the (?:cap|limit|max)\b|\bmaxx"
    r"|\bthe full (?:limit|max(?:imum)?|deferral|amount)\b"
)
# "half the max", "not the max", "close to the max": a share of the limit, not the limit
SHARE_OF_MAX = (
    r"\b(?:half|third|quarter|part|fraction|most|some|not|near(?:ly)?|close to|almost|under"
    r"|below|less than|short of)\b(?: quite| really)?(?: of)?(?: the| my)? (?:irs )?"
    r"(?:max(?:imum)?|limit)\b"
)


# Kinds of money inside one plan: several of them add up ("6% pretax plus 2% roth").
# A figure from another year is not this year's: "last year", "used to", "starting next
# year". A clause that also says now ("used to be 6, now 3") speaks to this year.
OTHER_YEAR = (
    r"\b(?:last|next|previous|prior) (?:year|yr)\b|\bused to\b|\bprevious(?:ly)?\b"
    r"|\bstarting (?:next|in|on|from|jan\w*)\b|\bin the past\b|\bbefore (?:covid|that)\b"
)
THIS_YEAR = r"\bthis (?:year|yr)\b|\bnow\b|\bcurrently\b|\bthese days\b|\bright now\b"


# This year's figure said to be last year's: "4 grand last year, about the same this year"
SAME_AS_BEFORE = r"\b(?:about |roughly |pretty much |probably )?the same\b|\bsame as\b"


def _this_years(parts: list[str]) -> list[str]:
    """The parts of a message about this year's figure, where some are about another."""
    if any(has(SAME_AS_BEFORE, p) and has(THIS_YEAR, p) for p in parts):
        return parts
    return [p for p in parts if not has(OTHER_YEAR, p) or has(THIS_YEAR, p)]


SOURCES = r"\bpre[- ]?tax\b|\broth\b|\bafter[- ]?tax\b|\btraditional\b|\bcatch[- ]?up\b"
ADDED = r"\bplus\b|\+|\band\b"


def _adds_up(text: str) -> bool:
    sources = {m[0].replace("-", "").replace(" ", "") for m in re.finditer(SOURCES, text)}
    return len(sources) >= 2 or (bool(sources) and has(ADDED, text))


# A total said after its parts: "4% + 4% roth = 8%", "6 pretax and 2 roth, 8% total"
SAID_TOTAL = (
    r"(?:=|\bequals\b|\b(?:for )?a total of\b|\btotal(?: of| is)?\b|\bin all\b|\ball in\b)"
    r" ?(\d{1,3}(?:\.\d+)?) ?(?:%|percent)"
)


# A source's share said without its % beside one said with it: "6 percent pretax and 4 roth"
BARE_SOURCE_SHARE = (
    r"(?<![\d.$])(\d{1,2}(?:\.\d+)?) (?:in |to |into )?(?:roth|pre[- ]?tax|traditional)\b"
)


def _percent_total(text: str) -> Decimal | None:
    """The percent said; several add up only when they are different sources, and a total
    said after them is the total."""
    values = [Decimal(m[1]) for m in PERCENT.finditer(text)]
    if values and _adds_up(text):
        values += [Decimal(m[1]) for m in re.finditer(BARE_SOURCE_SHARE, text)]
    if not values:
        return None
    if (total := re.search(SAID_TOTAL, text)) and len(values) > 1:
        return Decimal(total[1])
    return sum(values, Decimal(0)) if _adds_up(text) else values[0]


def _checks_more(text: str) -> int:
    """'and 2 more checks of 1k each': what is still to come."""
    m = re.search(r"(\d+) more (?:pay ?)?checks? of \$?(\d[\d,]*(?:\.\d+)?) ?(k)?", text)
    if not m:
        return 0
    each = Decimal(m[2].replace(",", "")) * (1000 if m[3] else 1)
    return int(each) * int(m[1])


def _contribution_dollars(text: str, ctx: ReadContext) -> Read[Dollars] | None:
    rest = re.sub(
        r"(?:and )?\d+ more (?:pay ?)?checks? of \$?\d[\d,]*(?:\.\d+)? ?k?(?: each)?", " ", text
    )
    found = amounts(rest)
    if not found:
        return None
    if any(a.negative for a in found):
        return reject("money_negative")
    if len(found) == 1 and not found[0].dollar and found[0].per_year is None:
        value = found[0].value
        if value == 0:
            return Dollars(amount=0)
        if value <= 100:
            n = int(value) if value == int(value) else value
            return ask(
                "own_percent_or_dollars",
                [PercentOfPay(percent=value), Dollars(amount=int(value))],
                number=str(n),
            )
        if value < 1000:
            return ask(
                "money_unit",
                [Dollars(amount=int(value) * 1000), Dollars(amount=int(value))],
                number=int(value),
            )
    bare = [a for a in found if not a.dollar and a.per_year is None and a.value <= 100]
    if len(found) > 1 and len(bare) == len(found):
        # "roth 8 pretax 6", "around 20... maybe 25": percents or dollars, one or several?
        if not _adds_up(rest):
            return ask("money_range")
        number = sum((a.value for a in found), Decimal(0))
        return ask(
            "own_percent_or_dollars",
            [PercentOfPay(percent=number), Dollars(amount=int(number))],
            number=str(_plain(number)),
        )
    period = _common_period(found)
    total = 0
    for amount in found if _adds_up(rest) else found[:1]:
        yearly = _yearly(amount, rest, period)
        if not isinstance(yearly, int):
            return yearly
        total += yearly
    total += _checks_more(text)
    if ctx.pay is not None and total > ctx.pay:
        return reject("contribution_over_pay", amount=total, pay=ctx.pay)
    return Dollars(amount=total)


def _over_limit(amount: int, ctx: ReadContext) -> bool:
    limits, _ = limits_for(ctx.today.year)
    most = limits.annual_additions_415c.amount + max(s.amount for s in limits.catch_up_by_age)
    return amount > most


def _figures_per_plan(text: str, ctx: ReadContext) -> Ask | None:
    """ "10k in my 457 and 10k in my 403b": a figure for each of two plans; which one this
    plan's is asked (they may not share a limit), each offered."""
    said = text.lower()
    plans = {re.sub(r"\W", "", m[0]) for m in re.finditer(PLAN_NAMES, said)}
    if len(plans) < 2:
        return None
    parts = [p for p in re.split(r",|;|\band\b|\bplus\b", said) if re.search(PLAN_NAMES, p)]
    figures = [read_own(re.sub(PLAN_NAMES, " ", p), ctx) for p in parts]
    offered = [f for f in figures if isinstance(f, Dollars | PercentOfPay)]
    if len(offered) < 2:
        return None
    return ask("money_several", list(dict.fromkeys(offered)))


# A rate changed during the year: both rates count for part of it.
CHANGED_RATE = (
    r"\b(?:dropp(?:ed|ing)|lower(?:ed|ing)|rais(?:ed|ing)|increas(?:ed|ing)|cut(?:ting)?"
    r"|bump(?:ed|ing)|upp(?:ed|ing)|chang(?:ed|ing)|switch(?:ed|ing)|go(?:ing)? (?:up|down)"
    r"|went (?:up|down))"
    r"(?: it)?(?: (?:down|up|back))? to (\d{1,2}(?:\.\d+)?)\b"
)


# A monthly figure put in for part of the year only: "started in july, 1000 a month",
# "500 a month until i retire in june".
FROM_MONTH = (
    rf"\b(?:(?:started|starting|began|beginning)(?: (?:contributing|putting|deferring|saving"
    rf"|it|in|money|to|contribute|put))*|since|from)(?: in| back in| of)? {M}"
)
UNTIL_MONTH = (
    rf"\b(?:until|till|til|through|thru|up to|stop(?:ped|ping|s)?(?: in)?|(?:retir|leav)\w*"
    rf"(?: in)?)(?: the end of)? {M}"
)


def _part_of_the_year(text: str, ctx: ReadContext) -> Read[Dollars] | None:
    """A monthly figure beside the month it started or stops: that many months of it
    this year ("started in july, 1000 a month" is $6,000). Other figures for part of
    the year ("started in july, 10%"), or a month of another year, are asked."""
    start, stop = re.search(FROM_MONTH, text), re.search(UNTIL_MONTH, text)
    found = amounts(text)
    if start is not None and month_number(start[1]) > 1 and PERCENT.search(text):
        return ask("money_vague")  # "started in july, 10%": a share of half the year's pay
    if (start is None and stop is None) or len(found) != 1 or PERCENT.search(text):
        return None
    if found[0].per_year != 12 or has(OTHER_YEAR, text):
        return ask("money_vague")
    first = month_number(start[1]) if start else 1
    last = month_number(stop[1]) if stop else 12
    if (start and first > ctx.today.month) or last < first:
        return ask("money_vague")  # "since august", said in march: which august?
    return Dollars(amount=int(found[0].value) * (last - first + 1))


# Under the limit by an unsaid amount: "i do a bit less", "not quite the max"
LESS_THAN_MAX = (
    r"\b(?:a (?:bit|little|tad)|slightly|somewhat) (?:less|under|below|short)\b"
    r"|\bnot quite (?:the )?(?:max|limit)|\bjust (?:under|shy of) (?:the )?(?:max|limit)"
)


# What is put in that is not this plan's: an IRA ("i max my roth ira separately"). After-tax
# money put into the plan counts (it fills the same yearly limit).
NOT_DEFERRED = r"\b(?:roth |traditional )?ira\b"
# A figure for part of the year: "16k so far this year"
SO_FAR = r"\bso far\b|\byear to date\b|\bytd\b"
AFTER_TAX_MONEY = r"\bafter[- ]?tax\b|\bnon[- ]?roth\b|\bmega ?backdoor\b"


def _figure_of(before: str, part: str, after_tax: list[str]) -> bool:
    """Whether `part` is the figure of the after-tax part before it, said without one."""
    return before in after_tax and not has(r"\d", before) and not has(SOURCES, part)


@doubt_offered
@own_figures_only
def read_own(text: str, ctx: ReadContext) -> Read[Own | Unsure]:
    t = _prepare(text)
    if (not_a_figure := _no_figure_to_read(t)) is not None:
        return not_a_figure
    if not t:
        return ask("money_unreadable")
    if (per_plan := _figures_per_plan(text, ctx)) is not None:
        return per_plan
    # "6% and my employer matches 3%": the employer's half of a clause is not the person's
    parts = [
        q
        for p in not_the_spouses(_this_years(clauses(t)))
        for q in (re.split(r"\band\b", p) if has(EMPLOYER_SUBJECT, p) else [p])
    ]
    own = [p for p in parts if not has(EMPLOYER_SUBJECT, p) or has(r"\b(?:i|i'?m|im) ", p)]
    # "8% in the 401k, and i max my roth ira separately": an IRA is not this plan
    if has(NOT_DEFERRED, ", ".join(own)):
        split = [q for p in own for q in re.split(r"\band\b|\bbut\b", p)]
        own = [q for q in split if not has(NOT_DEFERRED, q)] or own
    # "10% pretax plus 5% after-tax": after-tax (non-Roth) money is no deferral - it is
    # what the after-tax room is for - so its figure is left out
    if has(AFTER_TAX_MONEY, ", ".join(own)):
        split = [q for p in own for q in re.split(r"\band\b|\bbut\b|\bplus\b|\+|\bwith\b", p)]
        after_tax: list[str] = []
        for i, q in enumerate(split):
            roth = has(r"(?<!non-)(?<!non )(?<!not )\broth\b", q)
            if has(AFTER_TAX_MONEY, q) and not roth:
                after_tax.append(q)
            elif i and _figure_of(split[i - 1], q, after_tax):
                after_tax.append(q)  # "only after-tax, about 20k": its figure
        kept = [q for q in split if q not in after_tax]
        if not any(has(r"\d|\bzero\b|\bnothing\b|\bmax", q) for q in kept):
            if has(r"\b(?:only|just|all)\b", ", ".join(split)):
                return Dollars(amount=0)  # "only after-tax, about 20k": no deferrals
            return ask("money_unreadable")
        own = kept
    body = ", ".join(own)
    if has(SO_FAR, body):
        more = re.search(
            r"\b(?:add|put in|contribute|another) \$?(\d[\d,]*(?:\.\d+)?) ?(k)? more\b", body
        )
        said = amounts(re.sub(r"\b(?:add|put in|contribute|another) .*", " ", body))
        if more and len(said) == 1:  # "16,000 so far and will add 2,000 more in december"
            extra = Decimal(more[1].replace(",", "")) * (1000 if more[2] else 1)
            return Dollars(amount=int(said[0].value * SCALES.get("", 1) + extra))
        return ask("money_vague")  # "16k so far this year": the year is not over
    if has(r"\bstopped (?:contributing|putting|deferring)\b", t):
        return ask("own_stopped")
    share_of_max = has(SHARE_OF_MAX, t)  # said beside a figure or alone (then asked)
    t, body = re.sub(SHARE_OF_MAX, " ", t), re.sub(SHARE_OF_MAX, " ", body)
    # "the most they'll let me" (the employer's words), never "last year i maxed"
    in_plan = re.sub(rf"[^,.;]*{NOT_DEFERRED}[^,.;]*", " ", t)  # "i max my roth ira" is not it
    if has(LESS_THAN_MAX, t):
        return ask("money_vague")  # "the limit, right? i do a bit less": how much less?
    if has(MAX, body) or (has(MAX, in_plan) and not has(OTHER_YEAR, t)):
        return MaxDeferral()
    if has(RANGE, body) or has(HEDGED_OTHER_PERCENT, body):
        return ask("money_range")  # "about 10 percent i think, maybe 12"
    if has(VAGUE, body):
        return ask("money_vague")
    if has(MINUS, body):
        return reject("money_negative")
    part_year = _part_of_the_year(body, ctx)
    if part_year is not None:
        return part_year
    changed = re.search(CHANGED_RATE, body)
    # "used to do 10%, dropped to 6% in april", "bumping it to 15 in december": both rates
    # count for part of this year; "increasing to 8% in january" is next year's
    dated = re.search(rf"{CHANGED_RATE}[^,.;]*\b(?:in|since) {M}", t)
    ahead = changed is not None and changed[0].split()[0].endswith("ing")
    this_year = dated is not None and (
        month_number(dated[2]) > ctx.today.month
        if ahead
        else month_number(dated[2]) <= ctx.today.month
    )
    if ahead and not this_year:
        changed = None
    rate_text = t if this_year else body
    rates = [PercentOfPay(percent=Decimal(m[1])) for m in PERCENT.finditer(rate_text)]
    if changed and rates and PercentOfPay(percent=Decimal(changed[1])) not in rates:
        rates.append(PercentOfPay(percent=Decimal(changed[1])))
    if changed and len(rates) > 1:
        return ask("money_several", rates)  # "10% but dropped to 5 in june": two rates this year
    percent = _percent_total(body)
    if percent is not None:
        if percent > 100:
            return reject("percent_too_big", percent=str(percent))
        return PercentOfPay(percent=percent)
    dollars = _contribution_dollars(body, ctx)
    if isinstance(dollars, Dollars):
        if dollars.amount == 0:
            return dollars
        if _over_limit(dollars.amount, ctx):
            return ask("own_over_limit", [dollars], amount=dollars.amount)
        return dollars
    if dollars is not None:
        return dollars
    if has(ZERO, body) or has(r"\bretired\b", body):
        return Dollars(amount=0)
    if has(r"\benough (?:to get|for) the match\b|\bwhatever (?:the|it takes)", t):
        return ask("own_match_depends")
    if share_of_max:
        return ask("money_vague")
    if UNSURE.search(t):
        return "unsure"
    return ask("money_unreadable")


# ---------------------------------------------------------------------------
# Employer

# Match formulas said in words, read both as a match and for its rate (FIXED_RATES, _rate).
TWICE_WHAT = r"\b(?:double|doubles|twice) (?:what(?:ever)?|anything|everything|my)\b"
BUCK_FOR_BUCK = r"\b(?:a )?(?:buck|dollar) for (?:a )?(?:buck|dollar)\b"
DOLLARS_FOR_EVERY_ONE = (
    r"\b([1-4]) (?:dollars?|bucks?) (?:for|per) (?:every|each) (?:1|one|dollar)\b"
)
SLASH_MATCH = r"\b(\d{2,3})/(\d{1,2}) match\b"  # "a 50/6 match"
MATCH_WORDS = (
    r"\bmatch(?:es|ed|ing)?\b|\bdollar for dollar\b"
    r"|\b(?:on|per|for) (?:(?:the|each|a|every) )?dollar\b"
    r"|\b1:1\b|\b1 for 1\b|\b(?:on|of) (?:the )?first\b|\d ?(?:%|percent) (?:up to|on the first) \d"
    rf"|{TWICE_WHAT}|{DOLLARS_FOR_EVERY_ONE}|{SLASH_MATCH}|{BUCK_FOR_BUCK}"
    r"|\b(?:half|\d{1,3} ?(?:%|percent)) of (?:(?:my|our|the) )?\d{1,2}(?:\.\d+)? ?(?:%|percent)"
    r"|\b(?:three|3) quarters of\b"
    # "half of what i put in": a share of the person's own contribution is a match
    r"|\bof (?:what(?:ever)?|anything|everything) (?:i|you|we) "
    r"(?:put in|put|contribute|save|defer)\b"
    # "half my contributions up to 6%", "2 for 1 up to 3%"
    r"|\b(?:half|\d{1,3} ?(?:%|percent)) (?:of )?(?:my|our|your|the employee'?s?) "
    r"(?:contributions?|deferrals?|savings)\b|\b[1-4] ?(?:for|:) ?[1-4]\b"
)
# How much of each dollar the employer matches: a fixed rate, or the number in the text.
FIXED_RATES = [
    (
        r"\bdollar for dollar\b|\b1:1\b|\b1 for 1\b|\bone for one\b"
        r"|\bmatch(?:es)? (?:whatever|what|everything) i (?:put in|contribute|save)\b",
        Decimal(100),
    ),
    (r"\bhalf\b", Decimal(50)),
    (r"\b(?:three|3) quarters\b|\b3/4 of\b", Decimal(75)),
    (BUCK_FOR_BUCK, Decimal(100)),
    (r"\ba quarter (?:on|per|for|of) (?:the|each|a|every) dollar\b", Decimal(25)),
    (TWICE_WHAT, Decimal(200)),
]
RATE_PATTERNS = [
    r"(\d{1,3}) cents (?:on|per|for)",
    r"(\d{1,3}(?:\.\d+)?) ?(?:%|percent) of (?:my|the employee'?s?|our) "
    r"(?:contributions?|deferrals?)",
    r"\$?0?\.(\d{2}) (?:on|per|for) (?:the |each |a |every )?(?:\$1|\$ ?1\.00|dollar)\b",
    # "they match 50 percent. up to 6 percent", "up to 6% of salary at 50%"
    r"\bmatch(?:es|ed|ing)?(?: is)? (\d{1,3}(?:\.\d+)?) ?(?:%|percent)[.,;]? (?=up to|on|of)",
    r"\bup to \d{1,2}(?:\.\d+)? ?(?:%|percent)[^,.;]* at (\d{1,3}(?:\.\d+)?) ?(?:%|percent)",
    r"(\d{1,3}(?:\.\d+)?) ?(?:%|percent) of (?:what(?:ever)?|anything|everything) (?:i|you|we) ",
    # ".50 on the dollar", "50 on the dollar": cents of each dollar
    r"(?<![\d])\$?0?\.?(\d{2}) (?:on|per|for) (?:the|each|a|every) dollar",
    r"(\d{1,3}(?:\.\d+)?) ?(?:%|percent) (?:up to|on (?:the )?first|of (?:the )?first)",
    r"(\d{1,3}(?:\.\d+)?) ?(?:%|percent) match\b",
    r"(\d{1,3}(?:\.\d+)?) ?(?:%|percent) of (?:my |our |the )?\d{1,2}(?:\.\d+)? ?(?:%|percent)",
    r"\bmatch(?:es|ed|ing)?(?: is)? (\d{1,3}(?:\.\d+)?) ?(?:%|percent)(?= (?:on|up to|of|for))",
    r"\bmatch(?:es|ed|ing)?(?: is)? (\d{1,3}(?:\.\d+)?) ?(?:%|percent)? (?:on|up to|of)",
]
CAP = (
    r"(?:up to|on (?:the )?first|of (?:the )?first|the first|first|to|on|of my|of the|of"
    r"|\d{2,3}/) ?"
    r"(\d{1,2}(?:\.\d+)?) ?"
    r"(?:%|percent|pct)?(?! ?(?:cents|k\b|grand))"
)


# "2 for 1": two employer dollars for each of the person's, a 200% match
DOLLARS_FOR_DOLLARS = r"\b([1-4]) ?(?:for|:) ?([1-4])\b"


def _rate(text: str) -> Decimal | None:
    for pattern, rate in FIXED_RATES:
        if has(pattern, text):
            return rate
    if m := re.search(DOLLARS_FOR_DOLLARS, text):
        return Decimal(100) * int(m[1]) / int(m[2])
    if m := re.search(DOLLARS_FOR_EVERY_ONE, text):
        return Decimal(100) * int(m[1])  # "two dollars for every one i put in"
    if m := re.search(SLASH_MATCH, text):
        return Decimal(m[1])  # "a 50/6 match"
    for pattern in RATE_PATTERNS:
        if m := re.search(pattern, text):
            return Decimal(m[1])
    return None


def _match(text: str) -> Read[Match] | None:
    rate = _rate(text)
    caps = [Decimal(m[1]) for m in re.finditer(CAP, text)]
    caps = [c for c in caps if rate is None or c != rate or len(caps) == 1]
    cap = caps[-1] if caps else None
    if rate is not None and cap is not None and cap == rate and rate > 15:
        cap = None
    if rate is not None and cap is not None:
        return Match(rate_percent=rate, up_to_percent=cap)
    if cap is not None:
        return Match(rate_percent=Decimal(100), up_to_percent=cap)
    percent = _percent_total(text)
    if rate is not None and not has(
        rf"\bdollar for dollar\b|{DOLLARS_FOR_DOLLARS}|\bhalf\b|\bcents\b", text
    ):
        percent, rate = rate, None  # "4% match": usually dollar for dollar up to 4% of pay
    if rate is not None:
        return ask("employer_match_cap", rate=str(rate))
    if percent is not None:
        if percent > 15:
            return ask("employer_match_cap", rate=str(percent))
        return Match(rate_percent=Decimal(100), up_to_percent=percent)
    return None


# A rate with its cap: "100% to 4%", "50% on the next 2%". Two of them: a match in steps.
TIER = (
    r"\d{1,3}(?:\.\d+)? ?(?:%|percent)(?: match)? (?:up to|to|on (?:the )?(?:first|next)|"
    r"of (?:the )?(?:first|next)) \d{1,2}(?:\.\d+)? ?(?:%|percent)"
)
# Money the employer puts in besides a match.
NOT_A_MATCH = r"profit[- ]?shar(?:ing|e)|non[- ]?elective|core contribution"
OTHER_EMPLOYER_MONEY = rf"(?:{NOT_A_MATCH}|safe harbor|employer contribution)"
ALSO_GIVEN = (
    rf"(?:\b(?:plus|and|with)|\+) (?:a |an |another |an additional |additional )?"
    rf"(?:\d{{1,2}}(?:\.\d+)? ?(?:%|percent) )?(?:as |in )?"
    rf"{OTHER_EMPLOYER_MONEY}\b"
    # "5% match, 5% profit sharing": a comma, with the other money's own share
    rf"|, \d{{1,2}}(?:\.\d+)? ?(?:%|percent) {OTHER_EMPLOYER_MONEY}\b"
)
# A percent, then a second figure offered in doubt: "4% i think, maybe 5", "4 or maybe 5%".
HEDGED_OTHER_PERCENT = (
    r"\d ?(?:%|percent)[^\d]{0,25}\b(?:maybe|possibly|might be|could be|or|sometimes)\b"
    r" \d{1,2}(?:\.\d+)?"
    r" ?(?:%|percent)?(?! ?(?:k|grand|thousand|years?|yrs?)\b)"
    # "3 or maybe 4%": the unit said once, after the second
    r"|(?<![\d.])\d{1,2}(?:\.\d+)? or (?:maybe |possibly |perhaps )?\d{1,2}(?:\.\d+)?"
    r" ?(?:%|percent)"
)
# A share of pay given whatever the person puts in, said beside a match: "3% regardless
# plus 50% up to 6%", "and they do a 2% non elective"
FLAT_BESIDE_MATCH = (
    r"(?<!of )(?<!first )(?<!to )(\d{1,2}(?:\.\d+)?) ?(?:%|percent)"
    r"(?: of (?:my )?(?:pay|salary|comp\w*))?(?: at (?:the )?(?:year[- ]end|end of (?:the )?year)"
    r"| every (?:year|paycheck|check))? (?:regardless|no matter what|automatically"
    r"|non[- ]?elective|core|profit[- ]?sharing)\b"
)
EXTRA_PERCENT = (
    rf"(\d{{1,2}}(?:\.\d+)?) ?(?:%|percent) (?:of pay )?(?:in |as )?{OTHER_EMPLOYER_MONEY}"
)
SHARE_OF_DOLLARS = (
    r"(?:(\d{1,3}(?:\.\d+)?) ?(?:%|percent)|half) of "
    r"(?:my|the|what i put in,?|the whole|all of my|all my)"
    r"(?: whole)? \$?(\d{1,3}(?:,\d{3})+|\d{4,}|\d+(?:\.\d+)?k)\b"
)


def _plain(number: Decimal) -> Decimal:
    """`number` without trailing zeros, and never in exponent form (10, not 1E+1)."""
    normal = number.normalize()
    return normal.quantize(Decimal(1)) if normal == normal.to_integral_value() else normal


def _share_of_dollars(text: str) -> Dollars | None:
    """ "50% of my 24,500" (or "of the whole 24,500"): the employer puts in that share of
    the person's own dollars — a dollar figure, not a share of pay."""
    m = re.search(SHARE_OF_DOLLARS, text)
    if m is None:
        return None
    raw = m[2].replace(",", "")
    dollars = Decimal(raw[:-1]) * 1000 if raw.endswith("k") else Decimal(raw)
    share = Decimal(m[1]) if m[1] else Decimal(50)  # "half of my 18k"
    return Dollars(amount=int(dollars * share / 100))


# A figure said not to be a match: "no match", "non-matching", "a straight contribution".
NO_MATCH_SAID = (
    r"\b(?:no|not a|isn'?t a|not any) match(?:ing)?\b|\bnon[- ]?match(?:ing|ed)?\b"
    r"|\bnot matching\b|\bdon'?t match\b|\bstraight contribution\b"
    r"|\b(?:doesn'?t|does not) matter (?:what|how much|if) i\b|\bregardless of what i\b"
    r"|\bflat\b"
)
# Profit sharing beside a match with no size of its own: "up to 5% plus some profit sharing"
UNSIZED_EXTRA = (
    r"\b(?:plus|and|\+|with|also)(?: also| there'?s| there is)?"
    r"(?: (?:do|does|give|gives|have|has|offer|offers|pay|pays|put in|puts in))?"
    r"(?: (?:maybe|possibly|usually|whatever|any|some|a little|a bit of|occasional|sometimes"
    r"|a|an|the))*"
    rf" (?:{NOT_A_MATCH})\b(?! (?:of |is |was )?\$?\d)"
)


def _unsized_extra(part: str) -> bool:
    """Profit sharing said with no size: "profit sharing varies", "plus ps if we do well",
    "not sure about profit sharing"."""
    if not has(NOT_A_MATCH, part) or has(r"\d", part):
        return False
    return bool(UNSURE.search(part)) or not has(r"\bno\b|\bnot?\b|n'?t\b|\bnone\b", part)


PERCENT_RANGE = (
    r"\b(?:\d{1,2}(?:\.\d+)? ?(?:%|percent)? ?(?:-|to)|between \d{1,2}(?:\.\d+)? ?(?:%|percent)?"
    r" and) ?\d{1,2}(?:\.\d+)? ?(?:%|percent)"
)
# A match capped in dollars: the cap is not what the employer puts in.
DOLLAR_CAP = (
    r"\b(?:capped at|caps? (?:out )?at|up to|max(?:imum)?(?: of)?|limit(?:ed)? (?:of|to|at)"
    r"|no more than)(?: the first)? \$\s?\d"
)
# What a percentage from the employer is, said beside it: a share of pay whatever the person
# puts in ("4% of my salary", "3% regardless", "5% profit sharing").
PERCENT_SAYS_WHAT = (
    r"\b(?:non[- ]?elective|no matter|regardless|flat|automatic(?:ally)?|profit[- ]?shar\w*"
    r"|core|mandatory|no strings|(?:for|to|give) everyone|whether (?:or not )?(?:i|you)"
    r"|even if (?:i|you)|(?:don'?t|do not|doesn'?t) have to|401 ?\(?a(?=\W|$)"
    r"|not contributing|(?:don'?t|do not) (?:contribute|put (?:in )?anything)"
    r"|of (?:my |our |the |your |their )?(?:base|(?:base )?(?:pay|salary|wages?|comp\w*"
    r"|earnings|gross|income|(?:pay)?checks?|what i (?:make|earn))))\b"
)
# A share said as a cap, or a safe harbor of unsaid kind, with no match word: "up to 6%",
# "6% max", "safe harbor 4%" (a 4% match, or 4% of pay?). "3% nonelective" is of pay.
A_MATCH_PERHAPS = (
    r"^(?!.*\b(?:non[- ]?elective|no matter|regardless|flat|of (?:my )?(?:pay|salary)"
    r"|automatic)\b).*(?:\bup to\b|\bmax(?:imum)?\b|\bsafe harbor\b)"
)
# One figure said to cover everything the employer puts in.
IN_ALL = r"\b(?:between|total|altogether|combined|together|in all|all told|all in|both)\b"
# An employer's figure given on a condition: "6% if i put in 6%", "only if i put in 5%"
IF_I_PUT_IN = (
    r"\b(?:if|as long as|provided) (?:i|you) (?:also )?"
    r"(?:put in|contribute|do|save|defer|put) (?:at least )?"
)


# A figure not known yet: "they haven't announced it yet this year"
NOT_SET_YET = (
    r"\b(?:haven'?t|hasn'?t|have not|has not|not) (?:been )?(?:announced|decided|declared|set"
    r"|told us)\b|\bnot (?:out|known) yet\b|\btbd\b"
)
# The employer named as the subject of a part: "i put in 6 and they put in 3"
EMPLOYER_NAMED = r"they|the company|my employer|employer|my company|the match"
# Money from the employer that is not a plan contribution: "they gave me a 5k bonus"
NOT_PLAN_MONEY = r"\b(?:bonus(?:es)?|raise|severance|stipend|hsa)\b"
# A figure for part of the year: "they matched 3,000 for the first half of the year"
PART_OF_YEAR = (
    r"\b(?:first|second|last|other) half of the year\b|\bhalf (?:the|a) year\b"
    r"|\bonly worked\b|\bpart of the year\b|\bunpaid leave\b|\bleave of absence\b"
    r"|\bless this year\b"
)


@doubt_offered
@own_figures_only
def read_employer(text: str, ctx: ReadContext) -> Read[Employer | Unsure]:
    t = _prepare(text)
    if (not_a_figure := _no_figure_to_read(t)) is not None:
        return not_a_figure
    if not t:
        return ask("money_unreadable")
    parts = not_the_spouses(clauses(t))  # "my husband's company matches 6, mine nothing"
    kept = [  # "they put in 3k and i put in 10k": the person's own part is not the employer's
        p
        for clause in parts
        for p in re.split(rf"\b(?:and|but)\b(?= (?:i|{EMPLOYER_NAMED})\b)", clause)
        if has(MATCH_WORDS, p)
        or has(IF_I_PUT_IN, p)  # "... but only if i put in 5%": the employer's condition
        or not has(r"\bi (?:only )?(?:put|contribute|do|defer|save)\b", p)
    ]
    body = ", ".join(kept) or t
    said = clauses(body)
    this_year = _this_years(said)
    body = ", ".join(this_year) or " "
    if has(MATCH_WORDS, body) and any(has(NOT_A_MATCH, p) for p in said if p not in this_year):
        # "match is 4% of pay, plus profit sharing that was $3,000 last year": this year's
        # profit sharing is not said; the match is offered and the total asked
        matched = _match(body)
        return ask("employer_plus_unsized", [matched] if matched else [])
    if (
        has(MATCH_WORDS, ", ".join(said))
        and not has(MATCH_WORDS, body)
        and has(r"\bit\b|\bit'?s\b|\bits\b", body)
    ):
        body += " match"  # "they used to match 5%, now it's 3%": it is the match
    no_match_said = has(NO_MATCH_SAID, body)
    if no_match_said and PERCENT.search(body):
        # "flat 3% of pay, no match", "7% non-matching": a share of pay, whatever is said
        body = re.sub(rf"{NO_MATCH_SAID}|\bmatch(?:es|ed|ing)?\b", " ", body)
    if has(MINUS, body):
        return reject("money_negative")
    if has(NOT_PLAN_MONEY, body) and not has(rf"{MATCH_WORDS}|{NOT_A_MATCH}", body):
        return ask("employer_not_plan_money")  # "they gave me a 5k bonus": paid, not put in
    if has(PART_OF_YEAR, body):
        return ask("money_vague")  # "3,000 for the first half of the year": the year's?
    # "50 percent of 6": half of what the person puts in, up to 6% of pay
    body = re.sub(
        r"\b(\d{1,3}) ?(?:%|percent) of (\d{1,2})\b(?! ?(?:%|percent|k|grand|years?)|,\d)",
        r"\1% of the first \2%",
        body,
    )
    found = amounts(body)
    nothing_else = not PERCENT.search(body) and not [a for a in found if a.value > 0]
    if nothing_else and has(NOT_A_MATCH, body) and has(NOT_SET_YET, body):
        return "unsure"  # "no match, just profit sharing and they haven't announced it yet"
    if has(ZERO, body) and not has(r"\bno matter\b", body) and nothing_else:
        if any(_unsized_extra(p) for p in re.split(r"\bbut\b|\band\b|[,.;]", body)):
            return ask("employer_plus_unsized", no_figure=True)  # "no match, ps varies"
        return Dollars(amount=0)
    if (share := _share_of_dollars(body)) is not None:
        return share  # "50% of my 24,500": half of the person's own dollars
    percent = _percent_total(body)
    tiers = re.findall(TIER, body)
    next_tier = r"\b(?:the )?next \d+(?:\.\d+)?(?: ?(?:%|percent)|(?=\W*$)|(?= (?:after|above)))"
    if len(tiers) > 1 or has(next_tier, body):
        return ask("employer_match_tiers")  # "100% of the first 3% and 50% of the next 2%"
    dollars_given = [
        a for a in found if a.value > 0 and (a.dollar or a.value >= 100) and a.per_year in (None, 1)
    ]
    if dollars_given and not PERCENT.search(body) and has(NOT_A_MATCH, body):
        if len(dollars_given) == 1 and has(IN_ALL, body):
            # "roughly 7 grand between match and profit sharing": one total for both
            return Dollars(amount=int(dollars_given[0].value))
        if len(dollars_given) == 2 and has(MATCH_WORDS, body):
            # "6k match plus a 3k profit share": both the employer's, so they add up
            return Dollars(amount=int(sum(a.value for a in dollars_given)))
    flat = re.search(FLAT_BESIDE_MATCH, body)
    if has(MATCH_WORDS, body) and (has(ALSO_GIVEN, body) or flat):
        # "4% match plus 3% profit sharing", "3% regardless plus 50% up to 6%": both count;
        # the total is offered, never one
        rest = re.sub(ALSO_GIVEN, " ", body)
        matched = _match(rest.replace(flat[0], " ") if flat else rest)
        extra = [Decimal(m[1]) for m in re.finditer(EXTRA_PERCENT, body)]
        if flat and not extra:
            extra = [Decimal(flat[1])]
        if isinstance(matched, Match) and extra:
            total = matched.rate_percent * matched.up_to_percent / 100 + sum(extra)
            total = _plain(total)
            return ask("employer_match_plus", [PercentOfPay(percent=total)], total=str(total))
        return ask("employer_match_formula")
    # a part naming profit sharing beside a match is more money; without one, it says
    # what the figure is ("profit sharing only, usually 5% of pay")
    unsized = [p for p in clauses(body) if _unsized_extra(p)] if has(MATCH_WORDS, body) else []
    if (unsized or has(UNSIZED_EXTRA, body)) and (PERCENT.search(body) or found):
        # "match 3%, profit sharing varies", "2% plus profit sharing if we have a good year":
        # the figure said is offered; the profit sharing on top is of unsaid size
        rest = ", ".join(p for p in clauses(body) if p not in unsized)
        rest = re.sub(rf"{UNSIZED_EXTRA}.*", " ", rest)
        offered = read_employer(rest, ctx) if has(r"\d", rest) else None
        return ask("employer_plus_unsized", [offered] if usable(offered) and offered else [])
    said_if = re.search(rf"{PERCENT.pattern}[^.;]*{IF_I_PUT_IN}(\d{{1,2}})\b", body)
    if said_if is not None:  # "6% if i put in 6%": dollar for dollar up to 6%
        if said_if[1] == said_if[2]:
            return Match(rate_percent=Decimal(100), up_to_percent=Decimal(said_if[1]))
        return ask("employer_match_formula")  # "3% if you put in 5%": how does it work?
    if has(SO_FAR, body) and not has(MATCH_WORDS, body):
        return ask("money_vague")  # "$3,120 so far this year, december's still coming"
    if has(PERCENT_RANGE, body):
        return ask("money_range")  # "anywhere from 4 to 6% depending on profits"
    if has(MATCH_WORDS, body) and has(DOLLAR_CAP, body):
        return ask("employer_match_formula")  # "match is capped at $3,000": how much in?
    if has(HEDGED_OTHER_PERCENT, body):
        return ask("money_range")  # "match is 4% i think, maybe 5": which one is unknown
    if not has(MATCH_WORDS, body) and has(ALSO_GIVEN, body) and has(EXTRA_PERCENT, body):
        # "4% of my pay plus 3% profit sharing": both are the employer's, so they add up
        total = _plain(sum((Decimal(m[1]) for m in PERCENT.finditer(body)), Decimal(0)))
        return PercentOfPay(percent=total)
    unsized_match = r"\b(?:plus|and|\+) (?:a |an |the )?(?:\w+ )?match(?:es|ing)?\b(?! \d)"
    if percent is not None and has(unsized_match, body):
        return ask("employer_match_formula", [PercentOfPay(percent=percent)])  # "3% plus match"
    if percent is None and len(dollars_given) == 1 and has(unsized_match, body):
        # "5k plus a match": how much the match adds is not said
        return ask("employer_match_formula", [Dollars(amount=int(dollars_given[0].value))])
    match_words = has(MATCH_WORDS, body)
    if match_words and (percent is not None or has(r"\b(?:to|first|up to) \d", body)):
        matched = _match(body)
        if matched is not None:
            return matched
    bare = [a.value for a in found if not a.dollar and a.per_year is None]
    one_bare = len(found) == 1 and bare and 1 <= bare[0] <= 25
    if match_words and percent is None and one_bare and _rate(body) in (None, Decimal(100)):
        return Match(rate_percent=Decimal(100), up_to_percent=bare[0])  # "mine matches 3"
    if match_words and percent is None and not found and (rate := _rate(body)) is not None:
        return ask("employer_match_cap", rate=str(rate))
    if percent is not None and not match_words and has(A_MATCH_PERHAPS, body):
        # "up to 6%", "safe harbor 4%": a match up to that share, or that share of pay?
        cap = Match(rate_percent=Decimal(100), up_to_percent=percent)
        return ask("employer_match_formula", [cap, PercentOfPay(percent=percent)])
    said_what = match_words or no_match_said or has(PERCENT_SAYS_WHAT, body)
    if percent is not None and percent <= 100 and not said_what:
        # "3%", "company gives me 4 percent": a share of pay, or a match up to it? Both are
        # offered (they differ when the person puts in less)
        cap = Match(rate_percent=Decimal(100), up_to_percent=percent)
        both: list[Employer] = [PercentOfPay(percent=percent), cap]
        return ask("employer_percent_which", both, percent=str(percent))
    if percent is not None:
        if percent > 100:
            return reject("percent_too_big", percent=str(percent))
        return PercentOfPay(percent=percent)
    if found and not UNSURE.search(body):
        if has(RANGE, body):
            return ask("money_range")
        dollars = _contribution_dollars(body, ctx)
        if dollars is not None:
            return dollars
    if UNSURE.search(body) or has(r"\bwhatever\b|\bnot sure\b", body):
        return "unsure"
    if has(r"\bmatch(?:es)?\b", body) and not has(r"\bno match\b", body):
        return ask("employer_match_formula")
    if has(ZERO, body):
        return Dollars(amount=0)
    return ask("money_unreadable")
