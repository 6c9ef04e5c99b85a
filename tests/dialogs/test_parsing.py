"""Free-text readers, one table per kind of answer."""

from __future__ import annotations

from decimal import Decimal

import pytest

from dialogs.parsing import (
    Age,
    Max,
    MonthDate,
    Percent,
    Problem,
    is_why,
    parse_birth,
    parse_date,
    parse_money,
    parse_plan_type,
    parse_topics,
    parse_yes_no,
)
from tests.conftest import TODAY


@pytest.mark.parametrize(
    ("text", "past", "expected"),
    [
        ("1971", True, MonthDate(1971)),
        ("03/1971", True, MonthDate(1971, 3)),
        ("3-1971", True, MonthDate(1971, 3)),
        ("1971-03-15", True, MonthDate(1971, 3, 15)),
        ("03/15/1971", True, MonthDate(1971, 3, 15)),
        ("15/03/1971", True, MonthDate(1971, 3, 15)),
        ("2026-03", False, MonthDate(2026, 3)),
        ("March 1971", True, MonthDate(1971, 3)),
        ("feb 72", True, MonthDate(1972, 2)),
        ("February '72", True, MonthDate(1972, 2)),
        ("March 15, 1971", True, MonthDate(1971, 3, 15)),
        ("15 March 1971", True, MonthDate(1971, 3, 15)),
        ("I was born in March 1971", True, MonthDate(1971, 3)),
        ("June 2024", True, MonthDate(2024, 6)),
        ("mar 27", False, MonthDate(2027, 3)),
        ("next March", False, MonthDate(2027, 3)),
        ("end of december", False, MonthDate(2026, 12)),
        ("december", True, MonthDate(2025, 12)),
        ("end of 2026", False, MonthDate(2026, 12)),
        ("end of the year", False, MonthDate(2026, 12)),
        ("start of next year", False, MonthDate(2027, 1)),
        ("mid 2027", False, MonthDate(2027, 6)),
        ("now", False, MonthDate(2026, 11)),
        ("in 6 months", False, MonthDate(2027, 5)),
        ("in a year", False, MonthDate(2027, 11)),
        ("2 years ago", True, MonthDate(2024, 11)),
        ("last month", True, MonthDate(2026, 10)),
    ],
)
def test_dates(text: str, past: bool, expected: MonthDate) -> None:
    assert parse_date(text, TODAY, past=past) == expected


@pytest.mark.parametrize("text", ["", "asdf", "whenever", "!!!", "13/2020", "31/31/2020", "x" * 80])
def test_unreadable_dates(text: str) -> None:
    assert parse_date(text, TODAY, past=True) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I'm 54", Age(54)),
        ("im 61", Age(61)),
        ("age 58", Age(58)),
        ("54 years old", Age(54)),
        ("feb 72", MonthDate(1972, 2)),
        ("54", Problem("birth_age_or_year", {"number": 54, "year": 1954})),
        ("age 140", Problem("age_too_old", {"age": 140})),
        ("140", Problem("age_too_old", {"age": 140})),
        ("born 2030", Problem("birth_in_future", {"year": 2030})),
        ("2020", Problem("age_too_young", {"age": 6})),
        ("1850", Problem("age_too_old", {"age": 176})),
        ("-5", Problem("birth_unreadable")),
        ("soon", Problem("birth_unreadable")),
    ],
)
def test_birth(text: str, expected: object) -> None:
    assert parse_birth(text, TODAY) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("$40k", 40_000),
        ("40,000", 40_000),
        ("40 thousand", 40_000),
        ("forty thousand", 40_000),
        ("180k", 180_000),
        ("$6,000", 6_000),
        ("about 90K a year", 90_000),
        ("1.2 million", 1_200_000),
        ("$1.5m", 1_500_000),
        ("none", 0),
        ("0", 0),
        ("max", Max()),
        ("max it out", Max()),
        ("10%", Percent(Decimal("10"))),
        ("4% match", Percent(Decimal("4"))),
        ("6 percent", Percent(Decimal("6"))),
        ("-5000", Problem("money_negative")),
        ("$-5", Problem("money_negative")),
        ("150%", Problem("percent_too_big", {"percent": "150"})),
        ("$20 million", Problem("money_too_big", {"amount": 20_000_000})),
        ("lots", Problem("money_unreadable")),
    ],
)
def test_money(text: str, expected: object) -> None:
    assert parse_money(text, allow_percent=True, allow_max=True) == expected


def test_money_without_percent_or_max() -> None:
    assert parse_money("10%") == Problem("money_no_percent")
    assert parse_money("max") == Problem("money_unreadable")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("yes", "yes"),
        ("Yep!", "yes"),
        ("yeah it does", "yes"),
        ("y", "yes"),
        ("nope", "no"),
        ("No.", "no"),
        ("nah", "no"),
        ("it doesn't", "no"),
        ("not sure", "unsure"),
        ("idk", "unsure"),
        ("dunno", "unsure"),
        ("I don't know", "unsure"),
        ("no idea", "unsure"),
        ("maybe", "unsure"),
        ("purple", None),
    ],
)
def test_yes_no(text: str, expected: str | None) -> None:
    assert parse_yes_no(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("401k", "401k"),
        ("401(k)", "401k"),
        ("403 b", "403b"),
        ("it's a 457", "457b"),
        ("TSP", "tsp"),
        ("Thrift Savings Plan", "tsp"),
        ("pension", "401a"),
        ("SEP IRA", "sep"),
        ("simple ira", "simple"),
        ("rollover IRA", "ira"),
        ("not sure", "unsure"),
        ("banana", None),
    ],
)
def test_plan_types(text: str, expected: str | None) -> None:
    assert parse_plan_type(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("both", "both"),
        ("rule of 55", "r55"),
        ("the mega backdoor", "mbr"),
        ("rule of 55 and the roth thing", "both"),
        ("hello", None),
    ],
)
def test_topics(text: str, expected: str | None) -> None:
    assert parse_topics(text) == expected


@pytest.mark.parametrize(
    "text", ["why?", "Why", "why do you ask", "Why do you need that?", "what for"]
)
def test_why(text: str) -> None:
    assert is_why(text)


def test_not_why() -> None:
    assert not is_why("why not, yes")
