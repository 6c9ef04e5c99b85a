"""Whole conversations, as people have them. Each person knows their own answers and
gives them whenever they are asked (tests/dialogs/person.py), so these read as "who the
person is" and "what they are told". Assertions are on what was decided (answers,
verdict marks, figures, buttons), not on exact wording."""

from __future__ import annotations

from pathlib import Path

import pytest

from dialogs import Choice, form
from tests.conftest import TODAY
from tests.dialogs.chat import Chat, plain
from tests.dialogs.person import Person, every_asked_question_mattered

# The example conversation in CONVERSATION.md: born February 1972, leaving this December.
DESIGN = {
    "topics": "tap both",
    "birth": "feb 72",
    "employment": "tap planning_to_leave",
    "separation": "end of december",
    "plan_type": "401k",
    "public_safety": "tap none",
    "rolled_ira": "tap none",
    "partial": "tap unsure",
    "after_tax": "tap yes",
    "in_plan_roth": "tap yes",
    "in_service": "tap unsure",
    "estimate": "tap yes",
    "pay": "180k",
    "own": "max",
    "employer": "4% match",
    "tax_est": "tap no",
}


def first_result(person: Chat, title: str) -> str:
    """The result message about one topic (Telegram HTML), from its headline on (an echo
    of the last answer may come first in the same message)."""
    for reply in person.replies:
        for start, line in enumerate(reply.text.split("\n")):
            if f"<b>{title}:" in line:
                return "\n".join(reply.text.split("\n")[start:])
    raise AssertionError(f"no {title} result in {person.text}")


def summary_line(person: Chat, title: str) -> str:
    text = person.summary() or ""
    for line in text.splitlines():
        if line.startswith(f"<b>{title}:</b>"):
            return plain(line)
    raise AssertionError(f"no {title} line in {text}")


# ---------------------------------------------------------------------------
# The example conversation


def test_the_example_conversation_reads_like_the_design() -> None:
    person = Person(**DESIGN).converse()
    rule = first_result(person, "Rule of 55")
    assert rule.startswith("❌ <b>Rule of 55:")
    assert "1 Jan 2027" in rule or "1 January 2027" in rule
    assert any(
        o.label == "What if I leave in January 2027?" for r in person.replies for o in r.options
    )
    mega = first_result(person, "Mega backdoor Roth")
    assert "✅ <b>Mega backdoor Roth" in mega
    assert "$40,300" in mega and "$72,000" in mega and "$24,500" in mega and "$7,200" in mega
    last = person.replies[-1]
    assert "plan administrator" in last.text and "Not tax advice" in last.text
    assert [o.id for o in last.options] == ["sum", "edit", "more", "on", "restart"]
    # Leaving a year too early: how the plan pays out after leaving does not matter.
    assert "partial" not in person.questions
    assert every_asked_question_mattered(person) == []


def test_the_echo_travels_with_the_next_question() -> None:
    chat = Chat()
    chat.script("/start", "tap both", "feb 72")
    assert len(chat.replies) == 1, "one message per answer"
    reply = chat.replies[0]
    assert "February 1972 ✔︎" in reply.text and reply.question_id == chat.asked
    change = [o for o in reply.options if o.question_id == "edit"]
    assert [o.id for o in change] == ["birth"]


def test_what_if_reruns_with_another_date_without_asking_again() -> None:
    person = Person(**DESIGN).converse()
    before = dict(person.answers)
    person.tap("2027-01", "whatif")
    assert len(person.replies) == 1
    assert "✅" in person.replies[0].text and "January 2027" in person.text
    assert person.answers == before  # a what-if changes nothing
    person.tap("u2027-01", "whatif")
    assert person.answers["separation"] == {"kind": "day", "year": 2027, "month": 1, "day": None}
    assert "January 2027 ✔︎" in person.text


def test_what_if_in_free_text_after_the_results() -> None:
    person = Person(**DESIGN).converse()
    person.say("what if I leave in March 2027?")
    assert "What if you leave in March 2027" in person.text
    assert "✅" in person.text


# ---------------------------------------------------------------------------
# Advice people act on (issue 10): the situations people really bring


def test_part_of_the_plan_rolled_to_an_ira_keeps_the_rule_for_the_rest() -> None:
    person = Person(
        topics="tap r55",
        birth="March 1968",
        employment="tap separated",
        separation="June 2024",
        plan_type="401k",
        rolled_ira="rolled some of it to an ira",
        partial="yes",
        tax_est="tap no",
    ).converse()
    assert person.answers["rolled_ira"] == "some"
    rule = first_result(person, "Rule of 55")
    assert "✅ <b>Rule of 55" in rule
    assert "IRA" in plain(rule)
    assert summary_line(person, "Rule of 55").startswith("Rule of 55: ✅")


