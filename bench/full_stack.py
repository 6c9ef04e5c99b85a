"""Full stack: simulated people talking to the real PTB Application (our bot), to a bare
PTB echo bot, and to a bare PTB bot making the same Bot API calls per update as ours, all
polling the tests' fake Bot API server, in one run.

Each bot runs in its own process (its CPU time and peak RSS are its own); the fake
server, and the people driving it, run in this one. Load is a closed loop, as a burst of
people would make it: every chat sends its first update at once, and each chat's next
update is queued only once the bot has handled the previous one (every reply sent).

Latency is from the update being queued at the fake server to the bot's last reply to it
arriving there (sendMessage / editMessageText / answerCallbackQuery), and to the first.

Our Application is run as built, except that the flood limiter's 30 messages/s cap
(Telegram's own limit) is lifted for the throughput runs: with it on, this would only
measure that cap. A short run with the cap on is reported too."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.fake_api import BenchBotApi, press_update, text_update
from bench.proc import BotProcess, child_env
from bench.report import Section, Target, fmt_ms, percentile
from bench.script import VARIANTS, Say, Step, conversation
from bot.requests import PACED_ENDPOINTS
from tests.telegram.fake_bot_api import FakeUser

DEFAULT_CHATS = 150
RUN_TIMEOUT = 600.0  # seconds; a run that takes longer is reported as failed
LIMITED_SECONDS = 6.0
LIMITED_CHATS = 50
SERVER_SECONDS = 3.0
SERVER_CONNECTIONS = 16
FIRST_CHAT = 10_000_000
# What bot/requests.py paces, as the fake Bot API counts methods (lower case).
PACED = tuple(sorted(endpoint.lower() for endpoint in PACED_ENDPOINTS))


def chats_from_env() -> int:
    return max(1, int(os.environ.get("BENCH_CHATS", DEFAULT_CHATS)))


@dataclass
class Run:
    kind: str
    chats: int
    updates: int = 0
    seconds: float = 0.0
    last_ns: list[int] = field(default_factory=list)  # update -> last reply
    first_ns: list[int] = field(default_factory=list)  # update -> first reply
    unanswered: int = 0
    bot_cpu: float = 0.0
    bench_cpu: float = 0.0
    peak_rss_kib: int = 0
    calls: Counter[str] = field(default_factory=Counter)
    errors: int = 0

    @property
    def per_second(self) -> float:
        return self.updates / self.seconds if self.seconds else 0.0

    def calls_per_update(self) -> float:
        replies = sum(n for method, n in self.calls.items() if method != "getupdates")
        return replies / self.updates if self.updates else 0.0


class Driver:
    """People in private chats, each working through a script, one update at a time."""

    def __init__(
        self,
        api: BenchBotApi,
        kind: str,
        chat_ids: list[int],
        scripts: list[list[Step]],
        stop_at: float | None = None,
    ) -> None:
        self.api = api
        self.kind = kind
        self.users = [api.user(chat_id) for chat_id in chat_ids]
        self.scripts = scripts
        self.position = [0] * len(chat_ids)
        self.owner: dict[int, int] = {}
        self.lock = threading.Lock()
        self.remaining = len(chat_ids)
        self.finished = threading.Event()
        self.stop_at = stop_at  # time-boxed runs stop sending at this monotonic time
        self.last_ns: list[int] = []
        self.first_ns: list[int] = []
        self.unanswered = 0
        self.handled = 0

    def begin(self) -> None:
        with self.lock:
            for index in range(len(self.users)):
                self._send(index)

    def _send(self, index: int) -> None:
        user = self.users[index]
        action = self.scripts[index][self.position[index]]
        if isinstance(action, Say):
            update = text_update(self.api, user, action.text)
        else:
            message, data = self._button(user, action.question, action.option)
            update = press_update(self.api, user, message, data)
        update_id = int(update["update_id"])
        self.owner[update_id] = index
        self.api.expect(user.id, update_id, time.monotonic_ns())
        self.api.queue_update(update)

    def _button(self, user: FakeUser, question: str, option: str) -> tuple[dict[str, Any], str]:
        if self.kind == "echo":  # the echo bot shows no buttons: press one on a fixed message
            message = {"message_id": 1, "date": 0, "chat": user.chat, "text": "Question?"}
            return message, f"{question}:{option}:0"
        if self.kind == "same-calls":  # press the newest message (it is edited)
            return user.bot_messages()[-1], f"{question}:{option}:0"
        wanted = f"{question}:{option}"
        for message in reversed(user.bot_messages()):
            for button in user.buttons(message):
                if str(button.get("callback_data", "")) == wanted:
                    return message, wanted
        raise RuntimeError(f"chat {user.id}: no button {wanted} on screen")

    def on_handled(self, line: str) -> None:
        with self.lock:
            index = self.owner.pop(int(line), None)
            if index is None:
                return
            waiting = self.api.done(self.users[index].id)
            self.handled += 1
            if waiting is None or not waiting.last_reply_ns:
                self.unanswered += 1
            else:
                self.last_ns.append(waiting.last_reply_ns - waiting.queued_ns)
                self.first_ns.append(waiting.first_reply_ns - waiting.queued_ns)
            self.position[index] += 1
            more = self.position[index] < len(self.scripts[index])
            in_time = self.stop_at is None or time.monotonic() < self.stop_at
            if more and in_time and self._next(index):
                return
            self.remaining -= 1
            if self.remaining == 0:
                self.finished.set()

    def _next(self, index: int) -> bool:
        """Send person `index`'s next step now (under the lock); False if it could not be."""
        try:
            self._send(index)
            return True
        except RuntimeError:
            self.unanswered += 1
            return False

    def run(self, bot: BotProcess, timeout: float = RUN_TIMEOUT) -> None:
        bot.on_line = self.on_handled
        self.begin()
        deadline = time.monotonic() + timeout
        while not self.finished.wait(0.5):
            if bot.failure is not None:
                raise RuntimeError(f"{self.kind}: driving failed") from bot.failure
            if not bot.alive():
                raise RuntimeError(f"{self.kind} bot died:\n{bot.stderr()}")
            if time.monotonic() > deadline:
                raise TimeoutError(
                    f"{self.kind}: {self.remaining} chats unfinished after {timeout:.0f} s"
                )


