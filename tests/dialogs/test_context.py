"""Messages read against the question on screen (issue 19): a short answer to a follow-up
means what it means there, what an answer settles is kept when a question is given up,
and a first message without /start starts the conversation."""

from __future__ import annotations

import pytest

from dialogs import Choice
from tests.dialogs.chat import Chat, plain
from tests.dialogs.person import Person
from tests.dialogs.test_journeys import DESIGN, LEFT_AT_51


def at_the_work_question(topic: str = "tap r55") -> Chat:
    chat = Chat()
    chat.script("/start", topic, "March 1968", "401k")
    assert chat.asked == "employment", chat.text
    return chat


def test_no_plans_after_do_you_plan_to_leave_is_still_working_not_left() -> None:
    chat = at_the_work_question()
    chat.say("still working")
    assert "do you plan to leave" in chat.text
    chat.say("no plans")
    assert chat.answers["employment"] == "employed"
    assert "left" not in chat.text.split("\n")[0].lower()


def test_a_plain_no_to_the_follow_up_is_no_plan_to_leave() -> None:
    for answer in ("no", "nope", "not really", "not yet"):
        chat = at_the_work_question()
        chat.say("still there")
        chat.say(answer)
        assert chat.answers["employment"] == "employed", answer


def test_a_yes_with_a_month_to_the_follow_up_keeps_the_month() -> None:
    chat = at_the_work_question()
    chat.say("still working")
    chat.say("yes, in march")
    assert chat.answers["employment"] == "planning_to_leave"
    assert chat.answers["separation"] == {"kind": "day", "year": 2027, "month": 3, "day": None}


def test_still_working_twice_keeps_what_it_settles_employed() -> None:
    """A mega-backdoor-only check: leaving plans cannot change its verdict, and "still
    working" said twice must not end as "work status not sure"."""
    chat = at_the_work_question("tap mbr")
    chat.say("still working")
    chat.say("still working there")
    assert chat.answers["employment"] == "employed"
    assert chat.asked != "employment"
    assert "not sure" not in chat.text.split("\n")[0].lower()


def test_a_first_hi_without_start_starts_the_conversation_with_its_buttons() -> None:
    chat = Chat()
    chat.say("hi")
    assert chat.asked == "topics"
    assert "Tap one of the buttons" not in chat.text
    assert {"r55", "mbr", "both"} <= set(chat.buttons().get("topics", []))


@pytest.mark.parametrize("greeting", ["hi", "Hello!", "good morning"])
def test_a_greeting_while_a_question_waits_is_answered_and_is_no_miss(greeting: str) -> None:
    chat = Chat()
    chat.script("/start", "tap r55")
    asked = chat.asked
    chat.say(greeting)
    assert plain(chat.text).startswith("Hello!") and chat.asked == asked
    assert "didn't catch" not in chat.text and "not sure, that's fine" not in chat.text


def test_a_first_message_that_says_something_is_read() -> None:
    chat = Chat()
    chat.say("will I get hit with the 10% penalty")
    assert chat.answers.get("topics") == "r55"


# ---------------------------------------------------------------------------
# Text after the results


def finished_person(birth: str = "March 1968") -> Person:
    return Person(
        topics="tap r55",
        birth=birth,
        plan_type="401k",
        employment="tap separated",
        separation="March 2026",
        public_safety="tap none",
        rolled_ira="tap none",
        partial="tap yes",
        tax_est="tap no",
    ).converse()


def test_a_correction_after_the_results_changes_the_answer_and_gives_the_verdict_again() -> None:
    person = finished_person()
    person.say("actually I left in May, not March")
    assert person.answers["separation"] == {"kind": "day", "year": 2026, "month": 5, "day": None}
    text = person.text
    assert "Left May 2026 ✔︎" in text
    assert "Rule of 55:" in text  # the verdict, given again
    assert "That's everything I need" not in text


@pytest.mark.parametrize(
    "message", ["actually it was may not march", "not march, may", "i said march but it was may"]
)
def test_a_month_put_right_with_no_leaving_word_changes_the_answer_that_said_it(
    message: str,
) -> None:
    """Only one answer said March (the leaving date; the birth month is March too in the
    other test below), so the month taken back names the answer it changes."""
    person = finished_person(birth="June 1968")
    person.say(message)
    assert person.answers["separation"] == {"kind": "day", "year": 2026, "month": 5, "day": None}
    assert "Left May 2026 ✔︎" in person.text and "Rule of 55:" in person.text


