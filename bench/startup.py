"""Start-up: from launching `python -m bot` to the fake Bot API receiving its first
getUpdates (the bot is answering from then on)."""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench.fake_api import BenchBotApi
from bench.proc import STOP_TIMEOUT, child_env, wait_until
from bench.report import Section, Target, fmt_ms

RUNS = 5
TARGET_SECONDS = 2.0
TIMEOUT = 30.0


def launch(
    api: BenchBotApi,
    workdir: Path,
    argv: list[str],
    while_up: Callable[[int], int] | None = None,
) -> tuple[dict[str, float], int]:
    """Start the bot (`argv`, with a token for the fake Bot API and a SQLite store in
    `workdir`) and stop it once it polls: milliseconds from launch to the first call of
    each Bot API method, and what `while_up(pid)` measured before the stop (0 without)."""
    api.first_call_ns.clear()
    env = child_env(
        TELEGRAM_BOT_TOKEN=api.token,
        TELEGRAM_API_BASE_URL=api.base_url,
        STORAGE_URL=f"sqlite:///{workdir / 'sessions.sqlite3'}",
        LOG_LEVEL="WARNING",
    )
    started = time.monotonic_ns()
    measured = 0
    process = subprocess.Popen(
        argv,
        env=env,
        cwd=workdir,  # no stray .env
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        wait_until(
            lambda: "getupdates" in api.first_call_ns or process.poll() is not None,
            TIMEOUT,
            "the first getUpdates",
        )
        if "getupdates" in api.first_call_ns and while_up is not None:
            measured = while_up(process.pid)
    finally:
        process.terminate()
        try:
            _, stderr = process.communicate(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            process.kill()
            _, stderr = process.communicate(timeout=STOP_TIMEOUT)
    if "getupdates" not in api.first_call_ns:
        raise RuntimeError(f"the bot never polled:\n{stderr.decode()[-3000:]}")
    return {m: (ns - started) / 1e6 for m, ns in api.first_call_ns.items()}, measured


def _one(api: BenchBotApi, workdir: Path) -> dict[str, float]:
    """Milliseconds from launch to the first getMe, and to the first getUpdates."""
    first_calls, _ = launch(api, workdir, [sys.executable, "-m", "bot"])
    return {method: first_calls[method] for method in ("getme", "getupdates")}


def _interpreter_ms() -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], check=True, timeout=TIMEOUT)
    return (time.perf_counter() - started) * 1e3


def _import_ms() -> float:
    code = (
        "import time; t = time.perf_counter(); import bot.telegram_app; "
        "print(time.perf_counter() - t)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        env=child_env(),
        capture_output=True,
        text=True,
        check=True,
        timeout=TIMEOUT,
    )
    return float(done.stdout) * 1e3


def measure() -> tuple[list[Section], list[Target]]:
    with tempfile.TemporaryDirectory() as tmp, BenchBotApi() as api:
        runs = [_one(api, Path(tmp)) for _ in range(RUNS)]
    polls = sorted(run["getupdates"] for run in runs)
    first = statistics.median(run["getme"] for run in runs)
    median = statistics.median(polls)
    interpreter = statistics.median(_interpreter_ms() for _ in range(3))
    imports = statistics.median(_import_ms() for _ in range(3))
    section = Section(
        title="Start-up",
        rows=[
            ("launch → first getUpdates, median", fmt_ms(median)),
            ("launch → first getUpdates, slowest", fmt_ms(polls[-1])),
            ("launch → first Bot API request (getMe)", fmt_ms(first)),
            ("of which: bare interpreter start (`python -c pass`)", fmt_ms(interpreter)),
            ("of which: `import bot.telegram_app`", fmt_ms(imports)),
        ],
        note=(
            f"`python -m bot` launched {RUNS} times with a token, TELEGRAM_API_BASE_URL at the "
            "fake Bot API and a SQLite STORAGE_URL in a temporary directory. Between getMe "
            "and getUpdates: setMyCommands, the descriptions and deleteWebhook."
        ),
    )
    target = Target("Start-up < 2 s (to first getUpdates)", fmt_ms(median), median < 2_000)
    return [section], [target]
