"""One message, two answers to one question (issue 19 "Several numbers in one message",
"Confidence"): when the parts of a message disagree, the answer is never taken silently —
the person is asked which, with the readings as buttons. Readings that agree, a sum the
person spelled out, and someone else's figure beside their own are read as one answer."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dialogs.answers import Age, Ask, BirthDate, Day
from dialogs.reading import READERS, ReadContext
from dialogs.reading.several import agree
from rules import Dollars, PercentOfPay
from tests.dialogs.chat import Chat

TODAY = date(2026, 11, 30)
CONTEXT = ReadContext(today=TODAY, left=False, pay=100_000)


@pytest.mark.parametrize(
    ("kind", "message", "offered"),
    [
        ("pay", "110k base plus about 10k bonus", [110_000, 120_000, 10_000]),
        ("own", "6000, maybe 7000", [Dollars(amount=6000), Dollars(amount=7000)]),
        ("separation", "june 2028 maybe 2029", [Day(year=2028, month=6), Day(year=2029)]),
        (
            "own",
            "about 1200 a month pretax and 500 roth",
            [Dollars(amount=20_400), Dollars(amount=14_400)],
        ),
    ],
)
def test_figures_that_disagree_are_asked_back_with_each_reading(
    kind: str, message: str, offered: list[object]
) -> None:
    reading = READERS[kind](message, CONTEXT)
    assert isinstance(reading, Ask), f"{message!r} was taken as {reading!r}"
    assert reading.candidates == offered


@pytest.mark.parametrize(
    ("kind", "message", "value"),
    [
        ("birth", "58, born march 68", BirthDate(year=1968, month=3)),
        ("own", "6% pretax plus 2% roth", PercentOfPay(percent=8)),  # spelled out as a sum
        ("pay", "my husband makes 100k and i make 60k", 60_000),  # someone else's figure
        ("own", "i contribute 5% but increasing to 8% in january", PercentOfPay(percent=5)),
        ("separation", "end of june 2027, so june 2027", Day(year=2027, month=6)),
    ],
)
def test_parts_that_agree_are_one_answer(kind: str, message: str, value: object) -> None:
    assert READERS[kind](message, CONTEXT) == value


def test_an_age_and_a_birth_year_agree_only_when_they_can_be_one_person() -> None:
    assert agree(Age(years=58), BirthDate(year=1968), TODAY)
    assert agree(Age(years=58), BirthDate(year=1967), TODAY)  # birthday not yet this year
    assert not agree(Age(years=58), BirthDate(year=1962), TODAY)
    assert not agree(BirthDate(year=1962, month=3), BirthDate(year=1962, month=4), TODAY)


@given(
    st.integers(min_value=40, max_value=400).map(lambda k: k * 1000),
    st.integers(min_value=40, max_value=400).map(lambda k: k * 1000),
    st.sampled_from(["{a} or {b}", "maybe {a} maybe {b}", "{a}, or {b}", "{a}/{b}"]),
)
def test_two_different_pays_in_one_message_are_never_taken_as_one(
    a: int, b: int, shape: str
) -> None:
    reading = READERS["pay"](shape.format(a=f"${a:,}", b=f"${b:,}"), CONTEXT)
    if a != b:
        assert isinstance(reading, Ask), reading


def test_a_conversation_asks_which_figure_and_takes_the_one_tapped() -> None:
    chat = Chat()
    chat.script("/start", "tap mbr", "March 1968", "401k", "tap employed")
    chat.script("tap yes", "tap yes", "tap yes")
    assert chat.asked == "pay"
    chat.say("110k base plus about 10k bonus")
    assert chat.asked == "pay" and "pay" not in chat.answers
    assert "more than one figure" in chat.text
    labels = {o.label: o for r in chat.replies for o in r.options if o.id.startswith("c")}
    assert {"$110,000", "$120,000", "$10,000"} <= {label.split(" ")[-1] for label in labels}
    chat.tap("c1", "pay")  # the sum, offered second
    assert chat.answers["pay"] == 120_000
