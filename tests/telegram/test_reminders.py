"""Reminders through the real PTB Application against the fake Bot API, on real SQLite
and Redis stores: sent on their day at 9:00, once, across a restart and between two
processes; late after downtime, saying so; following changed facts; gone after /forget;
dropped quietly for a person who blocked the bot.

The person (born March 1971, leaving at the end of December, both checks) asks for
reminders on 28 November 2026: after-tax room on 1 December 2026, 59½ in September 2030.
The bot's "today" is the reminder clock (bot/reminders.py: that day, 23:00 UTC)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import cast

import pytest
from telegram import Update
from telegram.ext import TypeHandler

from bot.store import SessionStore, open_store
from bot.telegram_app import RunningBot, build_application, start_bot
from dialogs import Session, reminders
from tests.conftest import TODAY
from tests.servers import RedisServer
from tests.store.journey import BOTH_CHECKS
from tests.telegram.conftest import Handled, check_everything_sent, settings_for
from tests.telegram.fake_bot_api import FakeBotApi, FakeUser

ROOM_DAY = date(2026, 12, 1)
_next_user = iter(range(77_000, 78_000))


class Today:
    """The bot's clock, moved by the test."""

    def __init__(self) -> None:
        self.day = TODAY

    def __call__(self) -> date:
        return self.day


@dataclass
class Bot:
    running: RunningBot
    handled: Handled

    async def say(self, user: FakeUser, text: str) -> None:
        await self.handled.wait(user.say(text), timeout=10)

    async def tap(self, user: FakeUser, label: str) -> None:
        await self.handled.wait(user.tap(label), timeout=10)

    async def scan(self) -> int:
        return await self.running.reminders.scan(self.running.application.bot)


Starter = Callable[[SessionStore, Today], Awaitable[Bot]]


@pytest.fixture(params=["sqlite", "redis"])
def storage_url(request: pytest.FixtureRequest, tmp_path: Path, redis_server: RedisServer) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path}/data/sessions.sqlite3"
    return redis_server.url


@pytest.fixture
async def bots(api: FakeBotApi) -> AsyncIterator[Starter]:
    """Start bots (each like its own process: its own Application and store), stopped at
    the end."""
    started: list[tuple[RunningBot, SessionStore]] = []

    async def start(store: SessionStore, today: Today) -> Bot:
        settings = settings_for(api)
        application = build_application(settings, store, today)
        handled = Handled()
        application.add_handler(TypeHandler(Update, handled), group=1)
        running = await start_bot(application, settings)
        started.append((running, store))
        return Bot(running, handled)

    yield start
    for running, store in started:
        await running.stop()
        await store.close()


async def stop(bot: Bot) -> None:
    await bot.running.stop()


async def ask_for_reminders(bot: Bot, user: FakeUser) -> None:
    for line in BOTH_CHECKS:
        await bot.say(user, line)
    await bot.tap(user, "🔔 Remind me")


async def reminded_person(
    api: FakeBotApi, bots: Starter, store: SessionStore
) -> tuple[FakeUser, Today, Bot]:
    """A new person who has asked for reminders, on a bot over `store` whose today the
    test moves."""
    user, today = api.user(next(_next_user)), Today()
    bot = await bots(store, today)
    await ask_for_reminders(bot, user)
    return user, today, bot


def reminders_sent(api: FakeBotApi, user: FakeUser) -> list[str]:
    return [text for text in api.sent_texts(user.id) if "because you tapped" in text]


async def stored(url: str, user: FakeUser) -> Session | None:
    store = open_store(url)
    try:
        return await store.load(user.id)
    finally:
        await store.close()


async def test_a_reminder_survives_a_restart_and_comes_on_its_day_once(
    api: FakeBotApi, bots: Starter, storage_url: str
) -> None:
    user, today, first = await reminded_person(api, bots, open_store(storage_url))
    listed = user.last_bot_message()["text"]
    assert "1 December 2026: the last month for this year's after-tax room" in listed
    assert await first.scan() == 0, "nothing due before its day"
    await stop(first)

    today.day = ROOM_DAY  # the bot was down until the reminder's day
    second = await bots(open_store(storage_url), today)
    await second.scan()  # with the start-up scan: whichever ran first sent it
    sent = reminders_sent(api, user)
    assert len(sent) == 1
    assert "last month for this year's after-tax room" in sent[0] and "late" not in sent[0]
    assert "/reminders" in sent[0]
    assert await second.scan() == 0, "sent once"
    check_everything_sent(api)