def test_a_year_put_right_changes_the_answer_that_said_it() -> None:
    person = finished_person()
    person.say("sorry, it was 1967 not 1968")
    assert person.answers["birth"] == {"kind": "birth", "year": 1967, "month": 3, "day": None}
    assert "Rule of 55:" in person.text


def test_a_month_put_right_that_two_answers_said_changes_neither() -> None:
    """Born in March and left in March: "it was may not march" does not say which, so
    nothing changes silently."""
    person = finished_person()
    before = dict(person.answers)
    person.say("it was may not march")
    assert person.answers == before
    assert "That's everything I need" not in person.text


def test_a_question_after_the_results_gets_a_pointer_and_changes_nothing() -> None:
    person = finished_person()
    before = dict(person.answers)
    person.say("should I roll it into the 457?")
    assert person.answers == before
    assert "government 457(b)" in person.text and "roll-ins" in person.text
    person.say("what about taxes on social security?")
    assert person.answers == before
    assert "plan administrator or a tax professional" in person.text


def test_an_unusable_birth_date_twice_never_ends_the_check() -> None:
    """Nothing can be checked without an age: two impossible birth dates say why and what
    is needed, and wait — no results about questions never asked (issue 19)."""
    chat = Chat()
    chat.script("/start", "tap r55", "January 9999", "March 1800")
    assert chat.asked == "birth" and "Rule of 55:" not in plain(chat.text)
    assert "226" in plain(chat.text) and "I need this one" in plain(chat.text)
    assert "unsure" in chat.buttons()["birth"]  # "I'd rather not say" is the person's choice
    chat.say("March 1968")
    assert chat.asked == "plan_type" and "Born March 1968 ✔︎" in plain(chat.text)


def test_a_tap_on_an_old_button_is_a_change_the_person_confirms() -> None:
    """Issue 19 "Old buttons": a tap on an earlier question's button, still on the
    person's screen, changes nothing by itself: the bot asks whether to change that answer
    (it may wipe later ones). "No, keep it" keeps everything and shows the question on
    screen again."""
    chat = Chat()
    chat.script("/start", "tap r55", "March 1968", "tap 401k", "tap separated", "June 2024")
    before = dict(chat.answers)
    on_screen = chat.asked
    chat.send(Choice(question_id="employment", option_id="employed"))
    assert chat.answers == before, "an old button changed an answer without asking"
    assert "Change Work from “has left” to “still working there”?" in chat.text
    assert chat.buttons()["change_to"] == ["employment-employed"]
    chat.tap("employment", "keep")
    assert chat.answers == before and chat.asked == on_screen
    assert "nothing changed" in chat.text


def test_back_after_a_confirmed_change_from_an_old_button_brings_the_earlier_answers_back() -> None:
    """Issue 19 "Old buttons": a change confirmed from an earlier question's button is
    said back (with its ✏️ button); /back undoes exactly that change — the earlier value,
    and the answers it had made moot, come back."""
    chat = Chat()
    chat.script("/start", "tap r55", "March 1968", "tap 401k", "tap separated", "June 2024")
    before = dict(chat.answers)
    assert before["employment"] == "separated" and "separation" in before
    # the work-status button of an earlier message, still on the person's screen
    chat.send(Choice(question_id="employment", option_id="employed"))
    chat.tap("employment-employed", "change_to")
    assert chat.answers["employment"] == "employed" and "separation" not in chat.answers
    assert "Still working there, no plans to leave ✔︎" in chat.text
    chat.command("back")
    restored = chat.answers
    assert restored["employment"] == "separated" and restored["separation"] == before["separation"]
    chat.command("back")  # and the one before that: the leaving date, asked again
    assert "separation" not in chat.answers and chat.asked == "separation"


def test_a_no_that_its_own_sentence_contradicts_is_never_i_have_left() -> None:
    """Issue 19 "Negation and scope per clause": "no i didnt leave, still here" answers
    "are you still working there?" with a no its own clause takes back: still working,
    leaving plans asked — never "You've left this employer"."""
    chat = at_the_work_question()
    chat.say("no i didnt leave, still here")
    assert "left this employer" not in chat.text
    assert chat.asked == "employment" and "do you plan to leave" in chat.text
    chat.say("no plans")
    assert chat.answers["employment"] == "employed"


