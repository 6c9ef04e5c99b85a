"""Dictation that is not a plain number: a plan name said digit by digit ("four oh one k"
is 401k), a year said "oh nine" ('09), an ordinal after a month ("june third" is june 3rd,
"the twenty first of june" the 21st) and letters spelled out ("t s p" is tsp). Words in
data/spoken.toml."""

from __future__ import annotations

import re
import tomllib
from importlib import resources

from dialogs.reading.dates import M

_DATA = tomllib.loads(
    resources.files("dialogs.reading").joinpath("data", "spoken.toml").read_text()
)


def _lookup(table: str) -> dict[str, int]:
    return {word: int(value) for value, words in _DATA[table].items() for word in words}


DIGITS = _lookup("digits")
ORDINALS = _lookup("ordinals")
ORDINAL_TENS = _lookup("ordinal_tens")
_ZERO = "|".join(w for w, v in DIGITS.items() if v == 0)
_DIGIT = "|".join(DIGITS)
# Three digits with a zero in the middle, as plan names are said: "four oh one", "four o three"
PLAN_DIGITS = re.compile(rf"\b({_DIGIT}) ({_ZERO}) ({_DIGIT})\b(?: ?\(?([abk])\)?(?![a-z]))?")
_ORDINAL = "|".join(ORDINALS)
_ORDINAL_PHRASE = rf"(?:(?:{'|'.join(ORDINAL_TENS)})[ -])?(?:{_ORDINAL})"
MONTH_ORDINAL = re.compile(rf"\b{M} (?:the )?({_ORDINAL_PHRASE})\b")
ORDINAL_OF_MONTH = re.compile(rf"\b(?:the )?({_ORDINAL_PHRASE}) of {M}")
# A year said as "oh nine" (2009): "oh" and one digit, not inside a longer number said.
_ONE_DIGIT = "|".join(w for w, v in DIGITS.items() if v != 0 and w != "for")
YEAR_OH = re.compile(rf"\b(?:(\w+) )?oh ({_ONE_DIGIT})\b(?! (?:{_DIGIT})\b)")


def _year_oh(m: re.Match[str]) -> str:
    before = m[1]
    if before is not None and (before.isdigit() or before in DIGITS):
        return m[0]  # "four oh one", "2 oh 1": part of a longer number
    return f"{before} '0{DIGITS[m[2]]}" if before is not None else f"'0{DIGITS[m[2]]}"


# Single letters spelled out, three in a row ("t s p", "h o h"); never "a" or "i", words.
SPELLED = re.compile(r"\b([b-hj-z]) ([b-hj-z]) ([b-hj-z])\b")


def _ordinal(words: str) -> str:
    parts = re.split(r"[ -]", words)
    value = sum(ORDINAL_TENS.get(w, 0) + ORDINALS.get(w, 0) for w in parts)
    suffix = {1: "st", 2: "nd", 3: "rd"}.get(value % 10 if value // 10 != 1 else 0, "th")
    return f"{value}{suffix}"


def _plan(m: re.Match[str]) -> str:
    if DIGITS[m[1]] != 4:  # plan names start with 4: 401, 403, 457
        return m[0]
    return f"4{DIGITS[m[2]]}{DIGITS[m[3]]}{m[4] or ''}"


def spoken(text: str) -> str:
    """`text` (cleaned) with dictated plan names, ordinals and spelled letters written."""
    text = PLAN_DIGITS.sub(_plan, text)
    text = YEAR_OH.sub(_year_oh, text)
    text = MONTH_ORDINAL.sub(lambda m: f"{m[1]} {_ordinal(m[2])}", text)
    text = ORDINAL_OF_MONTH.sub(lambda m: f"the {_ordinal(m[1])} of {m[2]}", text)
    return SPELLED.sub(lambda m: m[1] + m[2] + m[3], text)
