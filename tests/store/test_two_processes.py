"""Two bot processes behind one webhook share one Redis. Each chat's updates go to
either process at random, some are delivered to both at once (a webhook retry racing the
original) and some buttons are double-tapped. At the end every chat holds exactly the
answers it sent, in order: none lost, none applied twice."""

from __future__ import annotations

import asyncio
import json
import os
import random
import time
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.store import RedisStore
from tests.bot_process import BotProcess
from tests.servers import RedisServer
from tests.store.journey import BOTH_CHECKS_TAPPED, expected_answers
from tests.telegram.fake_bot_api import SECRET_HEADER, FakeBotApi, FakeUser

CHATS = int(os.environ.get("TWO_PROCESS_CHATS", "200"))
SECRET = "two-processes-secret"
SCRIPT = BOTH_CHECKS_TAPPED


class HandDelivery(FakeBotApi):
    """The fake Bot API, except that the test itself delivers each update to a process of
    its choice instead of queueing it for getUpdates."""

    def __init__(self) -> None:
        super().__init__()
        self.built: dict[str, Any] | None = None

    def queue_update(self, update: dict[str, Any]) -> int:
        update.setdefault("update_id", self.next_update_id())
        self.built = update
        return int(update["update_id"])

    def build(self, user: FakeUser, how: str, what: str) -> dict[str, Any]:
        if how == "say":
            user.say(what)
        else:
            user.tap(what)
        assert self.built is not None
        return self.built


async def post_json(port: int | None, path: str, body: object, headers: dict[str, str]) -> int:
    """One HTTP/1.1 POST on a fresh connection; the status code. (httpx's pool costs more
    CPU than the bots themselves with hundreds of chats in flight.)"""
    assert port is not None
    payload = json.dumps(body).encode()
    head = "".join(f"{name}: {value}\r\n" for name, value in headers.items())
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(
        f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(payload)}\r\nConnection: close\r\n{head}\r\n".encode()
        + payload
    )
    await writer.drain()
    status_line = await asyncio.wait_for(reader.readline(), timeout=120)
    writer.close()
    await writer.wait_closed()
    return int(status_line.split()[1])


async def eventually(check: Callable[[], Awaitable[bool]], what: str, timeout: float = 120) -> None:
    """Poll gently: 200 chats polling every few milliseconds would starve the bots."""
    deadline = time.monotonic() + timeout
    while not await check():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        await asyncio.sleep(0.2)


@pytest.fixture
def api() -> Iterator[HandDelivery]:
    fake = HandDelivery()
    fake.start()
    try:
        yield fake
    finally:
        fake.stop()


async def test_two_processes_one_redis_no_answer_lost_or_doubled(
    api: HandDelivery, tmp_path: Path, redis_server: RedisServer
) -> None:
    bots = [BotProcess(api, redis_server.url, tmp_path, webhook_secret=SECRET) for _ in range(2)]
    for bot in bots:
        await bot.start()
    store = RedisStore(redis_server.url)
    rng = random.Random(55)
    stats = {"duplicates": 0, "double_taps": 0, "updates": 0}

    async def deliver(bot: BotProcess, update: dict[str, Any]) -> None:
        assert await post_json(bot.webhook_port, "/hook", update, {SECRET_HEADER: SECRET}) == 200

    async def all_saved(chat_id: int, update_ids: set[int]) -> None:
        async def check() -> bool:
            session = await store.load(chat_id)
            return session is not None and update_ids <= set(session.recent_update_ids)

        await eventually(check, f"chat {chat_id}: updates {update_ids} saved")

    async def next_question_arrived(
        user: FakeUser, following: tuple[str, str] | None, messages_before: int
    ) -> None:
        """As a person would, answer only once the next question is on screen."""

        async def ready() -> bool:
            new_messages = user.bot_messages()[messages_before:]
            if following is None or following[0] == "say":
                return bool(new_messages)
            return any(
                button["text"] == following[1]
                for message in new_messages
                for button in user.buttons(message)
            )

        try:
            await eventually(ready, f"the next question in chat {user.id}")
        except AssertionError:
            transcript = "\n---\n".join(m["text"] for m in user.bot_messages())
            raise AssertionError(f"no next question after:\n{transcript}") from None

    async def chat(chat_id: int) -> None:
        user = api.user(chat_id)
        update_ids: set[int] = set()
        for position, (how, what) in enumerate(SCRIPT):
            update = api.build(user, how, what)
            first, second = rng.sample(bots, 2)
            deliveries = [deliver(first, update)]
            update_ids.add(int(update["update_id"]))
            roll = rng.random()
            if roll < 0.25:  # Telegram's retry racing the original, on the other process
                deliveries.append(deliver(second, update))
                stats["duplicates"] += 1
            elif roll < 0.4 and how == "tap":  # an impatient double tap on the same button
                again = api.build(user, how, what)
                deliveries.append(deliver(second, again))
                update_ids.add(int(again["update_id"]))
                stats["double_taps"] += 1
            messages_before = len(user.bot_messages())
            await asyncio.gather(*deliveries)
            stats["updates"] += len(deliveries)
            following = SCRIPT[position + 1] if position + 1 < len(SCRIPT) else None
            await next_question_arrived(user, following, messages_before)
        await all_saved(chat_id, update_ids)

    try:
        await asyncio.gather(*(chat(700_000 + n) for n in range(CHATS)))
        expected = expected_answers([what for _, what in SCRIPT])
        for n in range(CHATS):
            session = await store.load(700_000 + n)
            assert session is not None
            assert session.answers == expected, f"chat {700_000 + n}"
            assert session.history == list(expected), f"chat {700_000 + n}: answers out of order"
    finally:
        await store.close()
        for bot in bots:
            bot.stop()
    assert stats["duplicates"] > 100 and stats["double_taps"] > 50, stats
    for bot in bots:
        assert "Traceback" not in bot.log(), bot.log()