def test_a_negation_belongs_to_its_clause() -> None:
    """ "i didnt quit, they laid me off in sept": the layoff is what happened."""
    chat = at_the_work_question()
    chat.say("i didnt quit, they laid me off in sept")
    assert chat.answers["employment"] == "separated"
    assert "September 2026" in chat.text


def test_a_season_is_never_one_month_its_months_are_offered() -> None:
    """Issue 19: "next summer" is a stretch of months — asked, with June, July and August
    as buttons, never taken as one month."""
    chat = at_the_work_question()
    chat.say("still working, planning to leave")
    assert chat.asked == "separation"
    chat.say("next summer")
    assert "separation" not in chat.answers
    offered = [o.label for r in chat.replies for o in r.options if o.id.startswith("c")]
    assert offered == ["leaving June 2027", "leaving July 2027", "leaving August 2027"]
    chat.tap("c1", "separation")
    assert chat.answers["separation"] == {"kind": "day", "year": 2027, "month": 7, "day": None}


def at_the_after_tax_question() -> Chat:
    chat = Chat()
    chat.script("/start", "tap both", "dob 11/2/66", "403b", "nope im still there")
    chat.say("yeah gonna retire end of june next yr")
    assert chat.asked == "after_tax", chat.text
    return chat


def test_a_message_about_another_question_is_not_a_no_to_the_one_on_screen() -> None:
    """Issue 19 "Context": "nah never rolled anything" under "does your plan accept
    after-tax contributions?" answers the rollover question, and the after-tax question
    is asked again — it is not a "no" to it."""
    chat = at_the_after_tax_question()
    chat.say("nah never rolled anything")
    assert chat.answers["rolled_ira"] == "none" and "after_tax" not in chat.answers
    assert "Nothing rolled to an IRA ✔︎" in chat.text and chat.asked == "after_tax"


def test_a_short_answer_before_another_topic_still_answers_the_question_on_screen() -> None:
    chat = at_the_after_tax_question()
    chat.say("no, no roth conversions either")
    assert chat.answers["after_tax"] == "no" and chat.answers["in_plan_roth"] == "no"
    assert "After-tax allowed: no ✔︎" in chat.text and "In-plan Roth: no ✔︎" in chat.text


def test_a_later_message_about_an_earlier_answer_changes_it_and_says_so() -> None:
    """ "yup they do after tax" under the tax-estimate question: the after-tax answer given
    earlier changes, said back; the estimate question is not answered "yes" by it."""
    chat = at_the_after_tax_question()
    chat.say("no")
    assert chat.asked == "tax_est"
    chat.say("yup they do after tax")
    assert chat.answers["after_tax"] == "yes" and "tax_est" not in chat.answers
    assert "After-tax allowed: yes ✔︎" in chat.text


def test_a_figure_typed_after_the_results_is_never_answered_with_thats_everything() -> None:
    """Issue 19 "Text at any point": a message after the results that looks like an
    answer but does not say which one it changes gets a pointer, not "That's everything"."""
    chat = Chat()
    chat.script("/start", "tap mbr", "im 52", "401k", "yes still working, no plans to leave")
    chat.script("yes", "yes", "tap no")
    assert chat.asked is None
    chat.say("husband makes 150k and i make about $95")
    assert "couldn't tell which answer that changes" in chat.text
    assert "That's everything" not in chat.text and "edit" in chat.buttons()["menu"]


def test_right_after_christmas_is_asked_because_the_year_decides() -> None:
    """Leaving "right after Christmas" can fall either side of 1 January, and the year of
    leaving decides the Rule of 55: December or January is asked, never guessed."""
    chat = at_the_work_question()
    chat.say("still working, planning to leave")
    chat.say("right after christmas")
    assert "separation" not in chat.answers and "matters here" in chat.text
    offered = [o.label for r in chat.replies for o in r.options if o.id.startswith("c")]
    assert offered == ["leaving December 2026", "leaving January 2027"]


def test_a_date_alone_after_do_you_plan_to_leave_is_a_yes_at_that_date() -> None:
    """ "next summer" answering "do you plan to leave?" is a plan to leave then, kept as
    precise as said (2027), never "no plans to leave"; "march 2027" is March 2027."""
    chat = at_the_work_question()
    chat.say("no i didnt leave, still here")
    chat.say("next summer")
    assert "no plans to leave" not in chat.text and "Leaving 2027 ✔︎" in chat.text
    assert chat.answers["employment"] == "planning_to_leave"
    assert chat.answers["separation"] == {"kind": "day", "year": 2027, "month": None, "day": None}
    chat = at_the_work_question()
    chat.say("still working")
    chat.say("march 2027")
    assert chat.answers["employment"] == "planning_to_leave"
    assert chat.answers["separation"] == {"kind": "day", "year": 2027, "month": 3, "day": None}