def test_everything_rolled_to_an_ira_leaves_nothing_to_use_it_on() -> None:
    person = Person(
        topics="tap r55",
        birth="March 1968",
        employment="tap separated",
        separation="June 2024",
        plan_type="401k",
        rolled_ira="tap all",
        tax_est="tap no",
    ).converse()
    rule = first_result(person, "Rule of 55")
    assert "✅ <b>Rule of 55" not in rule and "IRA" in plain(rule)


# Born 1975, left a job with a 401(k) in June 2026, at 51: only the age-50 route can help.
LEFT_AT_51 = {
    "topics": "tap r55",
    "birth": "1975",
    "employment": "tap separated",
    "separation": "June 2026",
    "plan_type": "401k",
}


def test_a_private_firefighter_gets_age_50_from_the_401k() -> None:
    person = Person(
        **LEFT_AT_51,
        public_safety="firefighter at the refinery, company fire brigade",
        rolled_ira="tap none",
        partial="tap yes",
        tax_est="tap no",
    ).converse()
    assert person.answers["public_safety"] == "firefighter"
    rule = first_result(person, "Rule of 55")
    assert "✅ <b>Rule of 55" in rule
    assert "government plan" not in plain(rule).split("\n")[0]
    assert summary_line(person, "Rule of 55").startswith("Rule of 55: ✅")


def test_a_police_officer_leaving_at_51_is_told_yes_first() -> None:
    person = Person(
        topics="tap r55",
        birth="1976",
        employment="tap planning_to_leave",
        separation="March 2027",
        plan_type="pension through the city",
        public_safety="city police officer",
        rolled_ira="tap none",
        partial="tap yes",
        tax_est="tap no",
    ).converse()
    rule = first_result(person, "Rule of 55")
    headline = plain(rule).split("\n")[0]
    assert headline.startswith("✅ Rule of 55")
    assert "too early" not in headline
    assert "50" in headline


def test_still_working_the_10_percent_on_a_withdrawal_now_is_certain() -> None:
    person = Person(
        topics="tap r55",
        birth="1970",
        employment="still there, no plans to quit",
        plan_type="401k",
        tax_est="tap yes",
        withdrawal="20k",
        filing="tap single",
        other_income="80k",
    ).converse()
    assert person.answers["employment"] == "employed"
    rule = first_result(person, "Rule of 55")
    assert "❌" in rule.split("\n")[0] or "⏳" in rule.split("\n")[0]
    finding = form.assessment(form.facts_from(person.answers, TODAY), TODAY).rule_of_55
    assert "roll_old_plan_into_current_before_leaving" not in {r.code for r in finding.next_steps}
    tax = next(r.text for r in person.replies if "Tax on" in r.text)
    assert "$2,000" in tax and "unless" not in tax


def test_a_government_457b_with_rolled_in_money_after_the_year_of_55() -> None:
    person = Person(
        topics="tap r55",
        birth="March 1968",
        employment="tap separated",
        separation="June 2024",
        plan_type="my 457 through the city",
        rolled_ira="tap none",
        partial="tap yes",
        tax_est="tap no",
    ).converse()
    rule = plain(first_result(person, "Rule of 55"))
    assert rule.startswith("✅")
    assert "still carries the 10%" not in rule


def test_a_lump_sum_only_plan_is_not_told_to_keep_part_in_the_plan() -> None:
    person = Person(
        topics="tap r55",
        birth="March 1968",
        employment="tap separated",
        separation="June 2024",
        plan_type="401k",
        rolled_ira="tap none",
        partial="they only pay out everything at once",
        tax_est="tap no",
    ).converse()
    assert person.answers["partial"] == "no"
    rule = plain(first_result(person, "Rule of 55"))
    assert rule.startswith("✅")
    assert "Keep in the plan what you'll need" not in rule
    assert "rollover" in rule.lower()


def test_a_simple_ira_in_its_first_two_years_costs_25_percent() -> None:
    person = Person(
        topics="tap r55",
        birth="1970",
        plan_type="simple ira through my small business",
        employment="tap employed",
        tax_est="tap yes",
        withdrawal="10k",
        filing="tap single",
        other_income="50k",
        simple_start="tap yes",
    ).converse()
    assert "❌" in first_result(person, "Rule of 55").split("\n")[0]
    tax = next(r.text for r in person.replies if "Tax on" in r.text)
    assert "$2,500" in tax  # 25% of $10,000


