"""The dateparser fallback for dates, and "why do you ask?" (the readers for each kind
of answer are tested in test_phrasings.py and test_readers*.py)."""

from __future__ import annotations

import pytest

from dialogs.parsing import MonthDate, is_why, parse_date
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
    "text", ["why?", "Why", "why do you ask", "Why do you need that?", "what for"]
)
def test_why(text: str) -> None:
    assert is_why(text)


def test_not_why() -> None:
    assert not is_why("why not, yes")