def test_a_question_typed_while_a_question_waits_gets_a_pointer_and_is_no_miss() -> None:
    """Issue 19 "Text at any point": "should I roll it into an IRA?" under a question of
    ours is answered with a pointer and the same question again; a question of theirs is
    never counted as a miss, so two of them do not give the question up."""
    chat = Chat()
    chat.script("/start", "tap both", "March 1968", "tap 401k")
    waiting = chat.asked
    chat.say("should I roll it into an IRA?")
    assert "loses the Rule of 55" in plain(chat.text) and chat.asked == waiting
    chat.say("how much tax will I pay?")
    assert "plan administrator or a tax professional" in plain(chat.text)
    assert chat.asked == waiting and waiting not in chat.answers


def test_an_answer_to_another_question_is_kept_and_is_no_miss_of_the_one_on_screen() -> None:
    """'still working there' under the plan question is about work: the plan question is
    asked again, not given up, and 'no plans' then answers the work question."""
    chat = Chat()
    chat.script("/start", "tap r55", "March 1968")
    assert chat.asked == "plan_type"
    chat.say("still working there")
    assert "about something else" in plain(chat.text) and chat.asked == "plan_type"
    chat.say("no plans")
    assert chat.answers["employment"] == "employed"
    assert chat.asked == "plan_type" and "plan_type" not in chat.answers
    chat.say("403b")
    assert chat.answers["plan_type"] == "403b"


def test_answers_to_other_questions_are_taken_and_this_one_asked_again_without_a_miss() -> None:
    """'still working, retiring in june' under the plan question answers work and leaving:
    both are said back, and the plan question comes again as itself — never "I don't know
    that kind of plan", which the person never tried to say — and it is no miss."""
    chat = Chat()
    chat.script("/start", "tap r55", "March 1968")
    assert chat.asked == "plan_type"
    chat.say("still working, retiring in june")
    text = plain(chat.text)
    assert chat.answers["employment"] == "planning_to_leave"
    assert "June 2027" in text and "What kind of plan is it?" in text
    assert "don't know that kind of plan" not in text and chat.asked == "plan_type"
    chat.say("my wife is 60")  # a first real miss: asked again, not given up
    assert chat.asked == "plan_type" and "plan_type" not in chat.answers
    chat.say("403b")
    assert chat.answers["plan_type"] == "403b"


def test_a_date_given_later_fills_the_one_given_up_and_is_echoed() -> None:
    """A leaving date given up as "not sure" (two unreadable answers), then said under a
    later question ("actually i left in may not march"), is taken and said back: a known
    fact is never dropped, and a message that answers is no miss of the one on screen."""
    chat = Chat()
    chat.script("/start", "tap r55", "March 1968", "tap 401k", "tap separated", "no", "nah")
    assert chat.answers["separation"] == "unsure"
    waiting = chat.asked
    chat.say("actually i left in may not march")
    taken: object = chat.answers["separation"]
    assert taken == {"kind": "day", "year": 2026, "month": 5, "day": None}
    assert "May 2026" in plain(chat.text) and chat.asked == waiting


def test_a_month_put_right_under_another_question_is_taken_and_said_back() -> None:
    """The leaving date known (March), "it was may not march" typed under a later
    question: that date is changed and said back, and the question on screen asked again
    with no miss counted."""
    chat = Chat()
    chat.script("/start", "tap r55", "June 1968", "tap 401k", "tap separated", "March 2026")
    waiting = chat.asked
    chat.say("it was may not march")
    assert chat.answers["separation"] == {"kind": "day", "year": 2026, "month": 5, "day": None}
    assert "May 2026" in plain(chat.text) and chat.asked == waiting


LEAVING_IN_JUNE = (
    "/start",
    "tap r55",
    "March 1968",
    "tap 401k",
    "tap planning_to_leave",
    "June 2027",
)


