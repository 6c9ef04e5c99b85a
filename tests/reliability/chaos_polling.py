"""The chaos benchmark of long polling: twelve people answer while `python -m bot` is
killed with SIGKILL at random moments (30 kills) and started again. It reports answers
lost (must be 0) and replies sent twice per 10 kills (a reply goes out twice only when a
kill caught it on the wire: Telegram took it, the store had not yet heard).

Not part of `make test` (its figures depend on timing, so they are measured, not asserted
per run): `make chaos`. The deterministic kills at named points are
tests/store/test_kill_while_polling.py."""

from __future__ import annotations

import asyncio
import random
import sys
import tempfile
from pathlib import Path

from bot.store import open_store
from tests.bot_process import BotProcess
from tests.store.journey import (
    BOTH_CHECKS,
    expected_answers,
    replies_in_a_clean_run,
    sent_messages,
)
from tests.telegram.fake_bot_api import FakeBotApi

PEOPLE = 12
ROUNDS = 30
FIRST_CHAT = 61_000


async def chaos(api: FakeBotApi, tmp_path: Path) -> tuple[int, int]:
    """(answers lost, replies sent twice) over ROUNDS random kills."""
    url = f"sqlite:///{tmp_path}/data/sessions.sqlite3"
    bot = BotProcess(api, url, tmp_path)
    # Default pacing (30 messages a second) keeps updates in hand for a while, as a busy
    # bot on Telegram does: a kill then finds some fetched and not yet handled.
    bot.env["TELEGRAM_RATE_LIMIT"] = "30"
    users = [api.user(FIRST_CHAT + n) for n in range(PEOPLE)]
    said: dict[int, list[int]] = {user.id: [] for user in users}
    rng = random.Random(12)
    lines = iter(range(len(BOTH_CHECKS)))
    try:
        for _ in range(ROUNDS):
            await bot.start()
            line = next(lines, None)
            if line is not None:
                for user in rng.sample(users, len(users)):
                    said[user.id].append(user.say(BOTH_CHECKS[line]))
                    await asyncio.sleep(rng.uniform(0, 0.01))
            await asyncio.sleep(rng.uniform(0, 0.6))
            bot.kill()
        await bot.start()
        everything = [u for ids in said.values() for u in ids]
        await api.wait_for(
            lambda: all(api.acknowledged(u) for u in everything),
            timeout=30,
            what="every update confirmed",
        )
        await asyncio.sleep(0.3)  # the replies to the last updates went out before that
    finally:
        bot.stop()

    store = open_store(url)
    try:
        expected = expected_answers(BOTH_CHECKS)
        replies = replies_in_a_clean_run(BOTH_CHECKS)
        lost = repeated = 0
        for user in users:
            session = await store.load(user.id)
            applied = session is not None and session.answers == expected
            once = session is not None and session.recent_update_ids == said[user.id]
            sent = sent_messages(api, user.id)
            lost += (not applied) + (not once) + max(0, replies - sent)
            repeated += max(0, sent - replies)
    finally:
        await store.close()
    return lost, repeated


def main() -> None:
    with tempfile.TemporaryDirectory() as folder, FakeBotApi() as api:
        lost, repeated = asyncio.run(chaos(api, Path(folder)))
    print(
        f"polling, {ROUNDS} kill -9s at random moments, {PEOPLE} people: "
        f"{lost} answers or replies lost, {repeated} replies sent twice "
        f"({10 * repeated / ROUNDS:.1f} per 10 kills)"
    )
    sys.exit(1 if lost else 0)


if __name__ == "__main__":
    main()
