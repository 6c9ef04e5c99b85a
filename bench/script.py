"""The conversation every simulated person has: both topics, buttons and free text (dates,
money), ending with the shareable summary. Variants differ only in how the same answers
are typed, so every variant takes the same path through the form."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from dialogs import Choice, Command, Event, Reply, Session, Text, step, summary

TODAY = date(2026, 11, 28)


@dataclass(frozen=True)
class Say:
    """Free text, or a /command."""

    text: str


@dataclass(frozen=True)
class Tap:
    """Press the button `option` of question `question` on the newest message that has it."""

    question: str
    option: str


Step = Say | Tap

# The same answers typed in different ways: fast-path dates, relative dates, money forms.
BIRTHS = ("feb 72", "February 1972", "02/1972", "1972-02")
SEPARATIONS = ("end of december", "December 2026", "12/2026", "in 1 month")
PAYS = ("180k", "$180,000", "180000", "180 thousand")
EMPLOYER = ("4% match", "$7,200", "7200", "7.2k")


def conversation(variant: int) -> list[Step]:
    """One whole conversation (16 updates)."""
    v = variant % len(BIRTHS)
    return [
        Say("/start"),
        Tap("topics", "both"),
        Say(BIRTHS[v]),
        Say("401k"),
        Tap("employment", "planning_to_leave"),
        Say(SEPARATIONS[v]),
        Tap("public_safety", "none"),
        Tap("rolled_ira", "none"),
        Tap("after_tax", "yes"),
        Tap("in_plan_roth", "yes"),
        Tap("estimate", "yes"),
        Say(PAYS[v]),
        Say("max"),
        Say(EMPLOYER[v]),
        Tap("tax_est", "no"),
        Tap("menu", "sum"),
    ]


VARIANTS = len(BIRTHS)


def event_for(action: Step) -> Event:
    """The dialog event for a step (that a pressed button was on screen, `play` shows by
    reaching the summary)."""
    if isinstance(action, Tap):
        return Choice(question_id=action.question, option_id=action.option)
    if action.text.startswith("/"):
        name, _, argument = action.text[1:].partition(" ")
        return Command(name=name, argument=argument)
    return Text(text=action.text)


@dataclass(frozen=True)
class Moment:
    """One step of a played conversation: the session before, the event, and its kind."""

    session: Session
    event: Event
    action: Step


def play(variant: int) -> tuple[list[Moment], Session]:
    """Play the conversation through `dialogs.step`; check it reached the summary."""
    session = Session()
    replies: list[Reply] = []
    moments: list[Moment] = []
    for action in conversation(variant):
        event = event_for(action)
        moments.append(Moment(session, event, action))
        session, replies = step(session, event, TODAY)
    shared = any(r.shareable for r in replies) and summary(session, TODAY) is not None
    if session.asked is not None or not shared:
        raise RuntimeError(f"variant {variant} did not end with the summary: {session.asked}")
    return moments, session