@pytest.mark.parametrize(
    ("message", "question", "now"),
    [
        ("actually I leave in march, not june", "separation", {"year": 2027, "month": 3}),
        ("oh wait, my plan is a 403b not a 401k", "plan_type", "403b"),
        ("sorry I was born in 1967 not 1968", "birth", {"year": 1967, "month": 3}),
        ("my bad, I already left, in may", "separation", {"year": 2026, "month": 5}),
    ],
)
def test_an_earlier_answer_put_right_while_another_question_waits_is_changed_and_said_back(
    message: str, question: str, now: object
) -> None:
    """A message that says it puts something right ("actually", "wait", "sorry", "not
    june"...) under another question changes the answers it contradicts, says them back
    with a way to change them, and asks the question on screen again with no miss counted
    (a birth year put right keeps the month said before)."""
    chat = Chat()
    chat.script(*LEAVING_IN_JUNE)
    waiting = chat.asked
    chat.say(message)
    answer = chat.answers[question]
    if isinstance(now, dict):
        assert isinstance(answer, dict) and {k: answer[k] for k in now} == now
    else:
        assert answer == now
    assert "✔︎" in chat.text and chat.asked == waiting
    assert "didn't catch" not in chat.text and "not sure, that's fine" not in chat.text


def test_a_spouses_plan_named_with_no_death_is_asked_about_with_its_kind_offered() -> None:
    """ "my husband's 401k" under "what kind of plan?" may be his plan, not the person's
    (nothing says he died): asked, the 401(k) offered as a button."""
    chat = Chat()
    chat.script("/start", "tap r55", "March 1968")
    chat.say("my husband's 401k")
    assert "plan_type" not in chat.answers and chat.asked == "plan_type"
    assert "your spouse's plan" in plain(chat.text)
    chat.tap("c0", "plan_type")
    assert chat.answers["plan_type"] == "401k"


def test_back_undoes_a_correction_made_while_another_question_waits() -> None:
    chat = Chat()
    chat.script(*LEAVING_IN_JUNE)
    waiting = chat.asked
    chat.say("actually I leave in march, not june")
    assert chat.answers["separation"] == {"kind": "day", "year": 2027, "month": 3, "day": None}
    chat.command("back")
    assert chat.answers["separation"] == {"kind": "day", "year": 2027, "month": 6, "day": None}
    assert chat.asked == waiting


def test_a_message_that_puts_nothing_right_changes_no_earlier_answer() -> None:
    """Without a word that corrects, a date in a message under another question ("I plan
    to take some out in 2028") is no new leaving date."""
    chat = Chat()
    chat.script(*LEAVING_IN_JUNE)
    before = dict(chat.answers)
    chat.say("I plan to take some out in 2028")
    assert {qid: chat.answers.get(qid) for qid in before} == before


def test_a_month_alone_after_a_leaving_year_sets_its_month() -> None:
    """ "next summer" gave the year only (the month cannot change this verdict); "july"
    typed under the next question is that date's month, said back, and no miss."""
    chat = Chat()
    chat.script("/start", "tap r55", "I'm 52, firefighter with the county, 457")
    chat.say("yes, retiring next summer")
    assert chat.answers["separation"] == {"kind": "day", "year": 2027, "month": None, "day": None}
    waiting = chat.asked
    chat.say("july")
    assert chat.answers["separation"] == {"kind": "day", "year": 2027, "month": 7, "day": None}
    assert "July 2027" in plain(chat.text) and chat.asked == waiting
    assert "not sure, that's fine" not in chat.text


def test_ok_takes_up_an_offer_but_says_nothing_of_a_plan_feature() -> None:
    chat = Chat()
    chat.script("/start", "tap mbr", "March 1968", "tap 401k", "tap employed")
    assert chat.asked == "after_tax"
    chat.say("ok")
    assert "after_tax" not in chat.answers and chat.asked == "after_tax"
    chat.script("yes", "yes")
    offer = chat.asked
    chat.say("ok")
    assert chat.answers.get(offer) == "yes"


def test_two_choices_joined_by_or_are_offered_never_the_first_taken() -> None:
    """Issue 19, confidence: "fire or ems" names two answers; both are offered as buttons
    and nothing is taken until the person taps one."""
    person = Person(**LEFT_AT_51).converse_until("public_safety")
    person.say("fire or ems")
    assert person.asked == "public_safety" and "public_safety" not in person.answers
    assert person.offered() == [
        "public safety: firefighter",
        "public safety: police, EMS or corrections",
    ]
    person.tap("c0", "public_safety")
    assert person.answers["public_safety"] == "firefighter"


