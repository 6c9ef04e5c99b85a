"""The one full-stack comparison: our bot against a bare python-telegram-bot echo bot, each
in its own process (bench/bot_process.py), each polling its own copy of the tests' fake Bot
API server (bench/fake_api.py), run here with the simulated people. A person's next update (of the
conversation in bench/script.py) is queued once the bot has handled the previous one;
latency runs from an update being queued to the bot's last reply to it. After a warm-up,
each bot gets people one after another (a bot with nothing else to do), then everyone at
once, ROUNDS times, the two bots taking turns (throughput, and CPU per update: each the
median of the rounds)."""

from __future__ import annotations

import contextlib
import statistics
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.fake_api import BenchBotApi
from bench.proc import BotProcess
from bench.report import Section, percentile
from bench.script import VARIANTS, Say, Step, conversation
from tests.telegram.fake_bot_api import FakeUser

DEFAULT_CHATS = 150
ALONE = 8  # people, one after another
ROUNDS = 3  # of everyone at once; each figure is the median of the rounds (issue 19)
RUN_TIMEOUT = 300.0  # seconds; a load that takes longer fails the benchmark
FIRST_CHAT = 10_000_000
KINDS = {"ours": "ours", "echo": "bare PTB echo"}


@dataclass
class Run:
    updates: int = 0
    seconds: float = 0.0
    latencies_ns: list[int] = field(default_factory=list)  # update -> last reply
    bot_cpu: float = 0.0
    driver_cpu: float = 0.0  # this process: the fake server and the people

    @property
    def per_second(self) -> float:
        return self.updates / self.seconds

    @property
    def cpu_per_update_ms(self) -> float:
        return self.bot_cpu / self.updates * 1e3

    def latency_ms(self, p: float) -> float:
        return percentile(self.latencies_ns, p) / 1e6


class Driver:
    """People in private chats, each working through a conversation, one update at a time;
    called back (from the bot's reader thread) as the bot finishes each update."""

    def __init__(self, api: BenchBotApi, kind: str, chat_ids: Sequence[int]) -> None:
        self.api, self.kind = api, kind
        self.users = [api.user(chat_id) for chat_id in chat_ids]
        self.scripts = [conversation(chat_id % VARIANTS) for chat_id in chat_ids]
        self.position = [0] * len(chat_ids)
        self.queued_ns = [0] * len(chat_ids)  # when each person's update in flight was queued
        self.owner: dict[int, int] = {}  # update id -> person
        self.lock = threading.Lock()
        self.remaining = len(chat_ids)
        self.finished = threading.Event()
        self.latencies_ns: list[int] = []

    def send(self, person: int) -> None:
        user, step = self.users[person], self.scripts[person][self.position[person]]
        update = self.update_for(user, step)
        self.owner[int(update["update_id"])] = person
        self.queued_ns[person] = time.monotonic_ns()
        self.api.queue_update(update)

    def update_for(self, user: FakeUser, step: Step) -> dict[str, Any]:
        if isinstance(step, Say):
            return self.api.text_update(user, step.text)
        wanted = f"{step.question}:{step.option}"
        if self.kind == "echo":  # it shows no buttons: press one on a question of ours
            question = {"message_id": 1, "date": 0, "chat": user.chat, "text": "Question?"}
            return self.api.press_update(user, question, f"{wanted}:0")
        for message in reversed(user.bot_messages()):
            if any(b.get("callback_data") == wanted for b in user.buttons(message)):
                return self.api.press_update(user, message, wanted)
        raise RuntimeError(f"chat {user.id}: no button {wanted} on screen")

    def on_handled(self, line: str) -> None:
        with self.lock:
            person = self.owner.pop(int(line), None)
            if person is None:
                return
            latency = self.api.last_reply_ns.get(self.users[person].id, 0) - self.queued_ns[person]
            if latency <= 0:
                raise RuntimeError(f"{self.kind}: update {line} got no reply")
            self.latencies_ns.append(latency)
            self.position[person] += 1
            if self.position[person] < len(self.scripts[person]):
                self.send(person)
                return
            self.remaining -= 1
            if self.remaining == 0:
                self.finished.set()

    def run(self, bot: BotProcess) -> None:
        bot.on_line = self.on_handled
        with self.lock:
            for person in range(len(self.users)):
                self.send(person)
        deadline = time.monotonic() + RUN_TIMEOUT
        while not self.finished.wait(0.5):
            if bot.failure is not None:
                raise RuntimeError(f"{self.kind}: driving failed") from bot.failure
            if not bot.alive():
                raise RuntimeError(f"{self.kind} bot died:\n{bot.stderr()}")
            if time.monotonic() > deadline:
                raise TimeoutError(f"{self.kind}: {self.remaining} chats unfinished")


def drive(api: BenchBotApi, bot: BotProcess, kind: str, chat_ids: Sequence[int]) -> Run:
    """These people's whole conversations with `bot`, timed."""
    driver = Driver(api, kind, chat_ids)
    bot_cpu, driver_cpu, started = bot.cpu_seconds(), time.process_time(), time.perf_counter()
    driver.run(bot)
    return Run(
        updates=len(driver.latencies_ns),
        seconds=time.perf_counter() - started,
        latencies_ns=driver.latencies_ns,
        bot_cpu=bot.cpu_seconds() - bot_cpu,
        driver_cpu=time.process_time() - driver_cpu,
    )


