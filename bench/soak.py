"""`make soak`: many sessions over time against `python -m bot` (a subprocess, polling,
SQLite, flood limiter off) and the tests' fake Bot API: are its memory and its reply
latency stable? SOAK_CHATS people (default 200) go through whole conversations again and
again for SOAK_SECONDS (default 300), each acting a short pause after the bot's whole
reply is on screen (the wait is the latency); every third conversation ends with /forget.
Every SOAK_SAMPLE_SECONDS (default 5) the bot's RSS and the latencies since are sampled.
Fails (exit 1) on RSS growth over SOAK_MAX_GROWTH_MB (default 30) after the warm-up (the
first minute, or fifth of a shorter run), or on any error: an apology, an ERROR or
traceback logged, a refused request, a press unanswered, a reply that never came, stored
answers that differ from the ones given, or the bot dying."""

from __future__ import annotations

import asyncio
import contextlib
import math
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from bench.report import percentile
from bot import texts
from bot.store import SqliteStore
from tests.conftest import TODAY
from tests.store.journey import BOTH_CHECKS_TAPPED, expected_answers
from tests.telegram.fake_bot_api import FakeBotApi, FakeUser

ROOT = Path(__file__).resolve().parent.parent
SECONDS = float(os.environ.get("SOAK_SECONDS", "300"))
CHATS = int(os.environ.get("SOAK_CHATS", "200"))
SAMPLE_SECONDS = float(os.environ.get("SOAK_SAMPLE_SECONDS", "5"))
MAX_GROWTH_MB = float(os.environ.get("SOAK_MAX_GROWTH_MB", "30"))
THINK_SECONDS = (0.2, 1.0)  # a person's pause before each action
REPLY_TIMEOUT = 60.0
MAX_CONVERSATIONS = 1_000  # per person: a bound on the loop besides the clock
KEPT_CALLS = 2_000  # the fake server's request log is trimmed to this (driver memory)
FIRST_CHAT = 900_000

Step = tuple[str, str]  # ("say" | "tap", text or button label)
CONVERSATION: list[Step] = [*BOTH_CHECKS_TAPPED[1:], ("tap", "📋 Summary")]
WHY = "Why do you ask?"  # a button on every question
SUMMARY = "Retirement plan check"  # the summary's title
FORGOTTEN = "I've deleted everything"
Done = Callable[[dict[str, Any]], bool]  # is this newest message the end of the reply?


class SoakBotApi(FakeBotApi):
    """The fake Bot API, waking the person whose chat the bot just wrote to, and counting
    apologies as they are sent."""

    def __init__(self) -> None:
        super().__init__()
        self.loop: asyncio.AbstractEventLoop | None = None
        self.events: dict[int, asyncio.Event] = {}
        self.apologies = 0

    def __enter__(self) -> SoakBotApi:
        self.start()
        return self

    async def handle(self, token: str, method: str, params: dict[str, Any]) -> dict[str, Any]:
        result = await super().handle(token, method, params)
        if params.get("text") == texts.ERROR:
            self.apologies += 1
        chat_id = params.get("chat_id")
        event = self.events.get(chat_id) if isinstance(chat_id, int) else None
        if self.loop is not None and event is not None:
            self.loop.call_soon_threadsafe(event.set)
        return result

    def trim(self) -> None:
        with self._lock:
            del self.requests[:-KEPT_CALLS]

    async def until(self, chat_id: int, ready: Callable[[], bool]) -> bool:
        """Wait for `ready()`, re-checking whenever this chat gets a message."""
        event = self.events.setdefault(chat_id, asyncio.Event())
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(REPLY_TIMEOUT):
                while not ready():
                    await event.wait()
                    event.clear()
        return ready()


@dataclass
class Sample:
    seconds: float
    rss_mb: float
    updates: int
    latency_p50_ms: float
    latency_p95_ms: float


@dataclass
class Tally:
    updates: int = 0
    conversations: int = 0
    forgotten: int = 0
    latencies_ms: list[float] = field(default_factory=list)  # since the last sample
    errors: list[str] = field(default_factory=list)


def rss_mb(pid: int) -> float:
    """Resident memory of a live process; NaN once it has exited."""
    with contextlib.suppress(OSError):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return math.nan


def start_bot(api: FakeBotApi, workdir: Path, log_path: Path) -> subprocess.Popen[bytes]:
    """`python -m bot` in a scratch folder (so no developer's .env is read), once polling."""
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(workdir),
        "PYTHONPATH": str(ROOT),
        "TELEGRAM_BOT_TOKEN": api.token,
        "TELEGRAM_API_BASE_URL": api.base_url,
        "STORAGE_URL": f"sqlite:///{workdir}/sessions.sqlite3",
        "RETIREMENT_BOT_TODAY": TODAY.isoformat(),
        "LOG_LEVEL": "WARNING",
        "TELEGRAM_RATE_LIMIT": "0",  # the fake server has no flood limit
    }
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "bot"],
            cwd=workdir,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    deadline = time.monotonic() + 60
    while not api.calls("getUpdates"):
        if process.poll() is not None or time.monotonic() > deadline:
            raise SystemExit(f"soak: the bot did not start:\n{log_path.read_text()}")
        time.sleep(0.05)
    return process


