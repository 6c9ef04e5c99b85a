"""What a reader knows besides the text, and small shared helpers."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from dialogs.answers import Ask, Reject
from dialogs.reading.dates import M
from dialogs.reading.spoken import spoken
from dialogs.reading.text import clean, figure_taken_back, last_correction, words_to_digits
from dialogs.reading.translated import in_english
from dialogs.reading.typos import correct

MIN_AGE = 14
MAX_AGE = 100


@dataclass(frozen=True)
class ReadContext:
    """What is already known: today (always passed in), the birth year (for the
    'before you were 14' check), whether the person has left (past or future tense
    for a leaving date; None when unknown) and yearly pay (for % and 'more than pay')."""

    today: date
    birth_year: int | None = None
    left: bool | None = None
    pay: int | None = None
    on_screen: str | None = None  # the re-ask the person is answering, if any
    offer: bool = False  # the question on screen offers something ("a tax estimate?")


MONTH_NAMES = [calendar.month_name[n].lower() for n in range(1, 13)]
# A month and a day typed with a space between ("11 22"), month first.
SPACED_MONTH_DAY = r"(1[0-2]|0?[1-9]) ([12]\d|3[01]|0?[1-9])"


@lru_cache(maxsize=256)
def prepare(text: str) -> str:
    """Cleaned text with slips of the thumb read as the words they slipped from,
    self-corrections applied and numbers in words as digits. Remembered for the last
    messages: one message is prepared by several readers (and by parts, for the check
    that its parts agree), each asking for the same text."""
    said = spoken(last_correction(correct(in_english(clean(text)))))
    text = words_to_digits(said)
    if text != said:  # "sixty two. no, sixty three": put right once its words are figures
        text = last_correction(text)
    text = figure_taken_back(text)
    text = re.sub(r"\bret(?:\.|'d\b|d\b)", "retired", text)
    text = re.sub(r"\b0f\b", "of", text)  # "rule 0f 55"
    text = re.sub(r"\bw/o\b", "without", text)
    text = re.sub(r"\by\.o\.?", "yo", text)  # "54 y.o."
    # "10 23 2025": a date typed with spaces, month first, its year in full
    text = re.sub(rf"\b{SPACED_MONTH_DAY} ((?:19|20)\d{{2}})\b", r"\1/\2/\3", text)
    # "year 1966, month 3", "in the month september": the words around a date go
    text = re.sub(r"\bmonth (?:of )?(1[0-2]|0?[1-9])\b", lambda m: MONTH_NAMES[int(m[1]) - 1], text)
    text = re.sub(rf"\b(?:the )?month[,:]? (?:of |is |was )?(?={M})", "", text)
    text = re.sub(r"\byear (?:of )?(\d{4})\b", r"\1", text)
    # "in the new year" is next year, not New Year's Day
    text = re.sub(r"\b(?:sometime |some time )?in the new year\b", "next year", text)
    # "last week of march" is the end of a march, never last march
    text = re.sub(r"\b(?:the )?(?:last|final) (?:week|weekend|few days|days) of\b", "end of", text)
    text = re.sub(r"\b(?:the )?first (?:week|weekend|few days|days) of\b", "beginning of", text)
    # "sept. 14th, 1968": the month's full stop is no end of a sentence
    text = re.sub(rf"\b{M}(?= ?\d)", lambda m: m[1], text)
    return without_halves(text)


# "59 1/2", "59½", "59 and a half": an age's half. "11/2/66" is a date, not "1 1/2": a
# half comes after a space (or is "½") and is not followed by more of a date.
HALF = r"(\d)(?: 1/2|½| and a half)\b(?![/\-.]\d)(?! ?(?:k|grand|thousand|million|percent|%)\b)"


def without_halves(text: str) -> str:
    return re.sub(HALF, r"\1", text)


def ask(code: str, candidates: list[Any] | None = None, **params: Any) -> Ask:
    return Ask(code=code, params=params, candidates=candidates or [])


def reject(code: str, **params: Any) -> Reject:
    return Reject(code=code, params=params)


# A minus sign before a figure: "-5", "- $200" at the start; a spaced dash between words
# ("2 employers - 10 at the first") is no minus.
MINUS = r"(?:^|(?<=[\s(]))-\$?\d|^-\s\$?\d|\bminus\b|\bnegative\b"


def has(pattern: str, text: str) -> bool:
    return re.search(pattern, text) is not None


# Plan names carry digits that are not amounts (401k is not $401,000).
PLAN_NAMES = (
    r"\b(?:401 ?\(?[ak]\)?|403 ?\(?b\)?|457(?: ?\(?b\)?)?|4o[13][kb]|w-?2|box \d+|1099"
    r"|p\.?l\.? \d+-\d+)|\b40[13]\b(?! ?k\b)"
)
