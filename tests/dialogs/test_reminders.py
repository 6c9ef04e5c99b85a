"""Reminders on the dates that matter (issue 21), the dialog's part: which dates, when
each comes, what the person is told, and how they stop them. Today is 28 November 2026."""

from __future__ import annotations

from datetime import UTC, date, datetime

from dialogs import Choice, reminders
from dialogs.actions import CancelReminder, Remind, choice_of, decode, encode
from dialogs.answers import Day
from tests.dialogs.chat import plain
from tests.dialogs.person import Person

LEAVING_IN_FEBRUARY = {
    "topics": "tap r55",
    "birth": "March 1972",
    "employment": "tap planning_to_leave",
    "separation": "February 2027",
    "plan_type": "401k",
    "public_safety": "tap none",
    "rolled_ira": "tap none",
    "partial": "tap unsure",
    "estimate": "tap no",
    "tax_est": "tap no",
}

MEGA_BACKDOOR = {
    "topics": "tap mbr",
    "birth": "feb 72",
    "plan_type": "401k",
    "employment": "tap employed",
    "after_tax": "tap yes",
    "in_plan_roth": "tap yes",
    "in_service": "tap unsure",
    "estimate": "tap yes",
    "pay": "180k",
    "own": "max",
    "employer": "4% match",
}


def remind(person: Person) -> str:
    person.tap("on", "remind")
    return person.text


def due_days(person: Person) -> dict[str, date]:
    return {due.kind: due.on for due in reminders.pending(person.session)}


def test_remind_me_comes_with_the_results_and_lists_the_dates_that_matter() -> None:
    person = Person(**LEAVING_IN_FEBRUARY).converse()
    assert "on" in person.buttons()["remind"], "🔔 Remind me after the results"
    said = remind(person)
    assert "at 9:00 Eastern time" in said
    # The Rule of 55 year (1 Jan 2027, the year of 55), a month before the leaving
    # month's start (1 Jan 2027 for February), and 59½ (born March 1972: September 2031).
    assert due_days(person) == {
        "rule_year": date(2027, 1, 1),
        "leaving": date(2027, 1, 1),
        "age_59_half": date(2031, 9, 30),
    }
    assert "1 January 2027: your Rule of 55 year starts" in said
    assert "about a month before you leave (February 2027)" in said
    assert "/reminders" in said and "/forget" in said


def test_nothing_is_reminded_of_before_the_person_asked_or_after_leaving() -> None:
    """Someone who left already has no Rule of 55 year or leaving date to be reminded of:
    only 59½, still ahead."""
    left = {**LEAVING_IN_FEBRUARY, "employment": "tap separated", "separation": "June 2026"}
    person = Person(**left).converse()
    remind(person)
    assert set(due_days(person)) == {"age_59_half"}


def test_no_leaving_plans_means_no_rule_of_55_year_reminder() -> None:
    staying = {**LEAVING_IN_FEBRUARY, "employment": "tap employed"}
    del staying["separation"]
    person = Person(**staying).converse()
    remind(person)
    assert "rule_year" not in due_days(person) and "leaving" not in due_days(person)


def test_dates_are_never_more_precise_than_the_facts() -> None:
    """A leaving month reminds on the first of the month before; an age gives a 59½
    window, reminded at its end, saying 59½ has surely passed by then."""
    vague = {
        **LEAVING_IN_FEBRUARY,
        "birth": "I'm 54",
        "separation": "March 2028",
        "bday_passed": "tap yes",
    }
    person = Person(**vague).converse()
    said = remind(person)
    days = due_days(person)
    assert days["leaving"] == date(2028, 2, 1)
    # 54 with this year's birthday passed: born in 1972, so 59½ somewhere between July
    # 2031 and June 2032 — reminded when it has surely come.
    assert days["age_59_half"] == date(2032, 6, 30)
    assert "surely 59½" in said and "between July 2031 and June 2032" in said
    assert "about a month before you leave (March 2028)" in said


def test_a_leaving_year_reminds_on_1_december_of_the_year_before() -> None:
    assert reminders.month_before(Day(year=2029)) == date(2028, 12, 1)
    assert reminders.month_before(Day(year=2029, month=3, day=31)) == date(2029, 2, 28)


def test_the_mega_backdoor_room_is_reminded_on_1_december_when_there_is_room() -> None:
    person = Person(**MEGA_BACKDOOR).converse()
    said = remind(person)
    assert due_days(person) == {"mega_room": date(2026, 12, 1)}
    assert "after-tax room ($" in said


