"""Reminders on the dates that matter, pure: which dates, when each is due, and its words.

A person who taps "🔔 Remind me" gets a `ReminderOptIn` in their session (the day they
asked, their time zone, the kinds they stopped, the reminders already sent). The dates
are never stored: `pending` computes them from the session's current answers, so a
reminder follows the facts when they change. The dates that matter:

- `rule_year`: 1 January of the year the Rule of 55 (or the public-safety age 50) starts
  to count, when leaving the job is planned;
- `leaving`: about a month before the planned leaving date (a day: a month earlier; a
  month: the first of the month before; a year: 1 December of the year before), with the
  questions for the plan administrator the results ask;
- `age_59_half`: the day the person is 59½; known only to a window (an age, a birth year
  or month), the window's last day, when 59½ has surely passed, and the message says so;
- `mega_room`: 1 December of the tax year, when the plan may allow a mega backdoor Roth
  and there is room (its deadline is the year's last paycheck).

Each is due at 9:00 in the person's time zone (US Eastern unless they name another:
dialogs/reading/data/time_zones.toml). Every sentence is in templates/reminders.j2."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from functools import cache
from importlib import resources
from typing import Literal
from zoneinfo import ZoneInfo

from dialogs import actions, form
from dialogs.answers import Day
from dialogs.events import Option, Reply
from dialogs.parsing import normalise
from dialogs.render import label, macro, macros, render
from dialogs.session import ReminderOptIn, Session
from rules import Reason, Verdict
from rules.limits import CONSTANTS
from rules.people import Birth, add_months, birth_bounds

Precision = Literal["day", "month", "year"]
Kind = Literal["rule_year", "leaving", "age_59_half", "mega_room"]
KINDS: tuple[Kind, ...] = ("rule_year", "leaving", "age_59_half", "mega_room")
DEFAULT_ZONE = "eastern"
HOUR = time(9, 0)  # reminders come at 9:00 in the person's time zone
_TEMPLATE = "reminders.j2"  # what the bot says about reminders (part=...)
_WORDS = "reminder_words.j2"  # a reminder in a few words, for lists and buttons
_MESSAGE = "reminder.j2"  # the reminder itself, sent on its day


@dataclass(frozen=True)
class Due:
    """One reminder: its kind and the day it comes (in the person's time zone)."""

    kind: Kind
    on: date
    # What the message needs: the day it is about, a window's first and last day, the
    # age of the rule's year, the room, the questions for the plan administrator.
    about: date | None = None
    precision: Precision = "day"  # of `about`, as it was said
    earliest: date | None = None
    age: int | None = None
    room: int | None = None
    questions: tuple[Reason, ...] = ()

    @property
    def key(self) -> str:
        """What `sent` remembers: the same kind on another day (the facts changed) is a
        new reminder."""
        return f"{self.kind}:{self.on.isoformat()}"


# ---------------------------------------------------------------------------
# Time zones


@dataclass(frozen=True)
class Zone:
    key: str
    tz: str
    label: str
    words: tuple[str, ...]


@cache
def zones() -> dict[str, Zone]:
    text = resources.files("dialogs.reading").joinpath("data", "time_zones.toml").read_text()
    return {
        key: Zone(key, str(entry["tz"]), str(entry["label"]), tuple(entry["words"]))
        for key, entry in tomllib.loads(text).items()
    }


def zone_of(key: str) -> Zone:
    return zones().get(key) or zones()[DEFAULT_ZONE]


@cache
def _zone_pattern() -> list[tuple[re.Pattern[str], str]]:
    """Longest phrases first, so "washington state" wins over a shorter word in it."""
    phrases = [(word, zone.key) for zone in zones().values() for word in zone.words]
    phrases.sort(key=lambda found: -len(found[0]))
    return [(re.compile(rf"(?<![a-z]){re.escape(word)}(?![a-z])"), key) for word, key in phrases]


def read_zone(text: str) -> str | None:
    """The time zone a short message names ("pacific", "CST", "I'm in Denver"), or None."""
    clean = normalise(text)
    if not clean or len(clean) > 60:
        return None
    for pattern, key in _zone_pattern():
        if pattern.search(clean):
            return key
    return None


def due_at(due: Due, zone: str) -> datetime:
    """9:00 on the reminder's day in the person's time zone, in UTC."""
    local = datetime.combine(due.on, HOUR, ZoneInfo(zone_of(zone).tz))
    return local.astimezone(UTC)


# ---------------------------------------------------------------------------
# Which dates matter


def dates(answers: form.Answers, as_of: date) -> list[Due]:
    """Every date worth a reminder for finished answers, as of the day reminders were
    asked for (an age given as a number is read as of that day), in date order."""
    a = form.prune(answers)
    if not a or form.next_question(a, as_of) is not None:
        return []
    facts = form.facts_from(a, as_of)
    assessment = form.assessment(facts, as_of)
    found: list[Due] = []
    if form.wants_rule_of_55(a):
        finding = assessment.rule_of_55
        key = finding.key_dates
        planned = form.left_or_leaving(a) is False  # leaving is planned
        if planned and key.qualifying_year is not None:
            found.append(Due("rule_year", date(key.qualifying_year, 1, 1), age=key.qualifying_age))
        said = form.leaving_day(a)
        if planned and said is not None:
            questions = [*finding.plan_questions]
            if form.wants_mega_backdoor(a):
                questions += assessment.mega_backdoor_roth.plan_questions
            unique = tuple({q.code: q for q in questions}.values())
            precision: Precision = "day" if said.day is not None else "month"
            if said.month is None:
                precision = "year"
            leaving = Due(
                "leaving",
                month_before(said),
                about=said.first_day(),
                precision=precision,
                questions=unique,
            )
            found.append(leaving)
        birth = birth_bounds(facts, as_of)
        if isinstance(birth, Birth):
            earliest, latest = birth.months_later(CONSTANTS.age_59_half_months.value)
            found.append(
                Due("age_59_half", latest, earliest=None if earliest == latest else earliest)
            )
    if form.wants_mega_backdoor(a):
        mbr = assessment.mega_backdoor_roth
        room = mbr.amounts.get("room")
        if mbr.verdict in (Verdict.ELIGIBLE, Verdict.DEPENDS) and (room is None or room > 0):
            found.append(Due("mega_room", date(assessment.tax_year, 12, 1), room=room))
    return sorted(found, key=lambda due: due.on)


def month_before(said: Day) -> date:
    """About a month before a leaving date, never more precise than it was said."""
    if said.month is None:
        return date(said.year - 1, 12, 1)
    if said.day is None:
        return add_months(date(said.year, said.month, 1), -1)
    return add_months(date(said.year, said.month, said.day), -1)


def pending(session: Session) -> list[Due]:
    """The reminders still to come for this session: none before the person asked,
    none of a kind they stopped, none already sent."""
    opt_in = session.reminders
    if opt_in is None:
        return []
    return [
        due
        for due in dates(session.answers, opt_in.since)
        if due.on >= opt_in.since
        and due.kind not in opt_in.cancelled
        and due.key not in opt_in.sent
    ]


def next_due(session: Session) -> datetime | None:
    """When the session's next reminder is due (UTC), or None: what the store indexes."""
    opt_in = session.reminders
    found = [due_at(due, opt_in.zone) for due in pending(session)] if opt_in else []
    return min(found, default=None)


def due_now(session: Session, now: datetime) -> list[Due]:
    opt_in = session.reminders
    if opt_in is None:
        return []
    return [due for due in pending(session) if due_at(due, opt_in.zone) <= now]


def claimed(session: Session, sent: list[Due]) -> Session:
    """The session with these reminders marked sent: saved with compare-and-set before
    they go out, so only one process sends them."""
    opt_in = session.reminders
    assert opt_in is not None
    keys = [*opt_in.sent, *(due.key for due in sent if due.key not in opt_in.sent)]
    return session.model_copy(
        update={
            "version": session.version + 1,
            "reminders": opt_in.model_copy(update={"sent": keys}),
        }
    )


def unclaimed(session: Session, failed: list[Due]) -> Session:
    """The session with these reminders to send again (Telegram did not take them)."""
    opt_in = session.reminders
    if opt_in is None:
        return session.model_copy(update={"version": session.version + 1})
    keys = {due.key for due in failed}
    kept = [key for key in opt_in.sent if key not in keys]
    return session.model_copy(
        update={
            "version": session.version + 1,
            "reminders": opt_in.model_copy(update={"sent": kept}),
        }
    )


def dropped(session: Session) -> Session:
    """The session without reminders (the person blocked the bot)."""
    return session.model_copy(update={"version": session.version + 1, "reminders": None})


# ---------------------------------------------------------------------------
# Words


def message(session: Session, due: Due, now: datetime) -> str:
    """The reminder's message: what the date means, why it came, how to stop it; a
    reminder sent after its day (the bot was down) says it is late."""
    opt_in = session.reminders
    zone = zone_of(opt_in.zone if opt_in else DEFAULT_ZONE)
    local_today = now.astimezone(ZoneInfo(zone.tz)).date()
    say = macros("reasons.j2", ctx={"plan": "plan", "a": form.prune(session.answers)})
    questions = [say(q.code, **q.params) for q in due.questions]
    return render(_MESSAGE, due=due, late=local_today > due.on, questions=questions)


def _line(due: Due) -> str:
    return macro(_WORDS, "what", due)


def _zone_options(current: str) -> list[Option]:
    return [
        actions.button(actions.Remind(zone.key), label("zone", name=zone.label))
        for zone in zones().values()
        if zone.key != current
    ]


def listing(session: Session) -> Reply:
    """/reminders: each reminder to come (date, what) with a button to stop it, and one
    to stop them all."""
    opt_in = session.reminders
    coming = pending(session)
    if opt_in is None or not coming:
        return Reply(text=render(_TEMPLATE, part="none", asked=opt_in is not None))
    options = [
        actions.button(actions.CancelReminder(kind), label("cancel_reminder", what=_kind(kind)))
        for kind in dict.fromkeys(due.kind for due in coming)
    ]
    options.append(actions.button(actions.CancelReminder("all"), label("cancel_reminders")))
    text = render(
        _TEMPLATE,
        part="list",
        lines=[_line(due) for due in coming],
        zone=zone_of(opt_in.zone).label,
    )
    return Reply(text=text, options=options, question_id=actions.REMIND)


def _kind(kind: str) -> str:
    return macro(_WORDS, "kind_name", kind)


def opt_in(
    current: ReminderOptIn | None, answers: form.Answers, today: date, zone: str | None
) -> tuple[ReminderOptIn | None, Reply]:
    """A tap on "🔔 Remind me" (zone None) or on a time zone: the opt-in to keep and what
    to say. Nothing is kept when no date is ahead."""
    since = current.since if current is not None else today
    chosen = zone or (current.zone if current is not None else DEFAULT_ZONE)
    kept = (current or ReminderOptIn(since=since)).model_copy(update={"zone": chosen})
    if zone is None and current is not None:
        kept = kept.model_copy(update={"cancelled": []})  # asked again: every kind again
    coming = pending(Session(answers=answers, reminders=kept))
    if not coming:
        return current, Reply(text=render(_TEMPLATE, part="nothing_ahead"))
    text = render(
        _TEMPLATE,
        part="zone_set" if zone is not None else "set",
        lines=[_line(due) for due in coming],
        zone=zone_of(chosen).label,
    )
    options = [] if zone is not None else _zone_options(chosen)
    return kept, Reply(text=text, options=options, question_id=actions.REMIND if options else None)


def cancel(
    current: ReminderOptIn | None, answers: form.Answers, kind: str
) -> tuple[ReminderOptIn | None, Reply]:
    """Stop one kind of reminder, or all of them ("all": the opt-in goes)."""
    if current is None:
        return None, Reply(text=render(_TEMPLATE, part="none", asked=False))
    if kind == "all":
        return None, Reply(text=render(_TEMPLATE, part="all_cancelled"))
    kept = current.model_copy(update={"cancelled": sorted({*current.cancelled, kind})})
    left = pending(Session(answers=answers, reminders=kept))
    text = render(_TEMPLATE, part="cancelled", what=_kind(kind), left=[_line(d) for d in left])
    return (kept if left else None), Reply(text=text)
