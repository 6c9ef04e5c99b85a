"""Whole conversations, as a person would have them. Assertions are on what was decided
(answers, verdict words, figures, buttons), not on exact wording."""

from __future__ import annotations

from datetime import date

import pytest

from tests.dialogs.chat import Chat

# The example conversation in CONVERSATION.md, up to the results.
BOTH_LEAVING_DECEMBER = (
    "/start",
    "tap both",
    "feb 72",
    "tap leaving",
    "end of december",
    "401k",
    "tap public_safety:no",
    "tap rolled_ira:no",
    "tap partial:unsure",
    "tap after_tax:yes",
    "tap in_plan_roth:yes",
    "tap estimate:yes",
    "180k",
    "max",
    "4% match",
    "tap tax_est:no",
)


def rule_of_55(*middle: str) -> Chat:
    chat = Chat()
    chat.script("/start", "tap r55", *middle)
    return chat


def mega_backdoor(*middle: str) -> Chat:
    chat = Chat()
    chat.script("/start", "tap mbr", *middle)
    return chat


def results_text(chat: Chat) -> str:
    assert chat.asked is None, f"still asking {chat.asked}"
    return chat.text


# ---------------------------------------------------------------------------
# The example conversation


def test_the_example_conversation_reads_like_the_design() -> None:
    chat = Chat()
    chat.script(*BOTH_LEAVING_DECEMBER[:3])
    assert "February 1972 ✔︎" in chat.text
    assert chat.buttons()["edit"] == ["birth"]
    assert chat.asked == "employment"
    chat.script(*BOTH_LEAVING_DECEMBER[3:5])
    assert "December 2026 ✔︎" in chat.text
    chat.script(*BOTH_LEAVING_DECEMBER[5:13])
    assert "$180,000 ✔︎" in chat.text
    chat.say("max")
    assert "$32,500 ✔︎" in chat.text and "$24,500" in chat.text and "$8,000" in chat.text
    chat.say("4% match")
    assert "$7,200 ✔︎ (4% of $180,000)" in chat.text
    chat.tap("no", "tax_est")
    text = results_text(chat)
    first = chat.replies[0]
    assert first.text.startswith("⚠️ <b>Rule of 55: not if you leave in December 2026")
    assert "2027" in text and "1 January 2027" in text
    assert "<i>" in first.text and "72(t)" in first.text  # citations in small print
    assert [o.label for o in first.options] == ["What if I leave in January 2027?"]
    mega = chat.replies[1].text
    assert mega.startswith("✅ <b>Mega backdoor Roth")
    assert "$40,300" in mega and "$72,000" in mega and "$24,500" in mega and "$7,200" in mega
    assert "2026" in mega
    last = chat.replies[-1]
    assert "plan administrator" in last.text and "Not tax advice" in last.text
    assert "partial withdrawals" not in last.text  # not needed: the rule fails anyway
    assert "cap on after-tax" in last.text
    assert [o.id for o in last.options] == ["sum", "edit", "restart"]


def test_what_if_reruns_with_another_date_without_asking_again() -> None:
    chat = Chat()
    chat.script(*BOTH_LEAVING_DECEMBER)
    answers_before = dict(chat.answers)
    chat.tap("2027-01", "whatif")
    assert len(chat.replies) == 1
    assert "Rule of 55: yes, if you leave in January 2027" in chat.text
    assert chat.answers == answers_before  # a what-if changes nothing
    assert chat.asked is None
    chat.tap("u2027-01", "whatif")
    assert chat.answers["separation"] == "2027-01-01"
    assert "January 2027 ✔︎" in chat.text
    assert "Rule of 55: yes" in chat.text
    assert "public_safety" not in chat.answers  # leaving at 55: no longer relevant
    assert "After I leave, can I take partial withdrawals" in chat.text


def test_what_if_in_free_text_after_the_results() -> None:
    chat = Chat()
    chat.script(*BOTH_LEAVING_DECEMBER)
    chat.say("what if I leave in March 2027?")
    assert "What if you leave in March 2027" in chat.text
    assert "Rule of 55: yes" in chat.text