def stop_bot(process: subprocess.Popen[bytes], tally: Tally) -> None:
    if process.poll() is not None:
        tally.errors.append(f"the bot process died (exit status {process.returncode})")
        return
    process.send_signal(signal.SIGTERM)
    try:
        status = process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        status = process.wait()
    if status != 0:
        tally.errors.append(f"the bot stopped with status {status} (-9: SIGTERM ignored 30 s)")


def reply_is_whole(message: dict[str, Any], following: Step | None) -> bool:
    """Is this newest message the last of the bot's reply, when `following` comes next: a
    question with that button, a question to type into, or (at the end) the summary?"""
    if following is None:
        return SUMMARY in message["text"]
    keyboard = message.get("reply_markup", {}).get("inline_keyboard", [])
    labels = {button["text"] for row in keyboard for button in row}
    return (following[1] if following[0] == "tap" else WHY) in labels


async def act(api: SoakBotApi, user: FakeUser, step: Step, done: Done, tally: Tally) -> bool:
    """One update, then wait (as a person would) until the whole reply is on screen."""
    how, what = step
    before = len(user.bot_messages())
    try:
        user.say(what) if how == "say" else user.tap(what)
    except AssertionError as error:  # no such button on screen
        tally.errors.append(f"chat {user.id}: {error}")
        return False
    tally.updates += 1
    sent = time.monotonic()

    def ready() -> bool:
        messages = user.bot_messages()
        return len(messages) > before and done(messages[-1])

    if await api.until(user.id, ready):
        tally.latencies_ms.append((time.monotonic() - sent) * 1e3)
        return True
    tally.errors.append(f"chat {user.id}: no whole reply within {REPLY_TIMEOUT:.0f} s to {what!r}")
    return False


async def converse(
    api: SoakBotApi, user: FakeUser, steps: list[Step], deadline: float, tally: Tally
) -> int | None:
    """Take the steps, each after a pause, until the deadline: how many were taken; None
    on an error (already counted)."""
    rng = random.Random(user.id * MAX_CONVERSATIONS + tally.conversations)
    for taken, step in enumerate(steps):
        await asyncio.sleep(rng.uniform(*THINK_SECONDS))
        if time.monotonic() > deadline:
            return taken
        following = steps[taken + 1] if taken + 1 < len(steps) else None
        if not await act(api, user, step, partial(reply_is_whole, following=following), tally):
            return None
    return len(steps)


async def stored_as_given(
    store: SqliteStore, chat_id: int, given: list[Step], tally: Tally
) -> bool:
    """The store holds exactly the answers given (none lost, none doubled)."""
    session = await store.load(chat_id)
    stored = None if session is None else session.answers
    if stored == expected_answers([what for _, what in given]):
        return True
    tally.errors.append(f"chat {chat_id}: stored answers differ: {stored and sorted(stored)}")
    return False


async def forget(api: SoakBotApi, store: SqliteStore, user: FakeUser, tally: Tally) -> bool:
    if not await act(api, user, ("say", "/forget"), lambda m: FORGOTTEN in m["text"], tally):
        return False
    if await store.load(user.id) is not None:
        tally.errors.append(f"chat {user.id}: /forget left a session")
        return False
    tally.forgotten += 1
    return True


async def person(
    api: SoakBotApi, store: SqliteStore, chat_id: int, deadline: float, tally: Tally
) -> None:
    """Whole conversations until the deadline; the stored answers checked after each."""
    user = api.user(chat_id, first_name=f"P{chat_id}")
    opening = "/start"
    for conversation in range(1, MAX_CONVERSATIONS + 1):
        steps = [("say", opening), *CONVERSATION]
        taken = await converse(api, user, steps, deadline, tally)
        if taken is None:
            return
        if taken and not await stored_as_given(store, chat_id, steps[:taken], tally):
            return
        if taken < len(steps):
            return  # time is up
        tally.conversations += 1
        forgetting = conversation % 3 == 0
        if forgetting and not await forget(api, store, user, tally):
            return
        opening = "/start" if forgetting else "/restart"