def scripts_for(chats: int) -> list[list[Step]]:
    return [conversation(n % VARIANTS) for n in range(chats)]


LIGHT_PEOPLE = 2  # one after another, for the latency of a bot with nothing else to do


def timed(
    api: BenchBotApi,
    bot: BotProcess,
    driver: Driver,
    kind: str,
    chats: int,
    timeout: float = RUN_TIMEOUT,
) -> Run:
    """Drive `bot` and time it: wall clock, the bot's CPU and the bench's own, the bot's
    peak memory, the replies' latencies and the Bot API calls made meanwhile."""
    cpu0, bench0, t0 = bot.cpu_seconds(), time.process_time(), time.perf_counter()
    driver.run(bot, timeout=timeout)
    run = Run(kind, chats)
    run.seconds = time.perf_counter() - t0
    run.bot_cpu = bot.cpu_seconds() - cpu0
    run.bench_cpu = time.process_time() - bench0
    run.peak_rss_kib = bot.memory_kib()["VmHWM"]
    run.updates = driver.handled
    run.last_ns, run.first_ns, run.unanswered = driver.last_ns, driver.first_ns, driver.unanswered
    run.calls = Counter(api.methods)
    return run


def _drive(
    api: BenchBotApi, bot: BotProcess, kind: str, chats: int, first_chat: int, profile: bool
) -> tuple[Run, Run]:
    """Warm-up, then people one at a time (light load), then everyone at once (burst)."""
    # Warm up: one whole conversation, so lazy imports and template compiles are done.
    Driver(api, kind, [first_chat - 1], scripts_for(1)).run(bot)
    light = Run(kind, 1)
    for n in range(LIGHT_PEOPLE):
        alone = Driver(api, kind, [first_chat - 2 - n], [conversation(n)])
        alone.run(bot)
        light.last_ns += alone.last_ns
        light.first_ns += alone.first_ns
        light.updates += alone.handled
    driver = Driver(api, kind, list(range(first_chat, first_chat + chats)), scripts_for(chats))
    api.reset_counts()
    if profile:
        bot.signal(signal.SIGUSR1)
    return timed(api, bot, driver, kind, chats), light


