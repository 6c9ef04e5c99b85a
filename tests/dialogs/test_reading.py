"""The readers' contract: what they return, what context changes, re-ask words for every
code, JSON round trips, no exceptions on any text, and speed."""

from __future__ import annotations

import csv
import re
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dialogs import wording
from dialogs.answers import (
    Age,
    Ask,
    BirthDate,
    Day,
    Reject,
    Work,
    dump_answer,
    load_answer,
)
from dialogs.form import HEARD
from dialogs.reading import RAW_READERS, READERS, ReadContext, read_many
from dialogs.reading.codes import REASK_CODES
from dialogs.reading.many import read_many as raw_read_many
from dialogs.render import environment, macro
from rules import Dollars, Match, MaxDeferral, PercentOfPay
from tests.dialogs.chat import check_html

TODAY = date(2026, 11, 30)
CTX = ReadContext(today=TODAY)
READING = Path(__file__).parents[2] / "dialogs" / "reading"
DATA = Path(__file__).parent / "data"

KINDS = {
    "topics",
    "birth",
    "birthday_passed",
    "birth_month",
    "employment",
    "separation",
    "plan_type",
    "public_safety",
    "service_years",
    "yes_no",
    "rolled",
    "inherited",
    "pay",
    "own",
    "employer",
    "filing",
    "money",
}


def test_one_reader_per_kind() -> None:
    assert set(READERS) == KINDS
    assert set(RAW_READERS) == KINDS


# ---------------------------------------------------------------------------
# The examples of the interface


def test_a_day_or_a_year_is_asked() -> None:
    found = READERS["separation"]("march 31", CTX)
    assert isinstance(found, Ask)
    assert found.candidates == [Day(year=2027, month=3, day=31), Day(year=2031, month=3)]


def test_a_bare_two_digit_birth_is_asked() -> None:
    found = READERS["birth"]("58", CTX)
    assert isinstance(found, Ask)
    assert found.candidates == [Age(years=58), BirthDate(year=1958)]


def test_a_bare_small_contribution_is_asked() -> None:
    found = READERS["own"]("5", CTX)
    assert isinstance(found, Ask)
    assert found.candidates == [PercentOfPay(percent=Decimal(5)), Dollars(amount=5)]


@pytest.mark.parametrize(
    ("left", "expected"),
    [(True, Day(year=2026, month=3)), (False, Day(year=2027, month=3))],
)
def test_a_month_leans_on_what_is_known(left: bool, expected: Day) -> None:
    assert READERS["separation"]("march", ReadContext(today=TODAY, left=left)) == expected


def test_leaving_before_14_is_rejected_with_the_birth_year() -> None:
    found = READERS["separation"]("june 1975", ReadContext(today=TODAY, birth_year=1966))
    assert isinstance(found, Reject)
    assert found.code == "work_before_14"


def test_left_in_the_future_is_rejected() -> None:
    found = READERS["separation"]("june 2027", ReadContext(today=TODAY, left=True))
    assert isinstance(found, Reject)
    assert found.code == "left_in_future"


def test_a_contribution_over_pay_is_rejected() -> None:
    found = READERS["own"]("$50,000", ReadContext(today=TODAY, pay=40_000))
    assert isinstance(found, Reject)
    assert found.code == "contribution_over_pay"


def test_the_employment_date_comes_with_the_status() -> None:
    found = READERS["employment"]("retiring end of next month", CTX)
    assert found == Work(status="planning_to_leave", when=Day(year=2026, month=12))


def test_read_many_reads_service_apart_from_age() -> None:
    found = read_many("cop for 27 yrs w the city, retiring in june, im 52", CTX)
    assert found == {
        "public_safety": "other",
        "employment": Work(status="planning_to_leave", when=Day(year=2027, month=6)),
        "birth": Age(years=52),
        "service_years": 27,  # years with the city, never the age
    }


@pytest.mark.parametrize(
    "message",
    [
        "been retired 3 years, 62, 401k",
        "2 more years to go with the city, 58, 401k",
        "left 5 years ago, 60, 401k",
        "58, retiring in 2 years, 401k",
    ],
)
def test_years_that_are_no_service_are_not_read_as_service(message: str) -> None:
    assert "service_years" not in read_many(message, CTX)


# ---------------------------------------------------------------------------
# Re-ask words


def _codes_in_source() -> set[str]:
    source = "".join(p.read_text() for p in READING.glob("*.py") if p.name != "codes.py")
    found = set(re.findall(r'(?:ask|reject)\(\s*"(\w+)"', source))
    found |= set(re.findall(r'code or "(\w+)"', source))
    found |= set(re.findall(r'"(date_\w+)"', source))
    return found


def test_a_failing_reader_asks_again() -> None:
    def broken(text: str, ctx: ReadContext) -> Any:
        raise ValueError(text)

    from dialogs.reading import _never_raises

    found = _never_raises("birth", broken)("x", CTX)
    assert found == Ask(code="birth_unreadable")
    assert _never_raises("pay", broken)("x", CTX) == Ask(code="unreadable")


def _macros() -> set[str]:
    loader = environment().loader
    assert loader is not None
    source = loader.get_source(environment(), "reask.j2")[0]
    return set(re.findall(r"{% macro (\w+)\(", source))


def test_every_code_in_the_readers_is_listed() -> None:
    assert _codes_in_source() <= REASK_CODES


def test_every_code_has_a_macro() -> None:
    assert _macros() >= REASK_CODES


PARAMS = {
    "age": 58,
    "implied": 48,
    "year": 1978,
    "born": 1970,
    "number": 58,
    "years": 45,
    "amount": 300_000,
    "pay": 90_000,
    "percent": "150",
    "rate": "50",
    "plans": "403b, 457b",
    "month": 3,
    "when": date(2027, 3, 1),
    "left": True,
    "total": "7",
    "other": "Rolled to an IRA",
}