# ---------------------------------------------------------------------------
# Rule of 55: each verdict


def test_rule_of_55_eligible_after_leaving_at_56() -> None:
    chat = rule_of_55(
        "March 1968", "tap left", "June 2024", "tap 401k", "no", "yes", "tap tax_est:no"
    )
    text = results_text(chat)
    assert "Rule of 55: yes" in text
    assert "You left in 2024" in text and "2023" in text
    assert "Income tax still applies" in text
    assert "Not tax advice" in text
    assert "after_tax" not in chat.answers  # mega backdoor questions never asked


def test_rule_of_55_not_eligible_when_left_before_the_year_of_55() -> None:
    chat = rule_of_55(
        "1972", "tap left", "June 2024", "tap 403b", "tap public_safety:no", "tap rolled_ira:no"
    )
    chat.script("tap partial:no", "tap tax_est:no")
    text = results_text(chat)
    assert "Rule of 55: no" in text
    assert "2027" in text and "waiting" in text
    assert all(r.question_id != "whatif" for r in chat.replies)  # the past can't change


def test_rule_of_55_not_needed_for_a_government_457b() -> None:
    chat = rule_of_55("May 1975", "tap left", "last month", "it's a 457")
    assert chat.answers["plan_type"] == "457b"
    assert chat.asked == "public_safety"  # governmental plan, left at 51
    chat.script("tap no", "tap rolled_ira:no", "tap partial:yes", "tap tax_est:no")
    text = results_text(chat)
    assert "not needed" in text and "457(b)" in text


def test_rule_of_55_not_needed_past_59_and_a_half() -> None:
    chat = rule_of_55("1962-03-15", "tap left", "2026-06", "401k", "no", "yes", "tap tax_est:no")
    text = results_text(chat)
    assert "not needed" in text and "59½" in text


def test_rule_of_55_never_for_an_ira() -> None:
    chat = rule_of_55("1968", "tap left", "June 2025", "tap ira", "tap tax_est:no")
    text = results_text(chat)
    assert "Rule of 55: no" in text and "IRA" in text
    assert "rolled_ira" not in chat.answers


def test_rule_of_55_public_safety_not_sure_stays_open() -> None:
    chat = rule_of_55("1974", "tap left", "June 2026", "TSP", "not sure", "no", "yes", "tap no")
    assert chat.answers["plan_type"] == "tsp"
    assert chat.answers["public_safety"] == "unsure"
    text = results_text(chat)
    assert "public-safety" in text
    assert "Rule of 55: yes" not in text


def test_rule_of_55_public_safety_25_years_before_50() -> None:
    chat = rule_of_55("1980", "tap left", "June 2026", "TSP", "tap public_safety:gov", "26")
    assert chat.answers["service_years"] == 26
    chat.script("tap rolled_ira:no", "tap partial:yes", "tap tax_est:no")
    text = results_text(chat)
    assert "26 years of service" in text


def test_still_working_offers_the_first_qualifying_date_as_a_what_if() -> None:
    chat = rule_of_55("July 1973", "tap staying", "tap 401k")
    text = results_text(chat)
    assert "not while you still work there" in text
    assert "1 January 2028" in text
    chat.tap("2028-01", "whatif")
    assert "Rule of 55: yes, if you leave in January 2028" in chat.text


def test_tax_estimate_for_a_planned_withdrawal() -> None:
    chat = rule_of_55("March 1968", "tap left", "June 2024", "401k", "no", "yes", "tap tax_est:yes")
    chat.say("40 thousand")
    assert "$40,000 ✔︎" in chat.text
    chat.script("tap filing:single", "none")
    assert chat.answers["other_income"] == 0
    text = results_text(chat)
    assert "Tax on a $40,000 withdrawal in 2026" in text
    assert "withheld" in text.lower()
    assert "Tax on $40,000" in (chat.summary() or "")


# ---------------------------------------------------------------------------
# Mega backdoor Roth: each verdict