async def test_a_reminder_missed_while_the_bot_was_down_comes_late_once(
    api: FakeBotApi, bots: Starter, storage_url: str
) -> None:
    user, today, first = await reminded_person(api, bots, open_store(storage_url))
    await stop(first)

    today.day = date(2026, 12, 3)
    second = await bots(open_store(storage_url), today)
    await second.scan()
    sent = reminders_sent(api, user)
    assert len(sent) == 1
    assert "comes late: it was due on 1 December 2026" in sent[0]


class RacingStore:
    """A store for the race: once armed, every load waits until both processes have
    loaded, so both claim the same reminder from the same version."""

    def __init__(self, store: SessionStore, barrier: asyncio.Barrier) -> None:
        self.store, self.barrier, self.armed = store, barrier, False

    def __getattr__(self, name: str) -> object:
        return getattr(self.store, name)

    async def load(self, chat_id: int) -> Session | None:
        found = await self.store.load(chat_id)
        if self.armed:
            self.armed = False
            await self.barrier.wait()
        return found


async def test_two_processes_racing_for_one_reminder_send_it_once(
    api: FakeBotApi, bots: Starter, storage_url: str
) -> None:
    user, today = api.user(next(_next_user)), Today()
    barrier = asyncio.Barrier(2)
    stores = [RacingStore(open_store(storage_url), barrier) for _ in range(2)]
    one = await bots(cast(SessionStore, stores[0]), today)
    await ask_for_reminders(one, user)
    # A second process joins (the person talked to the first only: both poll one queue).
    other = await bots(cast(SessionStore, stores[1]), today)

    today.day = ROOM_DAY
    for store in stores:
        store.armed = True
    counts = await asyncio.gather(one.scan(), other.scan())
    assert sorted(counts) == [0, 1]
    assert len(reminders_sent(api, user)) == 1


async def test_a_reminder_follows_the_facts_changed_after_it_was_set(
    api: FakeBotApi, bots: Starter, storage_url: str
) -> None:
    user, today, bot = await reminded_person(api, bots, open_store(storage_url))
    # No month-before-leaving reminder for the end of December: 1 November has passed.
    # Then the person moves their leaving date to March 2027.
    await bot.say(user, "what if I leave in March 2027")
    await bot.tap(user, "Use March 2027 as my date")
    today.day = date(2027, 2, 1)
    await bot.scan()
    texts = reminders_sent(api, user)
    leaving = [text for text in texts if "month before you leave" in text]
    assert len(leaving) == 1 and "(March 2027)" in leaving[0]
    assert "Questions" in leaving[0] or "ask your plan administrator" in leaving[0]


async def test_forget_deletes_the_reminders(
    api: FakeBotApi, bots: Starter, storage_url: str
) -> None:
    store = open_store(storage_url)
    user, today, bot = await reminded_person(api, bots, store)
    room_due = reminders.due_at(reminders.Due("mega_room", ROOM_DAY), "eastern")
    assert user.id in await store.due(room_due.timestamp(), 1000)
    await bot.say(user, "/forget")
    today.day = ROOM_DAY
    assert await bot.scan() == 0
    assert reminders_sent(api, user) == []
    assert user.id not in await store.due(10**10, 1000)


async def test_a_person_who_blocked_the_bot_is_dropped_quietly(
    api: FakeBotApi, bots: Starter, storage_url: str
) -> None:
    store = open_store(storage_url)
    user, today, bot = await reminded_person(api, bots, store)
    api.block(user.id)
    today.day = ROOM_DAY
    assert await bot.scan() == 0
    session = await store.load(user.id)
    assert session is not None and session.reminders is None, "their reminders removed"
    assert user.id not in await store.due(10**10, 1000)
    assert bot.running.shell.error_count == 0


async def test_reminders_lists_them_and_a_stopped_one_never_comes(
    api: FakeBotApi, bots: Starter, storage_url: str
) -> None:
    user, today, bot = await reminded_person(api, bots, open_store(storage_url))
    await bot.say(user, "/reminders")
    listed = user.last_bot_message()
    assert "Your reminders" in listed["text"] and "1 December 2026" in listed["text"]
    await bot.tap(user, "✖ After-tax room")
    assert "Stopped: After-tax room" in user.last_bot_message()["text"]
    today.day = ROOM_DAY
    assert await bot.scan() == 0
    assert reminders_sent(api, user) == []
    check_everything_sent(api)