def test_the_summary_line_is_the_chat_headline() -> None:
    person = Person(**DESIGN).converse()
    for title in ("Rule of 55", "Mega backdoor Roth"):
        chat_line = plain(first_result(person, title)).split("\n")[0]
        mark, _, words = chat_line.partition(f" {title}: ")
        assert summary_line(person, title).startswith(f"{title}: {mark} {words}")


# ---------------------------------------------------------------------------
# Understanding people (issue 11)


def test_every_answer_typed_none_tapped() -> None:
    person = Person(
        topics="the 55 thing",
        birth="born 3/4/68",
        employment="retired in june",
        separation="june",
        plan_type="the school districts 403b",
        rolled_ira="nope its all still sitting in the 403b",
        partial="i think so",
        tax_est="no thanks",
    ).converse()
    assert person.answers["topics"] == "r55"
    assert person.answers["plan_type"] == "403b"
    assert "✅" in person.results()


def test_several_answers_in_one_message_are_all_kept_and_echoed_once() -> None:
    chat = Chat()
    chat.script("/start", "tap r55")
    chat.say("I'm 58 and retired from the school district last June, it's a 403b")
    assert chat.answers["birth"] == {"kind": "age", "years": 58}
    assert chat.answers["employment"] == "separated"
    assert chat.answers["separation"] == {"kind": "day", "year": 2026, "month": 6, "day": None}
    assert chat.answers["plan_type"] == "403b"
    assert len(chat.replies) == 1
    echo = chat.replies[0]
    changes = {o.id for o in echo.options if o.question_id == "edit"}
    assert {"birth", "separation", "plan_type"} <= changes
    assert chat.asked not in {"birth", "employment", "separation", "plan_type"}


def test_a_first_message_can_answer_before_being_asked() -> None:
    chat = Chat()
    chat.start()
    chat.say("want to check rule of 55, im 56 and got laid off last month")
    assert chat.answers["topics"] == "r55"
    assert chat.answers["birth"] == {"kind": "age", "years": 56}
    assert chat.answers["employment"] == "separated"
    assert chat.asked not in {"topics", "birth", "employment", "separation"}


def test_an_unknown_leaving_date_gives_the_verdict_by_year() -> None:
    person = Person(
        topics="tap r55",
        birth="1972",
        employment="tap planning_to_leave",
        separation="idk yet",
        plan_type="401k",
        public_safety="no",
        rolled_ira="tap none",
        partial="tap yes",
        tax_est="tap no",
    ).converse()
    assert person.answers["separation"] == "unsure"
    assert person.asked_in_order.count("separation") == 1
    rule = plain(first_result(person, "Rule of 55"))
    assert "2027" in rule


def test_a_question_is_never_asked_a_third_time_in_a_row() -> None:
    chat = Chat()
    chat.script("/start", "tap r55", "1972", "tap 401k", "tap planning_to_leave")
    assert chat.asked == "separation"
    chat.say("blorp")  # re-asked once, saying why, with "Not sure" as a way on
    assert chat.asked == "separation" and "couldn't read" in chat.text
    assert "unsure" in chat.buttons()["separation"]
    chat.say("blorp again")  # a second miss: left open, and on to the next question
    assert chat.answers["separation"] == "unsure"
    assert chat.asked != "separation" and "not sure" in chat.text


def test_not_sure_is_tapped_to_move_on() -> None:
    chat = Chat()
    chat.script("/start", "tap r55", "blorp")
    assert "unsure" in chat.buttons()["birth"]
    chat.tap("unsure", "birth")
    assert chat.answers["birth"] == "unsure"


def test_an_ambiguous_date_is_asked_not_guessed() -> None:
    chat = Chat()
    chat.script("/start", "tap r55", "1972", "tap 401k", "tap planning_to_leave")
    chat.say("mar 31")
    assert chat.asked == "separation" and "separation" not in chat.answers
    offered = [o for o in chat.replies[-1].options if o.id.startswith("c")]
    assert len(offered) >= 2
    chat.tap(offered[0].id, "separation")
    assert "separation" in chat.answers


@pytest.mark.parametrize("typed", ["im 12 lol", "age 150", "born 1899"])
def test_an_impossible_age_is_refused_with_the_reason(typed: str) -> None:
    chat = Chat()
    chat.script("/start", "tap r55", typed)
    assert chat.asked == "birth" and "birth" not in chat.answers


