"""The data that crosses the line between a shell (Telegram, terminal) and the dialog.
Nothing here knows Telegram: a reply is text in Telegram's HTML subset plus options."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field


class Text(BaseModel):
    """Free text the person typed."""

    model_config = ConfigDict(frozen=True)
    kind: Literal["text"] = "text"
    text: str


class Choice(BaseModel):
    """A tapped option: which question it belonged to and which option."""

    model_config = ConfigDict(frozen=True)
    kind: Literal["choice"] = "choice"
    question_id: str
    option_id: str


class Command(BaseModel):
    """/start, /help, /back, /restart, /summary, /privacy, /forget (name without the slash)."""

    model_config = ConfigDict(frozen=True)
    kind: Literal["command"] = "command"
    name: str
    argument: str = ""


Event = Annotated[Text | Choice | Command, Field(discriminator="kind")]


class Option(BaseModel):
    """One button. `label` is plain text (not HTML), short enough for a phone screen."""

    model_config = ConfigDict(frozen=True)
    id: str
    label: str
    # The question this button answers, when it is not the reply's own `question_id`
    # (an echo's "Change" button travelling with the next question).
    question_id: str | None = None


MarkKind = Literal[
    "today",
    "leaving",  # the planned leaving date (or the date they left)
    "rule_year",  # 1 January of the year they turn 55 (50 for public-safety workers)
    "penalty_free",  # the first day withdrawals avoid the 10% additional tax
    "age_59_half",
    "tax_year",  # the tax year the mega backdoor's room applies to (a span)
]

Precision = Literal["day", "month"]


class Mark(BaseModel):
    """One date on the picture. `label` is a key of templates/timeline.toml and `params`
    fill its {placeholders}: the words live in the template, never here."""

    model_config = ConfigDict(frozen=True)
    kind: MarkKind
    when: date
    until: date | None = None  # the last day, for a span such as a tax year
    precision: Precision = "day"  # "month": only the month is known (day 1 stands for it)
    label: str
    params: dict[str, str | int | date] = Field(default_factory=dict)


class PlanMarks(BaseModel):
    """The marks of one plan. One plan per person for now; the picture takes a list."""

    model_config = ConfigDict(frozen=True)
    plan: str | None = None  # the plan type code of the answers ("401k"), if known
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


class Reply(BaseModel):
    model_config = ConfigDict(frozen=True)

    text: str  # Telegram HTML subset: b, i, u, s, a, code, pre, blockquote
    options: list[Option] = Field(default_factory=list)
    question_id: str | None = None  # the options belong to this question
    alert: bool = False  # a short notice, shown as a pop-up when answering a button press
    shareable: bool = False  # the summary: the shell adds a Share button
    timeline: Timeline | None = None  # the shell sends it as a picture after the text
