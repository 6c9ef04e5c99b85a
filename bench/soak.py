"""`make soak`: a bounded soak of the real bot, with its memory watched.

`python -m bot` runs in a subprocess in polling mode with a SQLite store, against the
tests' fake Bot API server on 127.0.0.1 (flood limiter off: TELEGRAM_RATE_LIMIT=0).
SOAK_CHATS people (default 200) talk to it at once for SOAK_SECONDS (default 300), each
going through whole conversations again and again: both checks with money figures,
typed answers and button presses, the summary, then /restart (every third conversation
ends with /forget instead). A person acts only once the bot's next question is on
screen, after a short pause.

Every SOAK_SAMPLE_SECONDS (default 5) the bot's RSS is read from /proc. At the end the
run fails (exit status 1) on:
- memory growth beyond SOAK_MAX_GROWTH_MB (default 30) from the end of the warm-up
  (the first minute, or the first fifth of a shorter run) to the end, or at any sample;
- any error: an apology ("Something went wrong") sent, an ERROR or a traceback in the
  bot's log, a request the fake server refused as a bug, a button press left
  unanswered, a reply that never came (60 s), a conversation whose stored answers are
  not exactly the ones given (a lost or doubled answer), or the bot process dying.

Bounded in time and count: every loop ends at the deadline or after MAX_CONVERSATIONS
per person, and the whole run is cancelled at SOAK_SECONDS + 120 s."""

from __future__ import annotations

import asyncio
import contextlib
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
from pathlib import Path
from typing import Any

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

# A whole conversation as a person taps and types it, then the summary.
CONVERSATION: list[tuple[str, str]] = [*BOTH_CHECKS_TAPPED[1:], ("tap", "📋 Summary")]
EXPECTED = expected_answers(["/start", *(what for _, what in CONVERSATION[:-1])])
WHY = "Why do you ask?"  # a button on every question
SUMMARY = "Retirement plan check"  # the summary's title
FORGOTTEN = "I've deleted everything"


class SoakBotApi(FakeBotApi):
    """The fake Bot API, waking the person whose chat just got a message or an edit, and
    counting apologies as they are sent."""

    def __init__(self) -> None:
        super().__init__()
        self.loop: asyncio.AbstractEventLoop | None = None
        self.events: dict[int, asyncio.Event] = {}
        self.apologies = 0
        self.replies = 0

    def __enter__(self) -> SoakBotApi:
        self.start()
        return self

    def _wake_chat(self, chat_id: object) -> None:
        event = self.events.get(chat_id) if isinstance(chat_id, int) else None
        if self.loop is not None and event is not None:
            self.loop.call_soon_threadsafe(event.set)

    def _api_sendmessage(self, params: dict[str, Any]) -> dict[str, Any]:
        message = super()._api_sendmessage(params)
        self.replies += 1
        if params.get("text") == texts.ERROR:
            self.apologies += 1
        self._wake_chat(params.get("chat_id"))
        return message

    def _api_editmessagetext(self, params: dict[str, Any]) -> dict[str, Any]:
        message = super()._api_editmessagetext(params)
        self._wake_chat(params.get("chat_id"))
        return message

    def trim(self) -> None:
        with self._lock:
            del self.requests[:-KEPT_CALLS]

    async def until(self, chat_id: int, ready: Callable[[], bool], timeout: float) -> bool:
        """Wait for `ready()`, re-checking whenever this chat gets a message."""
        event = self.events.setdefault(chat_id, asyncio.Event())
        deadline = time.monotonic() + timeout
        while True:
            event.clear()
            if ready():
                return True
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return False
            try:
                await asyncio.wait_for(event.wait(), remaining)
            except TimeoutError:
                return ready()


@dataclass
class Sample:
    seconds: float
    rss_mb: float
    updates: int
    conversations: int


@dataclass
class Tally:
    updates: int = 0
    conversations: int = 0
    forgotten: int = 0
    partial: int = 0  # conversations the deadline cut short (their answers are checked too)
    errors: list[str] = field(default_factory=list)

    def error(self, what: str) -> None:
        if len(self.errors) < 100:
            self.errors.append(what)


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