def test_no_room_no_reminder_and_nothing_kept() -> None:
    no_plan = {**MEGA_BACKDOOR, "after_tax": "tap no"}
    for key in ("in_plan_roth", "in_service", "estimate", "pay", "own", "employer"):
        no_plan.pop(key)
    person = Person(**no_plan).converse()
    said = remind(person)
    assert "no date ahead" in said
    assert person.session.reminders is None


def test_reminders_come_at_9_in_the_persons_time_zone() -> None:
    person = Person(**LEAVING_IN_FEBRUARY).converse()
    remind(person)
    assert reminders.next_due(person.session) == datetime(2027, 1, 1, 14, 0, tzinfo=UTC)
    person.say("pacific time please")
    assert "Done: Pacific time." in person.text
    assert reminders.next_due(person.session) == datetime(2027, 1, 1, 17, 0, tzinfo=UTC)
    person.send(Choice(question_id="remind", option_id="on"))  # the button again
    person.tap("tz_central", "remind")
    assert reminders.next_due(person.session) == datetime(2027, 1, 1, 15, 0, tzinfo=UTC)


def test_time_zones_read_from_what_people_say() -> None:
    cases = {
        "CST": "central",
        "I'm in Denver": "mountain",
        "Seattle": "pacific",
        "phoenix": "arizona",
        "Honolulu": "hawaii",
        "new york": "eastern",
        "est": "eastern",
        "my old boeing 401k": None,
        "last paycheck": None,
    }
    assert {text: reminders.read_zone(text) for text in cases} == cases


def test_reminders_follow_the_facts_when_they_change() -> None:
    person = Person(**LEAVING_IN_FEBRUARY).converse()
    remind(person)
    person.command("summary")
    person.tap("list", "edit")
    person.tap("separation", "edit")
    person.say("May 2027")
    assert due_days(person)["leaving"] == date(2027, 4, 1)


def test_reminders_lists_them_and_each_can_be_stopped() -> None:
    person = Person(**LEAVING_IN_FEBRUARY).converse()
    remind(person)
    person.command("reminders")
    listed = person.text
    assert "Your reminders" in listed and "1 January 2027" in listed
    assert set(person.buttons()["remind"]) == {
        "x_rule_year",
        "x_leaving",
        "x_age_59_half",
        "x_all",
    }
    person.tap("x_leaving", "remind")
    assert "Stopped: Before you leave" in person.text
    assert set(due_days(person)) == {"rule_year", "age_59_half"}
    person.command("reminders")
    person.tap("x_all", "remind")
    assert person.session.reminders is None
    person.command("reminders")
    assert "You have no reminders" in person.text


def test_forget_deletes_the_reminders_with_everything_else() -> None:
    person = Person(**LEAVING_IN_FEBRUARY).converse()
    remind(person)
    person.command("forget")
    assert person.session.forgotten and person.session.reminders is None


def test_a_sent_reminder_is_not_due_again_and_says_why_it_came() -> None:
    person = Person(**LEAVING_IN_FEBRUARY).converse()
    remind(person)
    at = datetime(2027, 1, 1, 14, 0, tzinfo=UTC)
    due = reminders.due_now(person.session, at)
    assert {d.kind for d in due} == {"rule_year", "leaving"}
    leaving = next(d for d in due if d.kind == "leaving")
    text = plain(reminders.message(person.session, leaving, at))
    assert "can I take partial withdrawals" in text, "the results' questions"
    assert "because you tapped 🔔 Remind me" in text and "/reminders" in text
    assert "late" not in text
    sent = reminders.claimed(person.session, due)
    assert reminders.due_now(sent, at) == []
    assert reminders.next_due(sent) == datetime(2031, 9, 30, 13, 0, tzinfo=UTC)


def test_a_reminder_sent_after_its_day_says_it_is_late() -> None:
    person = Person(**LEAVING_IN_FEBRUARY).converse()
    remind(person)
    later = datetime(2027, 1, 3, 12, 0, tzinfo=UTC)
    rule_year = next(d for d in reminders.due_now(person.session, later) if d.kind == "rule_year")
    text = plain(reminders.message(person.session, rule_year, later))
    assert "comes late: it was due on 1 January 2027" in text


def test_reminder_buttons_round_trip_within_telegrams_64_bytes() -> None:
    for action in (Remind(), Remind("pacific"), CancelReminder("age_59_half")):
        group, option = encode(action)
        assert decode(group, option) == action
        assert choice_of(f"{group}:{option}") is not None
    assert decode("remind", "x") is None and decode("remind", "zz_top") is None
