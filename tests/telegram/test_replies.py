"""How each kind of Reply is rendered, with a scripted dialog in place of `dialogs.step`
(the shell must honour every Reply flag, used by today's dialog or not)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from bot import conversation
from dialogs import Choice, Event, Option, Reply, Session
from tests.telegram.conftest import BotUnderTest

Script = Callable[[Session, Event], list[Reply]]

QUESTION = Reply(
    text="<b>Pick</b> one",
    options=[Option(id="a", label="Alpha"), Option(id="b", label="Beta & co")],
    question_id="q",
)


@pytest.fixture
def script(monkeypatch: pytest.MonkeyPatch) -> list[Script]:
    scripts: list[Script] = []

    def step(session: Session, event: Event, today: date) -> tuple[Session, list[Reply]]:
        return session.model_copy(update={"version": session.version + 1}), scripts[0](
            session, event
        )

    monkeypatch.setattr(conversation, "step", step)
    return scripts


async def test_a_press_costs_one_edit_and_one_message(
    bot: BotUnderTest, script: list[Script]
) -> None:
    user = bot.api.user(6001)
    script.append(lambda s, e: [QUESTION])
    await bot.say(user, "/start")
    echo_and_next = Reply(
        text="Alpha ✔︎\n\n<b>Next</b> question",
        options=[Option(id="x", label="X"), Option(id="q", label="Change", question_id="edit")],
        question_id="next",
    )
    seen: list[Event] = []

    def record(session: Session, event: Event) -> list[Reply]:
        seen.append(event)
        return [echo_and_next]

    script[0] = record
    before = len(bot.api.calls())
    await bot.tap(user, "Alpha")
    methods = sorted(c.method for c in bot.api.calls()[before:] if c.method != "getUpdates")
    assert methods == ["answerCallbackQuery", "editMessageText", "sendMessage"]
    await bot.tap(user, "Change")
    assert seen == [
        Choice(question_id="q", option_id="a"),
        Choice(question_id="edit", option_id="q"),
    ]


async def test_label_with_html_characters_is_escaped_in_the_mark(
    bot: BotUnderTest, script: list[Script]
) -> None:
    user = bot.api.user(6003)
    script.append(lambda s, e: [QUESTION])
    await bot.say(user, "/start")
    script[0] = lambda s, e: [Reply(text="next")]
    await bot.tap(user, "Beta & co")
    assert user.bot_messages()[0]["text"] == "Pick one\n\n→ Beta & co"


async def test_alerts(bot: BotUnderTest, script: list[Script]) -> None:
    user = bot.api.user(6004)
    script.append(lambda s, e: [QUESTION])
    await bot.say(user, "/start")
    count = len(user.bot_messages())

    script[0] = lambda s, e: [Reply(text="That button is <b>old</b> &amp; gone.", alert=True)]
    await bot.tap(user, "Alpha")
    [answer] = bot.api.callback_answers.values()
    assert answer["text"] == "That button is old & gone." and answer["show_alert"] is True
    assert len(user.bot_messages()) == count, "nothing sent, nothing edited"
    assert user.buttons(user.last_bot_message()), "the question keeps its keyboard"

    long_notice = "word " * 60
    script[0] = lambda s, e: [Reply(text=long_notice, alert=True)]
    await bot.tap(user, "Alpha")
    assert user.last_bot_message()["text"].strip() == long_notice.strip(), "too long for a pop-up"

    script[0] = lambda s, e: [Reply(text="a notice", alert=True)]
    await bot.say(user, "typed")
    assert user.last_bot_message()["text"] == "a notice", "no pop-up without a press"


async def test_a_reply_with_html_telegram_refuses_is_sent_as_plain_text(
    bot: BotUnderTest, script: list[Script]
) -> None:
    user = bot.api.user(6006)
    script.append(lambda s, e: [Reply(text="5 < 6 and <b>bold")])
    await bot.say(user, "/start")
    assert user.last_bot_message()["text"] == "5 < 6 and bold"
    bot.api.invalid_requests.clear()  # the refused first try is what this test is about
