"""Each verdict as a person reaches it, and every way of moving around a conversation:
why, help, back, change, restart, resume, summary, privacy, forget, stale buttons."""

from __future__ import annotations

from datetime import date

import pytest

from dialogs import Choice
from tests.conftest import TODAY
from tests.dialogs.chat import Chat, plain
from tests.dialogs.person import Person
from tests.dialogs.test_journeys import DESIGN, first_result

LEFT_AT_56 = {
    "topics": "tap r55",
    "birth": "March 1968",
    "employment": "tap separated",
    "separation": "June 2024",
    "plan_type": "401k",
    "rolled_ira": "no",
    "partial": "yes",
    "tax_est": "tap no",
}


def headline(person: Chat, title: str = "Rule of 55") -> str:
    return plain(first_result(person, title)).split("\n")[0]


# ---------------------------------------------------------------------------
# Rule of 55: each verdict


def test_eligible_after_leaving_at_56() -> None:
    person = Person(**LEFT_AT_56).converse()
    assert headline(person).startswith("✅ Rule of 55: yes")
    text = person.results()
    assert "2024" in text and "Income tax still applies" in text and "Not tax advice" in text
    assert "after_tax" not in person.answers  # mega backdoor questions never asked


def test_not_eligible_when_left_before_the_year_of_55() -> None:
    person = Person(
        **{**LEFT_AT_56, "birth": "1972", "plan_type": "403b", "public_safety": "tap none"}
    ).converse()
    assert headline(person).startswith("❌ Rule of 55: no")
    assert "2027" in person.results()
    assert all(r.question_id != "whatif" for r in person.replies)  # the past can't change


def test_not_needed_for_a_government_457b() -> None:
    person = Person(**{**LEFT_AT_56, "plan_type": "it's a 457 with the county"}).converse()
    assert person.answers["plan_type"] == "457b_governmental"
    assert headline(person).startswith("✅ Rule of 55: not needed")
    assert "457(b)" in headline(person)


def test_not_needed_past_59_and_a_half() -> None:
    person = Person(**{**LEFT_AT_56, "birth": "1962-03-15"}).converse()
    assert headline(person).startswith("✅ Rule of 55: not needed") and "59½" in headline(person)


def test_never_for_an_ira() -> None:
    person = Person(**{**LEFT_AT_56, "plan_type": "rollover IRA"}).converse()
    assert headline(person).startswith("❌ Rule of 55: no") and "IRA" in headline(person)
    assert "rolled_ira" not in person.questions


def test_public_safety_not_sure_stays_open() -> None:
    person = Person(
        **{**LEFT_AT_56, "birth": "1974", "separation": "June 2026", "plan_type": "TSP"},
        public_safety="not sure",
    ).converse()
    assert person.answers["plan_type"] == "tsp" and person.answers["public_safety"] == "unsure"
    assert not headline(person).startswith("✅")
    assert "public-safety" in person.results()


def test_public_safety_25_years_before_50() -> None:
    person = Person(
        **{**LEFT_AT_56, "birth": "1980", "separation": "June 2026", "plan_type": "TSP"},
        public_safety="tap other",
        service_years="26",
    ).converse()
    assert person.answers["service_years"] == 26
    assert headline(person).startswith("✅ Rule of 55: yes")
    assert "26 years" in person.results()


def test_still_working_offers_the_first_qualifying_date_as_a_what_if() -> None:
    person = Person(
        topics="tap r55",
        birth="July 1973",
        plan_type="401k",
        employment="tap employed",
        public_safety="tap none",
        tax_est="tap no",
    ).converse()
    assert "not while you still work there" in headline(person)
    person.tap("2028-01", "whatif")
    assert "January 2028" in person.text and "✅" in person.text
    person.tap("u2028-01", "whatif")  # using the date means planning to leave
    assert person.answers["employment"] == "planning_to_leave"


def test_no_what_if_for_someone_who_has_left() -> None:
    person = Person(**{**LEFT_AT_56, "birth": "1972", "public_safety": "tap none"}).converse()
    person.say("what if I leave in March 2027")
    assert "What if you leave" not in person.text


def test_tax_estimate_for_a_planned_withdrawal() -> None:
    person = Person(
        **{**LEFT_AT_56, "tax_est": "tap yes"},
        withdrawal="40 thousand",
        filing="tap single",
        other_income="none",
    ).converse()
    assert person.answers["withdrawal"] == 40_000 and person.answers["other_income"] == 0
    text = person.results()
    assert "Tax on a $40,000 withdrawal" in text and "withheld" in text.lower()
    assert "Tax on $40,000" in (person.summary() or "")


