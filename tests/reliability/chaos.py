"""The chaos benchmark: people answer while `python -m bot` is killed with SIGKILL at random
moments (30 kills per mode) and started again. Three modes, one harness:

- `polling`: twelve people, long polling; a kill at a random moment of the conversation.
- `webhook`: the same, but the fake Bot API POSTs each update to the bot's webhook and
  posts it again, as Telegram does, until a POST gets a 200.
- `photo`: fifteen people, each at another step of the conversation, so that in every
  round one of them gets the timeline picture; the kill lands at a random moment in the
  PHOTO_WINDOW after the upload reached the fake Bot API (while Telegram takes it, answers,
  and the bot records it as delivered).

Each mode reports answers lost (must be 0: an answer not applied, applied twice, or a
reply or picture that never went out) and messages or pictures sent twice per 10 kills.
A message goes out twice only when a kill caught it on the wire: Telegram took it, the
store had not yet heard.

Not part of `make test` (its figures depend on timing, so they are measured, not asserted
per run): `make chaos`, or `python -m tests.reliability.chaos --mode photo`. The
deterministic kills at named points are tests/store/test_kill_while_polling.py and
tests/store/test_kill_while_sending.py."""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from bot.store import open_store
from dialogs import Command, Session, Text, step
from tests.bot_process import BotProcess
from tests.conftest import TODAY
from tests.store.journey import BOTH_CHECKS, expected_answers, sent_messages
from tests.telegram.fake_bot_api import FakeBotApi

MODES = ("polling", "webhook", "photo")
ROUNDS = 30
FIRST_CHAT = 61_000
SECRET = "chaos-webhook-secret"
REMEMBERED_UPDATE_IDS = 32  # bot/conversation.py: a session keeps its last 32 update ids
# Photo mode: one conversation that ends with the picture, started over each time.
CYCLE = ["/restart", *BOTH_CHECKS[1:]]
ON_THE_WIRE = 0.05  # seconds a request sent before a kill may take to reach the fake API
PHOTO_WINDOW = 0.1  # seconds after the upload arrives within which the kill lands


@dataclass
class Figures:
    mode: str
    people: int
    kills: int
    lost: int
    repeated_messages: int
    repeated_photos: int
    seconds: float

    @property
    def repeated(self) -> int:
        return self.repeated_messages + self.repeated_photos

    def line(self) -> str:
        return (
            f"{self.mode}: {self.kills} kill -9s, {self.people} people: "
            f"{self.lost} answers or replies lost, {self.repeated} sent twice "
            f"({self.repeated_messages} messages, {self.repeated_photos} pictures; "
            f"{10 * self.repeated / self.kills:.1f} per 10 kills) in {self.seconds:.0f} s"
        )

    @classmethod
    def parse(cls, line: str) -> Figures | None:
        """The figures of a `line()` (as `make chaos` printed it), or None."""
        match = _LINE.fullmatch(line.strip())
        if match is None:
            return None
        mode, kills, people, lost, _, messages, photos, _, seconds = match.groups()
        return cls(
            mode, int(people), int(kills), int(lost), int(messages), int(photos), float(seconds)
        )


_LINE = re.compile(
    r"(\w+): (\d+) kill -9s, (\d+) people: (\d+) answers or replies lost, (\d+) sent twice "
    r"\((\d+) messages, (\d+) pictures; ([\d.]+) per 10 kills\) in (\d+) s"
)


def clean_texts(lines: list[str]) -> Counter[str]:
    """Every message text the dialog sends for these lines when nothing goes wrong."""
    session, sent = Session(), Counter[str]()
    for line in lines:
        event = Command(name=line[1:]) if line.startswith("/") else Text(text=line)
        session, replies = step(session, event, TODAY)
        sent.update(reply.text for reply in replies)
    return sent


def clean_run(lines: list[str]) -> tuple[int, int]:
    """(messages, pictures) the dialog sends for these lines when nothing goes wrong."""
    session, messages, pictures = Session(), 0, 0
    for line in lines:
        event = Command(name=line[1:]) if line.startswith("/") else Text(text=line)
        session, replies = step(session, event, TODAY)
        messages += len(replies)
        pictures += sum(reply.timeline is not None for reply in replies)
    return messages, pictures


def sent_photos(api: FakeBotApi, chat_id: int) -> int:
    return sum(
        1
        for call in api.calls("sendPhoto")
        if call.status == 200 and call.params.get("chat_id") == chat_id
    )


