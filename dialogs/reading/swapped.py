"""A month put right by naming the one it replaces: "actually it was may not march", "not
march, may", "i said march but it was may", "make that may instead of march". The message
says no date on its own (no leaving word, no year); it changes whichever answer said the
month taken back (dialogs/engine.py), and only when exactly one answer did."""

from __future__ import annotations

import re

from dialogs.reading.base import prepare
from dialogs.reading.dates import M, month_number

_NEW_NOT_OLD = re.compile(
    rf"^(?:(?:it was|it's|its|was|make that|make it|sorry|oops|my bad|i meant?)[ ,]+)*"
    rf"{M}[ ,]+(?:not|instead of|rather than|and not)[ ,]+{M}[ .!]*$"
)
_NOT_OLD_NEW = re.compile(
    rf"^(?:(?:sorry|oops|my bad)[ ,]+)?(?:not|no[t]? in)[ ,]+{M}[ ,;.]+"
    rf"(?:(?:it was|it's|its|was|but|i meant?|in)[ ,]+)*{M}[ .!]*$"
)
_SAID_OLD_BUT_NEW = re.compile(
    rf"^(?:sorry[ ,]+)?i (?:said|put|typed|wrote) {M},? but (?:it was|it's|its|i meant?) {M}"
    rf"[ .!]*$"
)
_OLD_NO_NEW = re.compile(rf"^{M}[ ?,.!]+(?:no|nope|wait)[ ,]+{M}[ .!]*$")


def month_swap(text: str) -> tuple[int, int] | None:
    """(month taken back, month meant) when the message only swaps one month for another."""
    t = prepare(text).strip()
    if m := _NEW_NOT_OLD.match(t):
        new, old = m[1], m[2]
    elif m := _NOT_OLD_NEW.match(t) or _SAID_OLD_BUT_NEW.match(t) or _OLD_NO_NEW.match(t):
        old, new = m[1], m[2]
    else:
        return None
    swap = month_number(old), month_number(new)
    return swap if swap[0] != swap[1] else None
