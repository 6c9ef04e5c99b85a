"""Memory with many stored people: a SQLite store holding 10,000 finished conversations
(played through `dialogs.step`), our bot started on it, and a few hundred of those people
coming back (welcome back, their summary, a what-if with a new leaving date)."""

from __future__ import annotations

import asyncio
import tempfile
import time
from pathlib import Path

from bench.fake_api import BenchBotApi
from bench.full_stack import Driver
from bench.proc import BotProcess
from bench.report import Section, Target
from bench.script import VARIANTS, Say, Step, play
from bot.store import SqliteStore

STORED = 10_000
RETURNING = 200
TARGET_MB = 150
FIRST_CHAT = 70_000_000
RETURN_SCRIPT: list[Step] = [
    Say("/start"),
    Say("/summary"),
    Say("what if I leave in 6 months?"),
]


async def _fill(path: Path) -> None:
    finished = [play(variant)[1] for variant in range(VARIANTS)]
    store = SqliteStore(path)
    try:
        for n in range(STORED):
            session = finished[n % VARIANTS]
            # As the bot stores it: with the Telegram update ids it applied.
            seen = list(range(n * 100, n * 100 + 17))
            session = session.model_copy(update={"recent_update_ids": seen})
            if not await store.save(FIRST_CHAT + n, session, None):
                raise RuntimeError("could not store a session")
    finally:
        await store.close()


def measure() -> tuple[list[Section], list[Target]]:
    with tempfile.TemporaryDirectory() as tmp, BenchBotApi() as api:
        workdir = Path(tmp)
        db = workdir / "sessions.sqlite3"
        started = time.perf_counter()
        asyncio.run(_fill(db))
        fill_seconds = time.perf_counter() - started
        env = {
            "BENCH_API_URL": api.base_url,
            "BENCH_TOKEN": api.token,
            "BENCH_UNLIMITED": "1",
            "BENCH_DB": str(db),
        }
        with BotProcess("ours", workdir, **env) as bot:
            idle = bot.memory_kib()
            chats = list(range(FIRST_CHAT, FIRST_CHAT + RETURNING))
            driver = Driver(api, "ours", chats, [list(RETURN_SCRIPT) for _ in chats])
            t0 = time.perf_counter()
            driver.run(bot)
            seconds = time.perf_counter() - t0
            after = bot.memory_kib()
            status = bot.stop()
            if status != 0 or bot.errors:
                raise RuntimeError(f"bot: exit {status}, {bot.errors} errors\n{bot.stderr()}")
        for chat_id in chats:
            texts = [m["text"] for m in api.chat_messages(chat_id)]
            if not any(text.startswith("📋") for text in texts):
                raise RuntimeError(f"returning chat {chat_id} got no summary")
        size_mb = (
            db.stat().st_size / 1e6
            + sum(p.stat().st_size for p in workdir.glob("sessions.sqlite3-*")) / 1e6
        )
    peak_mb = after["VmHWM"] / 1024
    section = Section(
        title=f"Memory with {STORED:,} stored sessions",
        rows=[
            ("RSS after start-up, idle", f"{idle['VmRSS'] / 1024:.0f} MB"),
            (
                f"peak RSS after {RETURNING} returning people "
                f"({RETURNING * len(RETURN_SCRIPT)} updates)",
                f"{peak_mb:.0f} MB",
            ),
            ("RSS at the end", f"{after['VmRSS'] / 1024:.0f} MB"),
            ("SQLite file (with WAL)", f"{size_mb:.1f} MB"),
            ("returning people: updates per second", f"{driver.handled / seconds:,.0f}"),
            ("filling the store (10,000 saves)", f"{fill_seconds:.1f} s"),
        ],
        note=(
            f"{STORED:,} finished conversations ({VARIANTS} played through `dialogs.step`, "
            f"stored under {STORED:,} chat ids), then our bot (`build_application`, SQLite) "
            f"started on that file and {RETURNING} of those people each sent /start, "
            '/summary and a what-if ("what if I leave in 6 months?", read by dateparser), '
            "all at once. "
            "Sessions are read per update, never all loaded: RSS does not grow with the "
            "number stored."
        ),
    )
    target = Target(
        f"RSS < {TARGET_MB} MB with {STORED:,} stored sessions",
        f"{peak_mb:.0f} MB",
        peak_mb < TARGET_MB,
    )
    return [section], [target]
