"""A month or a year put right by naming the one it replaces: "actually it was may not
march", "not march, may", "i said 2024 but it was 2025", "make that may instead of march".
The message says no date on its own (no leaving word); it changes whichever answer said
the value taken back (dialogs/engine.py), and only when exactly one answer did."""

from __future__ import annotations

import re
from typing import Literal

from dialogs.reading.base import prepare
from dialogs.reading.dates import M, month_number

Part = Literal["month", "year"]
_VALUE = rf"(?:{M}|((?:19|20)\d\d))"
_LEAD = r"(?:(?:it was|it's|its|was|make that|make it|sorry|oops|my bad|i meant?|in)[ ,]+)*"
_NEW_NOT_OLD = re.compile(
    rf"^{_LEAD}{_VALUE}[ ,]+(?:not|instead of|rather than|and not)[ ,]+(?:in )?{_VALUE}[ .!]*$"
)
_NOT_OLD_NEW = re.compile(
    rf"^(?:(?:sorry|oops|my bad)[ ,]+)?(?:not|no[t]? in)[ ,]+{_VALUE}[ ,;.]+"
    rf"(?:(?:it was|it's|its|was|but|i meant?|in)[ ,]+)*{_VALUE}[ .!]*$"
)
_SAID_OLD_BUT_NEW = re.compile(
    rf"^(?:sorry[ ,]+)?i (?:said|put|typed|wrote) {_VALUE},? but (?:it was|it's|its|i meant?)"
    rf" {_VALUE}[ .!]*$"
)
_OLD_NO_NEW = re.compile(rf"^{_VALUE}[ ?,.!]+(?:no|nope|wait)[ ,]+{_VALUE}[ .!]*$")
# Inside a longer message: "sorry I was born in 1967 not 1968", "i leave in march, not june".
_WITHIN = re.compile(rf"\b{_VALUE}[ ,]+(?:not|instead of|rather than)[ ,]+(?:in )?{_VALUE}\b")


def _value(month: str | None, year: str | None) -> tuple[Part, int]:
    return ("month", month_number(month)) if month else ("year", int(year or 0))


def swap(text: str, within: bool = False) -> tuple[Part, int, int] | None:
    """(which part of a date, the value taken back, the value meant) when the message only
    swaps one month, or one year, for another; `within`: or says "<new> not <old>" among
    other words."""
    t = prepare(text).strip()
    if m := _NEW_NOT_OLD.match(t) or (within and _WITHIN.search(t)):
        new, old = _value(m[1], m[2]), _value(m[3], m[4])
    elif m := _NOT_OLD_NEW.match(t) or _SAID_OLD_BUT_NEW.match(t) or _OLD_NO_NEW.match(t):
        old, new = _value(m[1], m[2]), _value(m[3], m[4])
    else:
        return None
    if old[0] != new[0] or old[1] == new[1]:
        return None
    return old[0], old[1], new[1]
