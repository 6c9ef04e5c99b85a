"""What the conversation says about the situations of rules-reference §10, as a careful
adviser would read it: whole conversations through the real dialog, checked for the
sentence the law needs (not for exact wording elsewhere)."""

from __future__ import annotations

from tests.dialogs.chat import Chat, plain
from tests.dialogs.person import Person
from tests.dialogs.test_journeys import DESIGN, first_result, summary_line


def test_welcome_and_help_say_in_or_after_the_year_you_turn_55() -> None:
    """Leaving at 54 in the year of 55 counts (Notice 87-13 Q&A-20): never "at 55 or later"."""
    chat = Chat()
    chat.start()
    welcome = plain(chat.text)
    chat.command("help")
    help_text = plain(chat.text)
    for text in (welcome, help_text):
        assert "in or after the year you turn 55" in text
        assert "55 or later" not in text


def test_the_mega_backdoor_room_comes_with_its_deadline_the_last_paycheck() -> None:
    """After-tax money goes in through payroll: the room is usable only by the year's last
    paycheck (rules-reference §10, plan documents [P])."""
    person = Person(**DESIGN).converse()
    mega = plain(first_result(person, "Mega backdoor Roth"))
    assert "$40,300" in mega and "last paycheck of 2026" in mega
    assert "last paycheck of 2026" in summary_line(person, "Mega backdoor Roth")


def test_no_deadline_when_there_is_no_room() -> None:
    person = Person(**{**DESIGN, "pay": "60k", "own": "max", "employer": "$50,000"}).converse()
    mega = plain(first_result(person, "Mega backdoor Roth"))
    assert "no after-tax room" in mega or "about $0" in mega, mega
    assert "last paycheck" not in mega


def test_other_income_is_asked_before_deductions() -> None:
    """The estimate subtracts the standard deduction itself (§63): taxable income typed in
    would have it subtracted twice, so the question says "before deductions"."""
    chat = Chat()
    chat.script("/start", "tap r55", "March 1968", "401k", "tap left", "June 2024")
    for _ in range(12):
        if chat.asked == "other_income":
            break
        question = chat.asked
        if question == "tax_est":
            chat.tap("yes")
        elif question == "withdrawal":
            chat.say("40000")
        elif question == "filing":
            chat.tap("single")
        else:
            chat.tap("unsure" if question != "rolled_ira" else "none")
    assert chat.asked == "other_income", chat.text
    assert "before deductions" in plain(chat.text)


def test_the_20_percent_is_on_most_payouts_from_the_plan_not_any_payout() -> None:
    """§3405(c), §402(c)(4): not on RMDs, hardship payouts or 10-year installments."""
    person = Person(
        topics="tap r55",
        birth="March 1968",
        employment="tap left",
        separation="June 2024",
        plan_type="401k",
        rolled_ira="tap none",
        partial="tap no",
        tax_est="tap no",
    ).converse()
    text = plain(person.text)
    assert "20% is withheld" in text or "20% is withheld for federal tax" in text
    assert "most payouts from the plan" in text
    assert "from any payout" not in text
