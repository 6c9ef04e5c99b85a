"""The typed values a reader makes of what a person typed.

Every reader (dialogs/reading/) returns one of: a value below, a plain string for a
simple choice (the rules' own value: `PlanType.K401`, `FilingStatus.MARRIED_JOINT`...;
or "yes", "r55"...), an int of whole dollars a year (or years of
service, or a month number), the string "unsure", an `Ask` (ambiguous: ask back) or a
`Reject` (impossible: say why). All are frozen pydantic models that round-trip through
JSON with `dump_answer` / `load_answer` (a discriminated union on `kind`)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal, TypeAlias, TypeVar

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

from rules import Dollars, Employment, Match, MaxDeferral, PercentOfPay

UNSURE = "unsure"


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Age(_Frozen):
    kind: Literal["age"] = "age"
    years: int


class BirthDate(_Frozen):
    kind: Literal["birth"] = "birth"
    year: int
    month: int | None = None
    day: int | None = None


Birth = Age | BirthDate


class Day(_Frozen):
    """A date as precise as the person said it: a year, maybe a month, maybe a day."""

    kind: Literal["day"] = "day"
    year: int
    month: int | None = None
    day: int | None = None

    def first_day(self) -> date:
        return date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> date:
        if self.day is not None:
            return date(self.year, self.month or 1, self.day)
        if self.month is None:
            return date(self.year, 12, 31)
        following = date(self.year + self.month // 12, self.month % 12 + 1, 1)
        return date.fromordinal(following.toordinal() - 1)


class Work(_Frozen):
    """Work status for the employer with the plan, with the leaving date when given."""

    kind: Literal["work"] = "work"
    status: Employment
    when: Day | None = None
    rehired: bool = False  # back at this employer after leaving it


Own = Dollars | PercentOfPay | MaxDeferral
Employer = Dollars | PercentOfPay | Match

Value = Annotated[
    Age | BirthDate | Day | Work | Dollars | PercentOfPay | MaxDeferral | Match,
    Field(discriminator="kind"),
]


class Ask(_Frozen):
    """Ambiguous: ask back. `code` names a macro in templates/reask.j2; `candidates`
    are the values the person most likely meant (empty when none)."""

    kind: Literal["ask"] = "ask"
    code: str
    params: dict[str, Any] = Field(default_factory=dict)
    candidates: list[Value | int | str] = Field(default_factory=list)
    # The answer as far as the text settles it ("still working": employed, leaving plans
    # unknown): kept if the question is given up, never dropped.
    partial: Value | int | str | None = None


class Reject(_Frozen):
    """Impossible: re-ask saying why. `code` names a macro in templates/reask.j2."""

    kind: Literal["reject"] = "reject"
    code: str
    params: dict[str, Any] = Field(default_factory=dict)


Answer = Annotated[
    Age | BirthDate | Day | Work | Dollars | PercentOfPay | MaxDeferral | Match | Ask | Reject,
    Field(discriminator="kind"),
]

Unsure = Literal["unsure"]
Topics = Literal["r55", "mbr", "both"]
YesNo = Literal["yes", "no"]

T = TypeVar("T")
# What a reader makes of a text: the answer (of type T), or a question back.
Read: TypeAlias = T | Ask | Reject

_ANY = TypeAdapter(Answer | int | str)


def usable(reading: Any) -> bool:
    """Whether a reading is an answer to take: not nothing, "not sure", or a question back."""
    return reading is not None and reading != UNSURE and not isinstance(reading, Ask | Reject)


def dump_answer(value: Any) -> Any:
    """A reader's result as JSON-ready data."""
    return _ANY.dump_python(value, mode="json")


def load_answer(data: Any) -> Any:
    """The inverse of `dump_answer`."""
    return _ANY.validate_python(data)