def sample(pid: int, started: float, tally: Tally) -> Sample:
    """The bot's RSS now, and the reply latencies since the last sample."""
    latencies, tally.latencies_ms = tally.latencies_ms, []
    p50, p95 = percentile(latencies, 50), percentile(latencies, 95)
    now = Sample(time.monotonic() - started, rss_mb(pid), tally.updates, p50, p95)
    print(
        f"soak: {now.seconds:5.0f} s  RSS {now.rss_mb:6.1f} MB  {now.updates} updates  "
        f"latency p50 {now.latency_p50_ms:5.0f} ms, p95 {now.latency_p95_ms:5.0f} ms",
        flush=True,
    )
    return now


async def every_few_seconds(
    api: SoakBotApi, pid: int, started: float, tally: Tally, samples: list[Sample]
) -> None:
    while True:
        await asyncio.sleep(SAMPLE_SECONDS)
        api.trim()
        samples.append(sample(pid, started, tally))


async def soak(api: SoakBotApi, pid: int, store: SqliteStore, tally: Tally) -> list[Sample]:
    api.loop = asyncio.get_running_loop()
    started = time.monotonic()
    deadline = started + SECONDS
    samples: list[Sample] = []
    sampler = asyncio.create_task(every_few_seconds(api, pid, started, tally, samples))
    people = (person(api, store, FIRST_CHAT + n, deadline, tally) for n in range(CHATS))
    try:
        async with asyncio.timeout(SECONDS + 120):
            await asyncio.gather(*people)
    except TimeoutError:
        tally.errors.append("the run did not finish within SOAK_SECONDS + 120 s")
    sampler.cancel()
    return samples or [sample(pid, started, tally)]


def after_warm_up(samples: list[Sample]) -> list[Sample]:
    """From the end of the first minute (or of the first fifth of a shorter run) on."""
    warm_up = min(60.0, SECONDS / 5)
    return [s for s in samples if s.seconds >= warm_up] or samples[-1:]


def latency_halves(samples: list[Sample]) -> tuple[float, float]:
    """The median sampled p50 latency of the first and the second half after the warm-up."""
    p50s = [s.latency_p50_ms for s in after_warm_up(samples) if not math.isnan(s.latency_p50_ms)]
    p50s, half = p50s or [math.nan], len(p50s) // 2
    return statistics.median(p50s[:half] or p50s), statistics.median(p50s[half:])


def errors_found(tally: Tally, log: str, api: SoakBotApi) -> list[str]:
    errors = list(tally.errors)
    bad_lines = [line for line in log.splitlines() if " ERROR " in line or "Traceback" in line]
    for count, what in (
        (api.apologies, '"Something went wrong" messages sent'),
        (len(bad_lines), f"ERROR/traceback lines in the bot log: {bad_lines[:3]}"),
        (len(api.invalid_requests), "requests refused by the fake Bot API"),
        (len(api.unanswered_callback_queries()), "button presses unanswered"),
    ):
        if count:
            errors.append(f"{count} {what}")
    return errors


def report(samples: list[Sample], tally: Tally, errors: list[str]) -> bool:
    baseline = after_warm_up(samples)[0]
    growth = max(s.rss_mb for s in after_warm_up(samples)) - baseline.rss_mb
    first_half, second_half = latency_halves(samples)
    median_mb = statistics.median(s.rss_mb for s in samples)
    lines = [
        f"Soak: {CHATS} chats for {SECONDS:.0f} s, `python -m bot` with SQLite, polling",
        f"- updates: {tally.updates}; whole conversations checked against the store: "
        f"{tally.conversations}; /forget checked: {tally.forgotten}",
        f"- RSS after the warm-up ({baseline.seconds:.0f} s): {baseline.rss_mb:.1f} MB; "
        f"at the end: {samples[-1].rss_mb:.1f} MB; median: {median_mb:.1f} MB",
        f"- RSS growth after the warm-up: {growth:+.1f} MB at most (bound {MAX_GROWTH_MB:.0f} MB)",
        f"- reply latency p50, median of the samples after the warm-up: {first_half:.0f} ms "
        f"in the first half, {second_half:.0f} ms in the second",
        f"- errors: {len(errors)}",
        *(f"  - {error}" for error in errors[:20]),
    ]
    passed = not errors and growth <= MAX_GROWTH_MB
    print("\n" + "\n".join(lines) + f"\nSoak {'PASSED' if passed else 'FAILED'}")
    return passed


def main() -> int:
    tally = Tally()
    with tempfile.TemporaryDirectory(prefix="soak-") as scratch, SoakBotApi() as api:
        workdir = Path(scratch)
        process = start_bot(api, workdir, workdir / "bot.log")
        store = SqliteStore(workdir / "sessions.sqlite3")
        try:
            samples = asyncio.run(soak(api, process.pid, store, tally))
        finally:
            stop_bot(process, tally)
            asyncio.run(store.close())
        errors = errors_found(tally, (workdir / "bot.log").read_text(), api)
    return 0 if report(samples, tally, errors) else 1


if __name__ == "__main__":
    sys.exit(main())
