"""A whole conversation with the real dialog over real HTTP, ending in the summary and
its sharing through inline mode."""

from __future__ import annotations

import logging

import pytest

from dialogs import summary
from dialogs.answers import BirthDate
from tests.conftest import TODAY
from tests.telegram.conftest import BotUnderTest
from tests.telegram.journeys import BOTH_TOPICS, drive, share_button


async def test_both_topics_to_the_summary(bot: BotUnderTest) -> None:
    user = bot.api.user(2001)
    await drive(bot, user, BOTH_TOPICS)

    session = await bot.store.load(user.id)
    assert session is not None
    expected = summary(session, TODAY)
    assert expected is not None
    last = user.last_bot_message()
    assert bot.api.sent_texts(user.id)[-1] == expected, "the summary as the dialog wrote it"
    assert share_button(last) == {"text": "📤 Share", "switch_inline_query": ""}
    texts = "\n".join(m["text"] for m in user.bot_messages())
    assert "Rule of 55" in texts and "Mega backdoor Roth" in texts
    assert "$40,300" in texts
    # Every question answered with a button now ends with its answer and has no keyboard.
    assert sum("\n\n→ " in m["text"] for m in user.bot_messages()) >= 8
    assert len(bot.api.callback_answers) == sum(1 for step in BOTH_TOPICS if step[0] == "tap")


async def test_free_text_instead_of_a_button(bot: BotUnderTest) -> None:
    user = bot.api.user(2002)
    await drive(bot, user, [("say", "/start")])
    before = await bot.store.load(user.id)
    await bot.say(user, "180k")  # the question wants a topic
    question = user.last_bot_message()
    assert [b["text"] for b in user.buttons(question)][:3] == [
        "Rule of 55", "Mega backdoor Roth", "Both",
    ], "asked again, with its buttons"  # fmt: skip
    after = await bot.store.load(user.id)
    assert before is not None and after is not None
    assert after.answers == before.answers

    await bot.say(user, "both")  # typing an option works like tapping it
    after = await bot.store.load(user.id)
    assert after is not None and after.answers.get("topics") == "both"


async def test_share_serves_only_the_askers_summary(bot: BotUnderTest) -> None:
    ada, bob = bot.api.user(2003, "Ada"), bot.api.user(2004, "Bob")
    await drive(bot, ada, BOTH_TOPICS)
    await drive(bot, bob, [("say", "/start"), ("tap", "Rule of 55")])
    ada_session = await bot.store.load(ada.id)
    assert ada_session is not None
    ada_summary = summary(ada_session, TODAY)
    assert ada_summary is not None

    update_id, query_id = ada.ask_inline("")
    await bot.settle(update_id)
    answer = bot.api.inline_answers[query_id]
    assert answer["is_personal"] is True
    assert answer["cache_time"] <= 5
    article, *pictures = answer["results"]  # and her timeline picture (test_photo.py)
    assert article["type"] == "article"
    assert [p["type"] for p in pictures] == ["photo"]
    assert article["input_message_content"]["message_text"] == ada_summary
    assert article["input_message_content"]["parse_mode"] == "HTML"

    # Bob types the very same query: he gets his own summary, never Ada's.
    bob_session = await bot.store.load(bob.id)
    assert bob_session is not None
    bob_summary = summary(bob_session, TODAY)
    update_id, query_id = bob.ask_inline("")
    await bot.settle(update_id)
    answer = bot.api.inline_answers[query_id]
    assert answer["is_personal"] is True
    assert "$40,300" not in str(answer) and "February 1972" not in str(answer)
    if bob_summary is None:
        assert answer["results"] == [] and "button" in answer
    else:
        [article] = answer["results"]
        assert article["input_message_content"]["message_text"] == bob_summary


async def test_logs_hold_no_token_and_no_answers(
    bot: BotUnderTest, caplog: pytest.LogCaptureFixture
) -> None:
    user = bot.api.user(2005)
    with caplog.at_level(logging.DEBUG):
        await drive(bot, user, BOTH_TOPICS)
    records = caplog.records
    assert records, "logging was captured"
    everything = "\n".join(r.getMessage() + (r.exc_text or "") for r in records)
    assert bot.api.token not in everything
    assert bot.api.token.split(":")[1] not in everything
    informative = "\n".join(r.getMessage() for r in records if r.levelno >= logging.INFO)
    for typed in ("feb 72", "end of december", "180k", "4% match"):
        assert typed not in informative


async def test_the_change_button_under_an_echo_asks_that_question_again(bot: BotUnderTest) -> None:
    user = bot.api.user(2102)
    await drive(bot, user, [("say", "/start"), ("tap", "Rule of 55"), ("say", "feb 72")])
    echoed = user.last_bot_message()
    assert "February 1972 ✔︎" in echoed["text"]  # the echo and the next question, one message
    await drive(bot, user, [("tap", "Change")])
    session = await bot.store.load(user.id)
    assert session is not None and session.asked == "birth"
    await drive(bot, user, [("say", "March 1968")])
    session = await bot.store.load(user.id)
    assert session is not None
    assert session.answers["birth"] == BirthDate(year=1968, month=3)
