"""Readers: what people type in answer to each kind of question, read into a typed
value (dialogs/answers.py), "unsure", an `Ask` (ambiguous: ask back) or a `Reject`
(impossible: say why). Pure functions of the text and a `ReadContext`; none raises.

    READERS[kind](text, ctx)   one answer to one question
    read_many(text, ctx)       every answer one message clearly contains, by kind

What each kind reads to (besides "unsure", Ask and Reject, which any kind may return):

    topics            "r55" | "mbr" | "both"          (no "unsure": a choice is asked)
    birth             Age | BirthDate
    birthday_passed   "yes" | "no"
    birth_month       int 1-12
    employment        Work(status: rules.Employment, when: Day | None)
    separation        Day (at least a month; a year alone is asked)
    plan_type         rules.PlanType
    public_safety     rules.PublicSafety
    service_years     int
    yes_no            "yes" | "no"
    rolled            rules.RolledOut
    pay, money        int, whole dollars a year
    own               Dollars | PercentOfPay | MaxDeferral
    employer          Dollars | PercentOfPay | Match
    filing            rules.FilingStatus  (no "unsure": the options are asked)

Every Ask / Reject code is in codes.REASK_CODES and has a macro in templates/reask.j2;
an Ask's candidates are the values the person most likely meant.
"""

from __future__ import annotations

import logging
import re
import traceback
from collections.abc import Callable
from functools import wraps
from typing import Any

from dialogs.answers import UNSURE, Ask, Read, T
from dialogs.reading import choices, money
from dialogs.reading.base import ReadContext, prepare
from dialogs.reading.birth import read_birth
from dialogs.reading.codes import REASK_CODES
from dialogs.reading.many import read_many as _read_many
from dialogs.reading.several import read_checked
from dialogs.reading.text import DONT_KNOW
from dialogs.reading.work import read_employment, read_separation

# A reader of answers of type T (dialogs/answers.py): the answer, or a question back.
Reader = Callable[[str, ReadContext], Read[T]]

_log = logging.getLogger(__name__)


def _log_failure(where: str, error: Exception) -> None:
    """The error and its frames; its message (maybe the person's words) only at DEBUG."""
    frames = "".join(traceback.format_tb(error.__traceback__))
    _log.error("%s in %s\n%s", type(error).__name__, where, frames.rstrip())
    _log.debug("details", exc_info=error)


def _never_raises(kind: str, reader: Reader[Any]) -> Reader[Any]:
    """A reader bug must cost a re-ask, not the conversation."""

    @wraps(reader)
    def read(text: str, ctx: ReadContext) -> Any:
        try:
            return reader(text, ctx)
        except Exception as error:
            _log_failure(f"reader {kind}", error)
            code = f"{kind}_unreadable"
            return Ask(code=code if code in REASK_CODES else "unreadable")

    return read


# Kinds with no "not sure" answer: a choice is asked instead.
_NO_UNSURE = {"topics", "filing"}


def _dont_know_first(kind: str, reader: Reader[Any]) -> Reader[Any]:
    """ "No idea", "no clue honestly": not sure, before any reader sees a "no" in it."""
    if kind in _NO_UNSURE:
        return reader

    @wraps(reader)
    def read(text: str, ctx: ReadContext) -> Any:
        return UNSURE if DONT_KNOW.search(prepare(text)) else reader(text, ctx)

    return read


# A question of the person's own ("what counts as leaving?", "does a 403b count?") is no
# answer, whatever words in it a reader knows; a question about a topic chooses it.
_QUESTION_BACK = re.compile(
    r"^(?:what|what'?s|how|why|which|who|where|does|do|can|could|should|would|is|are|am|will"
    r"|isn'?t|doesn'?t)\b[^?]*\?+\s*$"
)
_ASKED_ABOUT = {"topics"}


def _questions_are_no_answers(kind: str, reader: Reader[Any]) -> Reader[Any]:
    if kind in _ASKED_ABOUT:
        return reader

    @wraps(reader)
    def read(text: str, ctx: ReadContext) -> Any:
        if _QUESTION_BACK.match(text.strip().lower()):
            return Ask(code="question_asked")
        return reader(text, ctx)

    return read


_READERS: dict[str, Reader[Any]] = {
    "topics": choices.read_topics,
    "birth": read_birth,
    "birthday_passed": choices.read_birthday_passed,
    "birth_month": choices.read_birth_month,
    "employment": read_employment,
    "separation": read_separation,
    "plan_type": choices.read_plan_type,
    "public_safety": choices.read_public_safety,
    "service_years": choices.read_service_years,
    "yes_no": choices.read_yes_no,
    "rolled": choices.read_rolled,
    "inherited": choices.read_inherited,
    "pay": money.read_pay,
    "own": money.read_own,
    "employer": money.read_employer,
    "filing": choices.read_filing,
    "money": money.read_money,
}
# The readers as they are (a bug raises: for tests), and as the dialog uses them.
RAW_READERS = {
    kind: read_checked(kind, _dont_know_first(kind, _questions_are_no_answers(kind, reader)))
    for kind, reader in _READERS.items()
}
READERS: dict[str, Reader[Any]] = {kind: _never_raises(kind, r) for kind, r in RAW_READERS.items()}


def read_many(text: str, ctx: ReadContext) -> dict[str, Any]:
    """Every answer the message clearly contains, keyed by kind (see READERS)."""
    try:
        return _read_many(text, ctx)
    except Exception as error:
        _log_failure("read_many", error)
        return {}


__all__ = ["RAW_READERS", "READERS", "ReadContext", "Reader", "read_many"]
