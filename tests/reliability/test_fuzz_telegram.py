"""The Telegram shell under hostile updates: the real Application against the fake Bot
API server, two people per example (Ada and Bob) sending random mixes of hostile text,
unknown commands, /start with odd payloads, forged callback data, presses on the other
person's messages or with the other person's button data, inline queries with odd text,
edits, stickers with captions, group messages and 10,000-character messages, between
sensible answers that move the conversation on.

After every update: nothing reached the error handler (no "Something went wrong", no
ERROR log), every message sent or edited is valid Telegram HTML of at most 4096
characters showing typed markup only as typed, every alert is short plain text, every
press is answered, nothing was refused by the server, both sessions are valid
documents, and the person who did not send the update has exactly the session they had.
The number of updates fed is recorded as the test's `inputs` property."""

from __future__ import annotations

import asyncio
import html
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot import texts, timeline_text
from dialogs import summary
from tests.conftest import TODAY
from tests.reliability.harness import (
    InProcessBot,
    buttons_on_screen,
    callback_query,
    inline_query,
    text_message,
)
from tests.reliability.hostile import (
    NASTY,
    PLAUSIBLE,
    START_PAYLOADS,
    check_no_markup_echo,
    check_sent_html,
    check_session,
    command_name,
    examples,
    forged_callback_data,
    hostile_text,
)
from tests.telegram.fake_bot_api import BOT_USERNAME, FakeBotApi, FakeUser
from tests.telegram.telegram_html import check_alert_text, utf16_length

WHO = st.sampled_from([0, 1])  # Ada or Bob

# Actions are drawn as data and resolved against the chat as it is when they are played.
actions = st.one_of(
    st.tuples(st.just("text"), WHO, hostile_text),
    st.tuples(st.just("text"), WHO, st.sampled_from(NASTY)),
    st.tuples(st.just("sensible"), WHO, st.integers(0, 10_000)),
    st.tuples(st.just("sensible"), WHO, st.integers(0, 10_000)),
    st.tuples(
        st.just("command"),
        WHO,
        st.tuples(
            command_name, st.booleans(), st.one_of(st.sampled_from(START_PAYLOADS), hostile_text)
        ),
    ),
    st.tuples(st.just("start"), WHO, st.sampled_from(START_PAYLOADS)),
    st.tuples(st.just("forged press"), WHO, forged_callback_data),
    st.tuples(st.just("press on the other's message"), WHO, st.integers(0, 100)),
    st.tuples(st.just("press with the other's data"), WHO, st.integers(0, 100)),
    st.tuples(st.just("inline"), WHO, hostile_text),
    st.tuples(st.just("edited"), WHO, hostile_text),
    st.tuples(st.just("caption"), WHO, hostile_text),
    st.tuples(st.just("group"), WHO, hostile_text),
    st.tuples(st.just("long"), WHO, st.sampled_from(["x" * 10_000, "🧓" * 4000, "<" * 4097])),
)
Action = tuple[str, int, Any]


