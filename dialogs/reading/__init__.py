"""Readers: free text -> a typed answer, "unsure", an Ask or a Reject (provisional
adapter over dialogs/parsing.py; replaced by the full readers)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from dialogs import parsing
from dialogs.answers import Age, Ask, BirthDate, Day, Reject, Work
from rules import Dollars, Match, MaxDeferral, PercentOfPay


@dataclass(frozen=True)
class ReadContext:
    today: date
    birth_year: int | None = None
    left: bool | None = None
    pay: int | None = None


def _problem(found: parsing.Problem) -> Ask | Reject:
    if found.code == "birth_age_or_year":
        n, y = found.params["number"], found.params["year"]
        return Ask(
            code=found.code, params=found.params, candidates=[Age(years=n), BirthDate(year=y)]
        )
    return Reject(code=found.code, params=found.params)


def _unsure(text: str) -> bool:
    return parsing.parse_yes_no(text) == "unsure"


def read_topics(text: str, ctx: ReadContext) -> Any:
    return parsing.parse_topics(text) or Ask(code="topics_unreadable")


def read_birth(text: str, ctx: ReadContext) -> Any:
    if _unsure(text):
        return "unsure"
    found = parsing.parse_birth(text, ctx.today)
    if isinstance(found, parsing.Age):
        return Age(years=found.years)
    if isinstance(found, parsing.MonthDate):
        return BirthDate(year=found.year, month=found.month, day=found.day)
    return _problem(found)


def read_birthday_passed(text: str, ctx: ReadContext) -> Any:
    answer = parsing.parse_yes_no(text)
    return answer if answer else Ask(code="birthday_passed_unreadable")


def read_birth_month(text: str, ctx: ReadContext) -> Any:
    if _unsure(text):
        return "unsure"
    month = parsing.parse_month_name(text)
    return month if month is not None else Ask(code="month_unreadable")


def read_employment(text: str, ctx: ReadContext) -> Any:
    clean = parsing.normalise(text)
    if re.search(
        r"\b(not planning|no plans?|staying|not leaving|still (here|there|working))", clean
    ):
        if not re.search(r"\b(leave|leaving|retire|retiring) (in|on|at|next|this)\b", clean):
            return Work(status="staying")
    if any(w in clean for w in ("retired", "left", "quit", "laid off", "fired", "no longer")):
        return Work(status="left")
    if any(w in clean for w in ("plan to leave", "leaving", "will leave", "going to", "retir")):
        return Work(status="leaving")
    if _unsure(clean):
        return "unsure"
    answer = parsing.parse_yes_no(clean)
    if answer == "no":
        return Work(status="left")
    if answer == "yes":
        return Ask(code="employment_yes_which")
    return Ask(code="employment_unreadable")


def read_separation(text: str, ctx: ReadContext) -> Any:
    if _unsure(text):
        return "unsure"
    left = bool(ctx.left)
    found = parsing.parse_date(text, ctx.today, past=left)
    if found is None:
        return Ask(code="date_unreadable", params={"left": left})
    if found.month is None:
        return Ask(code="separation_month_missing", params={"year": found.year, "left": left})
    when = found.first_day()
    if ctx.birth_year is not None and when.year < ctx.birth_year + 14:
        return Reject(
            code="separation_too_young", params={"when": when, "age": when.year - ctx.birth_year}
        )
    return Day(year=found.year, month=found.month, day=found.day)


def read_plan_type(text: str, ctx: ReadContext) -> Any:
    return parsing.parse_plan_type(text) or Ask(code="plan_type_unreadable")


def read_public_safety(text: str, ctx: ReadContext) -> Any:
    clean = parsing.normalise(text)
    if "fire" in clean and any(w in clean for w in ("private", "company", "not government")):
        return "fire"
    if any(
        w in clean for w in ("police", "fire", "ems", "paramedic", "correction", "officer", "cop")
    ):
        return "gov"
    answer = parsing.parse_yes_no(clean)
    if answer == "yes":
        return Ask(code="public_safety_yes_which")
    if answer in {"no", "unsure"}:
        return answer
    return Ask(code="choice_unreadable")


def read_service_years(text: str, ctx: ReadContext) -> Any:
    if _unsure(text):
        return "unsure"
    years = parsing.parse_whole_number(text, 0, 60)
    return years if years is not None else Ask(code="years_unreadable")


def read_yes_no(text: str, ctx: ReadContext) -> Any:
    return parsing.parse_yes_no(text) or Ask(code="choice_unreadable")


def read_rolled(text: str, ctx: ReadContext) -> Any:
    clean = parsing.normalise(text)
    if re.search(r"\b(all|everything|whole)\b", clean):
        return "all"
    if re.search(r"\b(some|part|half|portion)\b", clean):
        return "some"
    answer = parsing.parse_yes_no(clean)
    if answer == "no":
        return "none"
    if answer == "unsure":
        return "unsure"
    return Ask(code="choice_unreadable")


def _money(text: str, ctx: ReadContext, percent: bool = False, allow_max: bool = False) -> Any:
    if _unsure(text):
        return "unsure"
    found = parsing.parse_money(text, allow_percent=percent, allow_max=allow_max)
    if isinstance(found, parsing.Problem):
        return Reject(code=found.code, params=found.params)
    return found


def read_pay(text: str, ctx: ReadContext) -> Any:
    return _money(text, ctx)


def read_money(text: str, ctx: ReadContext) -> Any:
    return _money(text, ctx)


def read_own(text: str, ctx: ReadContext) -> Any:
    found = _money(text, ctx, percent=True, allow_max=True)
    if isinstance(found, parsing.Max):
        return MaxDeferral()
    if isinstance(found, parsing.Percent):
        return PercentOfPay(percent=found.value)
    if isinstance(found, int):
        return Dollars(amount=found)
    return found


def read_employer(text: str, ctx: ReadContext) -> Any:
    clean = parsing.normalise(text)
    if m := re.search(r"(\d+)\s*%?\s*(?:of|on|up to)\s*(?:the first\s*)?(\d+)", clean):
        return Match(rate_percent=m[1], up_to_percent=m[2])
    found = _money(text, ctx, percent=True)
    if isinstance(found, parsing.Percent):
        return PercentOfPay(percent=found.value)
    if isinstance(found, int):
        return Dollars(amount=found)
    return found


def read_filing(text: str, ctx: ReadContext) -> Any:
    clean = parsing.normalise(text)
    if "separate" in clean:
        return "mfs"
    if "joint" in clean or clean in {"mfj", "together"}:
        return "mfj"
    if "head" in clean or clean == "hoh":
        return "hoh"
    if "single" in clean:
        return "single"
    return Ask(code="choice_unreadable")


READERS: dict[str, Callable[[str, ReadContext], Any]] = {
    "topics": read_topics,
    "birth": read_birth,
    "birthday_passed": read_birthday_passed,
    "birth_month": read_birth_month,
    "employment": read_employment,
    "separation": read_separation,
    "plan_type": read_plan_type,
    "public_safety": read_public_safety,
    "service_years": read_service_years,
    "yes_no": read_yes_no,
    "rolled": read_rolled,
    "pay": read_pay,
    "own": read_own,
    "employer": read_employer,
    "filing": read_filing,
    "money": read_money,
}


def read_many(text: str, ctx: ReadContext) -> dict[str, Any]:
    """Every answer the message clearly contains (provisional: age and plan type only)."""
    found: dict[str, Any] = {}
    clean = parsing.normalise(text)
    if m := re.search(r"\b(?:i'?m|im|age|aged)\s+(\d{2})\b", clean):
        found["birth"] = Age(years=int(m[1]))
    plan = parsing.parse_plan_type(clean)
    if plan and plan != "unsure":
        found["plan_type"] = plan
    return found
