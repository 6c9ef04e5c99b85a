"""One person's session is read and changed only by that person. Bob forges every kind of
button press and inline query he can aim at Ada: her session, her messages and her
summary stay hers."""

from __future__ import annotations

from typing import Any

from dialogs import summary
from tests.conftest import TODAY
from tests.telegram.conftest import BotUnderTest
from tests.telegram.fake_bot_api import FakeUser
from tests.telegram.journeys import BOTH_TOPICS, drive


def callback_data_sent_to(bot: BotUnderTest, user: FakeUser) -> list[str]:
    """Every button the bot ever offered this person (keyboards are removed once used)."""
    found: list[str] = []
    for call in bot.api.calls():
        markup = call.params.get("reply_markup")
        if call.params.get("chat_id") == user.id and isinstance(markup, dict):
            for row in markup.get("inline_keyboard", []):
                found += [b["callback_data"] for b in row if "callback_data" in b]
    return list(dict.fromkeys(found))


def press(bot: BotUnderTest, presser: FakeUser, message: dict[str, Any] | None, data: str) -> int:
    query: dict[str, Any] = {
        "id": bot.api.new_callback_query_id(),
        "from": presser.as_user(),
        "chat_instance": "forged",
        "data": data,
    }
    if message is None:  # a button on a message sent via inline mode: no chat at all
        query["inline_message_id"] = "BAAAAAAAAAAAAAAA"
    else:
        query["message"] = message
    return bot.api.queue_update({"callback_query": query})


async def test_forged_presses_and_inline_queries_never_reach_another_persons_session(
    bot: BotUnderTest,
) -> None:
    ada, bob = bot.api.user(5001, "Ada"), bot.api.user(5002, "Bob")
    await drive(bot, ada, BOTH_TOPICS)
    await drive(bot, bob, [("say", "/start"), ("tap", "Rule of 55")])
    ada_session = await bot.store.load(ada.id)
    assert ada_session is not None
    ada_summary = summary(ada_session, TODAY)
    assert ada_summary is not None
    ada_messages = ada.bot_messages()
    ada_sends = len(bot.api.sent_texts(ada.id))
    ada_data = callback_data_sent_to(bot, ada)
    assert len(ada_data) > 20, "Ada was offered many buttons"
    bob_own = bob.bot_messages()[-1]

    presses = 0
    for data in ada_data:
        # Bob's press on Ada's own message (Telegram would never deliver it, a forger might),
        # on his own message with her data, and on an inline-mode message with her data.
        for message in (ada_messages[-1], ada_messages[0], bob_own, None):
            await bot.settle(press(bot, bob, message, data))
            presses += 1
    for query in ("", "summary", str(ada.id), "Ada", "@" + str(ada.id), "5001:summary"):
        update_id, query_id = bob.ask_inline(query)
        await bot.settle(update_id)
        answer = bot.api.inline_answers[query_id]
        assert answer["is_personal"] is True and answer["cache_time"] <= 5
        assert ada_summary not in str(answer)
        bob_session = await bot.store.load(bob.id)
        own = None if bob_session is None else summary(bob_session, TODAY)
        texts = [r["input_message_content"]["message_text"] for r in answer["results"]]
        assert texts == ([own] if own else [])

    assert await bot.store.load(ada.id) == ada_session, "Ada's session untouched"
    assert ada.bot_messages() == ada_messages, "nothing in Ada's chat was edited"
    assert len(bot.api.sent_texts(ada.id)) == ada_sends, "nothing new was sent to Ada"
    bob_texts = "\n".join(bot.api.sent_texts(bob.id))
    assert ada_summary not in bob_texts
    for personal in ("$180,000", "$40,300", "first 4% of pay"):
        assert personal in ada_summary and personal not in bob_texts, personal
    bob_session = await bot.store.load(bob.id)
    assert bob_session is not None and "birth" not in bob_session.answers, (
        "Bob's own session took only his own presses (Ada's data on his message may answer "
        "his own questions, never with her answers)"
    )
    assert presses == 4 * len(ada_data)
    assert not bot.api.unanswered_callback_queries(), "every forged press is answered"


async def test_the_same_inline_query_serves_each_person_their_own_summary(
    bot: BotUnderTest,
) -> None:
    ada, bob = bot.api.user(5003, "Ada"), bot.api.user(5004, "Bob")
    await drive(bot, ada, BOTH_TOPICS)
    bob_journey = [(how, "150k" if what == "180k" else what) for how, what in BOTH_TOPICS]
    await drive(bot, bob, bob_journey)
    summaries = {}
    for person in (ada, bob):
        session = await bot.store.load(person.id)
        assert session is not None
        summaries[person.id] = summary(session, TODAY)
    assert summaries[ada.id] != summaries[bob.id]
    for _ in range(3):  # interleaved, as if both typed @bot at the same moment
        asked = [(person, *person.ask_inline("")) for person in (ada, bob, bob, ada)]
        for _, update_id, _ in asked:
            await bot.settle(update_id)
        for person, _, query_id in asked:
            result, *pictures = bot.api.inline_answers[query_id]["results"]
            assert result["input_message_content"]["message_text"] == summaries[person.id]
            # The timeline picture (issue 14): dates only, the caption never another's.
            assert [p["type"] for p in pictures] == ["photo"]
            others = [text for who, text in summaries.items() if who != person.id]
            assert all(p["caption"] not in others for p in pictures)


async def test_a_message_forged_into_another_persons_private_chat_changes_nothing(
    bot: BotUnderTest,
) -> None:
    # Telegram never sends this; only someone holding the webhook secret could. Still, a
    # private chat's answers come from its one person.
    ada, bob = bot.api.user(5101, "Ada"), bot.api.user(5102, "Bob")
    await drive(bot, ada, [("say", "/start"), ("tap", "Both")])
    before = await bot.store.load(ada.id)
    sent = len(bot.api.sent_texts(ada.id))
    update_id = bot.api.queue_update({"message": bob.message(chat=ada.chat, text="/forget")})
    await bot.settle(update_id)
    assert await bot.store.load(ada.id) == before
    assert len(bot.api.sent_texts(ada.id)) == sent
