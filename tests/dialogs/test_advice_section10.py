"""What the conversation says about the situations of rules-reference §10, as a careful
adviser would read it: whole conversations through the real dialog, checked for the
sentence the law needs (not for exact wording elsewhere)."""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dialogs.answers import Work
from dialogs.reading import READERS, ReadContext
from tests.conftest import TODAY
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
    chat.script("/start", "tap r55", "March 1968", "401k", "tap separated", "June 2024")
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
        employment="tap separated",
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


# ---------------------------------------------------------------------------
# Dates as precise as what was said (§72(t)(2)(A)(v): payouts after the separation)

LEAVING_IN_THE_55_YEAR = {
    "topics": "tap r55",
    "birth": "March 1972",
    "employment": "tap planning_to_leave",
    "plan_type": "401k",
    "public_safety": "tap none",
    "rolled_ira": "tap none",
    "partial": "tap yes",
    "tax_est": "tap no",
}


def test_a_leaving_month_stays_a_month_in_the_chat_and_the_summary() -> None:
    person = Person(**LEAVING_IN_THE_55_YEAR, separation="February 2027").converse()
    rule = plain(first_result(person, "Rule of 55"))
    assert "✅" in rule
    assert "Free of the 10% tax from your last day at work in February 2027" in rule
    everything = plain(person.text) + (person.summary() or "")
    assert "1 February 2027" not in everything and "1 Feb 2027" not in everything
    assert "free of the 10% from your last day at work in Feb 2027" in summary_line(
        person, "Rule of 55"
    )


def test_a_leaving_day_given_is_shown_as_that_day() -> None:
    person = Person(**LEAVING_IN_THE_55_YEAR, separation="February 12, 2027").converse()
    rule = plain(first_result(person, "Rule of 55"))
    assert "Free of the 10% tax from 12 February 2027" in rule


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(year=st.integers(2027, 2030), month=st.integers(1, 12))
def test_property_a_leaving_month_is_never_shown_as_its_first_day(year: int, month: int) -> None:
    """Whatever month someone plans to leave in, no message and no summary turns it into
    the 1st of that month."""
    name = date(year, month, 1).strftime("%B")
    person = Person(**LEAVING_IN_THE_55_YEAR, separation=f"{name} {year}").converse()
    everything = plain(person.text) + plain(person.summary() or "")
    assert f"1 {name} {year}" not in everything
    assert f"1 {name[:3]} {year}" not in everything


# ---------------------------------------------------------------------------
# Rehired by the plan's sponsor: at risk, never a plain yes (Notice 87-13 Q&A-20 [P])


@pytest.mark.parametrize(
    "said",
    [
        "I retired from Acme in March 2025 but they hired me back in May 2026"
        " and I still work there",
        "retired last year but they brought me back part time",
        "consulting for them again",
        "i left in 2024 and came back in 2025",
        "I returned to the same company after retiring",
        "retired in march, now back there 2 days a week",
        "I'm consulting for my old employer now",
    ],
)
def test_a_rehire_is_at_risk_never_a_plain_yes(said: str) -> None:
    person = Person(
        topics="tap r55",
        birth="May 1969",
        plan_type="401k",
        employment=said,
        public_safety="tap none",
        tax_est="tap no",
    ).converse()
    assert person.answers["employment"] == "employed"
    assert person.answers["rehired"] == "yes"
    rule = plain(first_result(person, "Rule of 55"))
    assert "✅" not in rule and "You've left" not in plain(person.text)
    assert "at risk" in rule and "in writing" in rule
    assert "back at this employer after leaving" in (person.summary() or "")


def test_a_rehire_says_nothing_of_leaving_again_so_that_is_asked_and_the_rehire_kept() -> None:
    """ "Retired, but they hired me back" answers "still working there?" but not "do you
    plan to leave?": that is asked (no "no plans to leave" made up), and the rehire is kept
    whatever the answer."""
    chat = Chat()
    chat.script("/start", "tap r55", "May 1969", "tap 401k")
    chat.say("I retired in 2024 but they hired me back part time")
    assert "employment" not in chat.answers and chat.asked == "employment"
    assert "work for them again" in plain(chat.text)
    chat.say("no plans to leave")
    assert chat.answers["employment"] == "employed" and chat.answers["rehired"] == "yes"