def start_bot(api: FakeBotApi, workdir: Path) -> tuple[subprocess.Popen[bytes], Path]:
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
    log_path = workdir / "bot.log"
    with log_path.open("wb") as log:
        # cwd is a scratch folder so a developer's own .env is never read.
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
    return process, log_path


async def person(
    api: SoakBotApi, store: SqliteStore, chat_id: int, deadline: float, tally: Tally
) -> None:
    user = api.user(chat_id, first_name=f"P{chat_id}")
    rng = random.Random(chat_id)
    opening = "/start"
    for conversation in range(MAX_CONVERSATIONS):
        if time.monotonic() > deadline:
            return
        steps = [("say", opening), *CONVERSATION]
        done = 0
        for position, (how, what) in enumerate(steps):
            if time.monotonic() > deadline:
                break  # time is up: the answers given so far are checked
            await asyncio.sleep(rng.uniform(*THINK_SECONDS))
            following = steps[position + 1] if position + 1 < len(steps) else None
            if not await act(api, user, how, what, ready_for(following), tally):
                return
            done += 1
        expected = (
            EXPECTED if done == len(steps) else expected_answers([what for _, what in steps[:done]])
        )
        session = await store.load(chat_id)
        stored = None if session is None else session.answers
        if done and stored != expected:
            got = None if stored is None else sorted(stored)
            tally.error(f"chat {chat_id} conversation {conversation}: stored answers {got}")
            return
        if done < len(steps):
            tally.partial += 1
            return
        tally.conversations += 1
        if conversation % 3 == 2:
            if not await act(api, user, "say", "/forget", shows(FORGOTTEN), tally):
                return
            if await store.load(chat_id) is not None:
                tally.error(f"chat {chat_id}: /forget left a session")
                return
            tally.forgotten += 1
            opening = "/start"
        else:
            opening = "/restart"


Done = Callable[[dict[str, Any]], bool]  # is this newest message the end of the reply?


def shows(text: str) -> Done:
    return lambda message: text in message["text"]


def offers(label: str) -> Done:
    return lambda message: any(
        b["text"] == label
        for row in message.get("reply_markup", {}).get("inline_keyboard", [])
        for b in row
    )


def ready_for(following: tuple[str, str] | None) -> Done:
    """The last message of the bot's whole reply, when `following` comes next: a question
    with that button, a question to type into, or (at the end) the summary. Waiting for
    the last message, not the first, keeps a person from acting mid-reply."""
    if following is None:
        return shows(SUMMARY)
    how, what = following
    return offers(what) if how == "tap" else offers(WHY)


async def act(
    api: SoakBotApi, user: FakeUser, how: str, what: str, done: Done, tally: Tally
) -> bool:
    """One update, then wait (as a person would) until the whole reply is on screen."""
    before = len(user.bot_messages())
    try:
        user.say(what) if how == "say" else user.tap(what)
    except AssertionError as error:  # no such button on screen
        tally.error(f"chat {user.id}: {error}")
        return False
    tally.updates += 1

    def ready() -> bool:
        messages = user.bot_messages()
        return len(messages) > before and done(messages[-1])

    if await api.until(user.id, ready, REPLY_TIMEOUT):
        return True
    last = user.bot_messages()[-1]["text"][:80]
    tally.error(
        f"chat {user.id}: no whole reply within {REPLY_TIMEOUT:.0f} s to {how} {what!r} "
        f"(last message: {last!r})"
    )
    return False


async def sample_memory(
    pid: int, started: float, stop: asyncio.Event, tally: Tally, samples: list[Sample]
) -> None:
    while not stop.is_set():
        samples.append(
            Sample(time.monotonic() - started, rss_mb(pid), tally.updates, tally.conversations)
        )
        print(
            f"soak: {samples[-1].seconds:6.0f} s  RSS {samples[-1].rss_mb:6.1f} MB  "
            f"{tally.updates} updates  {tally.conversations} conversations",
            flush=True,
        )
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), SAMPLE_SECONDS)