def test_a_bare_two_digit_number_is_asked_about() -> None:
    chat = Chat()
    chat.script("/start", "tap r55", "58")
    assert chat.asked == "birth" and "birth" not in chat.answers
    offered = [o for o in chat.replies[-1].options if o.id.startswith("c")]
    assert len(offered) == 2
    chat.tap(offered[0].id, "birth")
    assert chat.answers["birth"] == {"kind": "age", "years": 58}


# ---------------------------------------------------------------------------
# Asking only what matters


def test_a_government_457b_gets_no_mega_backdoor_questions() -> None:
    person = Person(
        topics="tap both",
        birth="March 1968",
        plan_type="state 457 deferred comp",
        employment="tap employed",
        tax_est="tap no",
    ).converse()
    assert not {"after_tax", "in_plan_roth", "in_service", "estimate"} & set(person.questions)
    assert "❌ <b>Mega backdoor Roth" in first_result(person, "Mega backdoor Roth")


def test_past_59_and_a_half_no_rollover_or_partial_questions() -> None:
    person = Person(
        topics="tap r55",
        birth="1962-03-15",
        plan_type="401k",
        employment="tap separated",
        separation="June 2026",
        tax_est="tap no",
    ).converse()
    assert not {"rolled_ira", "partial", "public_safety"} & set(person.questions)
    assert "✅" in first_result(person, "Rule of 55")


def test_an_ira_gets_its_answer_in_a_few_questions() -> None:
    person = Person(
        topics="tap r55", birth="1968", plan_type="rollover IRA", tax_est="tap no"
    ).converse()
    assert person.questions == ["topics", "birth", "plan_type", "inherited", "tax_est"]
    assert "❌" in first_result(person, "Rule of 55")


@pytest.mark.parametrize(
    "knows",
    [
        DESIGN,
        {
            "topics": "tap r55",
            "birth": "1975",
            "plan_type": "401k",
            "employment": "tap separated",
            "separation": "June 2026",
            "public_safety": "tap firefighter",
            "rolled_ira": "tap none",
            "partial": "tap yes",
            "tax_est": "tap no",
        },
        {
            "topics": "tap mbr",
            "birth": "I'm 48",
            "bday_passed": "tap yes",
            "plan_type": "401k",
            "employment": "tap employed",
            "after_tax": "tap yes",
            "in_plan_roth": "tap no",
            "in_service": "tap yes",
            "estimate": "tap yes",
            "pay": "250k",
            "own": "10%",
            "employer": "50% of the first 6%",
        },
    ],
)
def test_every_question_asked_could_change_the_answer(knows: dict[str, str]) -> None:
    person = Person(**knows).converse()
    assert every_asked_question_mattered(person) == []


# ---------------------------------------------------------------------------
# Moving around: back, change, summary, restart, resume


def test_back_says_which_answer_it_undid() -> None:
    chat = Chat()
    chat.script("/start", "tap r55", "feb 72", "tap 401k")
    chat.command("back")
    assert "401(k)" in chat.text
    assert chat.asked == "plan_type" and "plan_type" not in chat.answers


def test_summary_in_the_middle_shows_the_open_question_after_it() -> None:
    chat = Chat()
    chat.script("/start", "tap r55", "feb 72")
    asked = chat.asked
    chat.command("summary")
    assert "Not finished yet" in plain(chat.replies[0].text)
    assert chat.replies[-1].question_id == asked


def test_why_on_the_first_question_explains_the_first_question() -> None:
    chat = Chat()
    chat.start()
    chat.say("why?")
    assert chat.asked == "topics"
    assert "Rule of 55" in chat.text


def test_what_does_this_mean_explains_the_question_on_screen_and_asks_it_again() -> None:
    """Typed under a question, "what does this mean?" is no miss and no pointer away: it
    gets the same explanation as the "Why do you ask?" button, then the question."""
    chat = Chat()
    chat.script("/start", "tap r55", "March 1968", "tap 401k")
    asked = chat.asked
    chat.say("why do you ask")
    explained = plain(chat.text)
    chat.say("what does this mean?")
    assert plain(chat.text) == explained
    assert chat.asked == asked and asked not in chat.answers