# ---------------------------------------------------------------------------
# Mega backdoor Roth: each verdict

MEGA = {
    "topics": "tap mbr",
    "birth": "1980",
    "plan_type": "401k",
    "employment": "tap employed",
    "after_tax": "tap yes",
    "in_plan_roth": "tap yes",
    "in_service": "tap no",
    "estimate": "tap yes",
    "pay": "150k",
    "own": "10%",
    "employer": "$6,000",
}


def test_mega_backdoor_allowed_with_room() -> None:
    person = Person(**MEGA).converse()
    mega = first_result(person, "Mega backdoor Roth")
    assert mega.startswith("✅")
    # $72,000 − $15,000 (10% of $150,000) − $6,000 = $51,000
    assert "$51,000" in mega and "$72,000" in mega and "$15,000" in mega


def test_mega_backdoor_not_allowed_asks_no_follow_ups() -> None:
    person = Person(**{**MEGA, "after_tax": "nope"}).converse()
    assert first_result(person, "Mega backdoor Roth").startswith("❌")
    assert not {"in_plan_roth", "in_service", "estimate", "pay"} & set(person.questions)


def test_mega_backdoor_not_sure_becomes_plan_questions() -> None:
    person = Person(
        **{**MEGA, "after_tax": "tap unsure", "in_plan_roth": "no idea", "in_service": "idk"}
    ).converse()
    assert first_result(person, "Mega backdoor Roth").startswith("🟡")
    questions = person.replies[-1].text
    assert "after-tax" in questions and "Roth" in questions


def test_mega_backdoor_not_after_leaving() -> None:
    person = Person(
        **{**MEGA, "employment": "tap separated", "separation": "June 2025"},
    ).converse()
    assert first_result(person, "Mega backdoor Roth").startswith("❌")
    assert "estimate" not in person.questions


def test_mega_backdoor_not_for_an_ira() -> None:
    person = Person(**{**MEGA, "plan_type": "traditional ira"}).converse()
    assert first_result(person, "Mega backdoor Roth").startswith("❌")
    assert person.questions == ["topics", "birth", "plan_type"]


# ---------------------------------------------------------------------------
# Reading answers in the conversation


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("next March", "March 2027"),
        ("in 6 months", "May 2027"),
        ("end of december", "December 2026"),
        ("jan 2027", "January 2027"),
        ("2027-02", "February 2027"),
    ],
)
def test_relative_leaving_dates_are_echoed_in_normal_form(typed: str, shown: str) -> None:
    chat = Chat()
    chat.script("/start", "tap r55", "1972", "tap 401k", "tap planning_to_leave", typed)
    assert f"Leaving {shown} ✔︎" in chat.text


def test_an_age_asks_about_the_birthday_only_when_it_matters() -> None:
    # 54 now: the year of 55 is 2026 (birthday still to come) or 2027, and leaving in
    # December 2026 qualifies in the first case only.
    chat = Chat()
    chat.script(
        "/start", "tap r55", "I'm 54", "tap 401k", "tap planning_to_leave", "end of december"
    )
    assert chat.asked == "bday_passed"
    chat.tap("no", "bday_passed")
    assert chat.answers["bday_passed"] == "no"
    assert "Born in 1971 ✔︎" in chat.text
    older = Chat()  # 56: the year of 55 is past either way, the birthday changes nothing
    older.script(
        "/start", "tap r55", "I'm 56", "tap 401k", "tap planning_to_leave", "end of december"
    )
    assert older.asked != "bday_passed" and "bday_passed" not in older.answers


def test_the_birth_month_is_asked_only_near_59_and_a_half() -> None:
    near = Chat()
    near.script("/start", "tap r55", "1967", "tap 401k", "tap planning_to_leave", "June 2027")
    assert near.asked == "birth_month"  # 59½ falls in 2026 or 2027: the month decides
    far = Chat()
    far.script("/start", "tap r55", "1972", "tap 401k", "tap planning_to_leave", "June 2027")
    assert far.asked != "birth_month"


@pytest.mark.parametrize(
    ("question_path", "typed", "why"),
    [
        (("1972", "tap 401k", "tap separated"), "March 2027", "still to come"),
        (("1972", "tap 401k", "tap planning_to_leave"), "June 2024", "already"),
        (("1972", "tap 401k", "tap separated"), "June 1960", "before"),
    ],
)
def test_an_impossible_leaving_date_is_re_asked_saying_why(
    question_path: tuple[str, ...], typed: str, why: str
) -> None:
    chat = Chat()
    chat.script("/start", "tap r55", *question_path, typed)
    assert chat.asked == "separation" and "separation" not in chat.answers
    assert why in chat.text