class Chaos:
    def __init__(self, mode: str, api: FakeBotApi, tmp_path: Path, seed: int = 12) -> None:
        self.mode = mode
        self.api = api
        self.url = f"sqlite:///{tmp_path}/data/sessions.sqlite3"
        self.bot = BotProcess(
            api, self.url, tmp_path, webhook_secret=SECRET if mode == "webhook" else None
        )
        # Default pacing (30 messages a second) keeps updates in hand for a while, as a
        # busy bot on Telegram does: a kill then finds some fetched and not yet handled.
        self.bot.env["TELEGRAM_RATE_LIMIT"] = "30"
        self.rng = random.Random(seed)
        people = len(CYCLE) if mode == "photo" else 12
        self.users = [api.user(FIRST_CHAT + n) for n in range(people)]
        self.lines: dict[int, list[str]] = {user.id: [] for user in self.users}
        self.said: dict[int, list[int]] = {user.id: [] for user in self.users}
        self.kills: list[float] = []  # when (time.monotonic())

    def say(self, user_index: int, line: str) -> None:
        user = self.users[user_index]
        self.lines[user.id].append(line)
        self.said[user.id].append(user.say(line))

    def uploads_beyond(self, count: int) -> bool:
        return len(self.api.calls("sendPhoto")) > count

    def everything_confirmed(self) -> bool:
        return all(self.api.acknowledged(u) for ids in self.said.values() for u in ids)

    async def settle(self) -> None:
        await self.api.wait_for(self.everything_confirmed, 60, what="every update confirmed")

    async def run(self) -> Figures:
        started = time.monotonic()
        try:
            if self.mode == "photo":
                await self._photo_rounds()
            else:
                await self._random_rounds()
            await self.bot.start()
            await self.settle()
            await asyncio.sleep(0.5)  # the replies to the last updates went out before that
        finally:
            self.bot.stop()
        return await self._count(time.monotonic() - started)

    async def _random_rounds(self) -> None:
        """Everyone says the next line (in a random order), the bot is killed at a random
        moment up to 0.6 s later; after the last line, kills go on while it catches up."""
        for round_ in range(ROUNDS):
            await self.bot.start()
            if round_ < len(BOTH_CHECKS):
                for index in self.rng.sample(range(len(self.users)), len(self.users)):
                    self.say(index, BOTH_CHECKS[round_])
                    await asyncio.sleep(self.rng.uniform(0, 0.01))
            await asyncio.sleep(self.rng.uniform(0, 0.6))
            self.kill()

    async def _photo_rounds(self) -> None:
        """Person k first answers k steps (no kills), so that from then on someone gets the
        picture in every round; the kill lands at a random moment of PHOTO_WINDOW after
        that picture's upload reached the fake Bot API."""
        await self.bot.start()
        for index in range(len(self.users)):
            for line in CYCLE[:index]:
                self.say(index, line)
        await self.settle()
        self.bot.stop()
        for round_ in range(ROUNDS):
            await self.bot.start()
            uploads = len(self.api.calls("sendPhoto"))
            for index in self.rng.sample(range(len(self.users)), len(self.users)):
                self.say(index, CYCLE[(index + round_) % len(CYCLE)])
                await asyncio.sleep(self.rng.uniform(0, 0.01))
            await self.api.wait_for(
                partial(self.uploads_beyond, uploads),
                timeout=30,
                what="the picture's upload",
            )
            await asyncio.sleep(self.rng.uniform(0, PHOTO_WINDOW))
            self.kill()

    def kill(self) -> None:
        self.kills.append(time.monotonic())
        self.bot.kill()

    def repeats(self) -> list[str]:
        """Each message or picture sent twice: which, and how long after Telegram took the
        first copy the kill came (the duplicate window it fell into)."""
        found = []
        for user in self.users:
            expected = clean_texts(self.lines[user.id])
            expected["a picture"] = clean_run(self.lines[user.id])[1]
            calls = [
                call
                for call in self.api.calls()
                if call.status == 200
                and call.params.get("chat_id") == user.id
                and call.method.lower() in ("sendmessage", "sendphoto")
            ]
            seen: Counter[str] = Counter()
            for call in calls:
                what = str(call.params.get("text") or "a picture")
                seen[what] += 1
                if seen[what] <= expected[what]:
                    continue
                first = [c.at for c in calls if str(c.params.get("text") or "a picture") == what]
                took = first[seen[what] - 2]
                # A request already on its way when the kill was ordered is taken just
                # after it: such a kill shows as a few ms "before".
                after = min(
                    (k - took for k in self.kills if k >= took - ON_THE_WIRE), default=float("nan")
                )
                found.append(f"chat {user.id}: {what[:40]!r}, kill {after * 1000:.0f} ms after")
        return found

    async def _count(self, seconds: float) -> Figures:
        store = open_store(self.url)
        lost = repeated_messages = repeated_photos = 0
        try:
            for user in self.users:
                lines = self.lines[user.id]
                session = await store.load(user.id)
                applied = session is not None and session.answers == expected_answers(lines)
                once = (
                    session is not None
                    and session.recent_update_ids == self.said[user.id][-REMEMBERED_UPDATE_IDS:]
                )
                messages, pictures = clean_run(lines)
                sent, photos = sent_messages(self.api, user.id), sent_photos(self.api, user.id)
                lost += (not applied) + (not once)
                lost += max(0, messages - sent) + max(0, pictures - photos)
                repeated_messages += max(0, sent - messages)
                repeated_photos += max(0, photos - pictures)
        finally:
            await store.close()
        return Figures(
            self.mode,
            len(self.users),
            ROUNDS,
            lost,
            repeated_messages,
            repeated_photos,
            seconds,
        )


def measure(mode: str, details: bool = False) -> Figures:
    with tempfile.TemporaryDirectory() as folder, FakeBotApi() as api:
        chaos = Chaos(mode, api, Path(folder))
        figures = asyncio.run(chaos.run())
        if details:
            for line in chaos.repeats():
                print(f"  {mode}, sent twice: {line}")
        return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mode", choices=[*MODES, "all"], default="all")
    parser.add_argument("--details", action="store_true", help="what was sent twice, when")
    args = parser.parse_args()
    modes = MODES if args.mode == "all" else (args.mode,)
    load = os.getloadavg()[0]
    print(f"machine: {os.cpu_count()} cores, load average {load:.1f} at the start", flush=True)
    figures = []
    for mode in modes:
        figures.append(measure(mode, args.details))
        print(figures[-1].line(), flush=True)
    sys.exit(1 if any(f.lost for f in figures) else 0)


if __name__ == "__main__":
    main()