def test_mega_backdoor_allowed_with_room() -> None:
    chat = mega_backdoor(
        "1980", "tap staying", "tap 401k", "yes", "no", "yes", "yes", "$120,000", "10%", "$6,000"
    )
    assert chat.answers["own"] == {"amount": 12000, "how": "percent", "percent": "10"}
    text = results_text(chat)
    assert "Mega backdoor Roth: your plan allows it" in text
    assert "$72,000" in text and "$12,000" in text and "$6,000" in text and "$54,000" in text
    assert "separation" not in chat.answers and "rolled_ira" not in chat.answers


def test_mega_backdoor_not_sure_becomes_plan_questions() -> None:
    chat = mega_backdoor("1970", "tap staying", "tap 403b", "not sure", "idk", "dunno", "tap no")
    text = results_text(chat)
    assert "Mega backdoor Roth: possible" in text
    last = chat.replies[-1].text
    assert "1. " in last and "after-tax" in last
    assert "in-plan Roth" in last or "Roth inside the plan" in last
    summary = chat.summary() or ""
    assert "Ask the plan" in summary and "after-tax" in summary


def test_mega_backdoor_not_allowed_asks_no_follow_ups() -> None:
    chat = mega_backdoor("1970", "tap staying", "tap 401k", "nope")
    text = results_text(chat)
    assert "Mega backdoor Roth: not in this plan" in text
    assert "in_plan_roth" not in chat.answers and "pay" not in chat.answers


def test_mega_backdoor_not_after_leaving() -> None:
    chat = mega_backdoor("1970", "tap left", "tap 401k", "yes", "yes")
    text = results_text(chat)
    assert "estimate" not in chat.answers
    assert "left" in text


def test_mega_backdoor_not_for_an_ira() -> None:
    chat = mega_backdoor("1970", "tap staying", "SEP IRA")
    text = results_text(chat)
    assert "Mega backdoor Roth: not in this plan" in text and "SEP IRA" in text


# ---------------------------------------------------------------------------
# Birth date and age


def test_age_instead_of_birth_date_asks_if_the_birthday_has_passed() -> None:
    chat = Chat()
    chat.script("/start", "tap r55", "I'm 54")
    assert "Age 54 ✔︎" in chat.text
    assert chat.asked == "bday_passed"
    chat.tap("no", "bday_passed")
    assert "Born in 1971 ✔︎" in chat.text
    assert chat.asked == "employment"
    chat.script("/back")
    assert chat.asked == "bday_passed"
    chat.say("yes")
    assert "Born in 1972 ✔︎" in chat.text


def test_a_bare_two_digit_number_is_asked_about() -> None:
    chat = Chat()
    chat.script("/start", "tap r55", "54")
    assert chat.asked == "birth"
    assert {"a54", "y1954"} <= set(chat.buttons()["birth"])
    assert "I'm 54" in chat.labels() and "Born in 1954" in chat.labels()
    chat.tap("y1954", "birth")
    assert chat.answers["birth"] == {"year": 1954, "month": None, "day": None}
    assert chat.asked == "employment"


def test_birth_month_is_asked_only_near_59_and_a_half() -> None:
    near = rule_of_55("1967", "tap left", "June 2026")
    assert near.asked == "birth_month"
    near.say("March")
    assert near.answers["birth_month"] == 3
    far = rule_of_55("1972", "tap left", "June 2026")
    assert far.asked == "plan_type"


# ---------------------------------------------------------------------------
# Relative and odd dates, echoed back


@pytest.mark.parametrize(
    ("typed", "echoed", "stored"),
    [
        ("next March", "March 2027", "2027-03-01"),
        ("in 6 months", "May 2027", "2027-05-01"),
        ("end of 2026", "December 2026", "2026-12-01"),
        ("end of december", "December 2026", "2026-12-01"),
        ("jan 2027", "January 2027", "2027-01-01"),
        ("2027-02", "February 2027", "2027-02-01"),
        ("next month", "December 2026", "2026-12-01"),
    ],
)
def test_relative_leaving_dates_are_echoed_in_normal_form(
    typed: str, echoed: str, stored: str
) -> None:
    chat = rule_of_55("1970", "tap leaving", typed)
    assert f"{echoed} ✔︎" in chat.text
    assert chat.answers["separation"] == stored
    assert chat.buttons()["edit"] == ["separation"]


