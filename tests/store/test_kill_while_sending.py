"""A kill while the timeline picture is on its way repeats at most that picture: the
message it follows is struck off the outbox as soon as Telegram took it, before the
picture is uploaded (issue 20: "a kill after Telegram took a photo: 8 of 10 chats got
the picture twice", and the message before it too).

`python -m bot` answers a whole conversation; on the last answer (whose reply carries the
picture) the fake Bot API server kills it at a named point of the upload, holding the
request while it kills, so where the kill lands does not depend on how busy the machine
is. After the restart Telegram delivers that update again:

- `upload not taken`: the picture goes out once, after the restart; no message twice.
- `picture taken, unheard` (the duplicate window): the picture went out and the bot never
  heard so. That picture, and nothing else, is sent again.
Kills at random moments of the upload: `python -m tests.reliability.chaos --mode photo`."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import Any

import pytest

from bot.store import open_store
from tests.bot_process import BotProcess
from tests.reliability.chaos import clean_run, sent_photos
from tests.store.journey import BOTH_CHECKS, expected_answers, sent_messages
from tests.telegram.fake_bot_api import FakeBotApi

CHAT = 62_000


@pytest.fixture
def api() -> Iterator[FakeBotApi]:
    with FakeBotApi() as fake:
        yield fake


def to_chat(chat_id: int, params: dict[str, Any]) -> bool:
    return params.get("chat_id") == chat_id


@pytest.mark.slow
@pytest.mark.parametrize("taken", [False, True], ids=["upload not taken", "picture taken, unheard"])
async def test_a_kill_during_the_upload_repeats_at_most_the_picture(
    api: FakeBotApi, tmp_path: Path, taken: bool
) -> None:
    url = f"sqlite:///{tmp_path}/data/sessions.sqlite3"
    bot = BotProcess(api, url, tmp_path)
    user = api.user(CHAT)
    said: list[int] = []
    try:
        await bot.start()
        for line in BOTH_CHECKS[:-1]:
            said.append(user.say(line))
            await api.wait_for(partial(api.acknowledged, said[-1]), 30, what=line)
        point = api.kill_at(
            "sendPhoto", 1, taken=taken, kill=bot.crash, counts=partial(to_chat, CHAT)
        )
        said.append(user.say(BOTH_CHECKS[-1]))
        await api.wait_for(point.fired.is_set, timeout=30, what="the kill during the upload")
        bot.kill()  # reap it
        await bot.start()
        await api.wait_for(partial(api.acknowledged, said[-1]), 30, what="the last answer")
    finally:
        bot.stop()

    store = open_store(url)
    try:
        session = await store.load(CHAT)
    finally:
        await store.close()
    assert session is not None and session.answers == expected_answers(BOTH_CHECKS)
    assert session.recent_update_ids == said, "each update applied once"
    messages, pictures = clean_run(BOTH_CHECKS)
    assert pictures == 1
    assert sent_messages(api, CHAT) == messages, "no message twice, none missing"
    assert sent_photos(api, CHAT) == pictures + taken, "only the picture on the wire repeats"
    assert "Traceback" not in bot.log(), bot.log()