@pytest.mark.parametrize(
    ("said", "why", "then", "taken"),
    [
        # the date of something else around leaving (a party, a paycheck, severance)
        (
            "my retirement party is jan 9",
            "sounds like something else",
            "last day is dec 31",
            {"kind": "day", "year": 2026, "month": 12, "day": 31},
        ),
        # a plan given up, with no date in its place: June never taken
        (
            "was planning on june but pushed it back",
            "Plans change",
            "september 2027",
            {"kind": "day", "year": 2027, "month": 9, "day": None},
        ),
    ],
)
def test_a_date_that_is_not_the_last_day_is_asked_about_never_taken(
    said: str, why: str, then: str, taken: dict[str, object]
) -> None:
    """Issue 19: a date that is not the last day at work (another event's, or a plan given
    up) is asked about, saying why, and the leaving date said next is taken."""
    chat = at_the_work_question()
    chat.say("still working, planning to leave")
    assert chat.asked == "separation"
    chat.say(said)
    assert chat.asked == "separation" and "separation" not in chat.answers
    assert why in chat.text
    chat.say(then)
    assert chat.answers["separation"] == taken


def test_pay_with_overtime_on_top_asks_for_the_total_and_offers_the_base() -> None:
    """Issue 19: "85 base plus overtime" is more than 85k by an unsaid amount: asked, with
    $85,000 offered as a button, never silently taken as the year's pay."""
    person = Person(**DESIGN).converse_until("pay")
    person.say("85 base plus overtime")
    assert person.asked == "pay" and "pay" not in person.answers
    assert len(person.offered()) == 1 and "85,000" in person.offered()[0]
    person.say("about 95k all in")
    assert person.answers["pay"] == 95_000


def test_a_figure_said_in_doubt_is_offered_never_taken() -> None:
    """Issue 19, confidence: "six thousand... or was it sixteen hundred" offers both
    figures; "15k, or maybe that includes the match" offers the one, to tap or correct."""
    person = Person(**DESIGN).converse_until("employer")
    person.say("six thousand... or was it sixteen hundred")
    assert person.asked == "employer" and "employer" not in person.answers
    first, second = person.offered()
    assert "6,000" in first and "1,600" in second
    person.tap("c1", "employer")
    assert person.answers["employer"] == {"kind": "dollars", "amount": 1600}


@pytest.mark.parametrize("said", ["3%", "the company gives me 3 percent"])
def test_a_percentage_from_the_employer_of_unsaid_kind_offers_both_readings(said: str) -> None:
    """ "3%" under "your employer this year — match plus any profit sharing?" may be 3% of
    pay whatever the person puts in, or a match up to 3% (less money when they put in
    less): both are offered, nothing is taken silently."""
    person = Person(**DESIGN).converse_until("employer")
    person.say(said)
    assert person.asked == "employer" and "employer" not in person.answers
    assert "3% of your pay whatever you put in, or a match" in plain(person.text)
    assert len(person.offered()) == 2
    person.tap("c1", "employer")
    assert person.answers["employer"] == {
        "kind": "match",
        "rate_percent": "100",
        "up_to_percent": "3",
    }


def test_a_spouses_figure_alone_is_asked_for_again_as_the_persons_own() -> None:
    """Issue 19: "my wifes employer matches 6%" is her plan's, not the person's: the
    question is asked again for their own figure, nothing taken."""
    person = Person(**DESIGN).converse_until("employer")
    person.say("my wifes employer matches 6%")
    assert person.asked == "employer" and "employer" not in person.answers
    assert "not your spouse's" in person.text
    person.say("mine matches 4%")
    assert person.answers["employer"] == {
        "kind": "match",
        "rate_percent": "100",
        "up_to_percent": "4",
    }


def test_profit_sharing_of_unsaid_size_offers_the_match_and_asks_the_total() -> None:
    """Issue 19: "5% match and maybe a profit sharing check at year end" — the profit
    sharing counts too, its size unsaid: the match is offered as a button, the total asked,
    and nothing is taken silently."""
    person = Person(**DESIGN).converse_until("employer")
    person.say("5% match and maybe a profit sharing check at year end")
    assert person.asked == "employer" and "employer" not in person.answers
    assert "Profit sharing counts too" in person.text
    assert len(person.offered()) == 1 and "5%" in person.offered()[0]
    person.tap("c0", "employer")
    assert person.answers["employer"] == {
        "kind": "match",
        "rate_percent": "100",
        "up_to_percent": "5",
    }
