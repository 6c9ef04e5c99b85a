"""Dates as people type them, read by the one date reader (the grammar in
dialogs/reading/dates.py) through the readers that use it: birth dates by `read_birth`,
leaving dates by `read_separation`. And "why do you ask?". (The readers for each kind
of answer are tested on real phrasings in test_phrasings.py and test_reading.py.)"""

from __future__ import annotations

import pytest

from dialogs.answers import Ask, BirthDate, Day
from dialogs.parsing import is_why
from dialogs.reading import RAW_READERS, ReadContext
from tests.conftest import TODAY


def _birth(text: str) -> object:
    return RAW_READERS["birth"](text, ReadContext(today=TODAY))


def _leaving(text: str, left: bool) -> object:
    return RAW_READERS["separation"](text, ReadContext(today=TODAY, left=left))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1971", BirthDate(year=1971)),
        ("03/1971", BirthDate(year=1971, month=3)),
        ("3-1971", BirthDate(year=1971, month=3)),
        ("1971-03-15", BirthDate(year=1971, month=3, day=15)),
        ("03/15/1971", BirthDate(year=1971, month=3, day=15)),
        ("15/03/1971", BirthDate(year=1971, month=3, day=15)),
        ("March 1971", BirthDate(year=1971, month=3)),
        ("feb 72", BirthDate(year=1972, month=2)),
        ("February '72", BirthDate(year=1972, month=2)),
        ("March 15, 1971", BirthDate(year=1971, month=3, day=15)),
        ("15 March 1971", BirthDate(year=1971, month=3, day=15)),
        ("I was born in March 1971", BirthDate(year=1971, month=3)),
        # Forms only parse_date's fast paths read before the grammar took them over.
        ("03.1971", BirthDate(year=1971, month=3)),
        ("feb72", BirthDate(year=1972, month=2)),
        ("march1971", BirthDate(year=1971, month=3)),
        ("born march 5 62", BirthDate(year=1962, month=3, day=5)),
        ("may 5 62", BirthDate(year=1962, month=5, day=5)),
        ("febuary 1972", BirthDate(year=1972, month=2)),
        ("born septmber 3, 1961", BirthDate(year=1961, month=9, day=3)),
    ],
)
def test_birth_dates(text: str, expected: BirthDate) -> None:
    assert _birth(text) == expected


@pytest.mark.parametrize(
    ("text", "left", "expected"),
    [
        ("2026-03", True, Day(year=2026, month=3)),
        ("March 1971", True, Day(year=1971, month=3)),
        ("June 2024", True, Day(year=2024, month=6)),
        ("next March", False, Day(year=2027, month=3)),
        ("end of december", False, Day(year=2026, month=12)),
        ("december", True, Day(year=2025, month=12)),
        ("end of 2026", False, Day(year=2026, month=12)),
        ("end of the year", False, Day(year=2026, month=12)),
        ("start of next year", False, Day(year=2027, month=1)),
        ("now", False, Day(year=2026, month=11)),
        ("right now", True, Day(year=2026, month=11)),
        ("in 6 months", False, Day(year=2027, month=5)),
        ("in a year", False, Day(year=2027)),  # a count of years: a year, no month made up
        ("2 years ago", True, Day(year=2024)),
        ("last month", True, Day(year=2026, month=10)),
        ("sept2027", False, Day(year=2027, month=9)),
        ("octobr 2027", False, Day(year=2027, month=10)),
        ("decemeber 2026", False, Day(year=2026, month=12)),
        ("may", False, Day(year=2027, month=5)),
        ("until may", False, Day(year=2027, month=5)),
        ("may 5 27", False, Day(year=2027, month=5, day=5)),
    ],
)
def test_leaving_dates(text: str, left: bool, expected: Day) -> None:
    assert _leaving(text, left) == expected


def test_a_month_and_two_digits_is_asked_not_guessed() -> None:
    """'mar 27': the 27th of March, or March 2027? Both are offered."""
    got = _leaving("mar 27", left=False)
    assert isinstance(got, Ask)
    assert got.candidates == [Day(year=2027, month=3, day=27), Day(year=2027, month=3)]


@pytest.mark.parametrize(
    ("text", "months"),
    [
        ("mid 2027", [(2027, 6), (2027, 7)]),
        ("early 2028", [(2028, 1), (2028, 2), (2028, 3)]),
        ("late next year", [(2027, 10), (2027, 11), (2027, 12)]),
    ],
)
def test_a_part_of_a_year_offers_its_months(text: str, months: list[tuple[int, int]]) -> None:
    """ "mid 2027" is never June alone: the months it can mean are offered."""
    got = _leaving(text, left=False)
    assert isinstance(got, Ask)
    assert got.candidates == [Day(year=y, month=m) for y, m in months]


@pytest.mark.parametrize(("text", "year"), [("1971", 1971), ("2027", 2027), ("in 2028", 2028)])
def test_a_year_stays_a_year(text: str, year: int) -> None:
    """A leaving date said as a year is the year: no month is made up, and none is asked
    for, since the Rule of 55 turns on the calendar year of leaving."""
    assert _leaving(text, left=year < TODAY.year) == Day(year=year)


@pytest.mark.parametrize("text", ["may i ask why", "i may retire", "married", "separate", "maybe"])
def test_words_that_start_like_months_are_not_dates(text: str) -> None:
    assert not isinstance(_leaving(text, left=False), Day)


@pytest.mark.parametrize("text", ["", "asdf", "whenever", "!!!", "13/2020", "31/31/2020", "x" * 80])
def test_unreadable_dates(text: str) -> None:
    for left in (True, False):
        assert not isinstance(_leaving(text, left), Day)


@pytest.mark.parametrize(
    "text",
    [
        "why?",
        "Why",
        "why do you ask",
        "Why do you need that?",
        "what for",
        "what does this mean?",
        "What do you mean",
        "i dont understand",
        "huh?",
        "can you explain that",
        "not sure what that means",
        "I don't know what that is",
    ],
)
def test_why(text: str) -> None:
    assert is_why(text)


def test_not_why() -> None:
    assert not is_why("why not, yes")