def test_a_rehire_with_a_leaving_date_offers_no_button_for_a_fact_that_no_longer_applies() -> None:
    """Rehired and leaving again next June: the rehire is said back, but only the work
    status and the date get ✏️ buttons (the rehire question does not apply to someone
    leaving, so a button for it could only answer "no longer applies")."""
    chat = Chat()
    chat.script("/start", "tap r55", "May 1969", "tap 401k")
    chat.say("I retired in 2024 but they hired me back part time")
    chat.say("retiring for good next june")
    assert chat.answers["employment"] == "planning_to_leave"
    changes = [o.id for o in chat.replies[-1].options if plain(o.label).startswith("✏️")]
    assert changes == ["employment", "separation"]


def test_a_rehire_in_a_first_message_is_kept_until_the_work_question_is_answered() -> None:
    chat = Chat()
    chat.script("/start", "58, retired in 2024 but they brought me back part time, 401k, r55")
    assert "Back at this employer after leaving ✔︎" in plain(chat.text)
    assert chat.asked == "employment"
    chat.tap("employed", "employment")
    assert chat.answers["employment"] == "employed" and chat.answers["rehired"] == "yes"


@pytest.mark.parametrize("said", ["I went back to school", "I went back home"])
def test_going_back_somewhere_else_is_not_a_rehire(said: str) -> None:
    context = ReadContext(today=TODAY, birth_year=1969, left=None, pay=None)
    found = READERS["employment"](said, context)
    assert not (isinstance(found, Work) and found.rehired)


# ---------------------------------------------------------------------------
# Own or inherited (§72(t)(2)(A)(ii); Gee v. Comm'r for a spouse's own IRA)


def test_a_widow_with_an_inherited_ira_owes_no_10_percent_and_is_told_why() -> None:
    person = Person(
        topics="tap r55",
        birth="May 1974",
        plan_type="it's my late husband's IRA",
        inherited="tap inherited",
        tax_est="yes",
        withdrawal="30000",
        filing="tap single",
        other_income="40k",
    ).converse()
    assert person.answers["inherited"] == "inherited"
    rule = plain(first_result(person, "Rule of 55"))
    assert "no 10% extra tax at any age" in rule
    assert "surviving spouse" in rule  # warned before moving it into her own IRA
    everything = plain(person.text)
    assert "Inherited money has no 10% extra tax" in everything
    assert "employment" not in person.questions  # her job does not matter


def test_a_widow_who_moved_the_money_into_her_own_ira_owes_the_10_percent() -> None:
    person = Person(
        topics="tap r55",
        birth="May 1974",
        plan_type="ira",
        inherited="I inherited it from my husband but rolled it into my own IRA",
        tax_est="tap no",
    ).converse()
    assert person.answers["inherited"] == "moved"
    rule = plain(first_result(person, "Rule of 55"))
    assert "❌" in first_result(person, "Rule of 55")
    assert "counts as your own now" in rule


def test_a_beneficiary_of_a_401k_is_not_asked_about_a_job_nor_told_to_roll_to_an_ira() -> None:
    person = Person(
        topics="tap r55",
        birth="1980",
        plan_type="my mom passed away and left me her 401k",
        inherited="tap inherited",
        tax_est="tap no",
    ).converse()
    assert person.answers["plan_type"] == "401k"
    assert person.answers["inherited"] == "inherited"
    assert "employment" not in person.questions
    rule = plain(first_result(person, "Rule of 55"))
    assert "no 10% extra tax at any age" in rule
    assert "roll the rest to an IRA" not in rule


def test_a_death_mentioned_gets_one_line_of_sympathy_and_the_own_or_inherited_question() -> None:
    chat = Chat()
    chat.script(
        "/start", "tap r55", "May 1974", "my husband passed away last year, it was his 401k"
    )
    assert chat.text.count("I'm sorry for your loss") == 1
    assert chat.asked == "inherited"
    assert set(chat.buttons()["inherited"]) >= {"own", "inherited", "moved"}


