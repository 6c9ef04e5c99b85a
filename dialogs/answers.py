"""Typed answers: what a person said, kept as they said it ("max", "5% match"), never as
figures derived from other answers. Stored in the session as JSON."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from rules import Dollars, Match, MaxDeferral, PercentOfPay

UNSURE = "unsure"


class Age(BaseModel):
    model_config = ConfigDict(frozen=True)
    kind: Literal["age"] = "age"
    years: int


class BirthDate(BaseModel):
    model_config = ConfigDict(frozen=True)
    kind: Literal["birth"] = "birth"
    year: int
    month: int | None = None
    day: int | None = None


class Day(BaseModel):
    """A date as precise as the person said it."""

    model_config = ConfigDict(frozen=True)
    kind: Literal["day"] = "day"
    year: int
    month: int | None = None
    day: int | None = None


class Work(BaseModel):
    model_config = ConfigDict(frozen=True)
    kind: Literal["work"] = "work"
    status: Literal["staying", "leaving", "left"]
    when: Day | None = None


Birth = Annotated[Age | BirthDate, Field(discriminator="kind")]
Own = Annotated[Dollars | PercentOfPay | MaxDeferral, Field(discriminator="kind")]
Employer = Annotated[Dollars | PercentOfPay | Match, Field(discriminator="kind")]


class Ask(BaseModel):
    """Ambiguous: ask back. `candidates` are the values the person most likely meant."""

    model_config = ConfigDict(frozen=True)
    code: str
    params: dict[str, Any] = Field(default_factory=dict)
    candidates: list[Any] = Field(default_factory=list)


class Reject(BaseModel):
    """Impossible: re-ask, saying why."""

    model_config = ConfigDict(frozen=True)
    code: str
    params: dict[str, Any] = Field(default_factory=dict)