def test_the_echo_change_button_asks_again_and_replaces() -> None:
    chat = rule_of_55("1970", "tap leaving", "next March")
    chat.tap("separation", "edit")
    assert chat.asked == "separation"
    assert "Now: March 2027" in chat.text
    chat.say("April 2027")
    assert chat.answers["separation"] == "2027-04-01"
    assert chat.asked == "plan_type"


# ---------------------------------------------------------------------------
# Re-asks: unreadable or impossible input is refused with the reason


@pytest.mark.parametrize(
    ("before", "typed", "words"),
    [
        ((), "asdf", "couldn't read that as a birth date"),
        ((), "born 2030", "in the future"),
        ((), "age 140", "140"),
        ((), "I'm 9", "nearer retirement"),
        ((), "", "didn't get any text"),
        (("1970",), "blah", "Tap one of the buttons"),
        (("1970", "tap left"), "whenever", "couldn't read that as a date"),
        (("1970", "tap left"), "June 1960", "before you were born"),
        (("1970", "tap left"), "March 2027", "still to come"),
        (("1970", "tap leaving"), "June 2024", "already passed"),
        (("1970", "tap leaving"), "2027", "Which month of 2027"),
        (("1970", "tap left", "June 2026"), "a banana", "don't know that kind of plan"),
        (("1970", "tap left", "June 2026", "401k"), "perhaps later", "not sure"),
        (("1967", "tap left", "June 2026"), "Smarch", "couldn't read that as a month"),
    ],
)
def test_rule_of_55_reasks(before: tuple[str, ...], typed: str, words: str) -> None:
    chat = rule_of_55(*before)
    asked = chat.asked
    answers = dict(chat.answers)
    chat.say(typed)
    if words == "not sure":  # "perhaps" reads as not sure: accepted, not re-asked
        assert chat.answers["rolled_ira"] == "unsure"
        return
    assert words.lower() in chat.text.lower()
    assert chat.asked == asked and chat.answers == answers
    assert chat.replies[-1].question_id == asked  # the buttons come back with the re-ask


@pytest.mark.parametrize(
    ("question", "typed", "words"),
    [
        ("pay", "-5000", "negative"),
        ("pay", "lots", "couldn't read that as an amount"),
        ("pay", "not sure", "rough figure"),
        ("pay", "$20 million", "more than I can check"),
        ("own", "150%", "more than all of your pay"),
        ("own", "a bunch", "couldn't read that as an amount"),
        ("employer", "-4%", "negative"),
    ],
)
def test_money_reasks(question: str, typed: str, words: str) -> None:
    chat = mega_backdoor("1980", "tap staying", "401k", "yes", "yes", "tap estimate:yes")
    if question in {"own", "employer"}:
        chat.say("100k")
    if question == "employer":
        chat.say("$10,000")
    assert chat.asked == question
    chat.say(typed)
    assert words.lower() in chat.text.lower()
    assert chat.asked == question


def test_money_needs_dollars_not_a_percentage_for_a_withdrawal() -> None:
    chat = rule_of_55("1968", "tap left", "June 2024", "401k", "no", "yes", "tap tax_est:yes")
    chat.say("10%")
    assert "not a percentage" in chat.text
    chat.say("$40k")
    assert chat.answers["withdrawal"] == 40000


def test_years_of_service_longer_than_a_working_life_is_refused() -> None:
    chat = rule_of_55("1980", "tap left", "June 2026", "TSP", "tap public_safety:gov", "45")
    assert "more than your working life" in chat.text
    assert chat.asked == "service_years"


# ---------------------------------------------------------------------------
# Navigation


def test_back_in_the_middle_undoes_the_last_answer() -> None:
    chat = rule_of_55("feb 72", "tap leaving", "end of december")
    assert chat.asked == "plan_type"
    chat.command("back")
    assert chat.asked == "separation" and "separation" not in chat.answers
    chat.command("back")
    assert chat.asked == "employment" and "employment" not in chat.answers
    chat.tap("left", "employment")
    assert chat.asked == "separation"
    assert "When did you leave" in chat.text