def test_own_or_inherited_is_not_asked_of_a_401k_owner_who_mentions_no_death() -> None:
    person = Person(**{**DESIGN, "inherited": "should not be asked"}).converse()
    assert "inherited" not in person.questions


def test_an_age_alone_gives_59_and_a_half_as_a_window_never_one_day() -> None:
    """An age puts 59½ somewhere in a 12-month window (rules-reference §10): the chat gives
    the window, not one exact date computed from the age."""
    person = Person(
        topics="tap r55",
        birth="I'm 51",
        bday_passed="tap yes",
        birth_month="tap unsure",
        plan_type="401k",
        employment="tap separated",
        separation="June 2024",
        public_safety="tap none",
        rolled_ira="tap none",
        partial="tap yes",
        tax_est="tap no",
    ).converse()
    rule = plain(first_result(person, "Rule of 55"))
    assert "Between July 2034 and June 2035 (age 59½, depending on your birthday)" in rule
    assert "30 June 2035" not in rule and "June 2035 (age" not in rule.replace("and June", "")


def test_two_jobs_in_one_year_share_one_deferral_limit() -> None:
    """§402(g)(1): the deferral limit is per person across every 401(k)/403(b); when a
    second job is mentioned, the mega backdoor result says so (rules-reference §10)."""
    person = Person(
        **{**DESIGN, "pay": "180k here, and I have a second job on weekends"}
    ).converse()
    assert person.answers.get("other_job") == "yes"
    mega = plain(first_result(person, "Mega backdoor Roth"))
    assert "counts against one personal limit" in mega


def test_no_two_jobs_line_when_none_is_mentioned() -> None:
    person = Person(**DESIGN).converse()
    assert "one personal limit" not in plain("\n".join(r.text for r in person.replies))


@pytest.mark.parametrize(
    ("born", "said"),
    [
        ("I'm 61", "between"),  # an age: 59½ is a window of a year
        ("1965", "between"),  # a birth year: the same window
        ("June 1965", "in December 2024"),  # a month: that month, no day
        ("15 June 1965", "on 15 December 2024"),  # a full date: the day
    ],
)
def test_the_59_half_date_is_as_precise_as_the_birth_date(born: str, said: str) -> None:
    """A date shown is never more precise than what the person said (rules-reference §10):
    past 59½ from an age gives a window, never a day computed from the age."""
    chat = Chat()
    chat.script("/start", "tap r55", born)
    for _ in range(12):
        if chat.asked is None:
            break
        if chat.asked == "bday_passed":
            chat.tap("yes")
        elif chat.asked == "plan_type":
            chat.tap("401k")
        elif chat.asked == "employment":
            chat.tap("separated")
        elif chat.asked == "separation":
            chat.say("March 2026")
        else:
            chat.tap(chat.buttons()[chat.asked][-2] if chat.asked != "tax_est" else "no")
    text = plain("\n".join(r.text for r in chat.replies))
    assert "59½" in text and said in text, text
    if not said.startswith("on "):  # no day of a month anywhere
        assert not re.search(
            r"\b\d{1,2} (?:January|February|March|April|May|June|July|"
            r"August|September|October|November|December)\b",
            text,
        ), text


ROTH_PAYOUT = {
    "topics": "tap r55",
    "birth": "March 1969",
    "plan_type": "401k",
    "employment": "tap separated",
    "separation": "May 2025",  # after the year of 55 (2024): no 10%
    "public_safety": "tap none",
    "rolled_ira": "tap none",
    "partial": "tap yes",
    "tax_est": "tap yes",
    "withdrawal": "$100,000",
    "filing": "tap single",
    "other_income": "$50,000",
}


def _tax_message(person: Person) -> str:
    return next(plain(r.text) for r in person.replies if "Tax on a" in r.text)