@dataclass
class Fuzz:
    bot: InProcessBot
    api: FakeBotApi
    caplog: pytest.LogCaptureFixture
    updates: int = 0
    next_id: int = 8_000_000
    kinds: dict[str, int] = field(default_factory=dict)

    def people(self) -> tuple[FakeUser, FakeUser]:
        self.next_id += 2
        return self.api.user(self.next_id, "Ada"), self.api.user(self.next_id + 1, "Bob")

    async def play(self, plan: list[Action]) -> None:
        ada, bob = self.people()
        people = (ada, bob)
        group = self.api.group(-self.next_id)
        await self.feed(ada, bob, text_message(ada, "/start"))
        await self.feed(bob, ada, text_message(bob, "/start"))
        for kind, who, argument in plan:
            sender, other = people[who], people[1 - who]
            update = self.build(kind, sender, other, argument, group.chat)
            if update is None:
                continue
            self.kinds[kind] = self.kinds.get(kind, 0) + 1
            await self.feed(sender, other, update)

    def build(
        self,
        kind: str,
        sender: FakeUser,
        other: FakeUser,
        argument: Any,
        group_chat: dict[str, Any],
    ) -> dict[str, Any] | None:
        api = self.api
        if kind in ("text", "long"):
            return text_message(sender, argument)
        if kind == "sensible":
            on_screen = buttons_on_screen(sender)
            if on_screen and argument % 3:
                message, data = on_screen[argument % min(len(on_screen), 4)]
                return callback_query(api, sender, message, data)
            return text_message(sender, PLAUSIBLE[argument % len(PLAUSIBLE)])
        if kind == "command":
            name, at_bot, payload = argument
            mention = f"@{BOT_USERNAME}" if at_bot else ""
            return text_message(sender, f"/{name}{mention} {payload}".rstrip())
        if kind == "start":
            return text_message(sender, f"/start {argument}".rstrip())
        if kind == "forged press":
            messages = sender.bot_messages()
            if not messages:
                return None
            return callback_query(api, sender, messages[-1], argument)
        if kind == "press on the other's message":
            theirs = buttons_on_screen(other)
            if not theirs:
                return None
            message, data = theirs[argument % len(theirs)]
            return callback_query(api, sender, message, data)
        if kind == "press with the other's data":
            theirs, mine = buttons_on_screen(other), sender.bot_messages()
            if not theirs or not mine:
                return None
            _, data = theirs[argument % len(theirs)]
            return callback_query(api, sender, mine[-1], data)
        if kind == "inline":
            update, _ = inline_query(api, sender, argument[:256])
            return update
        if kind == "edited":
            return {"edited_message": {**sender.message(text=argument or "x"), "edit_date": 1}}
        if kind == "caption":
            photo = [{"file_id": "p", "file_unique_id": "u", "width": 9, "height": 9}]
            return {"message": sender.message(photo=photo, caption=argument)}
        if kind == "group":
            return text_message(sender, argument or "hi", chat=group_chat)
        raise AssertionError(kind)

    async def feed(self, sender: FakeUser, other: FakeUser, update: dict[str, Any]) -> None:
        api, bot = self.api, self.bot
        other_before = await bot.session(other)
        calls_before = len(api.calls())
        inline_before = set(api.inline_answers)
        await bot.feed(update)
        self.updates += 1
        where = f"after {update!r}"[:600]

        assert bot.shell.error_count == 0, where
        errors = [r.getMessage() for r in self.caplog.records if r.levelno >= logging.ERROR]
        assert not errors, (errors, where)
        for call in api.calls()[calls_before:]:
            self.check_call(call.method.lower(), call.params, call.status, where)
        for query_id in set(api.inline_answers) - inline_before:
            await self.check_inline_answer(sender, api.inline_answers[query_id], where)
        assert not api.invalid_requests, (
            [(c.method, c.error) for c in api.invalid_requests],
            where,
        )
        assert not api.unanswered_callback_queries(), where
        assert await bot.session(other) == other_before, (
            f"the other person's session changed {where}"
        )
        for person in (sender, other):
            session = await bot.session(person)
            if session is not None:
                check_session(session)

    def check_call(self, method: str, params: dict[str, Any], status: int, where: str) -> None:
        if method in ("sendmessage", "editmessagetext") and status == 200:
            text = str(params["text"])
            assert text != texts.ERROR, f"the bot apologised {where}"
            if str(params.get("parse_mode", "")).upper() == "HTML":
                check_sent_html(text)
            else:  # only the last-resort resend of a reply Telegram refused
                assert text.strip() and utf16_length(text) <= 4096, where
                check_no_markup_echo(text)
        if method == "answercallbackquery" and params.get("text") is not None:
            check_alert_text(str(params["text"]))
            check_no_markup_echo(str(params["text"]))

    async def check_inline_answer(
        self, sender: FakeUser, answer: dict[str, Any], where: str
    ) -> None:
        """An inline query is answered, personally, with the asker's own summary or none."""
        assert answer["is_personal"] is True, where
        session = await self.bot.session(sender)
        own = None if session is None else summary(session, TODAY)
        articles = [r for r in answer["results"] if r["type"] == "article"]
        photos = [r for r in answer["results"] if r["type"] == "photo"]
        shared = [r["input_message_content"]["message_text"] for r in articles]
        for text in [*shared, *(p["caption"] for p in photos)]:
            check_sent_html(text)
        assert shared in ([], [own]) if own else shared == [], where
        # The picture of the dates comes only with the asker's own summary, captioned by it
        # (or by the one line when the summary is too long for a caption).
        assert len(photos) <= len(shared), where
        line = html.escape(timeline_text.caption())
        for photo in photos:
            assert photo["caption"] in (own, line), where


@pytest.fixture
def fuzz(caplog: pytest.LogCaptureFixture) -> Iterator[tuple[Fuzz, asyncio.AbstractEventLoop]]:
    loop = asyncio.new_event_loop()
    with FakeBotApi() as api, caplog.at_level(logging.INFO):
        bot = InProcessBot(api)
        loop.run_until_complete(bot.start())
        try:
            yield Fuzz(bot, api, caplog), loop
        finally:
            loop.run_until_complete(bot.stop())
            loop.close()


@pytest.mark.slow
def test_hostile_updates_through_the_telegram_shell(
    fuzz: tuple[Fuzz, asyncio.AbstractEventLoop],
    record_property: Callable[[str, object], None],
) -> None:
    state, loop = fuzz

    @settings(
        max_examples=examples(400),
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        database=None,
    )
    @given(plan=st.lists(actions, min_size=1, max_size=16))
    def run(plan: list[Action]) -> None:
        loop.run_until_complete(state.play(plan))

    run()
    record_property("inputs", state.updates)
    for kind, count in sorted(state.kinds.items()):
        record_property(f"inputs: {kind}", count)
    assert state.updates >= examples(400) * 2