async def soak(api: SoakBotApi, pid: int, store: SqliteStore, tally: Tally) -> list[Sample]:
    api.loop = asyncio.get_running_loop()
    started = time.monotonic()
    deadline = started + SECONDS
    samples: list[Sample] = []
    stop = asyncio.Event()
    sampler = asyncio.create_task(sample_memory(pid, started, stop, tally, samples))

    async def trim() -> None:
        while not stop.is_set():
            api.trim()
            await asyncio.sleep(5)

    trimmer = asyncio.create_task(trim())
    try:
        async with asyncio.timeout(SECONDS + 120):
            await asyncio.gather(
                *(person(api, store, FIRST_CHAT + n, deadline, tally) for n in range(CHATS))
            )
    except TimeoutError:
        tally.error("the run did not finish within SOAK_SECONDS + 120 s")
    finally:
        stop.set()
        await asyncio.gather(sampler, trimmer)
    samples.append(
        Sample(time.monotonic() - started, rss_mb(pid), tally.updates, tally.conversations)
    )
    return samples


def growth(samples: list[Sample]) -> tuple[Sample, float, float]:
    """The warm-up sample (end of the first minute, or of the first fifth of a shorter
    run), the growth from it to the end, and the largest growth from it at any sample."""
    warm_up = min(60.0, SECONDS / 5)
    baseline = next((s for s in samples if s.seconds >= warm_up), samples[-1])
    later = [s.rss_mb for s in samples if s.seconds >= baseline.seconds]
    return baseline, samples[-1].rss_mb - baseline.rss_mb, max(later) - baseline.rss_mb


def report(samples: list[Sample], tally: Tally, seconds: float, log: str, api: SoakBotApi) -> bool:
    baseline, final_growth, peak_growth = growth(samples)
    print()
    print(f"Soak: {CHATS} chats, {seconds:.0f} s, bot in a subprocess (SQLite, polling)")
    print(f"- updates sent: {tally.updates} ({tally.updates / max(seconds, 1):.1f}/s)")
    print(f"- messages the bot sent: {api.replies}")
    print(f"- whole conversations checked against the store: {tally.conversations}")
    print(f"- conversations cut short by the deadline, answers so far checked: {tally.partial}")
    print(f"- /forget checked: {tally.forgotten}")
    print(f"- memory samples: {len(samples)} (every {SAMPLE_SECONDS:.0f} s)")
    print(
        f"- RSS: start {samples[0].rss_mb:.1f} MB, after warm-up ({baseline.seconds:.0f} s) "
        f"{baseline.rss_mb:.1f} MB, end {samples[-1].rss_mb:.1f} MB, "
        f"max {max(s.rss_mb for s in samples):.1f} MB, "
        f"median {statistics.median(s.rss_mb for s in samples):.1f} MB"
    )
    print(
        f"- growth after warm-up: {final_growth:+.1f} MB at the end, {peak_growth:+.1f} MB "
        f"at most (bound {MAX_GROWTH_MB:.0f} MB)"
    )
    errors = list(tally.errors)
    if api.apologies:
        errors.append(f'{api.apologies} "Something went wrong" messages sent')
    bad_lines = [line for line in log.splitlines() if " ERROR " in line or "Traceback" in line]
    if bad_lines:
        errors.append(f"{len(bad_lines)} ERROR/traceback lines in the bot log: {bad_lines[:3]}")
    if api.invalid_requests:
        errors.append(f"{len(api.invalid_requests)} requests refused by the fake Bot API")
    if api.unanswered_callback_queries():
        errors.append(f"{len(api.unanswered_callback_queries())} button presses unanswered")
    print(f"- errors: {len(errors)}")
    for error in errors:
        print(f"  - {error}")
    ok = not errors and peak_growth <= MAX_GROWTH_MB
    print(f"Soak {'PASSED' if ok else 'FAILED'}")
    return ok


def main() -> int:
    tally = Tally()
    with tempfile.TemporaryDirectory(prefix="soak-") as scratch, SoakBotApi() as api:
        workdir = Path(scratch)
        process, log_path = start_bot(api, workdir)
        store = SqliteStore(workdir / "sessions.sqlite3")
        started = time.monotonic()
        try:
            samples = asyncio.run(soak(api, process.pid, store, tally))
            if process.poll() is not None:
                tally.error(f"the bot process died (exit status {process.returncode})")
        finally:
            seconds = time.monotonic() - started
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
                    tally.error("the bot did not stop on SIGTERM within 30 s")
            asyncio.run(store.close())
        if process.returncode not in (0, None):
            tally.error(f"the bot exited with status {process.returncode}")
        ok = report(samples, tally, seconds, log_path.read_text(), api)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