def test_the_mega_backdoor_is_checked_with_an_age_declined() -> None:
    """The mega backdoor turns on the plan's features, not on the age: with the birth date
    declined, the plan, the work status and the features are still asked, and the verdict
    never says "you weren't sure" of a question it did not ask."""
    chat = Chat()
    chat.script("/start", "mega backdoor", "rather not say")
    assert chat.answers["birth"] == "unsure" and chat.asked == "plan_type"
    chat.script("401k", "tap employed", "yes", "yes")
    text = plain(chat.text)
    assert "Mega backdoor Roth: yes" in text
    assert "weren't sure" not in text


def test_wording_follows_the_person_tense() -> None:
    left = Chat()
    left.script("/start", "tap r55", "1968", "tap 401k", "tap separated", "June 2024")
    leaving = Chat()
    leaving.script("/start", "tap r55", "1968", "tap 401k", "tap planning_to_leave", "June 2027")
    assert left.asked == leaving.asked == "rolled_ira"
    assert "when you leave" not in left.text and "when you leave" in leaving.text


def test_change_an_answer_from_the_summary_drops_what_no_longer_applies() -> None:
    person = Person(**DESIGN).converse()
    person.tap("sum", "menu")
    person.tap("list", "edit")
    person.tap("employment", "edit")
    person.tap("employed", "employment")
    assert "separation" not in person.answers


def test_restart_and_resume() -> None:
    chat = Chat()
    chat.script("/start", "tap r55", "feb 72")
    asked = chat.asked
    chat.command("start")
    assert "Welcome back" in chat.text and chat.asked == asked
    chat.command("restart")
    assert chat.answers == {} and chat.asked == "topics"


def test_a_double_tap_on_an_answered_question_changes_nothing() -> None:
    chat = Chat()
    chat.script("/start", "tap r55", "feb 72", "tap 401k")
    before = dict(chat.answers)
    chat.send(Choice(question_id="plan_type", option_id="401k"))  # the same press again
    assert chat.answers == before
    assert chat.replies[0].alert


def test_old_buttons_do_not_answer_a_later_question() -> None:
    chat = Chat()
    chat.script("/start", "tap r55", "feb 72")
    chat.send(Choice(question_id="filing", option_id="single"))
    assert chat.replies[0].alert


def test_form_outline_lists_every_question() -> None:
    assert len(form.outline().splitlines()) == len(form.QUESTIONS)


# Whatever a person has not said yet, they answer like this.
ANYONE = {
    "topics": "tap both",
    "birth": "March 1968",
    "bday_passed": "tap yes",
    "plan_type": "401k",
    "employment": "tap separated",
    "separation": "June 2025",
    "birth_month": "March",
    "public_safety": "tap none",
    "service_years": "20",
    "rolled_ira": "tap none",
    "partial": "tap yes",
    "simple_start": "tap no",
    "after_tax": "tap yes",
    "in_plan_roth": "tap yes",
    "in_service": "tap no",
    "estimate": "tap yes",
    "pay": "120k",
    "own": "10%",
    "employer": "$5,000",
    "tax_est": "tap no",
    "withdrawal": "40k",
    "filing": "tap single",
    "other_income": "none",
}


def _several_answers() -> list[str]:
    """The corpus's messages that answer several questions and need no asking back."""
    path = Path(__file__).parent / "data" / "phrasings.tsv"
    rows = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()[1:]]
    return sorted(
        {
            row[1]
            for row in rows
            if row[0] == "multi" and "ASK" not in row[2] and "REJECT" not in row[2]
        }
    )


@pytest.mark.parametrize("message", _several_answers())
def test_one_message_with_several_answers_is_never_asked_again(message: str) -> None:
    person = Person(**ANYONE)
    person.start()
    person.say(message)
    given = set(person.answers)
    steps = 0
    while person.asked is not None and steps < 40:
        assert person.asked not in given, f"{person.asked} was already said in {message!r}"
        person.answer(person.knows[person.asked])
        steps += 1
    assert person.asked is None


def test_what_was_said_before_its_question_is_used_not_asked() -> None:
    person = Person(
        topics="tap both",
        bday_passed="tap yes",
        in_plan_roth="tap yes",
        in_service="tap no",
        estimate="tap yes",
        own="max",
        employer="50% of the first 6%",
        tax_est="tap no",
        rolled_ira="tap none",
        partial="tap yes",
    )
    person.start()
    person.tap("both", "topics")
    person.say("sixty three, no plans to retire, 401k w/ an after tax option, make 210k")
    assert "$210,000" in person.text  # echoed when said, though the room comes later
    person.converse_from_here()
    assert person.answers["pay"] == 210_000 and person.answers["after_tax"] == "yes"
    assert "pay" not in person.questions and "after_tax" not in person.questions