def test_a_contribution_larger_than_pay_is_refused() -> None:
    chat = Chat()
    chat.script(
        "/start", "tap mbr", "1980", "tap 401k", "tap employed", "tap yes", "tap yes",
        "tap yes", "60k",
    )  # fmt: skip
    assert chat.asked == "own"
    chat.say("$80,000")
    assert chat.asked == "own" and "own" not in chat.answers


def test_years_of_service_longer_than_a_working_life_is_refused() -> None:
    chat = Chat()
    chat.script("/start", "tap r55", "1980", "TSP", "tap separated", "June 2026", "tap other", "45")
    assert chat.asked == "service_years" and "service_years" not in chat.answers


# ---------------------------------------------------------------------------
# Moving around


def test_why_as_a_button_and_as_free_text_on_every_question() -> None:
    person = Person(**DESIGN)
    person.start()
    seen = set()
    while person.asked is not None:
        question = person.asked
        if question not in seen:
            seen.add(question)
            person.tap("why", question)
            assert person.asked == question and len(person.replies) == 2
            person.say("why do you ask?")
            assert person.asked == question
        person.answer(person.knows[question])
    assert len(seen) >= 10


def test_help_and_unknown_commands_keep_the_question() -> None:
    chat = Chat()
    chat.script("/start", "tap r55", "feb 72")
    asked = chat.asked
    chat.command("help")
    assert "/back" in chat.text and chat.asked == asked
    chat.command("frobnicate")
    assert "frobnicate" in chat.text and chat.asked == asked


def test_back_with_nothing_to_undo() -> None:
    chat = Chat()
    chat.start()
    chat.command("back")
    assert chat.asked == "topics" and chat.answers == {}


def test_the_echo_change_button_asks_again_and_replaces() -> None:
    chat = Chat()
    chat.script("/start", "tap r55", "feb 72")
    chat.tap("birth", "edit")
    assert chat.asked == "birth" and "February 1972" in chat.text
    chat.say("March 1968")
    assert chat.answers["birth"] == {"kind": "birth", "year": 1968, "month": 3, "day": None}


def test_change_plan_type_asks_the_newly_relevant_questions() -> None:
    person = Person(**{**LEFT_AT_56, "plan_type": "rollover ira"}).converse()
    assert "partial" not in person.answers
    person.send(Choice(question_id="plan_type", option_id="401k"))  # its old button
    person.send(Choice(question_id="change_to", option_id="plan_type-401k"))  # "Yes, change it"
    assert person.answers["plan_type"] == "401k"
    assert person.asked == "employment"  # never needed for an IRA, needed now


def test_a_stale_button_gets_an_alert_and_changes_nothing() -> None:
    chat = Chat()
    chat.script("/start", "tap r55", "feb 72")
    answers = dict(chat.answers)
    chat.send(Choice(question_id="partial", option_id="yes"))
    assert chat.replies[0].alert and chat.answers == answers
    chat.send(Choice(question_id="nonsense", option_id="x"))
    assert chat.replies[0].alert


def test_start_resumes_where_the_person_stopped() -> None:
    chat = Chat()
    chat.script("/start", "tap r55", "feb 72")
    asked = chat.asked
    chat.start()
    assert "Welcome back" in chat.text and chat.asked == asked


def test_a_deep_link_picks_the_topic() -> None:
    chat = Chat()
    chat.start("mbr")
    assert chat.answers == {"topics": "mbr"} and chat.asked == "birth"


def test_summary_before_anything_and_after_everything() -> None:
    chat = Chat()
    assert chat.summary() is None
    chat.start()
    chat.command("summary")
    assert "nothing to summarise" in chat.text.lower()
    person = Person(**DESIGN).converse()
    summary = person.summary() or ""
    assert "28 Nov 2026" in summary and "$40,300" in summary and "February 1972" in summary
    assert "Not tax advice" in summary
    person.command("summary")
    assert person.replies[0].shareable and person.replies[0].text == summary


def test_privacy_and_forget() -> None:
    chat = Chat()
    chat.script("/start", "tap r55", "feb 72")
    chat.command("privacy")
    assert "/forget" in chat.text and "90 days" in chat.text
    chat.command("forget")
    assert chat.session.forgotten and chat.answers == {}


def test_today_is_an_input() -> None:
    later = Chat(date(2027, 6, 1))
    later.script("/start", "tap r55", "1972", "tap 401k", "tap planning_to_leave", "next March")
    assert "March 2028" in later.text
    assert TODAY.year == 2026
