"""The Telegram shell over real HTTP, in polling mode: what a person sees for what they do.

These journeys only lean on the dialog for its first question (/start offers buttons); the
whole conversation is in test_conversation.py."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import pytest

from bot import texts
from bot.store import MemoryStore
from bot.telegram_app import build_application
from dialogs import Session
from tests.telegram.conftest import (
    BotUnderTest,
    check_everything_sent,
    settings_for,
    start,
    start_application,
)
from tests.telegram.fake_bot_api import BOT_USERNAME, FakeBotApi, FakeUser


async def session_of(bot: BotUnderTest, user: FakeUser) -> Session | None:
    return await bot.store.load(user.id)


async def start_conversation(bot: BotUnderTest, user: FakeUser) -> dict[str, Any]:
    await bot.say(user, "/start")
    question = user.last_bot_message()
    assert user.buttons(question), "the first question offers buttons"
    return question


def texts_in(user: FakeUser) -> list[str]:
    return [message["text"] for message in user.bot_messages()]


async def test_start_up_registers_commands_and_descriptions(bot: BotUnderTest) -> None:
    assert [c["command"] for c in bot.api.commands] == [
        "start", "help", "back", "restart", "summary", "privacy", "reminders", "forget",
    ]  # fmt: skip
    assert bot.api.descriptions["short_description"] == texts.SHORT_DESCRIPTION
    assert bot.api.descriptions["description"] == texts.DESCRIPTION
    await bot.api.wait_for(lambda: bot.api.calls("getUpdates"), what="polling")
    polls = bot.api.calls("getUpdates")
    assert {"message", "callback_query", "inline_query", "edited_message"} <= set(
        polls[-1].params["allowed_updates"]
    )


async def test_button_press_edits_the_question_and_answers_the_query(bot: BotUnderTest) -> None:
    user = bot.api.user(1001)
    question = await start_conversation(bot, user)
    label = user.buttons(question)[0]["text"]
    update_id = user.tap(label)
    await bot.settle(update_id)

    edited = next(m for m in user.bot_messages() if m["message_id"] == question["message_id"])
    assert edited["text"] == question["text"] + f"\n\n→ {label}"
    assert "reply_markup" not in edited, "the keyboard is gone"
    assert edited.get("entities") == question.get("entities"), "formatting kept"
    assert len(bot.api.callback_answers) == 1
    assert len(user.bot_messages()) > 1, "the next question follows"
    session = await session_of(bot, user)
    assert session is not None and session.answers


async def test_typing_action_only_when_the_answer_is_slow(
    bot: BotUnderTest, monkeypatch: pytest.MonkeyPatch
) -> None:
    user = bot.api.user(1002)
    await bot.say(user, "/start")
    methods = [c.method for c in bot.api.calls() if c.params.get("chat_id") == user.id]
    assert methods == ["sendMessage"], "a quick answer costs one message, no typing action"

    save = bot.store.save

    async def slow_save(*args: Any, **kwargs: Any) -> bool:
        await asyncio.sleep(1.3)
        return await save(*args, **kwargs)

    monkeypatch.setattr(bot.store, "save", slow_save)
    await bot.say(user, "both")
    methods = [c.method for c in bot.api.calls() if c.params.get("chat_id") == user.id]
    assert methods[1] == "sendChatAction" and "sendMessage" in methods[2:]
    assert bot.api.calls("sendChatAction")[0].params["action"] == "typing"


async def test_an_old_button_changes_nothing_until_the_person_confirms(bot: BotUnderTest) -> None:
    """Issue 19 "Old buttons": the first question's keyboard is still on screen after it
    was answered; pressing another of its buttons asks whether to change that answer."""
    user = bot.api.user(1003)
    question = await start_conversation(bot, user)
    tapped, other = user.buttons(question)[:2]
    await bot.tap(user, tapped["text"])
    before = await session_of(bot, user)
    assert before is not None

    update_id = user.press(question, str(other["callback_data"]))  # the old keyboard
    await bot.settle(update_id)

    after = await session_of(bot, user)
    assert after is not None and after.answers == before.answers and after.asked == before.asked
    assert "✔︎ Yes, change it" in [b["text"] for b in user.buttons(user.last_bot_message())]


async def test_double_tap_applies_one_answer(bot: BotUnderTest) -> None:
    user = bot.api.user(1017)
    question = await start_conversation(bot, user)
    first, second = user.buttons(question)[:2]
    taps = [user.press(question, str(first["callback_data"]))]
    taps.append(user.press(question, str(second["callback_data"])))  # before any edit arrived
    for update_id in taps:
        await bot.settle(update_id)
    session = await session_of(bot, user)
    assert session is not None
    assert question_answers(session) <= 1
    assert len(bot.api.callback_answers) == 2


def question_answers(session: Session) -> int:
    return len(session.history)


async def test_forged_or_foreign_button_data_changes_nothing(bot: BotUnderTest) -> None:
    user = bot.api.user(1004)
    question = await start_conversation(bot, user)
    before = await session_of(bot, user)
    for data in ("garbage", "topic:both:x", "~feedbeef"):
        await bot.settle(user.press(question, data))
    # Someone else pressing a button of this chat (forged) is only acknowledged.
    other = bot.api.user(1005)
    await bot.settle(other.press(question, str(user.buttons(question)[0]["callback_data"])))
    assert await session_of(bot, user) == before
    assert await session_of(bot, other) is None
    assert not bot.api.unanswered_callback_queries()


@pytest.mark.parametrize(
    "content",
    [
        {"photo": [{"file_id": "p1", "file_unique_id": "u1", "width": 90, "height": 90}]},
        {"voice": {"file_id": "v1", "file_unique_id": "u2", "duration": 3}},
        {"document": {"file_id": "d1", "file_unique_id": "u3", "file_name": "plan.pdf"}},
        {"location": {"latitude": 51.5, "longitude": -0.12}},
    ],
    ids=["photo", "voice", "document", "location"],
)
async def test_non_text_messages_get_a_hint_and_change_nothing(
    bot: BotUnderTest, content: dict[str, Any]
) -> None:
    user = bot.api.user(1006)
    await start_conversation(bot, user)
    before = await session_of(bot, user)
    await bot.settle(user.send(**content))
    assert user.last_bot_message()["text"] == texts.NOT_TEXT
    assert await session_of(bot, user) == before


async def test_sticker(bot: BotUnderTest) -> None:
    user = bot.api.user(1007)
    await start_conversation(bot, user)
    before = await session_of(bot, user)
    await bot.settle(user.send_sticker())
    assert user.last_bot_message()["text"] == texts.NOT_TEXT
    assert await session_of(bot, user) == before


async def test_edited_message_and_very_long_text_change_nothing(bot: BotUnderTest) -> None:
    user = bot.api.user(1008)
    await start_conversation(bot, user)
    before = await session_of(bot, user)
    sent = user.message(text="feb 72")
    await bot.settle(user.edit(sent, "march 1980"))
    assert user.last_bot_message()["text"] == texts.EDITED
    await bot.say(user, "1972 " * 400)
    assert user.last_bot_message()["text"].startswith("That message is too long")
    assert await session_of(bot, user) == before


async def test_group_chat_gets_one_deep_link_and_no_questions(bot: BotUnderTest) -> None:
    user = bot.api.user(1009)
    group = bot.api.group(-4001)
    supergroup = bot.api.group(-1004002, supergroup=True)
    for chat, text in ((group, "/start"), (group, "/start@" + BOT_USERNAME), (supergroup, "hi")):
        await bot.settle(chat.say(user, text))
    for chat in (group, supergroup):
        messages = chat.bot_messages()
        assert len(messages) == 1, "once per group"
        link = f"https://t.me/{BOT_USERNAME}?start=from_group"
        assert any(e.get("url") == link for e in messages[0].get("entities", []))
        assert user.buttons(messages[0]) == [{"text": texts.OPEN_PRIVATE_CHAT, "url": link}]
        assert await bot.store.load(chat.id) is None
    assert await session_of(bot, user) is None, "nothing collected from the group"

    await bot.say(user, "/start from_group")  # following the link
    assert user.buttons(user.last_bot_message())


async def test_forget_deletes_the_session(bot: BotUnderTest) -> None:
    user = bot.api.user(1010)
    question = await start_conversation(bot, user)
    await bot.tap(user, user.buttons(question)[0]["text"])
    assert await session_of(bot, user) is not None
    await bot.say(user, "/forget")
    assert await session_of(bot, user) is None
    assert user.last_bot_message()["text"], "a confirmation"


async def test_a_stale_button_after_forget_stores_nothing_again(bot: BotUnderTest) -> None:
    user = bot.api.user(1012)
    question = await start_conversation(bot, user)
    await bot.say(user, "/forget")
    assert await session_of(bot, user) is None
    await bot.tap(user, user.buttons(question)[0]["text"])  # a button from before /forget
    assert await session_of(bot, user) is None, "no new session from an old button"


async def test_inline_query_with_nothing_to_share_invites_a_private_chat(
    bot: BotUnderTest,
) -> None:
    stranger = bot.api.user(1011)
    update_id, query_id = stranger.ask_inline("")
    await bot.settle(update_id)
    answer = bot.api.inline_answers[query_id]
    assert answer["results"] == []
    assert answer["is_personal"] is True
    assert answer["cache_time"] <= 5
    assert answer["button"] == {"text": texts.NOTHING_TO_SHARE, "start_parameter": "share"}


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
async def test_429_retry_after_is_honoured(bot: BotUnderTest) -> None:
    user = bot.api.user(1012)
    bot.api.add_fault("sendMessage", 429, retry_after=1)
    await bot.say(user, "/start")
    sends = bot.api.calls("sendMessage")
    assert [c.status for c in sends] == [429, 200]
    assert sends[1].at - sends[0].at >= 1.0, "waited retry_after before trying again"
    assert user.buttons(user.last_bot_message()), "the person got the question"


async def test_server_error_once_is_retried(bot: BotUnderTest) -> None:
    user = bot.api.user(1013)
    bot.api.add_fault("sendMessage", 500)
    bot.api.add_fault("editMessageText", 502, description="Bad Gateway")
    question = await start_conversation(bot, user)
    await bot.tap(user, user.buttons(question)[0]["text"])
    assert [c.status for c in bot.api.calls("sendMessage")][:2] == [500, 200]
    assert [c.status for c in bot.api.calls("editMessageText")][:2] == [502, 200]
    assert texts.ERROR not in texts_in(user)


async def test_dropped_connection_is_retried(bot: BotUnderTest) -> None:
    user = bot.api.user(1014)
    bot.api.add_fault("sendMessage", None, drop=True)
    await start_conversation(bot, user)
    assert [c.status for c in bot.api.calls("sendMessage")][:2] == [0, 200]


async def test_polling_survives_bot_api_outage(api: FakeBotApi) -> None:
    api.add_fault("getUpdates", 500)
    api.add_fault("getUpdates", None, drop=True)
    running = await start(api, settings_for(api))
    try:
        user = api.user(1015)
        update_id = user.say("/start")
        await running.settle(update_id, timeout=15)
        assert user.buttons(user.last_bot_message())
        assert [c.status for c in api.calls("getUpdates")][:2] == [500, 0]
        running.check_everything_sent()
    finally:
        await running.running.stop()


async def test_one_chats_updates_are_handled_in_order(bot: BotUnderTest) -> None:
    user = bot.api.user(1018)
    others = [bot.api.user(1100 + n) for n in range(5)]
    update_ids = [user.say("/start"), user.say("both")]
    update_ids += [other.say("/start") for other in others]
    update_ids.append(user.say("feb 72"))
    for update_id in update_ids:
        await bot.settle(update_id)
    session = await session_of(bot, user)
    assert session is not None
    assert session.history[:2] == ["topics", "birth"]
    assert session.answers["topics"] == "both"


async def test_a_timed_out_request_is_retried(api: FakeBotApi) -> None:
    settings = settings_for(api)
    store = MemoryStore()
    application = build_application(settings, store, request_timeout=0.3)
    bot = await start_application(api, application, settings, store)
    running = bot.running
    try:
        user = api.user(1019)
        api.add_fault("sendMessage", None, delay=0.6)
        update_id = user.say("/start")
        await bot.settle(update_id, 10)
        assert user.buttons(user.last_bot_message())
        assert api.calls("sendMessage")[1].status == 200
        check_everything_sent(api)
    finally:
        await running.stop()


class BrokenStore(MemoryStore):
    def __init__(self) -> None:
        super().__init__()
        self.broken = False

    async def load(self, chat_id: int) -> Session | None:
        if self.broken:
            raise RuntimeError("disk on fire")
        return await super().load(chat_id)

    async def save(self, *args: Any, **kwargs: Any) -> bool:
        if self.broken:
            raise RuntimeError("disk on fire")
        return await super().save(*args, **kwargs)


async def test_errors_are_logged_without_personal_data_and_the_user_is_told(
    api: FakeBotApi, caplog: pytest.LogCaptureFixture
) -> None:
    store = BrokenStore()
    running = await start(api, settings_for(api), store)
    try:
        user = api.user(1016)
        question = await start_conversation(running, user)
        store.broken = True
        caplog.clear()
        with caplog.at_level(logging.INFO):
            await running.say(user, "my salary is 987654 and I was born in 1961")
            await running.settle(user.tap(user.buttons(question)[0]["text"]))
        assert texts_in(user)[-2:] == [texts.ERROR, texts.ERROR]
        assert not api.unanswered_callback_queries()
        logged = "\n".join(
            r.getMessage() + (r.exc_text or "") for r in caplog.records if r.levelno >= logging.INFO
        )
        assert "RuntimeError" in logged
        assert "987654" not in logged and "1961" not in logged
        assert running.shell.error_count == 2

        store.broken = False
        await running.say(user, "/start")  # and it carries on
        assert user.buttons(user.last_bot_message())
        running.check_everything_sent()
    finally:
        await running.running.stop()


async def test_reply_lost_after_the_press_was_answered(bot: BotUnderTest) -> None:
    user = bot.api.user(1020)
    question = await start_conversation(bot, user)
    bot.api.add_fault("sendMessage", 500, times=3)  # every attempt of the next reply fails
    await bot.tap(user, user.buttons(question)[0]["text"])
    assert len(bot.api.callback_answers) == 1, "answered once, not again by the error handler"
    assert user.last_bot_message()["text"] == texts.ERROR
    await bot.say(user, "/start")  # the answer was kept: carrying on shows the next question
    session = await session_of(bot, user)
    assert session is not None and session.history


async def test_summary_shared_into_the_bot_chat_is_not_an_answer(bot: BotUnderTest) -> None:
    user = bot.api.user(1021)
    await start_conversation(bot, user)
    before = await session_of(bot, user)
    count = len(user.bot_messages())
    shared = user.message(
        text="📋 Retirement plan check — " + "x" * 1200, via_bot=bot.api.bot_user()
    )
    await bot.settle(bot.api.queue_update({"message": shared}))
    assert len(user.bot_messages()) == count
    assert await session_of(bot, user) == before


async def test_edit_refused_by_telegram_is_not_fatal(bot: BotUnderTest) -> None:
    user = bot.api.user(1022)
    question = await start_conversation(bot, user)
    bot.api.add_fault("editMessageText", 400, description="Bad Request: message can't be edited")
    await bot.tap(user, user.buttons(question)[0]["text"])
    assert user.buttons(user.last_bot_message()), "the next question still came"
    assert texts.ERROR not in texts_in(user)
    bot.api.invalid_requests.clear()  # the injected refusal


async def test_a_user_who_blocked_the_bot_does_not_stop_it(bot: BotUnderTest) -> None:
    blocker, other = bot.api.user(1023), bot.api.user(1024)
    await start_conversation(bot, blocker)
    bot.api.block(blocker.id)
    await bot.say(blocker, "both")
    session = await session_of(bot, blocker)
    assert session is not None and session.answers.get("topics") == "both", "answer kept"
    await start_conversation(bot, other)