def test_back_with_nothing_to_undo() -> None:
    chat = Chat()
    chat.start()
    chat.command("back")
    assert "nothing to undo" in chat.text.lower()
    assert chat.asked == "topics"


def test_change_an_answer_from_the_summary_drops_what_no_longer_applies() -> None:
    chat = Chat()
    chat.script(*BOTH_LEAVING_DECEMBER)
    chat.tap("sum", "menu")
    assert chat.replies[0].shareable
    chat.tap("list", "edit")
    assert "employment" in chat.buttons()["edit"]
    chat.tap("employment", "edit")
    assert chat.asked == "employment"
    assert "Now: still working, planning to leave" in chat.text
    chat.tap("staying", "employment")
    assert "separation" not in chat.answers and "partial" not in chat.answers
    assert "tax_est" not in chat.answers
    text = results_text(chat)  # nothing new to ask: straight to the results
    assert "not while you still work there" in text


def test_change_plan_type_asks_the_newly_relevant_questions() -> None:
    chat = mega_backdoor("1970", "tap staying", "SEP IRA")
    assert chat.asked is None
    chat.tap("edit", "menu")
    chat.tap("plan_type", "edit")
    chat.say("401k")
    assert chat.asked == "after_tax"  # newly relevant


def test_why_as_a_button_and_as_free_text_on_every_question() -> None:
    chat = Chat()
    chat.start()
    chat.tap("why", "topics")
    assert "pick one" in chat.text.lower()
    assert chat.asked == "topics"
    assert "why" not in chat.buttons()["topics"]
    chat.tap("r55", "topics")
    chat.say("why?")
    assert "55" in chat.replies[0].text and chat.asked == "birth"
    chat.say("Why do you ask")
    assert chat.asked == "birth"


def test_restart_clears_the_answers() -> None:
    chat = rule_of_55("feb 72", "tap leaving")
    chat.command("restart")
    assert chat.answers == {} and chat.session.history == []
    assert "Rule of 55" in chat.text and chat.asked == "topics"
    chat.tap("both", "topics")
    assert chat.asked == "birth"


def test_start_resumes_where_the_person_stopped() -> None:
    chat = rule_of_55("feb 72")
    chat.start()
    assert "Welcome back" in chat.text
    assert chat.asked == "employment"
    assert "employment" in chat.buttons()


def test_start_with_a_deep_link_payload_picks_the_topic() -> None:
    chat = Chat()
    chat.start("mbr")
    assert chat.answers == {"topics": "mbr"}
    assert "mega backdoor Roth" in chat.replies[0].text
    assert chat.asked == "birth"


def test_summary_before_anything_and_after_everything() -> None:
    chat = Chat()
    assert chat.summary() is None
    chat.start()
    chat.command("summary")
    assert "nothing to summarise" in chat.text.lower()
    chat.script(*BOTH_LEAVING_DECEMBER[1:])
    summary = chat.summary()
    assert summary is not None
    assert "28 Nov 2026" in summary
    assert "Rule of 55" in summary and "Mega backdoor Roth" in summary
    assert "$40,300" in summary and "1 Jan 2027" in summary
    assert "February 1972" in summary and "401(k)" in summary and "$180,000" in summary
    assert "Not tax advice" in summary
    chat.command("summary")
    assert chat.replies[0].shareable and chat.replies[0].text == summary


def test_partial_summary_says_it_is_not_finished() -> None:
    chat = rule_of_55("feb 72", "tap leaving")
    summary = chat.summary() or ""
    assert "Not finished yet" in summary and "February 1972" in summary


def test_privacy_and_forget() -> None:
    chat = rule_of_55("feb 72")
    chat.command("privacy")
    text = chat.text
    assert "SQLite" in text and "Redis" in text and "/forget" in text and "/restart" in text
    assert "chat id" in text
    version = chat.session.version
    chat.command("forget")
    assert chat.session.answers == {} and chat.session.version == version + 1
    assert "deleted" in chat.text


