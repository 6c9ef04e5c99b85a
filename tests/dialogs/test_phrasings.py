"""Every line of the phrasing corpora read by the real reader for its kind.

tests/dialogs/data/phrasings.tsv: the shared corpus (605 real phrasings);
tests/dialogs/data/phrasings_more.tsv: our own; tests/dialogs/data/phrasings_spoken.tsv:
written fresh for issue 19 (voice dictation, slang, typos, relative dates, several facts);
phrasings_dates4/5.tsv and phrasings_choices4/5.tsv: written by two helpers that never saw the
readers (2026-12-04), then read right, or relabelled where the product reads otherwise on
purpose (the note says why); phrasings_train6.tsv: a third such writer (a later session),
the same way, where "not read yet" marks a line asked back that the readers should read.
Columns: question, message, expected, note. Today is 2026-11-30 for every line. A `multi`
line lists kind=value pairs; only those kinds are compared (our own lines may say
kind=NONE: not read, or only asked)."""

from __future__ import annotations

import csv
import json
import re
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from dialogs.answers import Age, Ask, BirthDate, Day, Reject, Work, dump_answer, load_answer
from dialogs.reading import RAW_READERS, ReadContext, read_many
from dialogs.reading.codes import REASK_CODES
from dialogs.reading.many import read_many as raw_read_many
from rules import Dollars, Match, MaxDeferral, PercentOfPay

TODAY = date(2026, 11, 30)
DATA = Path(__file__).parent / "data"
# Which reader reads each question of the corpus.
READER_FOR = {"public_safety": "public_safety", "yes_no": "yes_no", "money": "money"}
DATE = re.compile(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


def _rows(name: str) -> list[Any]:
    with (DATA / name).open(newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [
        pytest.param(
            r["question"], r["message"], r["expected"], id=f"{name[:-4]}:{i + 2}:{r['question']}"
        )
        for i, r in enumerate(rows)
    ]


def _date(text: str) -> tuple[int, int | None, int | None]:
    m = DATE.fullmatch(text)
    assert m, text
    return int(m[1]), int(m[2]) if m[2] else None, int(m[3]) if m[3] else None


def _day_matches(expected: str, day: Any, prefix: bool) -> bool:
    if not isinstance(day, Day):
        return False
    year, month, dd = _date(expected)
    got = (day.year, day.month, day.day)
    if prefix:  # "leaving 2027-03": the date at (at least) that precision
        wanted = (year, month, dd)
        return all(w is None or w == g for w, g in zip(wanted, got, strict=True)) and (
            month is None or day.month is not None
        )
    return bool(got == (year, month, dd))


def matches(kind: str, expected: str, got: Any) -> bool:
    if isinstance(got, Ask | Reject):
        assert got.code in REASK_CODES, f"{got.code} has no re-ask words"
    if expected == "ASK":
        return isinstance(got, Ask)
    if expected == "REJECT":
        return isinstance(got, Reject)
    if expected == "unsure":
        return bool(got == "unsure")
    if kind == "birth":
        if expected.startswith("age:"):
            return bool(got == Age(years=int(expected[4:])))
        year, month, day = _date(expected)
        return bool(got == BirthDate(year=year, month=month, day=day))
    if kind == "separation":
        return _day_matches(expected, got, prefix=False)
    if kind == "employment":
        if not isinstance(got, Work):
            return False
        status, _, when = expected.partition(" ")
        if got.status != status:
            return False
        return got.when is None if not when else _day_matches(when, got.when, prefix=True)
    if kind in {"own", "employer"}:
        if expected == "max":
            return bool(got == MaxDeferral())
        if expected.startswith("pct:"):
            return bool(got == PercentOfPay(percent=Decimal(expected[4:])))
        if expected.startswith("match:"):
            rate, cap = expected[6:].split("/")
            return bool(got == Match(rate_percent=Decimal(rate), up_to_percent=Decimal(cap)))
        return bool(got == Dollars(amount=int(expected)))
    if kind in {"pay", "money", "service_years", "birth_month"}:
        return bool(got == int(expected))
    return bool(got == expected)


@pytest.mark.parametrize(
    ("question", "message", "expected"),
    [row for path in sorted(DATA.glob("phrasings*.tsv")) for row in _rows(path.name)],
)
def test_phrasing(question: str, message: str, expected: str) -> None:
    ctx = ReadContext(today=TODAY)
    if question == "multi":
        got = raw_read_many(message, ctx)
        wanted = dict(item.split("=", 1) for item in expected.split(";"))
        for kind, value in wanted.items():
            if value == "NONE":  # our own lines: this kind must not be read as a value
                assert kind not in got or isinstance(got[kind], Ask), f"{kind}: {got[kind]!r}"
                continue
            assert kind in got, f"{kind} missing from {got}"
            assert matches(kind, value, got[kind]), f"{kind}: {got[kind]!r} is not {value}"
            assert load_answer(json.loads(json.dumps(dump_answer(got[kind])))) == got[kind]
        return
    reader = RAW_READERS[READER_FOR.get(question, question)]
    read = reader(message, ctx)
    assert matches(question, expected, read), f"{read!r} is not {expected}"
    assert load_answer(json.loads(json.dumps(dump_answer(read)))) == read


def test_read_many_is_guarded() -> None:
    assert read_many("", ReadContext(today=TODAY)) == {}
