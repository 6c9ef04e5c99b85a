"""Long polling confirms an update only once it is handled, saved and its replies sent:
three people take turns answering while `python -m bot` is killed (SIGKILL) and started
again, once per answer, each time at a named point of its talk with Telegram:

- `saved, not sent`: the bot asks Telegram to send a reply and dies before Telegram took
  it. The reply was saved with the answer (the outbox) and goes out after the restart.
- `in the duplicate window`: Telegram took the message, the bot died before it heard so.
  The one message on the wire at that moment is sent again after the restart: exactly one
  repeat per such kill, never more.
- `between updates`: the bot has answered and dies as it confirms the update (the next
  getUpdates), unheard: the update is delivered again, applied once, nothing is resent.

The fake Bot API server crashes the bot at the point itself (it holds the request while it
kills), so where the kill lands does not depend on how busy the machine is. One person
speaks at a time, so one message at most is on the wire when the kill lands. Many people
at once and kills at random moments: the chaos benchmark
(`python -m tests.reliability.chaos`) measures that window."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import Any

import pytest

from bot.store import open_store
from tests.bot_process import BotProcess
from tests.store.journey import (
    BOTH_CHECKS,
    expected_answers,
    replies_in_a_clean_run,
    sent_messages,
)
from tests.telegram.fake_bot_api import FakeBotApi

PEOPLE = 3
FIRST_CHAT = 61_000
# (name, Bot API method, taken by Telegram before the kill)
POINTS = [
    ("saved, not sent", "sendMessage", False),
    ("in the duplicate window", "sendMessage", True),
    ("between updates", "getUpdates", False),
]


@pytest.fixture
def api() -> Iterator[FakeBotApi]:
    with FakeBotApi() as fake:
        yield fake


def all_confirmed(api: FakeBotApi, update_ids: list[int]) -> bool:
    return all(api.acknowledged(u) for u in update_ids)


def confirms_or_answers(update_id: int, chat_id: int, params: dict[str, Any]) -> bool:
    """The poll that confirms this update, or a message to this person."""
    if "chat_id" in params:
        return bool(params["chat_id"] == chat_id)
    return int(params.get("offset") or 0) > update_id


@pytest.mark.slow
async def test_a_kill_at_each_named_point_loses_nothing_and_repeats_only_the_message_on_the_wire(
    api: FakeBotApi, tmp_path: Path
) -> None:
    url = f"sqlite:///{tmp_path}/data/sessions.sqlite3"
    bot = BotProcess(api, url, tmp_path)
    # Pacing as on Telegram (30 messages a second): replies queue up, as in a busy bot.
    bot.env["TELEGRAM_RATE_LIMIT"] = "30"
    users = [api.user(FIRST_CHAT + n) for n in range(PEOPLE)]
    said: dict[int, list[int]] = {user.id: [] for user in users}
    in_the_window = 0
    try:
        turns = itertools.cycle(POINTS)
        for line in BOTH_CHECKS:
            for user in users:
                name, method, taken = next(turns)
                await bot.start()
                # What the last process left unfinished is finished first: one person at a time.
                earlier = [u for ids in said.values() for u in ids]
                await api.wait_for(
                    partial(all_confirmed, api, earlier),
                    timeout=30,
                    what="the earlier updates confirmed",
                )
                update_id = api.next_update_id()
                point = api.kill_at(
                    method,
                    1,
                    taken=taken,
                    kill=bot.crash,
                    counts=partial(confirms_or_answers, update_id, user.id),
                )
                said[user.id].append(user.say(line, update_id=update_id))
                await api.wait_for(point.fired.is_set, timeout=30, what=f"the kill {name}")
                bot.kill()  # reap it
                in_the_window += taken
        await bot.start()
        everything = [u for ids in said.values() for u in ids]
        await api.wait_for(
            lambda: all(api.acknowledged(u) for u in everything),
            timeout=60,
            what="every update confirmed",
        )
    finally:
        bot.stop()

    store = open_store(url)
    try:
        expected = expected_answers(BOTH_CHECKS)
        replies = replies_in_a_clean_run(BOTH_CHECKS)
        repeated = 0
        for user in users:
            session = await store.load(user.id)
            assert session is not None, bot.log()
            assert session.answers == expected, f"chat {user.id}: every answer, once"
            assert session.recent_update_ids == said[user.id], "each update applied once"
            sent = sent_messages(api, user.id)
            assert sent >= replies, f"chat {user.id}: a reply never went out"
            repeated += sent - replies
    finally:
        await store.close()
    assert in_the_window == len(BOTH_CHECKS) * PEOPLE // len(POINTS)
    assert repeated == in_the_window, (
        f"{repeated} replies sent twice; {in_the_window} kills caught a message on the wire"
    )
    assert "Traceback" not in bot.log(), bot.log()