Runs = dict[str, tuple[Run, list[Run]]]  # kind -> (people one at a time, rounds of everyone)


def warmed_up(api: BenchBotApi, bot: BotProcess, kind: str) -> Run:
    """A warm-up conversation (lazy imports, template compiles), then people one after
    another: their latencies."""
    first = FIRST_CHAT * (1 + list(KINDS).index(kind))
    drive(api, bot, kind, [first - 1])
    alone = [drive(api, bot, kind, [first - 2 - n]) for n in range(ALONE)]
    return Run(latencies_ns=[ns for run in alone for ns in run.latencies_ns])


def measure(chats: int) -> Runs:
    """(alone, bursts) for each kind of bot, in KINDS order. Both bots run at once, each
    polling its own fake server, and their rounds of everyone at once take turns: a change
    in the machine's load (it is shared) falls on both bots' figures, not on one."""
    with contextlib.ExitStack() as stack:
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        apis = {kind: stack.enter_context(BenchBotApi()) for kind in KINDS}
        bots = {kind: stack.enter_context(start(apis[kind], kind, tmp)) for kind in KINDS}
        alone = {kind: warmed_up(apis[kind], bot, kind) for kind, bot in bots.items()}
        bursts: dict[str, list[Run]] = {kind: [] for kind in KINDS}
        for n in range(ROUNDS):
            for kind, bot in bots.items():
                first = FIRST_CHAT * (1 + list(KINDS).index(kind)) + n * chats
                bursts[kind].append(drive(apis[kind], bot, kind, range(first, first + chats)))
        for kind, bot in bots.items():
            status = bot.stop()
            if status != 0:
                raise RuntimeError(f"{kind} bot: exit status {status}\n{bot.stderr()}")
        for api in apis.values():
            if api.invalid_requests:  # a reply Telegram would refuse (bad HTML, say)
                bad = api.invalid_requests[0]
                raise RuntimeError(f"the fake server refused {bad.method}: {bad.error}")
    return {kind: (alone[kind], bursts[kind]) for kind in KINDS}


def start(api: BenchBotApi, kind: str, workdir: Path) -> BotProcess:
    env = {"BENCH_API_URL": api.base_url, "BENCH_TOKEN": api.token}
    return BotProcess(kind, workdir, BENCH_DB=str(workdir / f"{kind}.sqlite3"), **env)


def median_of(figure: Callable[[Run], float]) -> Callable[[Run, list[Run]], float]:
    """A figure of everyone at once: its median over the rounds."""
    return lambda _, bursts: statistics.median(figure(run) for run in bursts)


Metric = Callable[[Run, list[Run]], float]  # of (people one at a time, rounds of everyone)
METRICS: list[tuple[str, Metric, str]] = [
    ("one person at a time: latency p50, ms", lambda alone, _: alone.latency_ms(50), "{:.2f}"),
    ("everyone at once: latency p50, ms", median_of(lambda run: run.latency_ms(50)), "{:.1f}"),
    ("everyone at once: updates per second", median_of(lambda run: run.per_second), "{:,.0f}"),
    ("bot CPU per update, ms", median_of(lambda run: run.cpu_per_update_ms), "{:.2f}"),
]
CPU_PER_UPDATE = METRICS[3][1]


def ratio(runs: Runs, metric: Metric) -> float:
    return metric(*runs["ours"]) / metric(*runs["echo"])


def section(runs: Runs, chats: int) -> Section:
    rows = [
        (
            name,
            fmt.format(get(*runs["ours"])),
            fmt.format(get(*runs["echo"])),
            f"**{ratio(runs, get):.2f}×**",
        )
        for name, get, fmt in METRICS
    ]
    busy = max(run.driver_cpu / run.seconds for _, bursts in runs.values() for run in bursts)
    pace = "the bots, not the fake server, set the pace."
    if busy > 0.9:
        pace = "near its limit, so the faster bot's figures are partly the server's."
    return Section(
        title="Full stack: our bot / a bare python-telegram-bot echo bot",
        header=("measure", *KINDS.values(), "ours / echo"),
        rows=rows,
        note=(
            f"{chats:,} people, each a whole conversation of {len(conversation(0))} updates "
            "(button presses, typed dates and money, the summary). Ours runs as built, with a "
            "SQLite store, the 30 messages/s flood limit lifted. The echo bot replies to text "
            "with the same text and answers presses: one Bot API call per update where ours "
            "makes two or three, so the ratios are the whole price of our bot over the least a "
            "PTB bot can do. Both poll, concurrent_updates(64), after a warm-up conversation; "
            f"{ALONE} conversations one at a time, then everyone at once (where latency is "
            f"mostly queueing), {ROUNDS} rounds, the bots taking turns (so a change in the "
            "machine's load falls on both): each figure of everyone at once is the median of "
            "the rounds."
        ),
        after=[
            f"**Ours / echo: latency {ratio(runs, METRICS[0][1]):.2f}× (one person at a "
            f"time, p50), throughput {ratio(runs, METRICS[2][1]):.0%}.** The fake server and "
            f"the people (one process) kept at most {busy:.0%} of a core busy: {pace}"
        ],
    )