def test_help_and_unknown_commands() -> None:
    chat = rule_of_55()
    chat.command("help")
    assert "/back" in chat.text and "/summary" in chat.text
    assert chat.asked == "birth" and chat.replies[-1].question_id == "birth"
    chat.command("frobnicate")
    assert "/help" in chat.text and "frobnicate" in chat.text


def test_a_stale_button_gets_an_alert_and_changes_nothing() -> None:
    chat = rule_of_55("feb 72")
    answers = dict(chat.answers)
    from dialogs import Choice

    chat.send(Choice(question_id="partial", option_id="yes"))
    assert chat.replies[0].alert and "earlier question" in chat.text
    assert chat.answers == answers
    chat.send(Choice(question_id="nonsense", option_id="x"))
    assert chat.replies[0].alert


def test_an_answered_question_button_changes_that_answer() -> None:
    from dialogs import Choice

    chat = rule_of_55("feb 72", "tap leaving", "end of december", "401k")
    chat.send(Choice(question_id="plan_type", option_id="403b"))
    assert chat.answers["plan_type"] == "403b"
    assert "403(b) ✔︎" in chat.text
    assert chat.asked == "public_safety"


def test_a_double_tap_on_an_answered_question_changes_nothing() -> None:
    from dialogs import Choice

    chat = rule_of_55("feb 72", "tap leaving", "end of december", "401k")
    answers, asked = dict(chat.answers), chat.asked
    chat.send(Choice(question_id="plan_type", option_id="401k"))
    assert [reply.alert for reply in chat.replies] == [True], "only a pop-up, no new messages"
    assert "Already noted" in chat.text
    assert chat.answers == answers and chat.asked == asked


def test_free_text_answers_every_choice_question() -> None:
    chat = Chat()
    chat.script("/start", "both please", "feb 72", "I plan to retire next year")
    assert chat.answers["topics"] == "both" and chat.answers["employment"] == "leaving"
    chat.script("next March", "403 b", "nope", "yep", "idk", "yeah", "no", "not sure", "no")
    assert chat.answers["plan_type"] == "403b"
    assert chat.answers["rolled_ira"] == "no" and chat.answers["partial"] == "yes"
    assert chat.answers["after_tax"] == "unsure" and chat.answers["in_plan_roth"] == "yes"
    assert chat.answers["estimate"] == "no" and chat.answers["tax_est"] == "no"
    assert chat.asked is None


def test_today_is_injected_not_read_from_the_clock() -> None:
    chat = Chat(today=date(2025, 6, 1))
    chat.script("/start", "tap r55", "1970", "tap leaving", "next March")
    assert chat.answers["separation"] == "2026-03-01"


def test_not_sure_makes_the_verdict_conditional_and_becomes_a_plan_question() -> None:
    chat = rule_of_55("March 1968", "tap left", "June 2024", "401k", "no", "not sure", "tap no")
    first = chat.replies[0].text
    assert first.startswith("✅ <b>Rule of 55: yes")
    assert "in parts" in first.split("\n")[0]  # the condition sits on the verdict line
    assert "partial withdrawals" in chat.replies[-1].text
    sure = rule_of_55("March 1968", "tap left", "June 2024", "401k", "no", "yes", "tap no")
    assert "partial withdrawals" not in sure.replies[-1].text
    assert "No open questions" in sure.replies[-1].text


def test_using_a_what_if_date_when_still_working_means_planning_to_leave() -> None:
    chat = rule_of_55("July 1973", "tap staying", "tap 401k")
    chat.tap("2028-01", "whatif")
    chat.tap("u2028-01", "whatif")
    assert chat.answers["employment"] == "leaving"
    assert chat.answers["separation"] == "2028-01-01"
    assert chat.asked == "rolled_ira"  # newly relevant once leaving


def test_no_what_if_for_someone_who_has_left() -> None:
    from dialogs import Choice

    chat = rule_of_55("1972", "tap left", "June 2024", "tap 403b", "no", "no", "no", "tap no")
    answers = dict(chat.answers)
    chat.send(Choice(question_id="whatif", option_id="2027-01"))
    assert chat.replies[0].alert and chat.answers == answers
    chat.say("what if I leave in March 2027")
    assert "That's everything I need" in chat.text