def run_bot(
    api: BenchBotApi,
    kind: str,
    chats: int,
    workdir: Path,
    first_chat: int,
    profile_to: Path | None = None,
) -> tuple[Run, Run]:
    """One bot process: (the burst, one person at a time)."""
    env = {"BENCH_API_URL": api.base_url, "BENCH_TOKEN": api.token, "BENCH_UNLIMITED": "1"}
    env["BENCH_DB"] = str(workdir / f"{kind}-{first_chat}.sqlite3")
    if profile_to is not None:
        env["BENCH_PROFILE"] = str(profile_to)
    with BotProcess(kind, workdir, **env) as bot:
        run, light = _drive(api, bot, kind, chats, first_chat, profile_to is not None)
        status = bot.stop()
        run.errors = bot.errors
        if status != 0 or bot.errors:
            raise RuntimeError(f"{kind} bot: exit {status}, {bot.errors} errors\n{bot.stderr()}")
    if run.unanswered:
        raise RuntimeError(f"{kind}: {run.unanswered} updates got no reply")
    return run, light


def check_conversations(api: BenchBotApi, first_chat: int, chats: int) -> None:
    """Every person got to the summary, and the server refused nothing."""
    for chat_id in range(first_chat, first_chat + chats):
        messages = api.chat_messages(chat_id)
        if not messages or not messages[-1]["text"].startswith("📋"):
            raise RuntimeError(f"chat {chat_id} did not end with the summary")
    if api.invalid_requests:
        bad = api.invalid_requests[0]
        raise RuntimeError(f"the fake server refused {bad.method}: {bad.error}")


def run_limited(api: BenchBotApi, workdir: Path, first_chat: int) -> Run:
    """Our bot exactly as built (flood limiter on), time-boxed."""
    env = {"BENCH_API_URL": api.base_url, "BENCH_TOKEN": api.token, "BENCH_UNLIMITED": "0"}
    env["BENCH_DB"] = str(workdir / "limited.sqlite3")
    with BotProcess("ours", workdir, **env) as bot:
        chat_ids = list(range(first_chat, first_chat + LIMITED_CHATS))
        api.reset_counts()
        driver = Driver(
            api, "ours", chat_ids, scripts_for(LIMITED_CHATS), time.monotonic() + LIMITED_SECONDS
        )
        run = timed(
            api, bot, driver, "ours (limiter on)", LIMITED_CHATS, timeout=LIMITED_SECONDS + 60
        )
        bot.stop()
    return run


def server_capacity(api: BenchBotApi) -> tuple[float, float]:
    """sendMessage requests per second the fake server answers on its own (HTML checked),
    from a lean raw-socket client in another process; and this process's CPU share."""
    chat = api.user(FIRST_CHAT - 100)
    command = [
        sys.executable, "-m", "bench.loadgen", str(api.port), f"/bot{api.token}/sendMessage",
        str(chat.id), str(SERVER_SECONDS), str(SERVER_CONNECTIONS),
    ]  # fmt: skip
    cpu0, t0 = time.process_time(), time.perf_counter()
    done = subprocess.run(
        command, env=child_env(), capture_output=True, text=True, timeout=SERVER_SECONDS + 30
    )
    wall = time.perf_counter() - t0
    if done.returncode != 0:
        raise RuntimeError(f"loadgen failed: {done.stderr[-2000:]}")
    requests, seconds = done.stdout.split()
    return int(requests) / float(seconds), (time.process_time() - cpu0) / wall


def _p(ns: list[int], p: float) -> str:
    return fmt_ms(percentile(sorted(ns), p) / 1e6)