def test_a_roth_401k_payout_is_taxed_only_on_its_taxable_part() -> None:
    """Roth or after-tax money (§402A(d), §72(e)(8)): contributions come out tax-free,
    earnings are taxed pro rata; asked only with a tax estimate; the taxable part the plan
    gives is the only part taxed."""
    pre_tax = Person(**ROTH_PAYOUT).converse()
    roth = Person(**{**ROTH_PAYOUT, "roth_part": "tap yes", "taxable_part": "$40,000"}).converse()
    assert "roth_part" in pre_tax.asked_in_order and "taxable_part" not in pre_tax.asked_in_order
    assert roth.asked_in_order.index("taxable_part") == roth.asked_in_order.index("roth_part") + 1
    assert "about $20,914 federal" in _tax_message(pre_tax)
    taxed = _tax_message(roth)
    assert "about $7,150 federal" in taxed and "Only $40,000 of the $100,000 is taxable" in taxed
    assert "Roth or after-tax money in it: yes · taxable part $40,000" in plain(
        roth.summary() or ""
    )


def test_a_roth_payout_whose_taxable_part_is_not_known_is_the_most_owed() -> None:
    person = Person(**{**ROTH_PAYOUT, "roth_part": "tap yes", "taxable_part": "not sure"})
    taxed = _tax_message(person.converse())
    assert "about $20,914 federal" in taxed and "the most you'd owe" in taxed


def test_without_a_tax_estimate_roth_money_is_not_asked_about() -> None:
    person = Person(**{**ROTH_PAYOUT, "tax_est": "tap no"}).converse()
    assert "roth_part" not in person.asked_in_order


def _all_text(person: Person) -> str:
    return "\n".join(plain(r.text) for r in person.replies)


def test_a_lump_sum_only_plan_compares_spreading_with_the_10_percent_the_ira_years_owe() -> None:
    """§10 "Lump-sum-only plan": spreading means rolling the rest to an IRA, whose later
    years owe the 10% before 59½ — the spread line says so (Kim v. Comm'r)."""
    person = Person(
        topics="tap r55",
        birth="March 1971",
        plan_type="401k",
        employment="tap separated",
        separation="June 2026",
        public_safety="tap none",
        rolled_ira="tap none",
        partial="tap no",
        tax_est="tap yes",
        withdrawal="$60,000",
        filing="tap single",
        other_income="none",
    ).converse()
    tax = _tax_message(person)
    assert "Spread over 2 years ($30,000 a year)" in tax
    assert "of 10% extra tax on the years taken from an IRA before 59½" in tax


def test_a_deputys_457b_rolled_in_money_counts_from_the_year_of_50() -> None:
    """§10 "Governmental 457(b) holding rolled-in money, public-safety worker": the
    rolled-in money is covered from the year of 50 (§72(t)(10)), never "2032, the year you
    turn 55"."""
    chat = Chat()
    chat.script("/start", "tap r55", "May 1977", "the county 457b, I'm a sheriff's deputy")
    for _ in range(10):
        if chat.asked is None:
            break
        chat.tap("no" if chat.asked == "tax_est" else chat.buttons()[chat.asked][0])
    assert chat.answers["public_safety"] == "other"
    text = "\n".join(plain(r.text) for r in chat.replies)
    assert "unless you leave in 2027 or later (the year you turn 50)" in text
    assert "the year you turn 55" not in text


def test_a_joint_return_names_the_spouses_65_plus_amounts_it_cannot_count() -> None:
    """§10 "Married filing jointly": the estimate does not know the spouse's age, and says
    what a 65+ spouse would add."""
    person = Person(
        **{**ROTH_PAYOUT, "filing": "married, we file jointly", "other_income": "$40,000"}
    ).converse()
    tax = _tax_message(person)
    assert "your spouse's age" in tax and "65 or older" in tax


def test_no_roth_question_when_nothing_is_taken_out() -> None:
    """A withdrawal of nothing has no taxable part: the Roth question would change nothing."""
    person = Person(**{**ROTH_PAYOUT, "withdrawal": "no thanks"}).converse()
    assert person.answers["withdrawal"] == 0
    assert "roth_part" not in person.asked_in_order