@pytest.mark.parametrize("code", sorted(REASK_CODES))
@pytest.mark.parametrize("question", ["pay", "own", "birth"])
def test_every_code_has_words(code: str, question: str) -> None:
    ctx = {"a": {}, "today": TODAY, "born": 1972, "p": PARAMS}
    text = macro("reask.j2", code, ctx={**ctx, "example": wording.example(question)})
    check_html(text)
    assert 15 < len(text) < 400


def test_params_are_escaped() -> None:
    ctx = {"a": {}, "today": TODAY, "born": 1972, "p": {**PARAMS, "plans": "<b>x</b>"}}
    ctx["example"] = wording.example("pay")
    assert "&lt;b&gt;" in macro("reask.j2", "plan_type_two", ctx=ctx)


# ---------------------------------------------------------------------------
# JSON


@pytest.mark.parametrize(
    "value",
    [
        Age(years=58),
        BirthDate(year=1962, month=3, day=4),
        BirthDate(year=1968),
        Day(year=2027, month=3),
        Work(status="planning_to_leave", when=Day(year=2027, month=6)),
        Work(status="employed"),
        Dollars(amount=6000),
        PercentOfPay(percent=Decimal("7.5")),
        MaxDeferral(),
        Match(rate_percent=Decimal(50), up_to_percent=Decimal(6)),
        Ask(code="birth_age_or_year", params={"number": 58}, candidates=[Age(years=58)]),
        Reject(code="age_too_young", params={"age": 12}),
        "unsure",
        "married_joint",
        120_000,
    ],
)
def test_json_round_trip(value: Any) -> None:
    import json

    assert load_answer(json.loads(json.dumps(dump_answer(value)))) == value


# ---------------------------------------------------------------------------
# Never raises, never None


def _allowed(value: Any) -> bool:
    if isinstance(value, Ask | Reject) and value.code not in REASK_CODES:
        return False
    if isinstance(value, Ask) and any(not _allowed(c) for c in value.candidates):
        return False
    return value is not None and isinstance(
        value,
        str
        | int
        | Age
        | BirthDate
        | Day
        | Work
        | Dollars
        | PercentOfPay
        | MaxDeferral
        | Match
        | Ask
        | Reject,
    )


TEXT = st.one_of(
    st.text(max_size=80),
    st.lists(
        st.sampled_from(
            [
                "im",
                "58",
                "born",
                "1/2",
                "march",
                "31",
                "left",
                "retiring",
                "k",
                "$",
                "-",
                "%",
                "match",
                "up to",
                "6",
                "not",
                "in",
                "next",
                "last",
                "friday",
                "yrs",
                "401k",
                "both",
                "and",
                ",",
                "half",
                "a month",
                "jk",
                "wait",
                "0",
                "99999999",
                "feb 30",
                "tomorrow",
                "🤷",
                "sixty",
                "one",
                "hundred",
                "thousand",
                "'62",
                "/",
                "12/31",
                "mil",
                "biweekly",
                "hr",
                "q1",
                "spring",
                "thanksgiving",
            ]
        ),
        max_size=14,
    ).map(" ".join),
)


@pytest.mark.parametrize("kind", sorted(KINDS))
@settings(max_examples=150, deadline=None)
@given(
    text=TEXT,
    birth_year=st.none() | st.integers(1900, 2030),
    pay=st.none() | st.integers(0, 10**7),
    left=st.none() | st.booleans(),
)
def test_no_reader_raises(
    kind: str, text: str, birth_year: int | None, pay: int | None, left: bool | None
) -> None:
    ctx = ReadContext(today=TODAY, birth_year=birth_year, left=left, pay=pay)
    assert _allowed(RAW_READERS[kind](text, ctx))


@settings(max_examples=300, deadline=None)
@given(text=TEXT)
def test_read_many_never_raises(text: str) -> None:
    found = raw_read_many(text, CTX)
    assert set(found) <= KINDS | set(HEARD)  # a reader's kind, or a fact said in passing
    assert all(_allowed(v) for v in found.values())


def _corpus_messages() -> list[str]:
    messages: list[str] = []
    for path in sorted(DATA.glob("phrasings*.tsv")):
        with path.open(newline="") as f:
            messages += [r["message"] for r in csv.DictReader(f, delimiter="\t", quoting=3)]
    return messages


# Real answers run together, as a first message tells several things: a reading that
# holds in one clause must not break in another ("... so im out, 58, 401k").
RUN_TOGETHER = st.lists(st.sampled_from(_corpus_messages()), min_size=2, max_size=4).flatmap(
    lambda parts: st.sampled_from([", ", ". ", " and ", " but "]).map(lambda j: j.join(parts))
)


@settings(max_examples=300, deadline=None)
@given(text=RUN_TOGETHER)
def test_answers_run_together_never_raise(text: str) -> None:
    found = raw_read_many(text, CTX)
    assert all(_allowed(v) for v in found.values())
    for kind in sorted(KINDS):
        assert _allowed(RAW_READERS[kind](text, CTX))


# ---------------------------------------------------------------------------
# Speed


def _corpus() -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    for name in ("phrasings.tsv", "phrasings_more.tsv"):
        with (DATA / name).open(newline="") as f:
            for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
                rows.append((row["question"], row["message"]))
    return rows


def test_a_date_question_names_both_readings() -> None:
    found = READERS["separation"]("mar 31", CTX)
    assert isinstance(found, Ask)
    ctx = {"a": {}, "today": TODAY, "born": 1972, "p": found.params, "q": "separation"}
    text = macro("reask.j2", found.code, ctx=ctx)
    check_html(text)
    assert "31 March 2027 or March 2031" in text