def measure(
    chats: int, profile_to: Path | None = None, profiled_chats: int = 30
) -> tuple[list[Section], list[Target]]:
    runs: dict[str, tuple[Run, Run]] = {}
    with tempfile.TemporaryDirectory() as tmp, BenchBotApi() as api:
        workdir = Path(tmp)
        for n, kind in enumerate(KINDS, start=1):
            runs[kind] = run_bot(api, kind, chats, workdir, n * FIRST_CHAT)
            if kind == "ours":
                check_conversations(api, FIRST_CHAT, chats)
        limited = run_limited(api, workdir, 5 * FIRST_CHAT)
        capacity, server_cpu = server_capacity(api)
        if profile_to is not None:
            run_bot(api, "ours", profiled_chats, workdir, 6 * FIRST_CHAT, profile_to)
        if api.invalid_requests:
            bad = api.invalid_requests[0]
            raise RuntimeError(f"the fake server refused {bad.method}: {bad.error}")
    return _report(chats, runs, limited, capacity, server_cpu)


KINDS = ("ours", "echo", "same-calls")
TITLES = {"ours": "ours", "echo": "bare PTB echo", "same-calls": "bare PTB, same calls as ours"}


def _report(
    chats: int,
    runs: dict[str, tuple[Run, Run]],
    limited: Run,
    capacity: float,
    server_cpu: float,
) -> tuple[list[Section], list[Target]]:
    ours, echo = runs["ours"][0], runs["echo"][0]
    ratio = ours.per_second / echo.per_second
    table: list[tuple[str, list[str]]] = [
        ("updates per second", [f"{b.per_second:,.0f}" for b, _ in runs.values()]),
        (
            "**throughput ours / this**",
            [f"**{ours.per_second / b.per_second:.0%}**" for b, _ in runs.values()],
        ),
        (
            "latency to last reply p50 / p95 / p99",
            [
                f"{_p(b.last_ns, 50)} / {_p(b.last_ns, 95)} / {_p(b.last_ns, 99)}"
                for b, _ in runs.values()
            ],
        ),
        ("latency to first reply p50", [_p(b.first_ns, 50) for b, _ in runs.values()]),
        (
            "one person at a time: latency to last reply p50 / p95",
            [f"{_p(lt.last_ns, 50)} / {_p(lt.last_ns, 95)}" for _, lt in runs.values()],
        ),
        (
            "one person at a time: latency to first reply p50",
            [_p(lt.first_ns, 50) for _, lt in runs.values()],
        ),
        ("Bot API calls per update", [f"{b.calls_per_update():.2f}" for b, _ in runs.values()]),
        (
            "bot CPU per update",
            [f"{b.bot_cpu / b.updates * 1e3:.2f} ms" for b, _ in runs.values()],
        ),
        (
            "CPU per update, ours / this",
            [
                f"{(ours.bot_cpu / ours.updates) / (b.bot_cpu / b.updates):.2f}×"
                for b, _ in runs.values()
            ],
        ),
        ("bot CPU per Bot API call", [f"{_per_call(b) * 1e3:.2f} ms" for b, _ in runs.values()]),
        (
            "CPU busy: bot process / fake server process",
            [
                f"{b.bot_cpu / b.seconds:.0%} / {b.bench_cpu / b.seconds:.0%}"
                for b, _ in runs.values()
            ],
        ),
        ("peak RSS (VmHWM)", [f"{b.peak_rss_kib / 1024:.0f} MB" for b, _ in runs.values()]),
    ]
    same = runs["same-calls"][0]
    lines = [
        "| measure | " + " | ".join(TITLES[k] for k in runs) + " |",
        "|---|" + "---|" * len(runs),
        *(f"| {name} | " + " | ".join(values) + " |" for name, values in table),
        "",
        *(
            f"Bot API calls per update, {TITLES[k]}: "
            + ", ".join(f"{m} {n / b.updates:.2f}" for m, n in b.calls.most_common())
            + "."
            for k, (b, _) in runs.items()
        ),
        "",
    ]
    limited_calls = sum(limited.calls[m] for m in PACED)  # what is paced
    lines += [
        f"**Ours at {ratio:.0%} of the echo bot**: one run each, and the bare echo bot "
        "on httpx can run at one of two speeds from run to run (see each round of the "
        "issue 12 section, which runs it 5 times). Per update ours makes "
        f"{ours.calls_per_update():.2f} Bot API calls to the echo bot's "
        f"{echo.calls_per_update():.2f} (answering the press, marking the pressed question, "
        "the answer echoed, the next question), and each call costs PTB and its HTTP client "
        "more CPU than our dialog does. Ours sends over bot/transport.py (aiohttp), the bare "
        "PTB bots over PTB's default (httpx), which costs more per call: that is why ours "
        "outruns bare PTB making the same calls "
        f"({ours.per_second / same.per_second:.0%} of its throughput, CPU per update "
        f"{(ours.bot_cpu / ours.updates) / (same.bot_cpu / same.updates):.2f}×) although it "
        "also runs the dialog, templates and store. The issue 12 section shows the "
        "transport's share on each side; the profile below, the split of our own CPU.",
        "",
        "**As built, with the flood limiter on** (sent messages held to 30 a second; edits, "
        f"press answers and typing not held): {limited.chats} "
        f"people for {LIMITED_SECONDS:.0f} s got {limited.per_second:,.1f} updates/s "
        f"answered, with {limited_calls / limited.seconds:,.1f} rate-limited calls/s "
        f"(p50 latency {_p(limited.last_ns, 50)}).",
        "",
        f"**Our CPU at Telegram's cap**: 30 sent or edited messages a second is "
        f"~{30 / _messages_per_update(ours):.0f} updates/s here "
        f"({_messages_per_update(ours):.2f} per update); at that rate the bot uses "
        f"{_cpu_share_at_cap(ours):.0%} of one core.",
        "",
        f"**Is the fake server the bottleneck?** On its own it answers {capacity:,.0f} "
        f"sendMessage/s (HTML checked) to {SERVER_CONNECTIONS} keep-alive clients in another "
        f"process ({server_cpu:.0%} of a core busy). In the runs above it served "
        + ", ".join(
            f"{_calls_per_second(b):,.0f} calls/s ({TITLES[k]})" for k, (b, _) in runs.items()
        )
        + ". "
        + _bottleneck_sentence(runs, capacity),
    ]
    section = Section(
        title="Full stack: our bot vs bare python-telegram-bot",
        rows=[],
        note=(
            f"{chats:,} people at once, each a whole conversation of {len(conversation(0))} "
            "updates (both topics, 10 button presses, free-text dates and money, ending "
            "with the summary), against the tests' fake Bot API server in polling mode. "
            "Ours: `build_application` with a SQLite store, the flood limiter's 30/s cap "
            "lifted. Bare PTB echo: a MessageHandler that replies with the same text and a "
            "CallbackQueryHandler that answers, given the same updates. Bare PTB, same calls: "
            "no dialog, store or limiter, but the Bot API calls ours makes per update. Each "
            "bot in its own process, concurrent_updates(64), after a warm-up conversation. "
            "Closed loop: a chat's next update is queued when the bot has handled the "
            "previous one, so in the burst latency is mostly queueing (people / updates per "
            f"second); the one-person rows are {LIGHT_PEOPLE} conversations alone."
        ),
        extra=lines,
    )
    target = Target("Full stack throughput ≥ 80% of bare PTB echo", f"{ratio:.0%}", ratio >= 0.8)
    return [section], [target]


def _calls_per_second(run: Run) -> float:
    return sum(run.calls.values()) / run.seconds


def _per_call(run: Run) -> float:
    calls = sum(n for m, n in run.calls.items() if m != "getupdates")
    return run.bot_cpu / calls if calls else 0.0


def _messages_per_update(run: Run) -> float:
    sent = sum(n for m, n in run.calls.items() if m in ("sendmessage", "editmessagetext"))
    return sent / run.updates


def _cpu_share_at_cap(run: Run) -> float:
    updates_at_cap = 30 / _messages_per_update(run)
    return updates_at_cap * run.bot_cpu / run.updates


def _bottleneck_sentence(runs: dict[str, tuple[Run, Run]], capacity: float) -> str:
    busiest = max(b.bench_cpu / b.seconds for b, _ in runs.values())
    fastest = max(_calls_per_second(b) for b, _ in runs.values())
    if busiest > 0.9 or fastest > 0.8 * capacity:
        return (
            "It came close to its limit in the fastest run, so that bot's figure is partly "
            "the fake server's: the true ratio to it is lower than shown."
        )
    return (
        f"At most {fastest / capacity:.0%} of its capacity and {busiest:.0%} of a core were "
        "used: the bots, not the fake server, set the pace."
    )
