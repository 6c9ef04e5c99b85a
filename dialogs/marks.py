"""The dates a picture shows: only dates and codes, nothing else about the person. The
dialog makes them (dialogs/timeline.py); a shell draws them (bot/timeline_png.py)."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

MarkKind = Literal[
    "today",
    "leaving",  # the planned leaving date (or the date they left)
    "rule_year",  # 1 January of the year they turn 55 (50 for public-safety workers)
    "penalty_free",  # the first day withdrawals avoid the 10% additional tax
    "age_59_half",  # 59½; a span when only a window is known (a birth year, an age)
    "tax_year",  # the tax year the mega backdoor's room applies to (a span)
]

# The marks about the person, not a plan: one of each on a picture of several plans.
PERSON_KINDS: frozenset[MarkKind] = frozenset({"today", "age_59_half"})

Precision = Literal["day", "month", "year"]


class Mark(BaseModel):
    """One date on the picture. `label` is a key of templates/timeline.toml and `params`
    fill its {placeholders}: the words live in the template, never here."""

    model_config = ConfigDict(frozen=True)
    kind: MarkKind
    when: date
    # The last day, for a span: a tax year, or a window such as 59½ known only from a
    # birth year (`when` is the window's first possible day, `until` its last).
    until: date | None = None
    # "month" / "year": only the month (its day 1 stands for it) or the year is known
    precision: Precision = "day"
    label: str
    params: dict[str, str | int | date] = Field(default_factory=dict)


class PlanMarks(BaseModel):
    """The marks of one plan: a row of the picture. The person's marks (59½) sit in the
    first plan that has them."""

    model_config = ConfigDict(frozen=True)
    plan: str | None = None  # the plan type code of the answers ("401k"), if known
    number: int | None = None  # among several plans, its number in the order added
    marks: tuple[Mark, ...] = ()


class Timeline(BaseModel):
    """What the shell draws as a picture: today plus each plan's key dates. Only dates and
    codes, nothing else about the person."""

    model_config = ConfigDict(frozen=True)
    today: date
    plans: tuple[PlanMarks, ...] = ()

    def marks(self) -> list[Mark]:
        """Today first, then every plan's marks in date order."""
        today = Mark(kind="today", when=self.today, label="today")
        return [today, *sorted((m for p in self.plans for m in p.marks), key=lambda m: m.when)]
